"""Visual styles: "flat" (clean vector) and "storybook" (warm paper cut-outs under a soft vignette).

A style is applied while the stage renders, in frame coordinates, so every patch the animator
pastes (mouths, blinks) is rendered through exactly the same effects as the frame around it.
Storybook = a warm, slightly desaturated grade; characters as paper cut-outs (a cream rim and a
soft drop shadow); a fixed paper grain and a vignette over everything.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import numpy as np
import skia

from models.image.colours import sk

STYLES = ("flat", "storybook")
LUMA = (0.2126, 0.7152, 0.0722)


def check_style(style: str) -> str:
    if style not in STYLES:
        raise ValueError(f"Unknown picture style {style!r}; available: {', '.join(STYLES)}.")
    return style


def _grade_matrix(
    saturation: float = 0.82, warm: tuple[float, float, float] = (1.06, 1.0, 0.88), lift: float = 0.035
) -> list[float]:
    rows = []
    for i in range(3):
        row = [(1 - saturation) * LUMA[j] + (saturation if i == j else 0.0) for j in range(3)]
        rows += [v * warm[i] * (1 - lift) for v in row] + [0.0, lift]
    return rows + [0.0, 0.0, 0.0, 1.0, 0.0]


@cache
def _grain() -> skia.Image:
    """A 256-pixel tile of paper fibre noise, the same every run."""
    rng = np.random.default_rng(20240611)
    noise: np.ndarray = rng.normal(0.0, 1.0, (256, 256)).astype(np.float32)
    # Blur a little along x so the grain reads as fibres rather than sensor noise.
    noise = (noise + np.roll(noise, 1, axis=1) + np.roll(noise, 2, axis=1)) / 3
    value = np.clip(238 + noise * 14, 200, 255).astype(np.uint8)
    rgba = np.dstack([value, value, (value * 0.97).astype(np.uint8), np.full_like(value, 255)])
    return skia.Image.fromarray(np.ascontiguousarray(rgba), colorType=skia.kRGBA_8888_ColorType)


def begin_frame(canvas: skia.Canvas, style: str) -> None:
    if style == "storybook":
        canvas.saveLayer(None, skia.Paint(ColorFilter=skia.ColorFilters.Matrix(_grade_matrix())))


def end_frame(canvas: skia.Canvas, style: str, size: tuple[int, int]) -> None:
    if style != "storybook":
        return
    canvas.restore()
    width, height = size
    rect = skia.Rect(0, 0, width, height)
    grain = _grain().makeShader(skia.TileMode.kRepeat, skia.TileMode.kRepeat, skia.SamplingOptions())
    canvas.drawRect(rect, skia.Paint(Shader=grain, BlendMode=skia.BlendMode.kMultiply))
    radius = max(width, height) * 0.75
    vignette = skia.GradientShader.MakeRadial(
        skia.Point(width / 2, height * 0.45),
        radius,
        [sk("#ffffff", 0.0), sk("#ffffff", 0.0), sk("#3a2410", 0.25)],
        [0.0, 0.6, 1.0],
    )
    canvas.drawRect(rect, skia.Paint(Shader=vignette))


def paint_cut_out(canvas: skia.Canvas, scale: float, draw: Callable[[], object]) -> None:
    """Storybook's paper cut-out under a figure: a crisp offset shadow and a cream rim, both made of
    the figure's own silhouette (the figure re-drawn through a colour filter, not an image filter).

    The illustrator rasterises this once per staged figure and blits it under the figure in the
    frame and in every patch, so patches match the frame pixel for pixel at the cost of a copy.
    """
    rim = max(1.0, scale * 0.05)
    canvas.saveLayer(None, skia.Paint(ColorFilter=skia.ColorFilters.Blend(sk("#2a1a0a", 0.3), skia.BlendMode.kSrcIn)))
    canvas.save()
    canvas.translate(rim * 1.3, rim * 1.3)
    draw()
    canvas.restore()
    canvas.restore()
    canvas.saveLayer(None, skia.Paint(ColorFilter=skia.ColorFilters.Blend(sk("#fbf4e2"), skia.BlendMode.kSrcIn)))
    for k in range(8):
        angle = k * math.pi / 4
        canvas.save()
        canvas.translate(rim * math.cos(angle), rim * math.sin(angle))
        draw()
        canvas.restore()
    canvas.restore()
