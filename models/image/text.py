"""Legible titles: DejaVu fonts, word wrapping to a width, and outlined text with a drop shadow."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import skia

from models.image.colours import sk

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


@cache
def typeface(bold: bool = True) -> skia.Typeface:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            face = skia.Typeface.MakeFromFile(str(folder / name))
            if face is not None:
                return face
    # Without DejaVu the default typeface still draws; bold is then synthesised by skia.
    return skia.Typeface.MakeFromName("DejaVu Sans", skia.FontStyle.Bold() if bold else skia.FontStyle.Normal())


def font(size: float, bold: bool = True) -> skia.Font:
    f = skia.Font(typeface(bold), size)
    f.setEdging(skia.Font.Edging.kAntiAlias)
    f.setSubpixel(True)
    return f


def wrap(text: str, f: skia.Font, max_width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and f.measureText(candidate) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def fit(
    text: str, max_width: float, max_height: float, start: float, max_lines: int = 3, bold: bool = True
) -> tuple[skia.Font, list[str]]:
    """The largest font (from `start` down) whose wrapped lines fit the box."""
    size = start
    while True:
        f = font(size, bold)
        lines = wrap(text, f, max_width)
        widest = max(f.measureText(line) for line in lines)
        if (len(lines) <= max_lines and widest <= max_width and len(lines) * size * 1.2 <= max_height) or size <= 10:
            return f, lines
        size *= 0.92


def draw_lines(
    canvas: skia.Canvas,
    lines: list[str],
    f: skia.Font,
    cx: float,
    top: float,
    colour: str = "#ffffff",
    outline: str = "#1a1a22",
    shadow: bool = True,
) -> float:
    """Centred lines with a dark outline and soft shadow so they read on any background; returns the bottom y."""
    size = f.getSize()
    y = top
    for line in lines:
        width = f.measureText(line)
        x = cx - width / 2
        baseline = y + size * 0.95
        blob = skia.TextBlob.MakeFromString(line, f)
        if shadow:
            blur = skia.Paint(
                Color=sk("#000000", 0.55),
                AntiAlias=True,
                MaskFilter=skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, size * 0.06),
            )
            canvas.drawTextBlob(blob, x + size * 0.04, baseline + size * 0.06, blur)
        edge = skia.Paint(
            Color=sk(outline),
            AntiAlias=True,
            Style=skia.Paint.kStroke_Style,
            StrokeWidth=max(2.0, size * 0.09),
            StrokeJoin=skia.Paint.kRound_Join,
        )
        canvas.drawTextBlob(blob, x, baseline, edge)
        canvas.drawTextBlob(blob, x, baseline, skia.Paint(Color=sk(colour), AntiAlias=True))
        y += size * 1.2
    return y
