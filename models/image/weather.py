"""Weather read from the scene's words and painted over the plate: rain, storm, fog, snow.

Outdoors the weather covers the whole scenery; indoors it is painted on the sky before the walls,
so it shows only through the windows.
"""

from __future__ import annotations

import random

import skia

from models.image.colours import fill, sk, stroke
from models.image.plate import Plate

WEATHER_WORDS: list[tuple[str, set[str]]] = [  # checked in order: a storm also rains
    (
        "storm",
        {
            "storm",
            "stormy",
            "thunder",
            "thunderstorm",
            "lightning",
            "gale",
            "tempest",
            "hurricane",
            "cyclone",
            "typhoon",
            "squall",
        },
    ),
    (
        "rain",
        {"rain", "raining", "rainy", "rains", "drizzle", "drizzling", "downpour", "monsoon", "showers", "pouring"},
    ),
    ("snow", {"snow", "snowing", "snowy", "blizzard", "snowfall", "sleet"}),
    ("fog", {"fog", "foggy", "mist", "misty", "haze", "hazy", "smog"}),
]
WEATHERS = tuple(name for name, _ in WEATHER_WORDS)


def weather_for(words: set[str]) -> str | None:
    for name, cues in WEATHER_WORDS:
        if words & cues:
            return name
    return None


def _rain(canvas: skia.Canvas, plate: Plate, rng: random.Random, count: int, alpha: float, bottom: float) -> None:
    u = plate.unit
    paint = stroke("#dce6f2", 1.6 * u, alpha=alpha)
    for _ in range(count):
        x, y = rng.uniform(-40, plate.width), rng.uniform(0, bottom)
        length = rng.uniform(18, 34) * u
        canvas.drawLine(x, y, x + length * 0.25, y + length, paint)


def _bolt(canvas: skia.Canvas, plate: Plate, rng: random.Random) -> None:
    u = plate.unit
    x, y = plate.width * rng.uniform(0.2, 0.45), 0.0
    path = skia.Path()
    path.moveTo(x, y)
    while y < plate.horizon_y * 0.8:
        x += rng.uniform(-28, 28) * u
        y += rng.uniform(30, 55) * u
        path.lineTo(x, y)
    canvas.drawPath(path, stroke("#fff8c8", 9 * u, alpha=0.35))
    canvas.drawPath(path, stroke("#ffffff", 3 * u))


def paint_weather(canvas: skia.Canvas, plate: Plate, weather: str | None, sky_only: bool) -> None:
    """Overlay `weather`; `sky_only` (interiors) keeps it above the horizon, to be seen through windows."""
    if weather is None:
        return
    w, h = plate.width, plate.height
    rng = random.Random(plate.rng.random())
    bottom = plate.horizon_y if sky_only else h
    area = skia.Rect(0, 0, w, bottom)
    density = w * bottom / (1280 * 720)
    if weather in ("rain", "storm"):
        grey = "#3a4458" if weather == "storm" else "#6f7a8c"
        canvas.drawRect(
            area, skia.Paint(Color=sk(grey, 0.55 if weather == "storm" else 0.35), BlendMode=skia.BlendMode.kMultiply)
        )
        for i in range(5):  # low clouds
            cx, cy = w * (i + 0.5) / 5, plate.horizon_y * rng.uniform(0.05, 0.25)
            canvas.drawOval(
                skia.Rect(cx - w * 0.16, cy - 40 * plate.unit, cx + w * 0.16, cy + 45 * plate.unit),
                fill("#4a5266" if weather == "storm" else "#8a93a3", 0.85),
            )
        if weather == "storm":
            _bolt(canvas, plate, rng)
        _rain(canvas, plate, rng, int((420 if weather == "storm" else 260) * density), 0.55, bottom)
    elif weather == "snow":
        canvas.drawRect(area, skia.Paint(Color=sk("#dfe6f0", 0.2)))
        for _ in range(int(220 * density)):
            canvas.drawCircle(
                rng.uniform(0, w),
                rng.uniform(0, bottom),
                rng.uniform(1.5, 4.0) * plate.unit,
                fill("#ffffff", rng.uniform(0.6, 0.95)),
            )
    elif weather == "fog":
        top = plate.horizon_y * 0.35
        shader = skia.GradientShader.MakeLinear(
            [skia.Point(0, top), skia.Point(0, bottom)],
            [sk("#e8ecef", 0.15), sk("#e8ecef", 0.7), sk("#e8ecef", 0.45)],
            [0.0, 0.55, 1.0],
        )
        canvas.drawRect(skia.Rect(0, top, w, bottom), skia.Paint(Shader=shader))
        for k in range(4):  # drifting bands
            y = plate.horizon_y * (0.6 + 0.15 * k)
            if y < bottom:
                canvas.drawOval(
                    skia.Rect(-w * 0.1 + k * w * 0.2, y - 20 * plate.unit, w * (0.6 + k * 0.15), y + 24 * plate.unit),
                    fill("#f2f4f6", 0.35),
                )
