"""Plates with a place of worship: a temple court (shikhara, church or dome by the words) and a river ghat."""

from __future__ import annotations

import skia

from models.image import props
from models.image.colours import fill, mix, shade, stroke, vertical_gradient
from models.image.exteriors import hills, tree
from models.image.plate import Plate

STONE = "#d9b98c"


def _shikhara(canvas: skia.Canvas, x: float, base: float, width: float, height: float, colour: str) -> None:
    """A north-Indian temple tower: a curved spire with ridges, a ribbed amalaka, a finial and a flag."""
    spire = skia.Path()
    spire.moveTo(x - width / 2, base)
    spire.cubicTo(x - width * 0.5, base - height * 0.6, x - width * 0.2, base - height * 0.95, x, base - height)
    spire.cubicTo(x + width * 0.2, base - height * 0.95, x + width * 0.5, base - height * 0.6, x + width / 2, base)
    spire.close()
    canvas.drawPath(spire, fill(colour))
    canvas.save()
    canvas.clipPath(spire, doAntiAlias=True)
    for k in range(1, 8):
        y = base - height * k / 8
        canvas.drawLine(x - width, y, x + width, y, stroke(shade(colour, -0.18), height * 0.012))
    canvas.drawRect(skia.Rect(x + width * 0.12, base - height, x + width, base), fill("#000000", 0.12))
    canvas.restore()
    top = base - height
    canvas.drawOval(
        skia.Rect(x - width * 0.16, top - height * 0.05, x + width * 0.16, top + height * 0.02),
        fill(shade(colour, -0.1)),
    )
    canvas.drawCircle(x, top - height * 0.08, width * 0.05, fill("#e2b53a"))
    canvas.drawLine(x, top - height * 0.08, x, top - height * 0.3, stroke("#5a4030", height * 0.012))
    flag = skia.Path()
    flag.moveTo(x, top - height * 0.3)
    flag.lineTo(x + width * 0.3, top - height * 0.25)
    flag.lineTo(x, top - height * 0.2)
    flag.close()
    canvas.drawPath(flag, fill("#f28c18"))


def _church(canvas: skia.Canvas, x: float, base: float, width: float, height: float) -> None:
    canvas.drawRect(skia.Rect(x - width / 2, base - height * 0.55, x + width / 2, base), fill("#cdbfa8"))
    gable = skia.Path()
    gable.moveTo(x - width / 2 - 10, base - height * 0.55)
    gable.lineTo(x, base - height * 0.8)
    gable.lineTo(x + width / 2 + 10, base - height * 0.55)
    gable.close()
    canvas.drawPath(gable, fill("#8a4b3a"))
    canvas.drawRect(
        skia.Rect(x - width * 0.12, base - height * 1.05, x + width * 0.12, base - height * 0.55), fill("#d8ccb6")
    )
    spire = skia.Path()
    spire.moveTo(x - width * 0.14, base - height * 1.05)
    spire.lineTo(x, base - height * 1.4)
    spire.lineTo(x + width * 0.14, base - height * 1.05)
    spire.close()
    canvas.drawPath(spire, fill("#6f5a52"))
    canvas.drawLine(x, base - height * 1.4, x, base - height * 1.52, stroke("#e2b53a", width * 0.015))
    canvas.drawLine(
        x - width * 0.04, base - height * 1.47, x + width * 0.04, base - height * 1.47, stroke("#e2b53a", width * 0.015)
    )
    rose = skia.Point(x, base - height * 0.42)
    canvas.drawCircle(rose.x(), rose.y(), width * 0.09, fill("#5a6fa8"))


def _dome(canvas: skia.Canvas, x: float, base: float, width: float, height: float) -> None:
    canvas.drawRect(skia.Rect(x - width / 2, base - height * 0.5, x + width / 2, base), fill("#efe6d4"))
    canvas.drawArc(
        skia.Rect(x - width * 0.3, base - height * 0.95, x + width * 0.3, base - height * 0.35),
        180,
        180,
        True,
        fill("#3f8f8a"),
    )
    for side in (-1, 1):
        mx = x + side * width * 0.6
        canvas.drawRect(skia.Rect(mx - width * 0.04, base - height * 1.2, mx + width * 0.04, base), fill("#efe6d4"))
        canvas.drawArc(
            skia.Rect(mx - width * 0.05, base - height * 1.28, mx + width * 0.05, base - height * 1.16),
            180,
            180,
            True,
            fill("#3f8f8a"),
        )
    canvas.drawCircle(x, base - height * 1.0, width * 0.02, fill("#e2b53a"))


