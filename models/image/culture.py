"""Culture-aware set dressing added to any plate: what hangs overhead and lies on the floor.

Indian: marigold torans and diyas (rangoli and temple bells live in the home and temple plates);
Middle Eastern: brass lanterns and a patterned rug; East Asian: red paper lanterns and a shoji
screen; Western: festival bunting on streets. Archetypes that already carry their culture's props
(home, temple, ghat) are left as their painters made them.
"""

from __future__ import annotations

import math

import skia

from models.image import props
from models.image.colours import fill, stroke
from models.image.plate import Plate

INTERIORS = {"home", "interior", "office", "classroom", "lighthouse"}


def _string(canvas: skia.Canvas, plate: Plate, y: float, sag: float) -> list[tuple[float, float]]:
    """Draw a sagging line across the frame; returns evenly spaced hanging points on it."""
    w, u = plate.width, plate.unit
    path = skia.Path()
    path.moveTo(0, y)
    path.quadTo(w / 2, y + sag * 2, w, y)
    canvas.drawPath(path, stroke("#2a2a2e", 2 * u))
    count = max(3, int(w / (160 * u)))
    points = []
    for k in range(count):
        t = (k + 0.5) / count
        points.append((w * t, y + sag * 2 * 2 * t * (1 - t)))  # the quad's y at t, exact for a symmetric curve
    return points


def _brass_lantern(canvas: skia.Canvas, plate: Plate, x: float, y: float, u: float) -> None:
    canvas.drawLine(x, y, x, y + 14 * u, stroke("#2a2a2e", 2 * u))
    body = skia.Path()
    body.moveTo(x, y + 14 * u)
    body.lineTo(x + 14 * u, y + 34 * u)
    body.lineTo(x + 10 * u, y + 56 * u)
    body.lineTo(x - 10 * u, y + 56 * u)
    body.lineTo(x - 14 * u, y + 34 * u)
    body.close()
    canvas.drawPath(body, fill("#c9962e"))
    canvas.drawRect(skia.Rect(x - 6 * u, y + 30 * u, x + 6 * u, y + 50 * u), fill("#ffd978"))
    plate.glow(x, y + 40 * u, (70 if plate.lighting.lights_on else 30) * u, "#ffc861", 0.7)


def _paper_lantern(canvas: skia.Canvas, plate: Plate, x: float, y: float, u: float) -> None:
    canvas.drawLine(x, y, x, y + 10 * u, stroke("#2a2a2e", 2 * u))
    oval = skia.Rect(x - 20 * u, y + 10 * u, x + 20 * u, y + 52 * u)
    canvas.drawOval(oval, fill("#d8342c"))
    for k in (-1, 0, 1):
        canvas.drawLine(
            x - 19 * u * math.cos(k * 0.5),
            y + 31 * u + k * 12 * u,
            x + 19 * u * math.cos(k * 0.5),
            y + 31 * u + k * 12 * u,
            stroke("#a8221c", 1.5 * u),
        )
    canvas.drawRect(skia.Rect(x - 8 * u, y + 6 * u, x + 8 * u, y + 12 * u), fill("#2a2a2e"))
    canvas.drawRect(skia.Rect(x - 8 * u, y + 50 * u, x + 8 * u, y + 56 * u), fill("#2a2a2e"))
    canvas.drawLine(x, y + 56 * u, x, y + 72 * u, stroke("#f5cf2a", 2 * u))
    plate.glow(x, y + 31 * u, (75 if plate.lighting.lights_on else 25) * u, "#ff8a5a", 0.6)


def _rug(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    rug = skia.Rect(w * 0.3, h * 0.86, w * 0.7, h * 0.97)
    canvas.drawRect(rug, fill("#8a2b2b"))
    canvas.drawRect(rug.makeInset(8 * u, 5 * u), stroke("#d9a62b", 3 * u))
    for k in range(5):
        cx = rug.left() + rug.width() * (k + 0.5) / 5
        diamond = skia.Path()
        diamond.moveTo(cx, rug.top() + 10 * u)
        diamond.lineTo(cx + 16 * u, rug.centerY())
        diamond.lineTo(cx, rug.bottom() - 10 * u)
        diamond.lineTo(cx - 16 * u, rug.centerY())
        diamond.close()
        canvas.drawPath(diamond, fill("#2f5f8a"))


def _shoji(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    panel = skia.Rect(0, h * 0.1, w * 0.12, h * 0.68)
    canvas.drawRect(panel, fill("#f4eedd"))
    for k in range(1, 4):
        x = panel.left() + panel.width() * k / 4
        canvas.drawLine(x, panel.top(), x, panel.bottom(), stroke("#6b4a2f", 3 * u))
    for k in range(1, 6):
        y = panel.top() + panel.height() * k / 6
        canvas.drawLine(panel.left(), y, panel.right(), y, stroke("#6b4a2f", 3 * u))
    canvas.drawRect(panel, stroke("#4a3020", 6 * u))


def _bunting(canvas: skia.Canvas, plate: Plate) -> None:
    u = plate.unit
    colours = ["#d63a3a", "#2f6fd0", "#f5cf2a", "#3a9d4f", "#f2f2ee"]
    for k, (x, y) in enumerate(_string(canvas, plate, plate.height * 0.06, 16 * u)):
        for j in (-1, 1):
            fx = x + j * 40 * u
            flag = skia.Path()
            flag.moveTo(fx - 16 * u, y)
            flag.lineTo(fx + 16 * u, y)
            flag.lineTo(fx, y + 34 * u)
            flag.close()
            canvas.drawPath(flag, fill(colours[(2 * k + (j > 0)) % len(colours)]))


def dress(canvas: skia.Canvas, plate: Plate, archetype: str) -> None:
    """Add the culture's props to `archetype`'s plate (drawn under the time-of-day tint)."""
    culture, u = plate.culture, plate.unit
    if archetype in ("temple", "ghat"):
        return
    if culture == "middle_eastern":
        if archetype not in ("sea", "mountain"):
            for x, y in _string(canvas, plate, plate.height * 0.04, 14 * u):
                _brass_lantern(canvas, plate, x, y, u)
        if archetype in ("home", "interior"):
            _rug(canvas, plate)
    elif culture == "east_asian":
        if archetype not in ("sea", "desert"):
            for x, y in _string(canvas, plate, plate.height * 0.04, 14 * u):
                _paper_lantern(canvas, plate, x, y, u)
        if archetype in ("home", "interior", "office"):
            _shoji(canvas, plate)
    elif culture == "indian":
        if archetype not in ("home", "street"):  # those plates hang their own torans
            props.garland(canvas, plate.width * 0.05, plate.width * 0.95, plate.height * 0.04, 20 * u, u, loops=5)
        if archetype not in INTERIORS and plate.lighting.lights_on:
            for k in range(5):
                props.diya(canvas, plate, plate.width * (0.1 + 0.2 * k), plate.height * 0.97, u)
    elif culture == "western" and archetype == "street" and not plate.lighting.lights_on:
        _bunting(canvas, plate)
