"""Mouth shapes for each viseme, drawn in head units around the mouth centre."""

from __future__ import annotations

import skia

from models.image.colours import fill, mix, shade, stroke
from models.image.expressions import draw_rest_mouth

INSIDE = "#5a1c24"
TONGUE = "#d66a78"
TEETH = "#fbfaf6"

# Half-width and height of the opening per viseme; closed shapes have no opening.
OPENINGS: dict[str, tuple[float, float]] = {
    "A": (0.105, 0.17),
    "E": (0.125, 0.085),
    "I": (0.095, 0.1),
    "O": (0.07, 0.15),
    "U": (0.04, 0.075),
    "WQ": (0.05, 0.095),
    "L": (0.09, 0.12),
    "etc": (0.09, 0.055),
}
MOUTH_HALF_WIDTH = 0.14  # the widest mouth (E) plus its lip line: boxes are sized from this
MOUTH_DEPTH = (0.085, 0.16)  # how far above and below the centre any shape reaches


def lip_colour(skin: str) -> str:
    return shade(mix(skin, "#b5485a", 0.45), -0.2)


def _opening(half_w: float, height: float, round_shape: bool) -> skia.Path:
    path = skia.Path()
    if round_shape:
        return path.addOval(skia.Rect(-half_w, -height * 0.35, half_w, height * 0.65))
    path.moveTo(-half_w, 0)
    path.quadTo(0, -height * 0.3, half_w, 0)
    path.cubicTo(half_w * 0.9, height * 0.9, -half_w * 0.9, height * 0.9, -half_w, 0)
    path.close()
    return path


def draw_mouth(canvas: skia.Canvas, viseme: str, skin: str, expression: str = "neutral") -> None:
    """Draw one viseme with the canvas origin at the mouth centre (head units, facing +x).

    The resting mouth follows the expression (a smile, a frown...); speaking shapes do not.
    """
    lip = lip_colour(skin)
    line = stroke(lip, 0.024)
    if viseme == "rest" and draw_rest_mouth(canvas, expression, lip, line):
        return
    if viseme == "rest":
        path = skia.Path()
        path.moveTo(-0.085, -0.005)
        path.quadTo(0, 0.035, 0.085, -0.005)
        canvas.drawPath(path, line)
        return
    if viseme == "MBP":
        path = skia.Path()
        path.moveTo(-0.08, 0.0)
        path.quadTo(0, 0.012, 0.08, 0.0)
        canvas.drawPath(path, stroke(lip, 0.034))
        lower = skia.Path()
        lower.moveTo(-0.045, 0.035)
        lower.quadTo(0, 0.055, 0.045, 0.035)
        canvas.drawPath(lower, stroke(shade(skin, -0.12), 0.018))
        return
    if viseme == "FV":
        lower = skia.Path()
        lower.moveTo(-0.09, 0.01)
        lower.quadTo(0, 0.1, 0.09, 0.01)
        lower.quadTo(0, 0.05, -0.09, 0.01)
        canvas.drawPath(lower, fill(shade(lip, 0.15)))
        canvas.drawRoundRect(skia.Rect(-0.07, -0.015, 0.07, 0.035), 0.015, 0.015, fill(TEETH))
        top = skia.Path()
        top.moveTo(-0.09, -0.01)
        top.quadTo(0, -0.035, 0.09, -0.01)
        canvas.drawPath(top, line)
        return
    half_w, height = OPENINGS.get(viseme, OPENINGS["etc"])
    round_shape = viseme in ("O", "U", "WQ")
    opening = _opening(half_w, height, round_shape)
    canvas.drawPath(opening, fill(INSIDE))
    canvas.save()
    canvas.clipPath(opening, doAntiAlias=True)
    top = -height * 0.35 if round_shape else -height * 0.3
    if viseme in ("A", "E", "I", "etc", "L"):
        canvas.drawRect(skia.Rect(-half_w, top - 0.05, half_w, top + height * 0.32 + 0.01), fill(TEETH))
    if viseme == "E":
        canvas.drawRect(skia.Rect(-half_w, height * 0.5, half_w, height), fill(TEETH))
    if viseme in ("A", "O", "I"):
        canvas.drawOval(skia.Rect(-half_w * 0.7, height * 0.35, half_w * 0.7, height * 1.0), fill(TONGUE))
    if viseme == "L":
        canvas.drawOval(skia.Rect(-half_w * 0.45, 0.0, half_w * 0.45, height * 0.9), fill(TONGUE))
    canvas.restore()
    rim = 0.034 if viseme in ("U", "WQ") else 0.026 if viseme == "O" else 0.02
    canvas.drawPath(opening, stroke(lip, rim))
