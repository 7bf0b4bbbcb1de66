"""Hair styles in head units (head centre at 0,0, height 1, facing +x): a part behind the head and one on top."""

from __future__ import annotations

import skia

from models.image.colours import fill, shade, stroke


def _scalp(w: float, grow: float) -> skia.Path:
    """The head outline grown by `grow`, fuller on top where hair has volume."""
    return skia.Path().addOval(skia.Rect(-w / 2 - grow, -0.5 - grow * 1.7, w / 2 + grow, 0.45 + grow * 0.3))


def _above(points: list[tuple[float, float]]) -> skia.Path:
    """Region above a hairline given as points from the left side to the right side of the head."""
    path = skia.Path()
    path.moveTo(-2, points[0][1])
    path.lineTo(*points[0])
    rest = points[1:]
    # Pairs of (control, end) make the curve; an odd last point is a straight run to the side.
    for i in range(0, len(rest) - 1, 2):
        path.quadTo(rest[i][0], rest[i][1], rest[i + 1][0], rest[i + 1][1])
    if len(rest) % 2:
        path.lineTo(*rest[-1])
    path.lineTo(2, points[-1][1])
    path.lineTo(2, -2)
    path.lineTo(-2, -2)
    path.close()
    return path


def _cap(w: float, grow: float, hairline: list[tuple[float, float]]) -> skia.Path:
    return skia.Op(_scalp(w, grow), _above(hairline), skia.PathOp.kIntersect_PathOp) or skia.Path()


def _fringe_line(w: float, style: str) -> list[tuple[float, float]]:
    # Points alternate line/quad control so each hairline reads as a soft curve.
    h = w / 2
    return {
        "short": [
            (-h - 0.1, 0.02),
            (-h + 0.02, 0.0),
            (-h + 0.1, -0.25),
            (0.0, -0.36),
            (h - 0.08, -0.3),
            (h + 0.1, -0.2),
        ],
        "crew": [
            (-h - 0.1, -0.02),
            (-h + 0.02, -0.05),
            (-h + 0.1, -0.3),
            (0.0, -0.4),
            (h - 0.08, -0.32),
            (h + 0.1, -0.12),
        ],
        "side_part": [
            (-h - 0.1, 0.02),
            (-h + 0.02, 0.0),
            (-h + 0.05, -0.3),
            (-0.02, -0.45),
            (h - 0.02, -0.2),
            (h + 0.1, -0.05),
        ],
        "messy": [
            (-h - 0.1, 0.04),
            (-h + 0.02, 0.0),
            (-h + 0.12, -0.2),
            (0.02, -0.3),
            (h - 0.1, -0.18),
            (h + 0.1, -0.02),
        ],
        "curly": [
            (-h - 0.1, 0.08),
            (-h + 0.02, 0.05),
            (-h + 0.1, -0.28),
            (0.0, -0.32),
            (h - 0.1, -0.26),
            (h + 0.1, -0.02),
        ],
        "parted": [
            (-h - 0.1, 0.3),
            (-h + 0.03, 0.2),
            (-h + 0.12, -0.3),
            (0.04, -0.38),
            (h - 0.08, -0.3),
            (h + 0.1, 0.2),
        ],
        "bangs": [
            (-h - 0.1, 0.25),
            (-h + 0.03, 0.18),
            (-h + 0.06, -0.2),
            (0.0, -0.2),
            (h - 0.05, -0.2),
            (h + 0.1, 0.15),
        ],
        "pulled": [
            (-h - 0.1, 0.02),
            (-h + 0.03, -0.02),
            (-h + 0.1, -0.3),
            (0.04, -0.4),
            (h - 0.08, -0.32),
            (h + 0.1, -0.06),
        ],
    }[style]


FRONT_OF = {
    "short": ("short", 0.05),
    "crew": ("crew", 0.025),
    "side_part": ("side_part", 0.07),
    "messy": ("messy", 0.08),
    "curly": ("curly", 0.09),
    "long": ("parted", 0.06),
    "bob": ("bangs", 0.07),
    "bun": ("pulled", 0.045),
    "ponytail": ("pulled", 0.05),
    "braid": ("pulled", 0.045),
    "pigtails": ("bangs", 0.06),
}


