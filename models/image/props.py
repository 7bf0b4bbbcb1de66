"""Set dressing shared by the plates: diyas, marigold garlands, rangoli, lamps, frames, plants, windows.

Sizes are in pixels; callers pass `u` (plate.unit) so props keep their size across frame sizes.
"""

from __future__ import annotations

import math

import skia

from models.image.colours import fill, shade, stroke
from models.image.plate import Plate


def wall_with_holes(canvas: skia.Canvas, rect: skia.Rect, holes: list[skia.Rect], paint: skia.Paint) -> None:
    """Fill `rect` except the window openings, so the sky drawn underneath shows through."""
    wall = skia.Path().addRect(rect)
    for hole in holes:
        wall = skia.Op(wall, skia.Path().addRect(hole), skia.PathOp.kDifference_PathOp) or wall
    canvas.drawPath(wall, paint)


def window_frame(canvas: skia.Canvas, r: skia.Rect, u: float, colour: str = "#f4efe6", mullions: int = 1) -> None:
    frame = stroke(colour, 9 * u, round_cap=False)
    canvas.drawRect(r, frame)
    for i in range(1, mullions + 1):
        x = r.left() + r.width() * i / (mullions + 1)
        canvas.drawLine(x, r.top(), x, r.bottom(), stroke(colour, 5 * u))
    canvas.drawLine(r.left(), r.centerY(), r.right(), r.centerY(), stroke(colour, 5 * u))
    canvas.drawRect(
        skia.Rect(r.left() - 12 * u, r.bottom(), r.right() + 12 * u, r.bottom() + 9 * u), fill(shade(colour, -0.1))
    )


def diya(canvas: skia.Canvas, plate: Plate, x: float, y: float, u: float) -> None:
    """A clay oil lamp; its flame always gets a glow (stronger when the lights are on)."""
    bowl = skia.Path()
    bowl.moveTo(x - 14 * u, y - 6 * u)
    bowl.quadTo(x, y + 10 * u, x + 14 * u, y - 6 * u)
    bowl.lineTo(x + 18 * u, y - 9 * u)
    bowl.lineTo(x - 14 * u, y - 6 * u)
    canvas.drawPath(bowl, fill("#b5562b"))
    canvas.drawLine(x - 13 * u, y - 6 * u, x + 15 * u, y - 7 * u, stroke("#7a3417", 2.5 * u))
    flame = skia.Path()
    flame.moveTo(x + 10 * u, y - 8 * u)
    flame.quadTo(x + 4 * u, y - 16 * u, x + 11 * u, y - 26 * u)
    flame.quadTo(x + 17 * u, y - 16 * u, x + 12 * u, y - 8 * u)
    canvas.drawPath(flame, fill("#ffb733"))
    canvas.drawOval(skia.Rect(x + 8.5 * u, y - 17 * u, x + 13 * u, y - 9 * u), fill("#fff2b0"))
    plate.glow(x + 11 * u, y - 16 * u, (45 if plate.lighting.lights_on else 22) * u, "#ffb347", 0.9)


def garland(canvas: skia.Canvas, x0: float, x1: float, y: float, sag: float, u: float, loops: int = 3) -> None:
    """A toran of marigolds: scalloped strings of orange and yellow flowers with leaves."""
    span = (x1 - x0) / loops
    for loop in range(loops):
        for i in range(15):
            t = i / 14
            px = x0 + span * (loop + t)
            py = y + sag * math.sin(math.pi * t)
            colour = "#f28c18" if (i + loop) % 2 else "#f7c21b"
            canvas.drawCircle(px, py, 7 * u, fill(colour))
            canvas.drawCircle(px - 2 * u, py - 2 * u, 2.5 * u, fill(shade(colour, 0.35)))
        for j in range(3):
            hx = x0 + span * (loop + (j + 1) / 4)
            canvas.drawLine(
                hx, y + sag * math.sin(math.pi * (j + 1) / 4), hx, y + sag + 24 * u, stroke("#3f8a3a", 2 * u)
            )
            canvas.drawCircle(hx, y + sag + 28 * u, 6 * u, fill("#f28c18"))
            canvas.drawOval(skia.Rect(hx - 4 * u, y + sag + 14 * u, hx + 4 * u, y + sag + 22 * u), fill("#3f8a3a"))


def rangoli(canvas: skia.Canvas, x: float, y: float, radius: float) -> None:
    """A floor pattern seen at a low angle: concentric petals squashed vertically."""
    canvas.save()
    canvas.translate(x, y)
    canvas.scale(1.0, 0.32)
    colours = ["#e23b6d", "#f7c21b", "#2fb5a5", "#7a3fa8", "#f28c18"]
    canvas.drawCircle(0, 0, radius, fill("#fbf3e4"))
    for ring, r in enumerate((0.92, 0.7, 0.48, 0.26)):
        petals = 8 + 4 * (3 - ring)
        for k in range(petals):
            a = 2 * math.pi * k / petals
            canvas.drawCircle(
                math.cos(a) * radius * r,
                math.sin(a) * radius * r,
                radius * 0.09 * (1.3 - ring * 0.15),
                fill(colours[(ring + k) % len(colours)]),
            )
    canvas.drawCircle(0, 0, radius * 0.12, fill("#e23b6d"))
    canvas.restore()


