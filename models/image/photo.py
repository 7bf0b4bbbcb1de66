"""Sample a character's palette from a reference photo: skin tone and hair colour.

Skin is found with the classic YCbCr skin-chroma box (Cb 77-127, Cr 133-173), which holds for
light and dark skin alike because it ignores brightness. Hair is taken from the band just above
the skin region's top, excluding skin-coloured pixels. Medians keep stray pixels out.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from models.image.colours import to_hex
from models.image.references import check_reference_image

SAMPLE_SIDE = 160  # the photo is reduced to this before sampling: colours, not detail, matter


def _hex(rgb: np.ndarray) -> str:
    r, g, b = (float(c) for c in rgb)
    return to_hex((r, g, b))


def _skin_mask(rgb: np.ndarray) -> np.ndarray:
    ycbcr = np.asarray(Image.fromarray(rgb).convert("YCbCr"), dtype=np.int16)
    y, cb, cr = ycbcr[..., 0], ycbcr[..., 1], ycbcr[..., 2]
    return (cb >= 77) & (cb <= 127) & (cr >= 133) & (cr <= 173) & (y > 40)


def sample_colours(path: Path | str) -> dict[str, str]:
    """{"skin": "#rrggbb", "hair": "#rrggbb"} (hair only when the photo shows it); ValueError without skin."""
    check_reference_image(path)
    with Image.open(path) as image:
        image = image.convert("RGB")
        image.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE))
        rgb = np.asarray(image, dtype=np.uint8)
    mask = _skin_mask(rgb)
    if mask.mean() < 0.02:
        raise ValueError(f"{Path(path).name}: no skin tones found; use a photo where the face is clearly visible.")
    skin = np.median(rgb[mask], axis=0)
    rows = np.where(mask.mean(axis=1) > 0.05)[0]
    cols = np.where(mask.mean(axis=0) > 0.05)[0]
    colours = {"skin": _hex(skin)}
    if rows.size and cols.size:
        top, bottom = int(rows[0]), int(rows[-1])
        band = max(3, (bottom - top) // 3)
        region = rgb[max(0, top - band) : top + band // 3, int(cols[0]) : int(cols[-1]) + 1]
        region_mask = ~mask[max(0, top - band) : top + band // 3, int(cols[0]) : int(cols[-1]) + 1]
        pixels = region[region_mask]
        # Hair is darker than the skin beside it (or clearly grey/white); background sky is not.
        if pixels.size:
            lum = pixels.astype(np.float32) @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
            skin_lum = float(skin @ np.array([0.299, 0.587, 0.114]))
            dark = pixels[lum < skin_lum * 0.8]
            if len(dark) >= max(8, len(pixels) // 5):
                colours["hair"] = _hex(np.median(dark, axis=0))
    return colours
