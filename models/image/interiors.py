"""Indoor plates: a home, a lighthouse's round stone room, an office and a plain room.

Walls are painted with holes for the windows so the sky (drawn first, untinted) shows through.
"""

from __future__ import annotations

import skia

from models.image import props
from models.image.colours import fill, mix, shade, stroke, vertical_gradient
from models.image.plate import Plate


def _floor(canvas: skia.Canvas, plate: Plate, top: float, colour: str, planks: bool) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    canvas.drawRect(skia.Rect(0, top, w, h), vertical_gradient(shade(colour, -0.12), colour, top, h))
    if planks:
        rows = 6
        for i in range(1, rows):
            y = top + (h - top) * (i / rows) ** 1.3
            canvas.drawLine(0, y, w, y, stroke(shade(colour, -0.2), 2 * u, alpha=0.7))
        for i in range(-6, 20):
            x = w * i / 13
            canvas.drawLine(w / 2 + (x - w / 2) * 0.55, top, x, h, stroke(shade(colour, -0.15), 1.5 * u, alpha=0.5))
    else:
        for i in range(-8, 22):
            x = w * i / 13
            canvas.drawLine(w / 2 + (x - w / 2) * 0.55, top, x, h, stroke(shade(colour, 0.15), 2 * u, alpha=0.6))
        for i in range(1, 5):
            y = top + (h - top) * (i / 5) ** 1.3
            canvas.drawLine(0, y, w, y, stroke(shade(colour, 0.15), 2 * u, alpha=0.6))
    canvas.drawRect(skia.Rect(0, top - 10 * u, w, top + 2 * u), fill(shade(colour, -0.3)))


def _window(plate: Plate, fx: float, fy: float, fw: float, fh: float) -> skia.Rect:
    return skia.Rect.MakeXYWH(plate.width * fx, plate.height * fy, plate.width * fw, plate.height * fh)


def _curtains(canvas: skia.Canvas, r: skia.Rect, colour: str, u: float) -> None:
    for side in (-1, 1):
        x = r.left() if side < 0 else r.right()
        panel = skia.Path()
        panel.moveTo(x - 30 * u * -side, r.top() - 20 * u)
        panel.lineTo(x + 28 * u * -side, r.top() - 20 * u)
        panel.quadTo(x + 5 * u * -side, r.centerY(), x + 36 * u * -side, r.bottom() + 30 * u)
        panel.lineTo(x - 34 * u * -side, r.bottom() + 30 * u)
        panel.close()
        canvas.drawPath(panel, fill(colour))
    canvas.drawRect(
        skia.Rect(r.left() - 45 * u, r.top() - 26 * u, r.right() + 45 * u, r.top() - 18 * u), fill("#6b4a2f")
    )