def floor_lamp(canvas: skia.Canvas, plate: Plate, x: float, floor_y: float, u: float) -> None:
    top = floor_y - 230 * u
    canvas.drawLine(x, floor_y - 4 * u, x, top + 20 * u, stroke("#3b3530", 6 * u))
    canvas.drawOval(skia.Rect(x - 24 * u, floor_y - 8 * u, x + 24 * u, floor_y + 2 * u), fill("#3b3530"))
    shade_path = skia.Path()
    shade_path.moveTo(x - 26 * u, top)
    shade_path.lineTo(x + 26 * u, top)
    shade_path.lineTo(x + 42 * u, top + 50 * u)
    shade_path.lineTo(x - 42 * u, top + 50 * u)
    shade_path.close()
    canvas.drawPath(shade_path, fill("#f3dfb1" if plate.lighting.lights_on else "#e8dcc0"))
    if plate.lighting.lights_on:
        plate.glow(x, top + 40 * u, 170 * u, "#ffd27a", 0.7)


def table_lamp(canvas: skia.Canvas, plate: Plate, x: float, y: float, u: float) -> None:
    canvas.drawOval(skia.Rect(x - 16 * u, y - 50 * u, x + 16 * u, y), fill("#6f8fa8"))
    canvas.drawRect(skia.Rect(x - 28 * u, y - 88 * u, x + 28 * u, y - 50 * u), fill("#f1e3c0"))
    if plate.lighting.lights_on:
        plate.glow(x, y - 65 * u, 130 * u, "#ffd27a", 0.65)


def picture_frame(canvas: skia.Canvas, r: skia.Rect, u: float, hue_colour: str = "#6fa86a") -> None:
    canvas.drawRect(r.makeOutset(8 * u, 8 * u), fill("#8a5a33"))
    canvas.drawRect(r, fill("#cfe6f2"))
    hill = skia.Path()
    hill.moveTo(r.left(), r.bottom())
    hill.quadTo(r.centerX(), r.top() + r.height() * 0.2, r.right(), r.bottom())
    canvas.drawPath(hill, fill(hue_colour))
    canvas.drawCircle(r.right() - r.width() * 0.25, r.top() + r.height() * 0.3, r.height() * 0.12, fill("#f6d04d"))


def potted_plant(canvas: skia.Canvas, x: float, floor_y: float, u: float) -> None:
    for i, a in enumerate((-0.9, -0.45, 0.0, 0.45, 0.9)):
        leaf = skia.Path()
        tip_x, tip_y = x + math.sin(a) * 70 * u, floor_y - 60 * u - math.cos(a) * 80 * u
        leaf.moveTo(x, floor_y - 55 * u)
        leaf.quadTo(x + math.sin(a) * 50 * u - 15 * u, (floor_y - 55 * u + tip_y) / 2, tip_x, tip_y)
        leaf.quadTo(x + math.sin(a) * 50 * u + 15 * u, (floor_y - 55 * u + tip_y) / 2, x, floor_y - 55 * u)
        canvas.drawPath(leaf, fill("#3f9a4a" if i % 2 else "#2f7f3c"))
    pot = skia.Path()
    pot.moveTo(x - 30 * u, floor_y - 60 * u)
    pot.lineTo(x + 30 * u, floor_y - 60 * u)
    pot.lineTo(x + 22 * u, floor_y)
    pot.lineTo(x - 22 * u, floor_y)
    pot.close()
    canvas.drawPath(pot, fill("#c0663a"))


def street_lamp(canvas: skia.Canvas, plate: Plate, x: float, ground_y: float, u: float) -> None:
    top = ground_y - 300 * u
    canvas.drawLine(x, ground_y, x, top, stroke("#2f3438", 8 * u, round_cap=False))
    canvas.drawLine(x, top, x + 40 * u, top, stroke("#2f3438", 6 * u))
    canvas.drawRoundRect(skia.Rect(x + 22 * u, top, x + 58 * u, top + 20 * u), 6 * u, 6 * u, fill("#2f3438"))
    lit = plate.lighting.lights_on
    canvas.drawOval(
        skia.Rect(x + 28 * u, top + 14 * u, x + 52 * u, top + 26 * u), fill("#ffe7a0" if lit else "#d8dde0")
    )
    if lit:
        plate.glow(x + 40 * u, top + 22 * u, 150 * u, "#ffd98a", 0.75)
