"""A classroom: blackboard with chalk writing, rows of desks, a clock and tall windows."""

from __future__ import annotations

import skia

from models.image import props
from models.image.colours import fill, shade, stroke, vertical_gradient
from models.image.plate import Plate


def paint_classroom(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u, rng = plate.width, plate.height, plate.unit, plate.rng
    floor_top = h * 0.68
    wall = "#e7dcc0" if plate.culture != "indian" else "#cfe3c8"
    windows = [skia.Rect.MakeXYWH(w * (0.74 + 0.13 * i), h * 0.12, w * 0.09, h * 0.36) for i in range(2)]
    if plate.portrait:
        windows = [skia.Rect.MakeXYWH(w * 0.72, h * 0.14, w * 0.22, h * 0.22)]
    props.wall_with_holes(canvas, skia.Rect(0, 0, w, floor_top), windows, fill(wall))
    canvas.drawRect(skia.Rect(0, floor_top - 90 * u, w, floor_top), fill(shade(wall, -0.15)))
    for win in windows:
        props.window_frame(canvas, win, u, colour="#f4efe6")
    board = skia.Rect(w * 0.08, h * 0.12, w * (0.66 if not plate.portrait else 0.68), h * 0.44)
    canvas.drawRect(board.makeOutset(10 * u, 10 * u), fill("#8a6a4a"))
    canvas.drawRect(board, vertical_gradient("#2f4f3f", "#24402f", board.top(), board.bottom()))
    chalk = stroke("#eef2e8", 3 * u, alpha=0.85)
    for row in range(4):
        y = board.top() + (row + 1) * board.height() / 5
        x = board.left() + 24 * u
        length = board.width() * rng.uniform(0.35, 0.8)
        squiggle = skia.Path()
        squiggle.moveTo(x, y)
        steps = int(length // (14 * u))
        for k in range(1, max(2, steps)):
            squiggle.lineTo(x + k * 14 * u, y + (4 * u if k % 2 else -4 * u))
        canvas.drawPath(squiggle, chalk)
    canvas.drawRect(
        skia.Rect(board.left(), board.bottom() + 6 * u, board.right(), board.bottom() + 14 * u), fill("#6b4a2f")
    )
    cx, cy, r = w * (0.7 if not plate.portrait else 0.5), h * 0.06 + 20 * u, 22 * u
    canvas.drawCircle(cx, cy, r, fill("#fafafa"))
    canvas.drawCircle(cx, cy, r, stroke("#2a2f38", 4 * u))
    canvas.drawLine(cx, cy, cx, cy - r * 0.7, stroke("#2a2f38", 3 * u))
    canvas.drawLine(cx, cy, cx + r * 0.5, cy, stroke("#2a2f38", 3 * u))
    canvas.drawRect(skia.Rect(0, floor_top, w, h), vertical_gradient("#b08a5a", "#9a7448", floor_top, h))
    for row, scale in ((0, 0.7), (1, 1.0)):
        y = floor_top + (20 + row * 70) * u
        for k in range(5):
            x = w * (0.1 + 0.2 * k)
            dw = 90 * u * scale
            canvas.drawRect(skia.Rect(x - dw / 2, y - 12 * u * scale, x + dw / 2, y), fill("#c98b4e"))
            canvas.drawRect(skia.Rect(x - dw / 2 + 6 * u, y, x - dw / 2 + 12 * u, y + 40 * u * scale), fill("#5a4a3a"))
            canvas.drawRect(skia.Rect(x + dw / 2 - 12 * u, y, x + dw / 2 - 6 * u, y + 40 * u * scale), fill("#5a4a3a"))
    if plate.lighting.lights_on:
        for i in range(2):
            lx = w * (0.3 + 0.4 * i)
            canvas.drawRect(skia.Rect(lx - 70 * u, 0, lx + 70 * u, 12 * u), fill("#f4f6f8"))
            plate.glow(lx, 12 * u, 150 * u, "#f4f1d8", 0.45)
    if plate.culture == "indian":
        props.garland(canvas, board.left(), board.right(), board.top() - 14 * u, 14 * u, u, loops=3)
