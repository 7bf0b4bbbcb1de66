"""Outdoor plates: coast (with an optional lighthouse), city street, forest and open country."""

from __future__ import annotations

import math

import skia

from models.image import props
from models.image.colours import fill, mix, shade, stroke, vertical_gradient
from models.image.plate import Plate


def cloud(canvas: skia.Canvas, x: float, y: float, u: float) -> None:
    paint = fill("#ffffff", 0.9)
    for dx, dy, r in ((-40, 6, 26), (-12, -8, 34), (22, -2, 30), (48, 8, 22)):
        canvas.drawCircle(x + dx * u, y + dy * u, r * u, paint)
    canvas.drawRoundRect(skia.Rect(x - 62 * u, y + 4 * u, x + 68 * u, y + 30 * u), 13 * u, 13 * u, paint)


def hills(canvas: skia.Canvas, plate: Plate, base_y: float, amplitude: float, colour: str, phase: float) -> None:
    w = plate.width
    path = skia.Path()
    path.moveTo(0, plate.height)
    for i in range(41):
        x = w * i / 40
        y = base_y - amplitude * (0.6 + 0.4 * math.sin(x / w * 5.3 + phase)) * (
            0.7 + 0.3 * math.sin(x / w * 11 + phase * 2)
        )
        path.lineTo(x, y)
    path.lineTo(w, plate.height)
    path.close()
    canvas.drawPath(path, fill(colour))


def tree(canvas: skia.Canvas, x: float, base_y: float, size: float, leaf: str, trunk: str = "#6b4a2f") -> None:
    canvas.drawRect(skia.Rect(x - size * 0.07, base_y - size * 0.6, x + size * 0.07, base_y), fill(trunk))
    for dx, dy, r in ((0, -0.95, 0.36), (-0.22, -0.72, 0.28), (0.22, -0.7, 0.28), (0.0, -0.62, 0.25)):
        canvas.drawCircle(x + dx * size, base_y + dy * size, r * size, fill(leaf))
    canvas.drawCircle(x - 0.1 * size, base_y - 1.05 * size, 0.12 * size, fill(shade(leaf, 0.18)))


def _ground(canvas: skia.Canvas, plate: Plate, top: float, near: str, far: str) -> None:
    canvas.drawRect(skia.Rect(0, top, plate.width, plate.height), vertical_gradient(far, near, top, plate.height))


def _lighthouse(canvas: skia.Canvas, plate: Plate, x: float, base: float, height: float) -> None:
    half_b, half_t = height * 0.11, height * 0.075
    tower = skia.Path()
    tower.moveTo(x - half_b, base)
    tower.lineTo(x - half_t, base - height)
    tower.lineTo(x + half_t, base - height)
    tower.lineTo(x + half_b, base)
    tower.close()
    canvas.drawPath(tower, fill("#f4f1ea"))
    canvas.save()
    canvas.clipPath(tower, doAntiAlias=True)
    for k in range(1, 4, 2):
        canvas.drawRect(
            skia.Rect(x - height, base - height * (k + 1) / 4, x + height, base - height * k / 4), fill("#d8443a")
        )
    canvas.drawRect(skia.Rect(x + half_t * 0.3, base - height, x + height, base), fill("#000000", 0.12))
    canvas.restore()
    room = skia.Rect(x - half_t * 0.8, base - height - height * 0.12, x + half_t * 0.8, base - height)
    canvas.drawRect(room, fill("#fff2b0" if plate.lighting.lights_on else "#a9c8d8"))
    canvas.drawRect(
        skia.Rect(x - half_t * 1.2, base - height - 4, x + half_t * 1.2, base - height + 4), fill("#2f3438")
    )
    roof = skia.Path()
    roof.moveTo(x - half_t * 1.0, room.top())
    roof.lineTo(x, room.top() - height * 0.1)
    roof.lineTo(x + half_t * 1.0, room.top())
    roof.close()
    canvas.drawPath(roof, fill("#c23a30"))
    if plate.lighting.lights_on:
        plate.glow(x, room.centerY(), height * 0.9, "#fff0a8", 0.85)
        plate.glow(x + height * 1.2, room.centerY() + height * 0.05, height * 0.7, "#fff0a8", 0.25)


