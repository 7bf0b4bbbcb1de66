"""Skia surfaces backed by numpy arrays, PNG in and out, and high-quality resampling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import skia
from PIL import Image


def new_surface(width: int, height: int) -> tuple[skia.Surface, np.ndarray]:
    """An RGBA surface whose pixels live in the returned (H, W, 4) array."""
    pixels = np.zeros((height, width, 4), dtype=np.uint8)
    surface = skia.Surface(pixels, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType)
    return surface, pixels


def rgb_of(pixels: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(pixels[:, :, :3])


def image_of(rgb: np.ndarray) -> skia.Image:
    rgba = np.empty((rgb.shape[0], rgb.shape[1], 4), dtype=np.uint8)
    rgba[:, :, :3] = rgb
    rgba[:, :, 3] = 255
    return skia.Image.fromarray(rgba, colorType=skia.kRGBA_8888_ColorType)


def save_png(rgb: np.ndarray, path: Path) -> None:
    """Lossless PNG; zlib level 3 encodes about twice as fast as skia's default for ~8% more bytes,
    which matters because every render writes dozens of sheets and plates."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB").save(path, format="PNG", compress_level=3)


def load_png(path: Path) -> np.ndarray:
    image = skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(path.read_bytes()))
    if image is None:
        raise ValueError(f"{path} is not a readable image")
    return rgb_of(image.toarray(colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kUnpremul_AlphaType))


def resample_cover(rgb: np.ndarray, size: tuple[int, int], focus: tuple[float, float] = (0.5, 0.5)) -> np.ndarray:
    """Scale `rgb` to fill `size` (width, height), cropping the overflow around `focus` instead of squashing."""
    width, height = size
    src_h, src_w = rgb.shape[:2]
    scale = max(width / src_w, height / src_h)
    crop_w, crop_h = width / scale, height / scale
    x0 = min(max(focus[0] * src_w - crop_w / 2, 0.0), src_w - crop_w)
    y0 = min(max(focus[1] * src_h - crop_h / 2, 0.0), src_h - crop_h)
    surface, pixels = new_surface(width, height)
    canvas = surface.getCanvas()
    sampling = (
        skia.SamplingOptions(skia.CubicResampler.Mitchell())
        if scale > 1
        else skia.SamplingOptions(skia.FilterMode.kLinear, skia.MipmapMode.kLinear)
    )
    image = image_of(rgb)
    if scale <= 1:
        image = image.withDefaultMipmaps()
    canvas.drawImageRect(image, skia.Rect.MakeXYWH(x0, y0, crop_w, crop_h), skia.Rect.MakeWH(width, height), sampling)
    return rgb_of(pixels)
