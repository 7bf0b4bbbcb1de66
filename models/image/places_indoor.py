"""More indoor plates: palace hall, cave, school corridor, hospital ward, kitchen, shop, train carriage,
car interior and spaceship. Window openings are cut from the walls so the sky drawn first shows.
"""

from __future__ import annotations

import math

import skia

from models.image import props
from models.image.colours import fill, stroke, vertical_gradient
from models.image.exteriors import hills
from models.image.interiors import _floor
from models.image.plate import Plate


def _rect(plate: Plate, fx: float, fy: float, fw: float, fh: float) -> skia.Rect:
    return skia.Rect.MakeXYWH(plate.width * fx, plate.height * fy, plate.width * fw, plate.height * fh)


def _tiles(canvas: skia.Canvas, plate: Plate, top: float, a: str, b: str) -> None:
    w, h = plate.width, plate.height
    rows = 6
    for r in range(rows):
        y0 = top + (h - top) * (r / rows) ** 1.25
        y1 = top + (h - top) * ((r + 1) / rows) ** 1.25
        n = 10 + r * 2
        for k in range(n):
            canvas.drawRect(skia.Rect(w * k / n, y0, w * (k + 1) / n, y1), fill(a if (k + r) % 2 else b))


def paint_palace_hall(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    floor_top = h * 0.66
    arches = [_rect(plate, fx, 0.12, 0.1, 0.36) for fx in ((0.2, 0.45, 0.7) if not plate.portrait else (0.12, 0.62))]
    props.wall_with_holes(canvas, skia.Rect(0, 0, w, floor_top), arches, fill("#e9d9b8"))
    for r in arches:
        canvas.drawRect(r, stroke("#c9a24a", 8 * u, round_cap=False))
    for fx in (0.05, 0.35, 0.6, 0.9) if not plate.portrait else (0.05, 0.5, 0.92):
        x = w * fx
        canvas.drawRect(skia.Rect(x - 22 * u, h * 0.05, x + 22 * u, floor_top), fill("#f4ecdc"))
        canvas.drawRect(skia.Rect(x - 30 * u, h * 0.05, x + 30 * u, h * 0.05 + 20 * u), fill("#c9a24a"))
        canvas.drawRect(skia.Rect(x - 30 * u, floor_top - 20 * u, x + 30 * u, floor_top), fill("#c9a24a"))
    _tiles(canvas, plate, floor_top, "#efe6d6", "#b9ab95")
    carpet = skia.Path()
    carpet.moveTo(w * 0.44, floor_top)
    carpet.lineTo(w * 0.56, floor_top)
    carpet.lineTo(w * 0.7, h)
    carpet.lineTo(w * 0.3, h)
    carpet.close()
    canvas.drawPath(carpet, fill("#a3222e"))
    tx, base = w * 0.5, floor_top + 4 * u
    canvas.drawRoundRect(
        skia.Rect(tx - 40 * u, base - 150 * u, tx + 40 * u, base - 40 * u), 20 * u, 20 * u, fill("#c9a24a")
    )
    canvas.drawRect(skia.Rect(tx - 50 * u, base - 50 * u, tx + 50 * u, base), fill("#8a1c28"))
    cx, cy = w * 0.5, h * 0.06
    canvas.drawLine(cx, 0, cx, cy, stroke("#c9a24a", 3 * u))
    for k in range(7):
        a = math.pi * k / 6
        canvas.drawCircle(cx + math.cos(a) * 60 * u, cy + math.sin(a) * 18 * u, 7 * u, fill("#fff2b0"))
    plate.glow(cx, cy + 10 * u, 200 * u, "#ffe6a0", 0.55 if plate.lighting.lights_on else 0.25)


def paint_cave(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    canvas.drawRect(skia.Rect(0, 0, w, h), fill("#3b3430"))
    mouth = skia.Path()  # the way out, lit from outside
    mouth.addOval(skia.Rect(w * 0.6, h * 0.22, w * 0.86, h * 0.7))
    canvas.drawPath(mouth, vertical_gradient(plate.lighting.sky_bottom, "#9fb07a", h * 0.22, h * 0.7))
    rng = plate.rng
    for layer, colour in enumerate(("#4a413b", "#574d45", "#655a50")):
        rock = skia.Path()
        rock.moveTo(0, 0)
        for i in range(13):
            x = w * i / 12
            rock.lineTo(x, h * (0.05 + 0.05 * layer) + rng.uniform(0, 40) * u)
            if i % 2:
                rock.lineTo(x + 10 * u, h * (0.12 + 0.04 * layer) + rng.uniform(40, 110) * u)  # a stalactite
        rock.lineTo(w, 0)
        rock.close()
        canvas.drawPath(rock, fill(colour))
    for side in (0, 1):
        wall = skia.Path()
        x0 = 0 if side == 0 else w
        wall.moveTo(x0, 0)
        for k in range(7):
            y = h * k / 6
            wall.lineTo(abs(x0 - w * (0.08 + 0.04 * math.sin(k * 1.7 + side))), y)
        wall.lineTo(x0, h)
        wall.close()
        canvas.drawPath(wall, fill("#4f4640"))
    floor_top = h * 0.7
    canvas.drawRect(skia.Rect(0, floor_top, w, h), vertical_gradient("#5e544a", "#463e37", floor_top, h))
    for _k in range(9):
        x = w * rng.uniform(0.05, 0.95)
        y = floor_top + rng.uniform(10, (h - floor_top) * 0.9 / u) * u
        canvas.drawOval(skia.Rect(x - 30 * u, y - 10 * u, x + 30 * u, y + 10 * u), fill("#6e6358"))
    tx = w * 0.15
    canvas.drawLine(tx, h * 0.45, tx + 10 * u, h * 0.35, stroke("#5a3d26", 8 * u))
    canvas.drawOval(skia.Rect(tx, h * 0.3, tx + 22 * u, h * 0.35), fill("#ffb733"))
    plate.glow(tx + 11 * u, h * 0.32, 220 * u, "#ffb347", 0.8)


def paint_school_corridor(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    floor_top = h * 0.7
    canvas.drawRect(skia.Rect(0, 0, w, floor_top), fill("#e7e2c9"))
    canvas.drawRect(skia.Rect(0, floor_top - 300 * u, w, floor_top), fill("#cfd8c8"))
    n = max(6, int(w / (70 * u)))
    for k in range(n):
        x = w * k / n
        lw = w / n - 6 * u
        canvas.drawRect(
            skia.Rect(x + 3 * u, floor_top - 260 * u, x + 3 * u + lw, floor_top),
            fill("#3f7fbf" if k % 5 else "#c0392b"),
        )
        for v in range(3):
            canvas.drawLine(
                x + 12 * u,
                floor_top - (240 - 8 * v) * u,
                x + lw - 6 * u,
                floor_top - (240 - 8 * v) * u,
                stroke("#2a5a8a", 2 * u),
            )
        canvas.drawRect(
            skia.Rect(x + lw - 10 * u, floor_top - 140 * u, x + lw - 4 * u, floor_top - 110 * u), fill("#d8dde0")
        )
    board = _rect(plate, 0.35, 0.08, 0.3, 0.14)
    canvas.drawRect(board, fill("#b07d4b"))
    for k, colour in enumerate(("#f4efe2", "#f7dc6f", "#aed6f1", "#f5b7b1")):
        canvas.drawRect(
            skia.Rect.MakeXYWH(
                board.left() + board.width() * (0.05 + 0.24 * k),
                board.top() + 10 * u,
                board.width() * 0.2,
                board.height() - 20 * u,
            ),
            fill(colour),
        )
    _tiles(canvas, plate, floor_top, "#d9d4c4", "#c4bfae")
    for k in range(3):
        x = w * (k + 0.5) / 3
        canvas.drawRect(skia.Rect(x - 50 * u, 0, x + 50 * u, 10 * u), fill("#ffffff"))
        plate.glow(x, 8 * u, 150 * u, "#f4f8ff", 0.35)


def paint_hospital(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    floor_top = h * 0.68
    win = _rect(plate, 0.64, 0.12, 0.24 if not plate.portrait else 0.3, 0.3 if not plate.portrait else 0.18)
    props.wall_with_holes(canvas, skia.Rect(0, 0, w, floor_top), [win], fill("#d5e8df"))
    for k in range(8):
        y = win.top() + win.height() * k / 8
        canvas.drawRect(skia.Rect(win.left(), y, win.right(), y + win.height() / 16), fill("#f4f6f6", 0.8))
    props.window_frame(canvas, win, u, "#ffffff")
    _tiles(canvas, plate, floor_top, "#dfe6e4", "#cdd6d3")
    canvas.drawLine(0, h * 0.06, w * 0.6, h * 0.06, stroke("#9aa5a8", 5 * u))
    canvas.drawRect(skia.Rect(w * 0.02, h * 0.06, w * 0.1, floor_top - 10 * u), fill("#aed6f1", 0.9))
    bx, base = w * 0.2, floor_top + 20 * u
    canvas.drawRect(skia.Rect(bx - 10 * u, base - 170 * u, bx, base), fill("#9aa5a8"))
    canvas.drawRect(skia.Rect(bx, base - 95 * u, bx + 230 * u, base - 70 * u), fill("#ffffff"))
    canvas.drawRect(skia.Rect(bx, base - 110 * u, bx + 230 * u, base - 95 * u), fill("#aed6f1"))
    canvas.drawRoundRect(
        skia.Rect(bx + 10 * u, base - 125 * u, bx + 70 * u, base - 105 * u), 8 * u, 8 * u, fill("#ffffff")
    )
    canvas.drawRect(skia.Rect(bx + 220 * u, base - 120 * u, bx + 230 * u, base), fill("#9aa5a8"))
    ix = bx + 270 * u
    canvas.drawLine(ix, base, ix, base - 230 * u, stroke("#7f8c8d", 4 * u))
    canvas.drawRoundRect(
        skia.Rect(ix - 14 * u, base - 230 * u, ix + 14 * u, base - 190 * u), 6 * u, 6 * u, fill("#e8f6f3")
    )
    canvas.drawRoundRect(
        skia.Rect(w * 0.42, h * 0.16, w * 0.42 + 70 * u, h * 0.16 + 70 * u), 8 * u, 8 * u, fill("#ffffff")
    )
    canvas.drawRect(
        skia.Rect(w * 0.42 + 28 * u, h * 0.16 + 12 * u, w * 0.42 + 42 * u, h * 0.16 + 58 * u), fill("#e74c3c")
    )
    canvas.drawRect(
        skia.Rect(w * 0.42 + 12 * u, h * 0.16 + 28 * u, w * 0.42 + 58 * u, h * 0.16 + 42 * u), fill("#e74c3c")
    )


def paint_kitchen(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    floor_top = h * 0.72
    win = _rect(plate, 0.4, 0.1, 0.2 if not plate.portrait else 0.3, 0.24 if not plate.portrait else 0.16)
    props.wall_with_holes(canvas, skia.Rect(0, 0, w, floor_top), [win], fill("#f3e3c3"))
    counter = floor_top - 150 * u
    for y in range(int((counter - h * 0.3) / (24 * u)) + 1):  # tiled splashback
        for x in range(int(w / (24 * u)) + 1):
            r = skia.Rect.MakeXYWH(x * 24 * u, h * 0.3 + y * 24 * u, 23 * u, 23 * u)
            if not r.intersect(win):
                canvas.drawRect(r, fill("#dfeef0" if (x + y) % 2 else "#cfe3e6"))
    props.window_frame(canvas, win, u)
    for k in range(4 if not plate.portrait else 2):  # wall cupboards
        left = w * (0.02 + k * 0.095) if k < 2 else w * (0.7 + (k - 2) * 0.14)
        canvas.drawRect(skia.Rect(left, h * 0.06, left + w * 0.085, h * 0.26), fill("#7fa88a"))
        canvas.drawCircle(left + w * 0.07, h * 0.2, 4 * u, fill("#3b3530"))
    _floor(canvas, plate, floor_top, "#b9a58a", planks=False)
    canvas.drawRect(skia.Rect(0, counter, w, floor_top), fill("#6f9a80"))
    canvas.drawRect(skia.Rect(0, counter - 14 * u, w, counter), fill("#e8e2d4"))
    sx = w * 0.75
    canvas.drawRect(skia.Rect(sx, counter, sx + 140 * u, floor_top), fill("#2f3438"))
    canvas.drawRect(skia.Rect(sx + 15 * u, counter + 40 * u, sx + 125 * u, floor_top - 15 * u), fill("#4a4f55"))
    pot = skia.Rect(sx + 30 * u, counter - 70 * u, sx + 110 * u, counter - 14 * u)
    canvas.drawRoundRect(pot, 10 * u, 10 * u, fill("#8a8f96"))
    for k in range(3):
        px = w * (0.15 + 0.06 * k)
        canvas.drawLine(px, h * 0.28, px, h * 0.33, stroke("#3b3530", 2 * u))
        canvas.drawCircle(px, h * 0.36, (18 - 3 * k) * u, fill("#b5562b"))


def paint_shop(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    floor_top = h * 0.7
    canvas.drawRect(skia.Rect(0, 0, w, floor_top), fill("#efe0c8"))
    goods = ["#e74c3c", "#f39c12", "#27ae60", "#2e86c1", "#8e44ad", "#f4d03f"]
    for row in range(4):
        y = h * 0.12 + row * (floor_top - h * 0.2) / 4
        canvas.drawRect(skia.Rect(0, y + 52 * u, w, y + 62 * u), fill("#8a5a33"))
        n = int(w / (34 * u))
        for k in range(n):
            bh = (30 + 16 * ((k * 7 + row * 3) % 3)) * u
            canvas.drawRect(
                skia.Rect(k * 34 * u + 4 * u, y + 52 * u - bh, k * 34 * u + 30 * u, y + 52 * u),
                fill(goods[(k + row * 2) % len(goods)]),
            )
    _floor(canvas, plate, floor_top, "#a88a6a", planks=True)
    counter = skia.Rect(w * 0.62, floor_top - 110 * u, w * 0.98, floor_top + 30 * u)
    canvas.drawRect(counter, fill("#7a4a2a"))
    canvas.drawRect(
        skia.Rect(counter.left() - 8 * u, counter.top() - 10 * u, counter.right() + 8 * u, counter.top()),
        fill("#5a3a22"),
    )
    rx = counter.left() + 40 * u
    canvas.drawRect(skia.Rect(rx, counter.top() - 60 * u, rx + 70 * u, counter.top() - 10 * u), fill("#3b3f4a"))
    canvas.drawRect(skia.Rect(rx + 8 * u, counter.top() - 54 * u, rx + 62 * u, counter.top() - 36 * u), fill("#7fd1a0"))
    canvas.drawLine(w * 0.5, 0, w * 0.5, h * 0.05, stroke("#3b3530", 2 * u))
    canvas.drawCircle(w * 0.5, h * 0.06, 14 * u, fill("#fff2b0"))
    plate.glow(w * 0.5, h * 0.06, 180 * u, "#ffe6a0", 0.5)


def paint_train(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    floor_top = h * 0.74
    n = 3 if not plate.portrait else 1
    wins = [
        skia.Rect.MakeXYWH(w * (0.06 + k * 0.32), h * 0.16, w * (0.26 if n > 1 else 0.8), h * 0.28) for k in range(n)
    ]
    for r in wins:  # the landscape passing by, behind the glass
        canvas.save()
        canvas.clipRect(r)
        hills(canvas, plate, r.bottom() - r.height() * 0.15, r.height() * 0.3, "#7fa566", 1.1 + r.left() / w)
        canvas.restore()
    props.wall_with_holes(canvas, skia.Rect(0, 0, w, floor_top), wins, fill("#c7b79b"))
    for r in wins:
        canvas.drawRoundRect(r, 16 * u, 16 * u, stroke("#8a8f96", 10 * u))
    canvas.drawRect(skia.Rect(0, h * 0.05, w, h * 0.08), fill("#8a8f96"))  # luggage rack
    for k in range(int(w / (40 * u)) + 1):
        canvas.drawLine(k * 40 * u, h * 0.08, k * 40 * u, h * 0.1, stroke("#8a8f96", 3 * u))
    _floor(canvas, plate, floor_top, "#6d6a66", planks=False)
    for k in range(n + 1):
        x = w * (0.02 + k * 0.32) if n > 1 else w * (0.05 + 0.6 * k)
        canvas.drawRoundRect(skia.Rect(x, floor_top - 200 * u, x + 60 * u, floor_top), 14 * u, 14 * u, fill("#2e5d8a"))
        canvas.drawRoundRect(
            skia.Rect(x - 10 * u, floor_top - 80 * u, x + 90 * u, floor_top - 40 * u), 10 * u, 10 * u, fill("#3a6fa3")
        )


def paint_car_interior(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    glass = skia.Rect(w * 0.08, h * 0.08, w * 0.92, h * 0.5)
    canvas.save()
    canvas.clipRect(glass)
    road = skia.Path()
    road.moveTo(w * 0.49, h * 0.32)
    road.lineTo(w * 0.51, h * 0.32)
    road.lineTo(w * 0.8, h * 0.5)
    road.lineTo(w * 0.2, h * 0.5)
    road.close()
    hills(canvas, plate, h * 0.33, 30 * u, "#8fae7e", 0.6)
    canvas.drawRect(skia.Rect(0, h * 0.32, w, h * 0.5), fill("#7fa566"))
    canvas.drawPath(road, fill("#5d5f63"))
    canvas.restore()
    frame = skia.Path()
    frame.addRect(skia.Rect(0, 0, w, h))
    inner = skia.Path()
    inner.addRoundRect(glass, 40 * u, 40 * u)
    frame = skia.Op(frame, inner, skia.PathOp.kDifference_PathOp) or frame
    canvas.drawPath(frame, fill("#3a3d42"))
    canvas.drawRect(skia.Rect(w * 0.45, h * 0.08, w * 0.55, h * 0.12), fill("#22252a"))  # mirror
    dash = h * 0.5
    canvas.drawRect(skia.Rect(0, dash, w, dash + 60 * u), fill("#2a2c30"))
    for k in range(2):
        x = w * (0.28 + 0.44 * k)
        canvas.drawRoundRect(skia.Rect(x - 110 * u, dash + 40 * u, x + 110 * u, h), 30 * u, 30 * u, fill("#5a4a3f"))
        canvas.drawRoundRect(
            skia.Rect(x - 50 * u, dash + 10 * u, x + 50 * u, dash + 60 * u), 14 * u, 14 * u, fill("#4a3c33")
        )
    canvas.drawCircle(w * 0.28, dash + 20 * u, 60 * u, stroke("#1e2024", 12 * u))


def paint_spaceship(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    canvas.drawRect(skia.Rect(0, 0, w, h), fill("#b8c2cc"))
    port = skia.Rect(w * 0.2, h * 0.1, w * 0.8, h * 0.46)
    canvas.drawRoundRect(port, 60 * u, 60 * u, fill("#05081a"))
    canvas.save()
    canvas.clipRRect(skia.RRect.MakeRectXY(port, 60 * u, 60 * u))
    rng = plate.rng
    for _ in range(80):
        canvas.drawCircle(
            rng.uniform(port.left(), port.right()),
            rng.uniform(port.top(), port.bottom()),
            rng.uniform(0.6, 2.0) * u,
            fill("#ffffff", rng.uniform(0.5, 1.0)),
        )
    canvas.drawCircle(
        port.right() - port.width() * 0.2, port.bottom() - port.height() * 0.1, port.height() * 0.45, fill("#d4874a")
    )
    canvas.drawOval(
        skia.Rect(
            port.right() - port.width() * 0.36,
            port.bottom() - port.height() * 0.2,
            port.right() - port.width() * 0.04,
            port.bottom() - port.height() * 0.05,
        ),
        stroke("#f0c08a", 4 * u),
    )
    canvas.restore()
    canvas.drawRoundRect(port, 60 * u, 60 * u, stroke("#5d6d7e", 14 * u))
    for k in range(int(w / (120 * u)) + 1):  # wall panels
        x = k * 120 * u
        canvas.drawLine(x, 0, x, h * 0.68, stroke("#9aa5b0", 3 * u))
    floor_top = h * 0.68
    canvas.drawRect(skia.Rect(0, floor_top, w, h), vertical_gradient("#5d6d7e", "#3d4a58", floor_top, h))
    for k in range(-6, 20):
        x = w * k / 13
        canvas.drawLine(w / 2 + (x - w / 2) * 0.55, floor_top, x, h, stroke("#2c3845", 2 * u))
    console = skia.Rect(w * 0.03, floor_top - 90 * u, w * 0.97, floor_top)
    canvas.drawRect(console, fill("#34495e"))
    colours = ("#2ecc71", "#e74c3c", "#f1c40f", "#3498db")
    for k in range(int(console.width() / (26 * u))):
        x = console.left() + 13 * u + k * 26 * u
        colour = colours[k % 4]
        canvas.drawCircle(x, console.top() + 24 * u, 6 * u, fill(colour))
        plate.glow(x, console.top() + 24 * u, 18 * u, colour, 0.5)
    canvas.drawRect(skia.Rect(0, 0, w, 20 * u), fill("#eaf2f8"))
    plate.glow(w / 2, 10 * u, 300 * u, "#d6eaf8", 0.4)