def paint_coast(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u, light = plate.width, plate.height, plate.unit, plate.lighting
    horizon = plate.horizon_y
    canvas.drawRect(
        skia.Rect(0, horizon, w, h),
        vertical_gradient(mix(light.water, light.haze, 0.35), light.water, horizon, h * 0.8),
    )
    rng = plate.rng
    for i in range(14):
        y = horizon + (h * 0.8 - horizon) * (i + 1) / 15
        x = rng.uniform(0, w)
        canvas.drawLine(x, y, x + rng.uniform(30, 90) * u, y, stroke("#ffffff", 2.5 * u, alpha=0.5))
    if "lighthouse" in plate.words or "keeper" in plate.words or rng.random() < 0.4:
        cliff = skia.Path()
        cliff.moveTo(0, horizon + 60 * u)
        cliff.lineTo(0, horizon - 40 * u)
        cliff.quadTo(w * 0.12, horizon - 90 * u, w * 0.3, horizon - 40 * u)
        cliff.quadTo(w * 0.38, horizon + 10 * u, w * 0.42, horizon + 60 * u)
        cliff.close()
        canvas.drawPath(cliff, fill("#6c7a5a"))
        _lighthouse(canvas, plate, w * 0.16, horizon - 75 * u, 200 * u)
    else:
        bx, by = w * 0.3, horizon + 20 * u
        canvas.drawPath(_sail(bx, by, u), fill("#f6f1e4"))
        canvas.drawRect(skia.Rect(bx - 40 * u, by, bx + 40 * u, by + 12 * u), fill("#8a4b2f"))
    sand_top = h * 0.74
    shore = skia.Path()
    shore.moveTo(0, sand_top + 20 * u)
    shore.quadTo(w * 0.5, sand_top - 20 * u, w, sand_top + 10 * u)
    shore.lineTo(w, h)
    shore.lineTo(0, h)
    shore.close()
    canvas.drawPath(shore, vertical_gradient("#e9d3a1", "#d9b77a", sand_top, h))
    foam = skia.Path()
    foam.moveTo(0, sand_top + 20 * u)
    foam.quadTo(w * 0.5, sand_top - 20 * u, w, sand_top + 10 * u)
    canvas.drawPath(foam, stroke("#ffffff", 5 * u, alpha=0.85))
    for x, r in ((w * 0.92, 60), (w * 0.84, 36)):
        canvas.drawOval(
            skia.Rect(x - r * u, h * 0.86 - r * 0.8 * u, x + r * u, h * 0.86 + r * 0.3 * u), fill("#6d6a66")
        )
        canvas.drawOval(
            skia.Rect(x - r * 0.6 * u, h * 0.86 - r * 0.7 * u, x + r * 0.1 * u, h * 0.86 - r * 0.3 * u), fill("#8a8782")
        )
    if light.name == "day":
        for gx, gy in ((w * 0.55, horizon * 0.45), (w * 0.6, horizon * 0.4)):
            gull = skia.Path()
            gull.moveTo(gx - 12 * u, gy)
            gull.quadTo(gx - 6 * u, gy - 8 * u, gx, gy)
            gull.quadTo(gx + 6 * u, gy - 8 * u, gx + 12 * u, gy)
            canvas.drawPath(gull, stroke("#3a3f48", 2.5 * u))


def _sail(x: float, y: float, u: float) -> skia.Path:
    sail = skia.Path()
    sail.moveTo(x, y - 90 * u)
    sail.lineTo(x + 35 * u, y - 4 * u)
    sail.lineTo(x - 30 * u, y - 4 * u)
    sail.close()
    return sail


FACADES = {
    "indian": ["#f2a7b5", "#7fd1c7", "#f6d36b", "#b8a4e3", "#f39c6b"],
    "western": ["#b5523b", "#c98b5e", "#8f6f5a", "#d4b483", "#6f7f8f"],
    "middle_eastern": ["#e6c79a", "#d9b382", "#f0dcb8", "#c9a06a", "#e0bf8f"],
    "east_asian": ["#8a3b2a", "#f2e6cf", "#5a6b5a", "#c94a3a", "#3b4a5a"],
}


def paint_street(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u, rng = plate.width, plate.height, plate.unit, plate.rng
    base = h * 0.74
    indian = plate.culture == "indian"
    hills(canvas, plate, base - 250 * u, 60 * u, mix("#7d8aa0", plate.lighting.haze, 0.4), 1.3)
    facades = FACADES.get(plate.culture, FACADES["western"])
    if plate.culture == "middle_eastern":  # a domed mosque and minaret on the skyline
        dome_x = w * 0.62
        canvas.drawRect(skia.Rect(dome_x - 110 * u, base - 420 * u, dome_x + 110 * u, base), fill("#e8d3ad"))
        canvas.drawArc(
            skia.Rect(dome_x - 90 * u, base - 560 * u, dome_x + 90 * u, base - 300 * u), 180, 180, True, fill("#3f8f8a")
        )
        canvas.drawRect(skia.Rect(dome_x + 150 * u, base - 600 * u, dome_x + 180 * u, base), fill("#e8d3ad"))
        canvas.drawCircle(dome_x + 165 * u, base - 610 * u, 22 * u, fill("#3f8f8a"))
    x = -rng.uniform(0, 60) * u
    while x < w:
        bw = rng.uniform(170, 260) * u
        top = base - rng.uniform(260, 420) * u
        colour = rng.choice(facades)
        canvas.drawRect(skia.Rect(x, top, x + bw, base), fill(colour))
        canvas.drawRect(skia.Rect(x - 4 * u, top - 14 * u, x + bw + 4 * u, top), fill(shade(colour, -0.25)))
        for row in range(int((base - top - 110 * u) // (85 * u))):
            for col in range(max(1, int(bw // (70 * u)))):
                wx = x + 22 * u + col * 70 * u
                wy = top + 30 * u + row * 85 * u
                if wx + 36 * u > x + bw - 12 * u:
                    continue
                canvas.drawRect(skia.Rect(wx, wy, wx + 36 * u, wy + 50 * u), fill("#39465a"))
                canvas.drawRect(skia.Rect(wx - 4 * u, wy + 50 * u, wx + 40 * u, wy + 56 * u), fill(shade(colour, 0.3)))
                if rng.random() < 0.55:
                    plate.window(wx, wy, 36 * u, 50 * u)
        door_x = x + bw * 0.5 - 30 * u
        canvas.drawRect(skia.Rect(door_x, base - 95 * u, door_x + 60 * u, base), fill(shade(colour, -0.45)))
        if indian:
            awning = rng.choice(["#e23b3b", "#2f8f6f", "#2f6fd0", "#f28c18"])
            for k in range(6):
                seg = skia.Rect(
                    x + 10 * u + k * (bw - 20 * u) / 6,
                    base - 130 * u,
                    x + 10 * u + (k + 1) * (bw - 20 * u) / 6,
                    base - 100 * u,
                )
                canvas.drawRect(seg, fill(awning if k % 2 else "#fbf3e4"))
        x += bw + rng.uniform(0, 8) * u
    canvas.drawRect(skia.Rect(0, base, w, h), vertical_gradient("#a7a39b", "#8c8880", base, h))
    for i in range(12):
        lx = w * i / 11
        canvas.drawLine(lx, base, lx - (w / 2 - lx) * 0.3, h, stroke("#7a766f", 2 * u, alpha=0.6))
    canvas.drawLine(0, base + 30 * u, w, base + 30 * u, stroke("#7a766f", 2 * u, alpha=0.6))
    canvas.drawRect(skia.Rect(0, base - 6 * u, w, base + 4 * u), fill("#6f6b64"))
    for lx in (0.08, 0.92) if not plate.portrait else (0.06,):
        props.street_lamp(canvas, plate, w * lx, base + 20 * u, u)
    if indian:
        canvas.drawLine(0, base - 330 * u, w, base - 300 * u, stroke("#2a2a2e", 2 * u))
        props.garland(canvas, w * 0.3, w * 0.7, base - 300 * u, 18 * u, u, loops=4)


def paint_forest(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u, rng, light = plate.width, plate.height, plate.unit, plate.rng, plate.lighting
    horizon = plate.horizon_y
    hills(canvas, plate, horizon, 90 * u, mix("#6f9a8a", light.haze, 0.45), 0.4)
    far = mix("#3f7f5a", light.haze, 0.35)
    for i in range(14):
        x = w * (i + rng.uniform(-0.3, 0.3)) / 13
        tree(canvas, x, horizon + 40 * u, rng.uniform(150, 220) * u, far, mix("#5a4a3a", light.haze, 0.3))
    _ground(canvas, plate, horizon + 30 * u, "#4f9a3f", "#78b85a")
    path = skia.Path()
    path.moveTo(w * 0.45, horizon + 30 * u)
    path.cubicTo(w * 0.55, h * 0.75, w * 0.2, h * 0.85, w * 0.3, h)
    path.lineTo(w * 0.75, h)
    path.cubicTo(w * 0.6, h * 0.85, w * 0.65, h * 0.72, w * 0.5, horizon + 30 * u)
    path.close()
    canvas.drawPath(path, fill("#c9b07a"))
    for x, size in ((w * 0.05, 380), (w * 0.95, 420), (w * 0.22, 300), (w * 0.8, 320)):
        tree(canvas, x, h * 0.8, size * u, rng.choice(["#2f7f3c", "#3a8f45", "#2a6f38"]))
    for _i in range(18):
        x = rng.uniform(0, w)
        y = rng.uniform(h * 0.8, h)
        canvas.drawCircle(x, y, 5 * u, fill(rng.choice(["#f7c21b", "#e8e3f2", "#e23b6d"])))
        canvas.drawLine(x, y + 5 * u, x, y + 16 * u, stroke("#2f7f3c", 2 * u))
    if light.name in ("night", "dusk"):
        for _ in range(12):
            plate.glow(rng.uniform(0, w), rng.uniform(horizon, h * 0.85), 14 * u, "#e8ff8a", 0.9)


def paint_open_land(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, u, light = plate.width, plate.height, plate.unit, plate.lighting
    horizon = plate.horizon_y
    hills(canvas, plate, horizon, 110 * u, mix("#7fae8a", light.haze, 0.4), 2.1)
    hills(canvas, plate, horizon + 50 * u, 60 * u, mix("#8cc06a", light.haze, 0.15), 0.7)
    _ground(canvas, plate, horizon + 60 * u, "#5fa84a", "#86c565")
    hx, hy = w * 0.7, horizon + 70 * u
    canvas.drawRect(skia.Rect(hx, hy - 90 * u, hx + 140 * u, hy), fill("#f0e2c4"))
    roof = skia.Path()
    roof.moveTo(hx - 15 * u, hy - 90 * u)
    roof.lineTo(hx + 70 * u, hy - 150 * u)
    roof.lineTo(hx + 155 * u, hy - 90 * u)
    roof.close()
    canvas.drawPath(roof, fill("#b5473a"))
    canvas.drawRect(skia.Rect(hx + 55 * u, hy - 55 * u, hx + 85 * u, hy), fill("#7a4b2a"))
    canvas.drawRect(skia.Rect(hx + 100 * u, hy - 70 * u, hx + 128 * u, hy - 44 * u), fill("#39465a"))
    plate.window(hx + 100 * u, hy - 70 * u, 28 * u, 26 * u)
    tree(canvas, w * 0.15, h * 0.78, 300 * u, "#3a8f45")
    for i in range(14):
        x = w * i / 13
        canvas.drawLine(x, h * 0.8, x, h * 0.8 - 40 * u, stroke("#9a7a52", 5 * u))
    canvas.drawLine(0, h * 0.8 - 30 * u, w, h * 0.8 - 30 * u, stroke("#9a7a52", 4 * u))
    canvas.drawLine(0, h * 0.8 - 15 * u, w, h * 0.8 - 15 * u, stroke("#9a7a52", 4 * u))
