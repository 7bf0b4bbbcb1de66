"""More outdoor plates: bridge, harbour, boat deck, village square, market, farm, castle, snowfield,
beach, open road and railway station. Sizes are in design pixels times `plate.unit`.
"""

from __future__ import annotations

import math

import skia

from models.image.colours import fill, mix, shade, stroke, vertical_gradient
from models.image.exteriors import FACADES, hills, tree
from models.image.plate import Plate


def _band(canvas: skia.Canvas, plate: Plate, top: float, bottom: float, far: str, near: str) -> None:
    canvas.drawRect(skia.Rect(0, top, plate.width, bottom), vertical_gradient(far, near, top, bottom))


def _water(canvas: skia.Canvas, plate: Plate, top: float, bottom: float) -> None:
    w, u = plate.width, plate.unit
    _band(canvas, plate, top, bottom, shade(plate.lighting.water, 0.15), plate.lighting.water)
    rng = plate.rng
    for _ in range(int(40 * w / 1280)):
        x, y = rng.uniform(0, w), rng.uniform(top + 4 * u, bottom)
        length = rng.uniform(20, 60) * u * (0.5 + (y - top) / max(bottom - top, 1))
        canvas.drawLine(x, y, x + length, y, stroke("#ffffff", 2 * u, alpha=0.35))


def _boat(canvas: skia.Canvas, x: float, y: float, size: float, hull: str, sail: bool = True) -> None:
    body = skia.Path()
    body.moveTo(x - size, y - size * 0.3)
    body.lineTo(x + size, y - size * 0.3)
    body.lineTo(x + size * 0.75, y)
    body.lineTo(x - size * 0.75, y)
    body.close()
    canvas.drawPath(body, fill(hull))
    canvas.drawLine(x - size, y - size * 0.3, x + size, y - size * 0.3, stroke(shade(hull, 0.3), size * 0.06))
    if sail:
        canvas.drawLine(x, y - size * 0.3, x, y - size * 1.6, stroke("#5a4632", size * 0.05))
        s = skia.Path()
        s.moveTo(x + size * 0.04, y - size * 1.55)
        s.lineTo(x + size * 0.8, y - size * 0.4)
        s.lineTo(x + size * 0.04, y - size * 0.4)
        s.close()
        canvas.drawPath(s, fill("#f4efe2"))


def _house(canvas: skia.Canvas, plate: Plate, x: float, base: float, w: float, h: float, colour: str) -> None:
    u = plate.unit
    canvas.drawRect(skia.Rect(x, base - h, x + w, base), fill(colour))
    roof = skia.Path()
    roof.moveTo(x - 8 * u, base - h)
    roof.lineTo(x + w / 2, base - h - w * 0.45)
    roof.lineTo(x + w + 8 * u, base - h)
    roof.close()
    canvas.drawPath(roof, fill("#8e3b2e"))
    for fx in (0.2, 0.6):
        wx, wy = x + w * fx, base - h * 0.75
        canvas.drawRect(skia.Rect(wx, wy, wx + w * 0.2, wy + h * 0.25), fill("#3b3f4a"))
        plate.window(wx, wy, w * 0.2, h * 0.25)
    canvas.drawRect(skia.Rect(x + w * 0.42, base - h * 0.38, x + w * 0.58, base), fill(shade(colour, -0.35)))


def _cobbles(canvas: skia.Canvas, plate: Plate, top: float, colour: str) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    _band(canvas, plate, top, h, shade(colour, -0.1), colour)
    rows = 7
    for r in range(rows):
        y = top + (h - top) * (r / rows) ** 1.2
        step = 40 * u * (0.6 + r / rows)
        offset = step / 2 if r % 2 else 0
        x = -offset
        while x < w:
            canvas.drawRoundRect(
                skia.Rect(x + 2 * u, y + 2 * u, x + step - 2 * u, y + (h - top) / rows * 0.9),
                5 * u,
                5 * u,
                fill(shade(colour, 0.08 if (r + int(x)) % 3 else -0.05)),
            )
            x += step