def draw_hair_back(canvas: skia.Canvas, style: str, colour: str, w: float, body_drop: float) -> None:
    """Hair that sits behind the head (and behind the shoulders for long styles); `body_drop` is
    how far below the head centre the shoulders are, so long hair reaches them at any age."""
    paint = fill(shade(colour, -0.12))
    if style == "long":
        canvas.drawRoundRect(skia.Rect(-w / 2 - 0.1, -0.55, w / 2 + 0.1, body_drop + 0.55), 0.3, 0.3, paint)
    elif style == "bob":
        canvas.drawRoundRect(skia.Rect(-w / 2 - 0.1, -0.55, w / 2 + 0.1, 0.42), 0.28, 0.28, paint)
    elif style == "bun":
        canvas.drawCircle(-0.12, -0.58, 0.2, paint)
        canvas.drawCircle(-0.12, -0.58, 0.12, stroke(shade(colour, -0.3), 0.02))
    elif style == "ponytail":
        tail = skia.Path()
        tail.moveTo(-w / 2 + 0.05, -0.35)
        tail.cubicTo(-w / 2 - 0.35, -0.3, -w / 2 - 0.25, 0.4, -w / 2 - 0.05, body_drop + 0.15)
        tail.cubicTo(-w / 2 + 0.05, 0.3, -w / 2 + 0.05, 0.0, -w / 2 + 0.2, -0.3)
        tail.close()
        canvas.drawPath(tail, paint)
    elif style == "braid":
        for i in range(7):
            t = i / 6
            canvas.drawOval(skia.Rect.MakeXYWH(-w / 2 - 0.02 - 0.1 * t, 0.05 + t * (body_drop + 0.5), 0.2, 0.22), paint)
        canvas.drawCircle(-w / 2 - 0.02, body_drop + 0.75, 0.05, fill("#d63a3a"))
    elif style == "pigtails":
        for side in (-1, 1):
            canvas.drawOval(skia.Rect.MakeXYWH(side * (w / 2 + 0.08) - 0.12, -0.15, 0.24, 0.42), paint)
            canvas.drawCircle(side * (w / 2 + 0.02), -0.14, 0.05, fill("#e0457b"))
    elif style == "curly":
        canvas.drawPath(_scalp(w, 0.08), paint)


def draw_hair_front(canvas: skia.Canvas, style: str, colour: str, w: float) -> None:
    """Hair over the top of the head and the fringe; balding keeps only the sides."""
    if style == "bald":
        return
    paint = fill(colour)
    if style == "balding":
        for side in (-1, 1):
            side_rect = skia.Path().addRect(skia.Rect(side * w / 2 - 0.12, -0.22, side * w / 2 + 0.12, 0.08))
            patch = skia.Op(_scalp(w, 0.04), side_rect, skia.PathOp.kIntersect_PathOp)
            if patch:
                canvas.drawPath(patch, paint)
        return
    line, grow = FRONT_OF.get(style, ("short", 0.05))
    cap = _cap(w, grow, _fringe_line(w, line))
    canvas.drawPath(cap, paint)
    shine = stroke(shade(colour, 0.25), 0.025, alpha=0.7)
    arc = skia.Path()
    arc.moveTo(-0.05, -0.55 - grow)
    arc.quadTo(0.15, -0.56 - grow, 0.24, -0.46 - grow * 0.7)
    canvas.drawPath(arc, shine)
    if style == "messy":
        spikes = skia.Path()
        for i, x in enumerate((-0.25, -0.08, 0.1, 0.26)):
            spikes.moveTo(x - 0.09, -0.45 - grow)
            spikes.lineTo(x + 0.04, -0.62 - grow - 0.03 * (i % 2))
            spikes.lineTo(x + 0.09, -0.43 - grow)
        canvas.drawPath(spikes, paint)
    if style == "curly":
        for i in range(9):
            t = i / 8
            x = -w / 2 - 0.04 + t * (w + 0.08)
            y = -0.18 - 0.42 * (1 - (2 * t - 1) ** 2)
            canvas.drawCircle(x, y, 0.09, paint)
