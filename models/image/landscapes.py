"""Wide outdoor plates: the open sea (seen from a boat's deck), desert dunes and mountains."""

from __future__ import annotations

import math

import skia

from models.image.colours import fill, mix, shade, stroke, vertical_gradient
from models.image.exteriors import hills, tree
from models.image.plate import Plate


def paint_sea(canvas: skia.Canvas, plate: Plate) -> None:
    """Open water to the horizon, rolling swells, gulls, and the wooden deck the characters stand on."""
    w, h, u, light, rng = plate.width, plate.height, plate.unit, plate.lighting, plate.rng
    horizon = plate.horizon_y
    canvas.drawRect(
        skia.Rect(0, horizon, w, h),
        vertical_gradient(mix(light.water, light.haze, 0.35), shade(light.water, -0.35), horizon, h),
    )
    for row in range(9):
        y = horizon + (h * 0.72 - horizon) * (row + 1) / 9
        amp = (3 + row * 1.6) * u
        wave = skia.Path()
        wave.moveTo(0, y)
        for i in range(1, 49):
            x = w * i / 48
            wave.lineTo(x, y - amp * abs(math.sin(i * 0.9 + row * 1.7)))
        canvas.drawPath(wave, stroke(mix(light.water, "#ffffff", 0.45), (1.5 + row * 0.4) * u, alpha=0.7))
    if light.name in ("day", "dawn"):
        for _ in range(3):
            gx, gy = rng.uniform(0.1, 0.6) * w, rng.uniform(0.15, 0.4) * horizon
            gull = skia.Path()
            gull.moveTo(gx - 14 * u, gy)
            gull.quadTo(gx - 7 * u, gy - 8 * u, gx, gy)
            gull.quadTo(gx + 7 * u, gy - 8 * u, gx + 14 * u, gy)
            canvas.drawPath(gull, stroke("#2a2f45", 2.2 * u))
    deck = h * 0.8
    canvas.drawRect(skia.Rect(0, deck, w, h), vertical_gradient("#a0744a", "#7a5434", deck, h))
    for i in range(1, 6):
        y = deck + (h - deck) * (i / 6) ** 1.2
        canvas.drawLine(0, y, w, y, stroke("#5a3d26", 2 * u, alpha=0.7))
    rail_y = deck - 70 * u
    canvas.drawLine(0, rail_y, w, rail_y, stroke("#6b4a2f", 10 * u, round_cap=False))
    for i in range(0, 17):
        x = w * i / 16
        canvas.drawLine(x, rail_y, x, deck, stroke("#6b4a2f", 7 * u, round_cap=False))
    mast_x = w * (0.9 if not plate.portrait else 0.85)
    canvas.drawRect(skia.Rect(mast_x - 9 * u, 0, mast_x + 9 * u, deck), fill("#5a3d26"))
    canvas.drawLine(mast_x, h * 0.08, 0, rail_y, stroke("#3b2a20", 2 * u))
    if light.lights_on:
        plate.glow(mast_x - 30 * u, rail_y - 80 * u, 90 * u, "#ffc861", 0.8)
        canvas.drawRoundRect(
            skia.Rect(mast_x - 42 * u, rail_y - 100 * u, mast_x - 18 * u, rail_y - 62 * u),
            5 * u,
            5 * u,
            fill("#ffd978"),
        )


def paint_desert(canvas: skia.Canvas, plate: Plate) -> None:
    """Layered dunes, a distant mesa, a palm-fringed oasis or tents, and a few cacti in the west."""
    w, h, u, light, rng = plate.width, plate.height, plate.unit, plate.lighting, plate.rng
    horizon = plate.horizon_y
    mesa = skia.Path()
    mesa.moveTo(w * 0.05, horizon)
    mesa.lineTo(w * 0.12, horizon - 110 * u)
    mesa.lineTo(w * 0.32, horizon - 115 * u)
    mesa.lineTo(w * 0.38, horizon)
    mesa.close()
    canvas.drawPath(mesa, fill(mix("#c0714a", light.haze, 0.45)))
    for layer, (colour, amp) in enumerate((("#e9c27e", 70), ("#e0b066", 55), ("#d49c52", 45))):
        base = horizon + layer * (h - horizon) * 0.22
        dune = skia.Path()
        dune.moveTo(0, h)
        for i in range(41):
            x = w * i / 40
            dune.lineTo(x, base - amp * u * (0.5 + 0.5 * math.sin(x / w * 6.0 + layer * 2.1)))
        dune.lineTo(w, h)
        dune.close()
        canvas.drawPath(dune, fill(colour))
        canvas.drawPath(dune, stroke(shade(colour, 0.25), 2 * u, alpha=0.5))
    if plate.culture in ("middle_eastern", "indian", "african"):
        for k, x in enumerate((w * 0.62, w * 0.7, w * 0.78)):
            base = horizon + 40 * u
            canvas.drawRect(skia.Rect(x - 4 * u, base - (110 + 20 * k) * u, x + 4 * u, base), fill("#7a5434"))
            for angle in range(0, 360, 60):
                rad = math.radians(angle)
                top = base - (110 + 20 * k) * u
                frond = skia.Path()
                frond.moveTo(x, top)
                frond.quadTo(
                    x + math.cos(rad) * 40 * u,
                    top - 25 * u,
                    x + math.cos(rad) * 60 * u,
                    top + abs(math.sin(rad)) * 25 * u,
                )
                canvas.drawPath(frond, stroke("#3f8f45", 7 * u))
        tent = skia.Path()
        tx, ty = w * 0.2, horizon + 90 * u
        tent.moveTo(tx - 90 * u, ty)
        tent.lineTo(tx, ty - 80 * u)
        tent.lineTo(tx + 90 * u, ty)
        tent.close()
        canvas.drawPath(tent, fill("#8a3b2a"))
        canvas.drawRect(skia.Rect(tx - 14 * u, ty - 40 * u, tx + 14 * u, ty), fill("#3b1f16"))
        if light.lights_on:
            plate.glow(tx, ty - 20 * u, 70 * u, "#ffb347", 0.7)
    else:
        for x in (w * 0.15, w * 0.82):
            base = h * 0.86
            canvas.drawRoundRect(
                skia.Rect(x - 12 * u, base - 130 * u, x + 12 * u, base), 12 * u, 12 * u, fill("#3f8f55")
            )
            for side in (-1, 1):
                canvas.drawRoundRect(
                    skia.Rect(
                        x + side * 12 * u - (20 * u if side < 0 else 0),
                        base - 80 * u,
                        x + side * 12 * u + (0 if side < 0 else 20 * u),
                        base - 70 * u,
                    ),
                    5 * u,
                    5 * u,
                    fill("#3f8f55"),
                )
                canvas.drawRoundRect(
                    skia.Rect(x + side * 32 * u - 6 * u, base - 110 * u, x + side * 32 * u + 6 * u, base - 70 * u),
                    6 * u,
                    6 * u,
                    fill("#3f8f55"),
                )
    for _ in range(30):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.8, h)
        canvas.drawCircle(x, y, rng.uniform(1.5, 3.5) * u, fill("#b88a4a", 0.6))