def paint_home(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    indian = plate.culture == "indian"
    floor_top = h * 0.68
    wall = plate.rng.choice(["#e9b872", "#8fcfc0", "#f0a98f"] if indian else ["#e8dcc8", "#cfdce6", "#e6d3b8"])
    win = _window(plate, 0.08, 0.14, 0.22 if not plate.portrait else 0.36, 0.34 if not plate.portrait else 0.22)
    props.wall_with_holes(canvas, skia.Rect(0, 0, w, floor_top), [win], fill(wall))
    if not indian:  # wallpaper stripes, kept off the window opening
        canvas.save()
        canvas.clipRect(win, skia.ClipOp.kDifference)
        for i in range(0, int(w / (40 * u)) + 1):
            canvas.drawRect(skia.Rect(i * 40 * u, 0, i * 40 * u + 14 * u, floor_top), fill(shade(wall, -0.05)))
        canvas.restore()
    canvas.drawRect(skia.Rect(0, floor_top - 60 * u, w, floor_top - 10 * u), fill(shade(wall, -0.12)))
    props.window_frame(canvas, win, u)
    _curtains(canvas, win, "#c2338f" if indian else "#5f8fb8", u)
    door = skia.Rect(w * 0.78, floor_top - 300 * u, w * 0.78 + 130 * u, floor_top)
    if plate.portrait:
        door = skia.Rect(w * 0.62, floor_top - 300 * u, w * 0.62 + 130 * u, floor_top)
    canvas.drawRect(door.makeOutset(10 * u, 10 * u), fill(shade(wall, -0.35)))
    canvas.drawRect(door, fill("#8a5a33"))
    canvas.drawRect(door.makeInset(18 * u, 24 * u), fill("#9c6a40"))
    canvas.drawCircle(door.right() - 22 * u, door.centerY(), 6 * u, fill("#e2b53a"))
    _floor(canvas, plate, floor_top, "#b5563b" if indian else "#b98a5a", planks=not indian)
    if indian:
        props.garland(canvas, door.left() - 10 * u, door.right() + 10 * u, door.top() - 8 * u, 16 * u, u, loops=2)
        shelf_y = floor_top - 170 * u
        sx = w * 0.42 if not plate.portrait else w * 0.3
        canvas.drawRect(skia.Rect(sx - 90 * u, shelf_y, sx + 90 * u, shelf_y + 10 * u), fill("#6b4a2f"))
        for k in range(3):
            props.diya(canvas, plate, sx - 60 * u + k * 60 * u, shelf_y, u)
        props.rangoli(canvas, w * (0.84 if not plate.portrait else 0.76), h * 0.79, 70 * u)
        for k in range(2):
            props.diya(canvas, plate, w * 0.72 + k * 190 * u * (1 if not plate.portrait else 0.5), h * 0.74, u)
    else:
        props.picture_frame(canvas, skia.Rect(w * 0.44, h * 0.16, w * 0.44 + 150 * u, h * 0.16 + 100 * u), u)
        props.floor_lamp(canvas, plate, w * (0.7 if not plate.portrait else 0.86), floor_top + 30 * u, u)
        props.potted_plant(canvas, w * 0.04 + 30 * u, floor_top + 25 * u, u)
        canvas.drawOval(skia.Rect(w * 0.25, h * 0.8, w * 0.75, h * 0.92), fill("#9a4a4a", 0.85))
        canvas.drawOval(skia.Rect(w * 0.29, h * 0.815, w * 0.71, h * 0.905), stroke("#e8c46a", 4 * u))


def paint_lighthouse(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    floor_top = h * 0.7
    holes = []
    for fx in (0.1, 0.76) if not plate.portrait else (0.22,):
        holes.append(skia.Rect.MakeXYWH(w * fx - 55 * u, h * 0.22, 110 * u, 110 * u))
    wall = skia.Path().addRect(skia.Rect(0, 0, w, floor_top))
    for hole in holes:
        wall = skia.Op(wall, skia.Path().addOval(hole), skia.PathOp.kDifference_PathOp) or wall
    stone = "#b9ad9a"
    cylinder = skia.GradientShader.MakeLinear(
        [skia.Point(0, 0), skia.Point(w, 0)],
        [0xFF6E665A, 0xFFB9AD9A, 0xFFCFC4B0, 0xFFB9AD9A, 0xFF6E665A],
        [0.0, 0.3, 0.5, 0.7, 1.0],
    )
    canvas.drawPath(wall, skia.Paint(Shader=cylinder, AntiAlias=True))
    canvas.save()
    canvas.clipPath(wall, doAntiAlias=True)
    row_h = 36 * u
    for row in range(int(floor_top // row_h) + 1):
        y = row * row_h
        canvas.drawLine(0, y, w, y, stroke(shade(stone, -0.35), 2 * u, alpha=0.6))
        offset = (row % 2) * 45 * u
        for k in range(int(w // (90 * u)) + 2):
            x = offset + k * 90 * u
            canvas.drawLine(x, y, x, y + row_h, stroke(shade(stone, -0.35), 2 * u, alpha=0.6))
    canvas.restore()
    sea = plate.lighting.water
    for hole in holes:
        canvas.save()
        canvas.clipPath(skia.Path().addOval(hole), doAntiAlias=True)
        canvas.drawRect(skia.Rect(hole.left(), hole.centerY() + 10 * u, hole.right(), hole.bottom()), fill(sea))
        canvas.restore()
        canvas.drawOval(hole, stroke("#4a4f55", 12 * u))
    lx, ly = w * (0.5 if not plate.portrait else 0.62), floor_top - 40 * u
    canvas.drawRect(skia.Rect(lx - 50 * u, ly - 60 * u, lx + 50 * u, floor_top), fill("#4a4f55"))
    lens = skia.Rect(lx - 75 * u, ly - 250 * u, lx + 75 * u, ly - 60 * u)
    canvas.drawRoundRect(lens, 60 * u, 30 * u, fill("#cfe3e6" if not plate.lighting.lights_on else "#fff1b8"))
    for k in range(1, 8):
        y = lens.top() + lens.height() * k / 8
        canvas.drawLine(lens.left() + 6 * u, y, lens.right() - 6 * u, y, stroke("#b08a3a", 4 * u))
    canvas.drawRect(skia.Rect(lx - 80 * u, lens.top() - 14 * u, lx + 80 * u, lens.top()), fill("#b08a3a"))
    plate.glow(
        lx,
        lens.centerY(),
        (260 if plate.lighting.lights_on else 90) * u,
        "#fff0a8",
        0.9 if plate.lighting.lights_on else 0.35,
    )
    sx = w * 0.93
    for k in range(9):
        y = floor_top - k * 48 * u
        x = sx + (k % 2) * 10 * u - k * 6 * u
        canvas.drawRect(skia.Rect(x - 90 * u, y - 14 * u, x + 70 * u, y), fill("#5a4a3a"))
        canvas.drawLine(x - 90 * u, y - 14 * u, x - 90 * u, y - 90 * u, stroke("#2f3438", 4 * u))
    canvas.drawLine(sx - 90 * u, floor_top - 90 * u, sx - 138 * u, floor_top - 474 * u, stroke("#2f3438", 5 * u))
    _floor(canvas, plate, floor_top, "#8a6a4a", planks=True)
    bx = w * 0.08
    canvas.drawRoundRect(
        skia.Rect(bx - 40 * u, floor_top - 70 * u, bx + 40 * u, floor_top + 20 * u), 16 * u, 16 * u, fill("#8a5a33")
    )
    for y in (floor_top - 45 * u, floor_top - 5 * u):
        canvas.drawLine(bx - 40 * u, y, bx + 40 * u, y, stroke("#4a4f55", 5 * u))
    canvas.drawOval(skia.Rect(w * 0.3 - 50 * u, h * 0.86, w * 0.3 + 50 * u, h * 0.9), stroke("#c9a46a", 8 * u))
    hx, hy = w * 0.35, h * 0.2
    canvas.drawLine(hx, 0, hx, hy, stroke("#2f3438", 3 * u))
    canvas.drawRoundRect(skia.Rect(hx - 14 * u, hy, hx + 14 * u, hy + 36 * u), 6 * u, 6 * u, fill("#ffd98a"))
    plate.glow(hx, hy + 18 * u, 90 * u, "#ffc861", 0.7)


def paint_office(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u, rng = plate.width, plate.height, plate.unit, plate.rng
    floor_top = h * 0.68
    x = 0.0
    while x < w:
        bw, bh = rng.uniform(60, 120) * u, rng.uniform(60, 220) * u
        colour = mix(rng.choice(["#7d8aa0", "#8f9bb0", "#6f7d95"]), plate.lighting.haze, 0.3)
        top = floor_top - 150 * u - bh
        canvas.drawRect(skia.Rect(x, top, x + bw, floor_top), fill(colour))
        for k in range(int(bh // (30 * u)) + 4):
            for col in range(int((bw - 12 * u) // (22 * u))):
                wx, wy = x + 10 * u + col * 22 * u, top + 12 * u + k * 30 * u
                canvas.drawRect(skia.Rect(wx, wy, wx + 12 * u, wy + 10 * u), fill(shade(colour, 0.25)))
                if rng.random() < 0.3:
                    plate.window(wx, wy, 12 * u, 10 * u)
        x += bw + 6 * u
    band = skia.Rect(w * 0.05, h * 0.12, w * 0.95, floor_top - 160 * u)
    panes = [
        skia.Rect(
            band.left() + i * band.width() / 4 + 6 * u,
            band.top(),
            band.left() + (i + 1) * band.width() / 4 - 6 * u,
            band.bottom(),
        )
        for i in range(4)
    ]
    props.wall_with_holes(canvas, skia.Rect(0, 0, w, floor_top), panes, fill("#dfe3e8"))
    for pane in panes:
        canvas.drawRect(pane, stroke("#9aa4ae", 8 * u))
    for i in range(3):
        lx = w * (0.2 + 0.3 * i)
        canvas.drawRect(skia.Rect(lx - 90 * u, 0, lx + 90 * u, 16 * u), fill("#f4f6f8"))
        if plate.lighting.lights_on:
            plate.glow(lx, 16 * u, 160 * u, "#f4f1d8", 0.45)
    _floor(canvas, plate, floor_top, "#7a8797", planks=False)
    dx = w * (0.78 if not plate.portrait else 0.7)
    canvas.drawRect(skia.Rect(dx - 130 * u, floor_top - 20 * u, dx + 130 * u, floor_top), fill("#8a6a4a"))
    canvas.drawRect(skia.Rect(dx - 120 * u, floor_top, dx - 105 * u, floor_top + 90 * u), fill("#6b5038"))
    canvas.drawRect(skia.Rect(dx + 105 * u, floor_top, dx + 120 * u, floor_top + 90 * u), fill("#6b5038"))
    canvas.drawRoundRect(
        skia.Rect(dx - 60 * u, floor_top - 120 * u, dx + 60 * u, floor_top - 40 * u), 6 * u, 6 * u, fill("#2a2f38")
    )
    canvas.drawRect(skia.Rect(dx - 52 * u, floor_top - 112 * u, dx + 52 * u, floor_top - 48 * u), fill("#4f8fd0"))
    canvas.drawRect(skia.Rect(dx - 8 * u, floor_top - 40 * u, dx + 8 * u, floor_top - 20 * u), fill("#2a2f38"))
    props.potted_plant(canvas, w * 0.06 + 20 * u, floor_top + 40 * u, u)
    wb = skia.Rect(w * 0.32, floor_top - 150 * u, w * 0.32 + 200 * u, floor_top - 40 * u)
    if not plate.portrait:
        canvas.drawRect(wb, fill("#fafafa"))
        canvas.drawRect(wb, stroke("#9aa4ae", 5 * u))
        canvas.drawLine(
            wb.left() + 20 * u, wb.top() + 30 * u, wb.left() + 120 * u, wb.top() + 30 * u, stroke("#2f6fd0", 3 * u)
        )
        canvas.drawLine(
            wb.left() + 20 * u, wb.top() + 55 * u, wb.left() + 160 * u, wb.top() + 55 * u, stroke("#d63a3a", 3 * u)
        )


def paint_room(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    floor_top = h * 0.68
    wall = "#d9cbb5" if plate.culture != "indian" else "#e3b98a"
    win = _window(plate, 0.62, 0.15, 0.2 if not plate.portrait else 0.32, 0.3 if not plate.portrait else 0.2)
    props.wall_with_holes(canvas, skia.Rect(0, 0, w, floor_top), [win], fill(wall))
    props.window_frame(canvas, win, u)
    _floor(canvas, plate, floor_top, "#9a7a5a", planks=True)
    tx = w * 0.2
    canvas.drawRect(skia.Rect(tx - 80 * u, floor_top - 10 * u, tx + 80 * u, floor_top + 4 * u), fill("#6b4a2f"))
    canvas.drawRect(skia.Rect(tx - 70 * u, floor_top + 4 * u, tx - 60 * u, floor_top + 80 * u), fill("#5a3d26"))
    canvas.drawRect(skia.Rect(tx + 60 * u, floor_top + 4 * u, tx + 70 * u, floor_top + 80 * u), fill("#5a3d26"))
    if plate.culture == "indian":
        props.diya(canvas, plate, tx, floor_top - 10 * u, u)
    else:
        props.table_lamp(canvas, plate, tx, floor_top - 10 * u, u)
        props.picture_frame(canvas, skia.Rect(w * 0.3, h * 0.18, w * 0.3 + 130 * u, h * 0.18 + 90 * u), u)
