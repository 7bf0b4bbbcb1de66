"""Colour helpers: hex strings in, skia colours out, plus the colour words scripts use."""

from __future__ import annotations

import colorsys

import skia

# Words a script may use for clothes or hair, mapped to flat-style hex colours.
COLOUR_WORDS: dict[str, str] = {
    "red": "#d63a3a",
    "crimson": "#b01e3c",
    "maroon": "#7a1f2b",
    "scarlet": "#e0322a",
    "orange": "#f08a24",
    "saffron": "#f4a21b",
    "amber": "#f2b233",
    "yellow": "#f5cf2a",
    "gold": "#d9a62b",
    "golden": "#d9a62b",
    "mustard": "#c9a227",
    "green": "#3a9d4f",
    "olive": "#7c8a35",
    "emerald": "#1f9d6b",
    "lime": "#9ccc3a",
    "teal": "#1f8c8c",
    "turquoise": "#2bb5b0",
    "cyan": "#3bc1d9",
    "blue": "#2f6fd0",
    "navy": "#1f2f66",
    "indigo": "#3b3b9a",
    "purple": "#7a3fa8",
    "violet": "#8a55c7",
    "lavender": "#a993d6",
    "magenta": "#c2338f",
    "pink": "#ec7fa9",
    "rose": "#d9577a",
    "peach": "#f4b393",
    "brown": "#7a4b2a",
    "tan": "#c69a6a",
    "beige": "#dcc7a1",
    "cream": "#efe4c8",
    "white": "#f2f2ee",
    "ivory": "#f1ecd9",
    "grey": "#8d9196",
    "gray": "#8d9196",
    "silver": "#c2c5c9",
    "black": "#2a2a2e",
    "charcoal": "#3b3d42",
    "khaki": "#b5a36c",
}

HAIR_WORDS: dict[str, str] = {
    "grey": "#a8a9ad",
    "gray": "#a8a9ad",
    "silver": "#cfd0d4",
    "white": "#ecebe6",
    "black": "#1f1c1e",
    "dark": "#2b211d",
    "brown": "#5b3a24",
    "blonde": "#e3c06b",
    "blond": "#e3c06b",
    "red": "#b5472a",
    "ginger": "#c3602f",
    "auburn": "#8e3b22",
    "salt-and-pepper": "#7d7c80",
    "greying": "#7d7c80",
    "graying": "#7d7c80",
}


def to_rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: tuple[float, float, float]) -> str:
    r, g, b = (max(0, min(255, round(c))) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def sk(hex_colour: str, alpha: float = 1.0) -> int:
    r, g, b = to_rgb(hex_colour)
    return skia.Color(r, g, b, max(0, min(255, round(alpha * 255))))


def mix(a: str, b: str, t: float) -> str:
    ra, rb = to_rgb(a), to_rgb(b)
    return to_hex(tuple(x + (y - x) * t for x, y in zip(ra, rb)))  # type: ignore[arg-type]


def shade(hex_colour: str, amount: float) -> str:
    """Darken (amount < 0) towards black or lighten (amount > 0) towards white."""
    return mix(hex_colour, "#000000" if amount < 0 else "#ffffff", abs(amount))


def hsl(hue: float, sat: float, light: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, light, sat)
    return to_hex((r * 255, g * 255, b * 255))


def hue_of(hex_colour: str) -> float:
    r, g, b = (c / 255 for c in to_rgb(hex_colour))
    return colorsys.rgb_to_hls(r, g, b)[0]


def fill(hex_colour: str, alpha: float = 1.0) -> skia.Paint:
    return skia.Paint(Color=sk(hex_colour, alpha), AntiAlias=True, Style=skia.Paint.kFill_Style)


def stroke(hex_colour: str, width: float, alpha: float = 1.0, round_cap: bool = True) -> skia.Paint:
    return skia.Paint(
        Color=sk(hex_colour, alpha),
        AntiAlias=True,
        Style=skia.Paint.kStroke_Style,
        StrokeWidth=width,
        StrokeCap=skia.Paint.kRound_Cap if round_cap else skia.Paint.kButt_Cap,
        StrokeJoin=skia.Paint.kRound_Join,
    )


def vertical_gradient(top: str, bottom: str, y0: float, y1: float) -> skia.Paint:
    shader = skia.GradientShader.MakeLinear([skia.Point(0, y0), skia.Point(0, y1)], [sk(top), sk(bottom)])
    return skia.Paint(Shader=shader, AntiAlias=True)


def glow(x: float, y: float, radius: float, hex_colour: str, alpha: float = 0.8) -> skia.Paint:
    """A soft radial light: additive-looking halo for lamps, diyas, windows and the moon."""
    shader = skia.GradientShader.MakeRadial(
        skia.Point(x, y),
        radius,
        [sk(hex_colour, alpha), sk(hex_colour, alpha * 0.35), sk(hex_colour, 0.0)],
        [0.0, 0.35, 1.0],
    )
    return skia.Paint(Shader=shader, AntiAlias=True, BlendMode=skia.BlendMode.kScreen)