def paint_bridge(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    hills(canvas, plate, horizon, 50 * u, "#7fa07a", 1.3)
    _water(canvas, plate, horizon, h)
    deck = h * 0.78
    # A far arch of the same bridge, crossing the river into the distance.
    arch = skia.Path()
    arch.addArc(skia.Rect(w * 0.55, horizon - 30 * u, w * 1.05, horizon + 90 * u), 180, 180)
    canvas.drawPath(arch, stroke("#a08e78", 14 * u, round_cap=False))
    canvas.drawRect(skia.Rect(0, deck, w, h), vertical_gradient("#b8a68c", "#9c8a70", deck, h))
    rail_top = deck - 70 * u
    canvas.drawRect(skia.Rect(0, rail_top, w, rail_top + 12 * u), fill("#c9b89c"))
    for i in range(int(w / (34 * u)) + 1):
        x = i * 34 * u
        canvas.drawRoundRect(skia.Rect(x + 6 * u, rail_top + 12 * u, x + 20 * u, deck), 6 * u, 6 * u, fill("#b3a288"))
    canvas.drawRect(skia.Rect(0, deck - 6 * u, w, deck + 4 * u), fill("#8a7a62"))
    for fx in (0.12, 0.88):
        x = w * fx
        canvas.drawRect(skia.Rect(x - 5 * u, rail_top - 150 * u, x + 5 * u, rail_top), fill("#3b3530"))
        canvas.drawCircle(x, rail_top - 155 * u, 14 * u, fill("#f6e7b0" if plate.lighting.lights_on else "#d8d4c4"))
        if plate.lighting.lights_on:
            plate.glow(x, rail_top - 155 * u, 120 * u, "#ffd98a", 0.7)


def paint_harbour(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    hills(canvas, plate, horizon, 40 * u, "#8aa08a", 0.4)
    _water(canvas, plate, horizon, h)
    quay = h * 0.76
    for i, fx in enumerate((0.15, 0.42, 0.7, 0.92)):
        _boat(
            canvas,
            w * fx,
            horizon + (30 + 18 * (i % 2)) * u,
            (55 - 8 * (i % 2)) * u,
            ["#c0392b", "#2e86c1", "#f4d03f", "#27ae60"][i],
            sail=i % 2 == 0,
        )
    canvas.drawRect(skia.Rect(0, quay, w, h), vertical_gradient("#a9a39a", "#8b857c", quay, h))
    for i in range(int(w / (60 * u)) + 1):
        canvas.drawLine(i * 60 * u, quay, i * 60 * u, h, stroke("#7a746c", 2 * u))
    canvas.drawRect(skia.Rect(0, quay - 8 * u, w, quay + 4 * u), fill("#6f6a62"))
    for fx in (0.08, 0.5, 0.95):
        x = w * fx
        canvas.drawRoundRect(skia.Rect(x - 12 * u, quay - 34 * u, x + 12 * u, quay), 8 * u, 8 * u, fill("#2f3438"))
    canvas.drawRect(skia.Rect(w * 0.78, quay - 60 * u, w * 0.86, quay), fill("#9a6b3f"))
    canvas.drawRect(skia.Rect(w * 0.79, quay - 110 * u, w * 0.85, quay - 60 * u), fill("#b07d4b"))


def paint_boat_deck(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    _water(canvas, plate, horizon, h)
    deck = h * 0.72
    canvas.drawRect(skia.Rect(0, deck, w, h), vertical_gradient("#b07d4b", "#8a5a33", deck, h))
    for i in range(1, 8):
        y = deck + (h - deck) * (i / 8) ** 1.2
        canvas.drawLine(0, y, w, y, stroke("#6b4226", 2 * u, alpha=0.7))
    rail = deck - 80 * u
    for y in (rail, rail + 35 * u):
        canvas.drawLine(0, y, w, y, stroke("#e9e2d0", 7 * u))
    for i in range(int(w / (90 * u)) + 1):
        canvas.drawLine(i * 90 * u, rail, i * 90 * u, deck, stroke("#e9e2d0", 7 * u))
    mast = w * (0.9 if not plate.portrait else 0.85)
    canvas.drawRect(skia.Rect(mast - 10 * u, 0, mast + 10 * u, deck), fill("#6b4226"))
    sail = skia.Path()
    sail.moveTo(mast - 14 * u, h * 0.05)
    sail.quadTo(mast - w * 0.22, h * 0.3, mast - 14 * u, rail - 30 * u)
    sail.close()
    canvas.drawPath(sail, fill("#f4efe2"))
    canvas.drawCircle(w * 0.06, rail + 17 * u, 26 * u, stroke("#e74c3c", 12 * u))


def paint_village_square(canvas: skia.Canvas, plate: Plate) -> None:
    w, _h, u = plate.width, plate.height, plate.unit
    base = plate.horizon_y + 40 * u
    colours = FACADES.get(plate.culture, FACADES["western"])
    count = 4 if not plate.portrait else 2
    for i in range(count):
        hw = w / count
        _house(canvas, plate, i * hw + 10 * u, base, hw - 20 * u, (150 + 30 * (i % 2)) * u, colours[i % len(colours)])
    _cobbles(canvas, plate, base, "#b8ab98")
    x, y = w * 0.5, base + 30 * u
    canvas.drawOval(skia.Rect(x - 70 * u, y - 16 * u, x + 70 * u, y + 16 * u), fill("#8d8576"))
    canvas.drawRect(skia.Rect(x - 60 * u, y - 45 * u, x + 60 * u, y), fill("#a39b8c"))
    canvas.drawRect(skia.Rect(x - 6 * u, y - 110 * u, x + 6 * u, y - 45 * u), fill("#8d8576"))
    canvas.drawCircle(x, y - 115 * u, 18 * u, fill("#7fb6d6"))
    tree(canvas, w * 0.08, base + 10 * u, 150 * u, "#4f8f3f")


def paint_market(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    base = plate.horizon_y + 30 * u
    colours = FACADES.get(plate.culture, FACADES["western"])
    for i in range(5):
        _house(canvas, plate, i * w / 5, base, w / 5 - 6 * u, 170 * u, colours[(i + 2) % len(colours)])
    canvas.drawRect(skia.Rect(0, base, w, h), vertical_gradient("#c8b48f", "#a8946f", base, h))
    stripes = [("#e74c3c", "#fdf2e9"), ("#2e86c1", "#fdf2e9"), ("#27ae60", "#fef9e7"), ("#f39c12", "#fdf2e9")]
    stalls = 3 if not plate.portrait else 2
    goods = ["#e74c3c", "#f39c12", "#27ae60", "#f4d03f", "#8e44ad"]
    for i in range(stalls):
        cx = w * (i + 0.5) / stalls
        sw = w / stalls * 0.8
        top = base - 120 * u
        a, b = stripes[i % len(stripes)]
        for k in range(8):
            canvas.drawRect(
                skia.Rect(cx - sw / 2 + sw * k / 8, top, cx - sw / 2 + sw * (k + 1) / 8, top + 36 * u),
                fill(a if k % 2 else b),
            )
        for side in (-1, 1):
            canvas.drawRect(
                skia.Rect(cx + side * sw / 2 - 4 * u, top, cx + side * sw / 2 + 4 * u, base + 40 * u), fill("#6b4a2f")
            )
        table = base + 10 * u
        canvas.drawRect(skia.Rect(cx - sw / 2, table, cx + sw / 2, table + 30 * u), fill("#8a5a33"))
        for k in range(9):
            canvas.drawCircle(cx - sw * 0.4 + sw * 0.8 * k / 8, table - 8 * u, 11 * u, fill(goods[(k + i) % 5]))


def paint_farm(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    hills(canvas, plate, horizon, 40 * u, "#9cbf78", 2.1)
    _band(canvas, plate, horizon, h, "#c9b458", "#a88f3e")
    for i in range(-10, 26):  # furrows converging on the horizon
        x = w * i / 16
        canvas.drawLine(w / 2 + (x - w / 2) * 0.15, horizon, x, h, stroke("#8f7834", 3 * u, alpha=0.6))
    bx, base = w * 0.72, horizon + 10 * u
    canvas.drawRect(skia.Rect(bx, base - 120 * u, bx + 160 * u, base), fill("#b03a2e"))
    roof = skia.Path()
    roof.moveTo(bx - 12 * u, base - 120 * u)
    roof.lineTo(bx + 80 * u, base - 185 * u)
    roof.lineTo(bx + 172 * u, base - 120 * u)
    roof.close()
    canvas.drawPath(roof, fill("#5d4037"))
    canvas.drawRect(skia.Rect(bx + 55 * u, base - 70 * u, bx + 105 * u, base), fill("#f4efe2"))
    for i in range(int(w / (50 * u)) + 1):
        x = i * 50 * u
        canvas.drawLine(x, horizon + 50 * u, x, horizon + 90 * u, stroke("#8a6a48", 5 * u))
    for y in (horizon + 60 * u, horizon + 78 * u):
        canvas.drawLine(0, y, w, y, stroke("#8a6a48", 4 * u))
    hx = w * 0.2
    hay = skia.Path()
    hay.addArc(skia.Rect(hx - 60 * u, horizon + 20 * u, hx + 60 * u, horizon + 140 * u), 180, 180)
    canvas.drawPath(hay, fill("#e0c060"))


def paint_castle(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    hills(canvas, plate, horizon + 10 * u, 70 * u, "#6f9a5f", 0.9)
    stone, dark = "#9e9a93", "#7d7972"
    cx = w * 0.5
    wall_w = min(w * 0.8, 700 * u)
    top = horizon - 110 * u
    canvas.drawRect(skia.Rect(cx - wall_w / 2, top, cx + wall_w / 2, horizon + 30 * u), fill(stone))
    for k in range(int(wall_w / (30 * u))):
        if k % 2 == 0:
            x = cx - wall_w / 2 + k * 30 * u
            canvas.drawRect(skia.Rect(x, top - 20 * u, x + 30 * u, top), fill(stone))
    for fx in (-0.5, 0.5, 0.0):
        tx = cx + fx * wall_w
        tw = 70 * u if fx else 100 * u
        ttop = top - (90 if fx else 150) * u
        canvas.drawRect(skia.Rect(tx - tw / 2, ttop, tx + tw / 2, horizon + 30 * u), fill(dark if fx else stone))
        cone = skia.Path()
        cone.moveTo(tx - tw / 2 - 8 * u, ttop)
        cone.lineTo(tx, ttop - tw * 0.9)
        cone.lineTo(tx + tw / 2 + 8 * u, ttop)
        cone.close()
        canvas.drawPath(cone, fill("#5b3a6e"))
        canvas.drawLine(tx, ttop - tw * 0.9, tx, ttop - tw * 0.9 - 40 * u, stroke("#3b3530", 3 * u))
        canvas.drawRect(skia.Rect(tx, ttop - tw * 0.9 - 40 * u, tx + 26 * u, ttop - tw * 0.9 - 24 * u), fill("#c0392b"))
        canvas.drawRect(skia.Rect(tx - 8 * u, ttop + 30 * u, tx + 8 * u, ttop + 60 * u), fill("#2f2a35"))
        plate.window(tx - 8 * u, ttop + 30 * u, 16 * u, 30 * u)
    gate = skia.Path()
    gate.addRoundRect(skia.Rect(cx - 40 * u, horizon - 50 * u, cx + 40 * u, horizon + 30 * u), 40 * u, 40 * u)
    canvas.drawPath(gate, fill("#3b2f2a"))
    _band(canvas, plate, horizon + 30 * u, h, "#7fa566", "#5f8a4a")
    path = skia.Path()
    path.moveTo(cx - 30 * u, horizon + 30 * u)
    path.lineTo(cx + 30 * u, horizon + 30 * u)
    path.lineTo(cx + w * 0.25, h)
    path.lineTo(cx - w * 0.25, h)
    path.close()
    canvas.drawPath(path, fill("#c9b48f"))


def paint_snowfield(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    hills(canvas, plate, horizon - 20 * u, 90 * u, "#dfe8f2", 0.3)
    hills(canvas, plate, horizon + 20 * u, 40 * u, "#eef3f8", 1.7)
    _band(canvas, plate, horizon + 30 * u, h, "#e6eef6", "#f8fbff")
    for i, fx in enumerate((0.06, 0.16, 0.86, 0.95)):
        x, base, size = w * fx, horizon + (50 + 30 * (i % 2)) * u, (110 + 30 * (i % 2)) * u
        for k in range(3):
            tier = skia.Path()
            y = base - size * (0.25 + 0.28 * k)
            half = size * (0.38 - 0.09 * k)
            tier.moveTo(x - half, y)
            tier.lineTo(x, y - size * 0.4)
            tier.lineTo(x + half, y)
            tier.close()
            canvas.drawPath(tier, fill("#2f5d4a"))
            canvas.drawOval(
                skia.Rect(x - half * 0.7, y - size * 0.08, x + half * 0.7, y + size * 0.02), fill("#ffffff")
            )
        canvas.drawRect(skia.Rect(x - 6 * u, base - size * 0.25, x + 6 * u, base), fill("#5a4030"))
    for k in range(5):  # blue shadows of drifts
        y = horizon + (80 + 60 * k) * u
        canvas.drawOval(skia.Rect(w * (0.1 + 0.17 * k), y, w * (0.35 + 0.17 * k), y + 16 * u), fill("#c9d6e6", 0.7))


def paint_beach(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    sand = h * 0.72
    _water(canvas, plate, horizon, sand)
    _band(canvas, plate, sand, h, "#f2dcae", "#e6c98e")
    foam = skia.Path()
    foam.moveTo(0, sand)
    for i in range(21):
        foam.lineTo(w * i / 20, sand + (8 if i % 2 else -4) * u)
    foam.lineTo(w, sand - 14 * u)
    foam.lineTo(0, sand - 14 * u)
    foam.close()
    canvas.drawPath(foam, fill("#ffffff", 0.8))
    px, base = w * 0.9, sand + 60 * u
    trunk = skia.Path()
    trunk.moveTo(px, base)
    trunk.quadTo(px - 20 * u, base - 150 * u, px - 60 * u, base - 280 * u)
    canvas.drawPath(trunk, stroke("#8a6a48", 16 * u))
    for a in range(6):
        angle = math.pi * (0.1 + a / 5 * 0.8)
        leaf = skia.Path()
        tx, ty = px - 60 * u, base - 280 * u
        leaf.moveTo(tx, ty)
        leaf.quadTo(
            tx + math.cos(angle) * 70 * u, ty - 40 * u, tx + math.cos(angle) * 120 * u, ty + math.sin(angle) * 50 * u
        )
        canvas.drawPath(leaf, stroke("#2f8a3c", 12 * u))
    ux = w * 0.15
    canvas.drawLine(ux, sand + 90 * u, ux + 10 * u, sand - 60 * u, stroke("#6b4a2f", 5 * u))
    umbrella = skia.Path()
    umbrella.addArc(skia.Rect(ux - 80 * u, sand - 100 * u, ux + 100 * u, sand - 20 * u), 180, 180)
    canvas.drawPath(umbrella, fill("#e74c3c"))
    for k in range(6):
        canvas.drawCircle(w * (0.3 + 0.1 * k), sand + (40 + 20 * (k % 3)) * u, 5 * u, fill("#f7e1c6"))


def paint_road(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    hills(canvas, plate, horizon, 60 * u, "#8fae7e", 2.7)
    _band(canvas, plate, horizon, h, "#9cbf78", "#6f9a52")
    vx = w * 0.5
    road = skia.Path()
    road.moveTo(vx - 12 * u, horizon)
    road.lineTo(vx + 12 * u, horizon)
    road.lineTo(w * 0.95, h)
    road.lineTo(w * 0.05, h)
    road.close()
    canvas.drawPath(road, fill("#5d5f63"))
    for k in range(8):  # centre dashes, longer as they come near
        t0, t1 = (k / 8) ** 1.8, ((k + 0.5) / 8) ** 1.8
        y0, y1 = horizon + (h - horizon) * t0, horizon + (h - horizon) * t1
        canvas.drawLine(vx, y0, vx, y1, stroke("#f4d03f", (2 + 8 * t1) * u, round_cap=False))
    for k in range(5):  # telegraph poles receding
        t = (k + 1) / 6
        x = vx - 40 * u - (w * 0.5) * t**1.5
        base = horizon + (h - horizon) * t**1.5
        tall = 40 * u + 260 * u * t**1.5
        canvas.drawLine(x, base, x, base - tall, stroke("#6b4a2f", (2 + 6 * t) * u))
        canvas.drawLine(
            x - 18 * t * u, base - tall + 8 * u, x + 18 * t * u, base - tall + 8 * u, stroke("#6b4a2f", 3 * u)
        )
    tree(canvas, w * 0.88, horizon + 60 * u, 130 * u, "#3f7f3a")


def paint_station(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u = plate.width, plate.height, plate.unit
    horizon = plate.horizon_y
    train_top, rails = horizon - 120 * u, horizon + 30 * u
    canvas.drawRect(skia.Rect(0, rails - 10 * u, w, rails + 20 * u), fill("#6b5e52"))
    canvas.drawRoundRect(skia.Rect(-20 * u, train_top, w * 0.85, rails), 18 * u, 18 * u, fill("#2e6da4"))
    canvas.drawRect(skia.Rect(-20 * u, rails - 30 * u, w * 0.85, rails - 18 * u), fill("#f4d03f"))
    for k in range(int(w * 0.85 / (90 * u))):
        x = k * 90 * u + 20 * u
        canvas.drawRoundRect(
            skia.Rect(x, train_top + 20 * u, x + 60 * u, train_top + 70 * u), 8 * u, 8 * u, fill("#cfe6f2")
        )
        plate.window(x, train_top + 20 * u, 60 * u, 50 * u)
    platform = rails + 20 * u
    canvas.drawRect(skia.Rect(0, platform, w, h), vertical_gradient("#b5b0a8", "#9a958d", platform, h))
    canvas.drawRect(skia.Rect(0, platform, w, platform + 12 * u), fill("#f4d03f"))
    roof = h * 0.12
    canvas.drawRect(skia.Rect(0, roof - 30 * u, w, roof), fill("#5b5f66"))
    for k in range(4 if not plate.portrait else 2):
        x = w * (k + 0.5) / (4 if not plate.portrait else 2)
        canvas.drawRect(skia.Rect(x - 7 * u, roof, x + 7 * u, platform), fill("#41464d"))
    cx = w * 0.5
    canvas.drawLine(cx, roof, cx, roof + 40 * u, stroke("#2f3438", 4 * u))
    canvas.drawCircle(cx, roof + 70 * u, 30 * u, fill("#f4efe2"))
    canvas.drawCircle(cx, roof + 70 * u, 30 * u, stroke("#2f3438", 5 * u))
    canvas.drawLine(cx, roof + 70 * u, cx, roof + 50 * u, stroke("#2f3438", 3 * u))
    canvas.drawLine(cx, roof + 70 * u, cx + 14 * u, roof + 72 * u, stroke("#2f3438", 3 * u))
    if plate.lighting.lights_on:
        for k in range(3):
            plate.glow(w * (k + 0.5) / 3, roof + 10 * u, 160 * u, "#ffe2a0", 0.5)


def paint_riverbank(canvas: skia.Canvas, plate: Plate) -> None:
    """A river seen from a grassy bank, with no culture's buildings (the ghat is the Indian one)."""
    w, h, u, light = plate.width, plate.height, plate.unit, plate.lighting
    horizon = plate.horizon_y
    hills(canvas, plate, horizon, 45 * u, "#6f9470", 0.9)
    bank = h * 0.74
    _water(canvas, plate, horizon, bank)
    grass = mix("#7a9a52", light.haze, 0.15)
    canvas.drawRect(skia.Rect(0, bank, w, h), vertical_gradient(grass, shade(grass, -0.25), bank, h))
    canvas.drawRect(skia.Rect(0, bank - 3 * u, w, bank + 4 * u), fill(shade("#8a7a52", -0.1)))
    rng = plate.rng
    for _ in range(int(30 * w / 1280)):  # reeds at the water's edge
        x = rng.uniform(0, w)
        canvas.drawLine(
            x, bank + 6 * u, x + rng.uniform(-6, 6) * u, bank - rng.uniform(20, 50) * u, stroke("#4f6b33", 3 * u)
        )
    for fx, size in ((0.06, 260), (0.94, 300)):
        tree(canvas, w * fx, bank + 10 * u, size * u, mix("#4f7a3a", light.haze, 0.2))
