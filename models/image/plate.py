"""The shared state of one background plate: size, time-of-day lighting, and what painters report back
(where the ground is, which windows and lamps glow)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

TIMES = {
    "dawn": "dawn",
    "sunrise": "dawn",
    "early morning": "dawn",
    "morning": "day",
    "day": "day",
    "noon": "day",
    "afternoon": "day",
    "continuous": "day",
    "later": "day",
    "dusk": "dusk",
    "sunset": "dusk",
    "evening": "dusk",
    "twilight": "dusk",
    "night": "night",
    "midnight": "night",
    "late night": "night",
}


@dataclass(frozen=True)
class Lighting:
    name: str  # dawn|day|dusk|night
    sky_top: str
    sky_bottom: str
    ambient: str  # multiplied over the scenery
    figure_ambient: str  # milder, so characters stay readable
    sun: str  # colour of the sun or moon disc
    sun_height: float  # 0 = on the horizon, 1 = top of the sky
    moon: bool
    lights_on: bool  # windows, lamps and diyas glow
    water: str
    haze: str  # colour distant layers fade towards


LIGHTINGS = {
    "dawn": Lighting(
        "dawn", "#7f8fd0", "#ffc9a0", "#ffe7d6", "#fff1e6", "#ffe08a", 0.18, False, False, "#8fa6d6", "#f6c9b4"
    ),
    "day": Lighting(
        "day", "#4da3e8", "#cde9fb", "#ffffff", "#ffffff", "#fff6c8", 0.8, False, False, "#3f8fd0", "#cfe4f2"
    ),
    "dusk": Lighting(
        "dusk", "#3d3570", "#f39a62", "#f3c6ae", "#f8dccb", "#ff9a4a", 0.1, False, True, "#6a5a9a", "#d9937f"
    ),
    "night": Lighting(
        "night", "#070d26", "#283a6e", "#59668f", "#9aa3c4", "#f4f1d8", 0.75, True, True, "#1b2a52", "#2c3a66"
    ),
}


def lighting_for(time_of_day: str) -> Lighting:
    key = TIMES.get(time_of_day.strip().lower(), "day")
    return LIGHTINGS[key]


@dataclass(frozen=True)
class Light:
    """A glow drawn after the time-of-day tint, so it stays bright at night."""

    x: float
    y: float
    radius: float
    colour: str = "#ffcf6a"
    strength: float = 0.8


@dataclass
class Plate:
    width: int
    height: int
    lighting: Lighting
    culture: str
    words: set[str]
    rng: random.Random
    interior: bool = False
    horizon_y: float = 0.0
    ground_y: float = 0.0  # where characters' feet stand
    weather: str | None = None  # rain|storm|snow|fog (models/image/weather.py), None for fair weather
    lights: list[Light] = field(default_factory=list)
    lit_windows: list[tuple[float, float, float, float]] = field(default_factory=list)  # x, y, w, h

    @property
    def unit(self) -> float:
        """Pixels per 'design pixel' of a 720-pixel-short-side frame; props scale with it."""
        return min(self.width, self.height) / 720.0

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    def glow(self, x: float, y: float, radius: float, colour: str = "#ffcf6a", strength: float = 0.8) -> None:
        self.lights.append(Light(x, y, radius, colour, strength))

    def window(self, x: float, y: float, w: float, h: float) -> None:
        self.lit_windows.append((x, y, w, h))