def paint_mountain(canvas: skia.Canvas, plate: Plate) -> None:
    """Snow-capped peaks in three hazy layers, pines, a rocky path and, in the Himalaya, prayer flags."""
    w, h, u, light, rng = plate.width, plate.height, plate.unit, plate.lighting, plate.rng
    horizon = plate.horizon_y
    for layer, (colour, height, count) in enumerate((("#8f9bb8", 330, 3), ("#6f7f9a", 260, 4))):
        tint = mix(colour, light.haze, 0.45 - layer * 0.15)
        for i in range(count):
            px = w * (i + 0.5 + rng.uniform(-0.2, 0.2)) / count
            peak_h = height * u * rng.uniform(0.8, 1.1)
            half = w / count * 0.8
            peak = skia.Path()
            peak.moveTo(px - half, horizon + 20 * u)
            peak.lineTo(px, horizon - peak_h)
            peak.lineTo(px + half, horizon + 20 * u)
            peak.close()
            canvas.drawPath(peak, fill(tint))
            snow = skia.Path()
            cap = 0.28
            snow.moveTo(px - half * cap, horizon - peak_h * (1 - cap))
            snow.lineTo(px, horizon - peak_h)
            snow.lineTo(px + half * cap, horizon - peak_h * (1 - cap))
            snow.lineTo(px + half * cap * 0.4, horizon - peak_h * (1 - cap * 0.7))
            snow.lineTo(px - half * cap * 0.3, horizon - peak_h * (1 - cap * 0.8))
            snow.close()
            canvas.drawPath(snow, fill(mix("#ffffff", light.haze, 0.2)))
    hills(canvas, plate, horizon + 60 * u, 70 * u, "#5f8a5a", 1.1)
    for i in range(10):
        x = w * (i + rng.uniform(-0.3, 0.3)) / 9
        _pine(canvas, x, horizon + 80 * u + rng.uniform(0, 40) * u, rng.uniform(90, 140) * u, "#2f5f3f")
    canvas.drawRect(skia.Rect(0, h * 0.8, w, h), vertical_gradient("#7a8a6a", "#6a6a5a", h * 0.8, h))
    for _ in range(14):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.82, h)
        r = rng.uniform(8, 22) * u
        canvas.drawOval(skia.Rect(x - r, y - r * 0.6, x + r, y + r * 0.4), fill("#8d8d86"))
    if plate.culture in ("indian", "east_asian"):
        colours = ["#2f6fd0", "#f2f2ee", "#d63a3a", "#3a9d4f", "#f5cf2a"]
        y0, y1 = h * 0.3, h * 0.42
        canvas.drawLine(0, y0, w * 0.45, y1, stroke("#3b3d42", 1.5 * u))
        for k in range(12):
            t = (k + 0.5) / 12
            x, y = w * 0.45 * t, y0 + (y1 - y0) * t
            canvas.drawRect(skia.Rect(x - 9 * u, y, x + 9 * u, y + 24 * u), fill(colours[k % len(colours)]))
    else:
        tree(canvas, w * 0.08, h * 0.82, 260 * u, "#3a7f45")


def _pine(canvas: skia.Canvas, x: float, base: float, size: float, colour: str) -> None:
    canvas.drawRect(skia.Rect(x - size * 0.05, base - size * 0.2, x + size * 0.05, base), fill("#5a3d26"))
    for k in range(3):
        tier = skia.Path()
        top = base - size * (1.0 - k * 0.22)
        half = size * (0.22 + k * 0.08)
        tier.moveTo(x, top)
        tier.lineTo(x + half, top + size * 0.45)
        tier.lineTo(x - half, top + size * 0.45)
        tier.close()
        canvas.drawPath(tier, fill(shade(colour, k * 0.06)))