def paint_temple(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    hills(canvas, plate, horizon, 70 * u, mix("#6f9a7a", plate.lighting.haze, 0.45), 1.7)
    base = h * 0.74
    canvas.drawRect(skia.Rect(0, base, w, h), vertical_gradient("#cbb08a", "#b39470", base, h))
    for i in range(1, 6):
        y = base + (h - base) * (i / 6) ** 1.4
        canvas.drawLine(0, y, w, y, stroke("#a88a66", 2 * u, alpha=0.6))
    cx, tw = w * 0.5, min(w * 0.62, 560 * u)
    for i, x in enumerate((w * 0.05, w * 0.95)):
        tree(canvas, x, base + 10 * u, 300 * u, "#3a8f45" if i else "#2f7f3c")
    words = plate.words
    if words & {"church", "chapel", "cathedral"}:
        _church(canvas, cx, base, tw * 0.8, 330 * u)
        return
    if words & {"mosque"} or plate.culture == "middle_eastern":
        _dome(canvas, cx, base, tw * 0.7, 330 * u)
        return
    roof_y = base - 210 * u
    _shikhara(canvas, cx, roof_y + 10 * u, tw * 0.4, 240 * u, "#e0a96d")
    canvas.drawRect(skia.Rect(cx - tw / 2, roof_y - 30 * u, cx + tw / 2, roof_y + 8 * u), fill("#c98f55"))
    canvas.drawRect(skia.Rect(cx - tw / 2 + 30 * u, roof_y, cx + tw / 2 - 30 * u, base - 40 * u), fill("#5a3b2a"))
    plate.glow(cx, base - 120 * u, 120 * u, "#ffb347", 0.5 if plate.lighting.lights_on else 0.25)
    pillars = 6
    for k in range(pillars):
        px = cx - tw / 2 + 40 * u + k * (tw - 80 * u) / (pillars - 1)
        canvas.drawRect(skia.Rect(px - 13 * u, roof_y + 8 * u, px + 13 * u, base - 40 * u), fill("#ead2a8"))
        canvas.drawRect(skia.Rect(px - 18 * u, roof_y + 8 * u, px + 18 * u, roof_y + 22 * u), fill(STONE))
    for step in range(3):
        canvas.drawRect(
            skia.Rect(
                cx - tw / 2 - 20 * u * step,
                base - 40 * u + step * 14 * u,
                cx + tw / 2 + 20 * u * step,
                base - 26 * u + step * 14 * u,
            ),
            fill(shade(STONE, -0.05 * step)),
        )
    canvas.drawLine(cx, roof_y + 8 * u, cx, roof_y + 60 * u, stroke("#8a6a3a", 2 * u))
    bell = skia.Path()
    bell.moveTo(cx - 16 * u, roof_y + 90 * u)
    bell.quadTo(cx - 14 * u, roof_y + 60 * u, cx, roof_y + 58 * u)
    bell.quadTo(cx + 14 * u, roof_y + 60 * u, cx + 16 * u, roof_y + 90 * u)
    bell.close()
    canvas.drawPath(bell, fill("#d9a62b"))
    props.garland(canvas, cx - tw / 2 + 20 * u, cx + tw / 2 - 20 * u, roof_y + 10 * u, 22 * u, u, loops=5)
    for k in range(7):
        props.diya(canvas, plate, cx - tw / 2 + k * tw / 6, base - 40 * u, u * 0.8)


def paint_ghat(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u, light, rng = plate.width, plate.height, plate.unit, plate.lighting, plate.rng
    horizon = plate.horizon_y
    canvas.drawRect(skia.Rect(0, horizon - 14 * u, w, horizon + 4 * u), fill(mix("#5f7f6a", light.haze, 0.5)))
    for i in range(16):
        x = w * i / 15
        canvas.drawCircle(x, horizon - 14 * u, rng.uniform(10, 22) * u, fill(mix("#5f7f6a", light.haze, 0.5)))
    river_bottom = h * 0.7
    canvas.drawRect(
        skia.Rect(0, horizon, w, river_bottom),
        vertical_gradient(mix(light.water, light.haze, 0.4), light.water, horizon, river_bottom),
    )
    for _i in range(16):
        y = horizon + (river_bottom - horizon) * rng.random()
        x = rng.uniform(0, w)
        canvas.drawLine(x, y, x + rng.uniform(20, 70) * u, y, stroke("#ffffff", 2 * u, alpha=0.35))
    for bx in (w * 0.56, w * 0.8):
        by = horizon + (river_bottom - horizon) * 0.45
        hull = skia.Path()
        hull.moveTo(bx - 70 * u, by - 12 * u)
        hull.quadTo(bx, by + 22 * u, bx + 70 * u, by - 12 * u)
        hull.lineTo(bx + 56 * u, by)
        hull.lineTo(bx - 56 * u, by)
        hull.close()
        canvas.drawPath(hull, fill("#5a3018"))
        canvas.drawArc(skia.Rect(bx - 30 * u, by - 42 * u, bx + 30 * u, by - 2 * u), 180, 180, True, fill("#c9743a"))
    bank_w = w * (0.28 if not plate.portrait else 0.4)
    for k, (bw, bh, colour) in enumerate(((0.55, 260, "#e3c49a"), (0.45, 200, "#d9a77a"))):
        x0 = bank_w * (0.5 * k)
        canvas.drawRect(skia.Rect(x0, river_bottom - bh * u, x0 + bank_w * bw, river_bottom), fill(colour))
        for row in range(3):
            for col in range(2):
                wx = x0 + 20 * u + col * 50 * u
                wy = river_bottom - bh * u + 30 * u + row * 60 * u
                canvas.drawArc(skia.Rect(wx, wy, wx + 28 * u, wy + 40 * u), 180, 180, True, fill("#5a3b2a"))
                canvas.drawRect(skia.Rect(wx, wy + 20 * u, wx + 28 * u, wy + 42 * u), fill("#5a3b2a"))
                if rng.random() < 0.5:
                    plate.window(wx, wy + 20 * u, 28 * u, 22 * u)
    _shikhara(canvas, bank_w * 0.25, river_bottom - 260 * u, 90 * u, 150 * u, "#e0a96d")
    steps = 6
    for k in range(steps):
        y0 = river_bottom + (h * 0.82 - river_bottom) * k / steps
        y1 = river_bottom + (h * 0.82 - river_bottom) * (k + 1) / steps
        canvas.drawRect(skia.Rect(0, y0, w, y1), fill(shade(STONE, -0.35 + 0.04 * k)))
        canvas.drawRect(skia.Rect(0, y0, w, y0 + (y1 - y0) * 0.4), fill(shade(STONE, 0.04 * k - 0.08)))
    canvas.drawRect(skia.Rect(0, h * 0.82, w, h), vertical_gradient(STONE, shade(STONE, -0.1), h * 0.82, h))
    ux = w * 0.95
    canvas.drawLine(ux, h * 0.84, ux, h * 0.84 - 170 * u, stroke("#6b4a2f", 6 * u))
    canvas.drawArc(
        skia.Rect(ux - 90 * u, h * 0.84 - 210 * u, ux + 90 * u, h * 0.84 - 130 * u), 180, 180, True, fill("#c9a24a")
    )
    for k in range(7):
        x = ux - 90 * u + k * 30 * u
        canvas.drawLine(ux, h * 0.84 - 170 * u, x, h * 0.84 - 170 * u, stroke("#9a7a32", 2 * u))
    if light.lights_on:
        for _ in range(10):
            x, y = rng.uniform(0.3 * w, w), rng.uniform(horizon + 10 * u, river_bottom - 10 * u)
            canvas.drawOval(skia.Rect(x - 6 * u, y - 2 * u, x + 6 * u, y + 3 * u), fill("#b5562b"))
            plate.glow(x, y - 3 * u, 24 * u, "#ffb347", 0.9)
    for k in range(4):
        props.diya(canvas, plate, w * (0.35 + 0.1 * k), h * 0.82 + 10 * u, u * 0.8)
