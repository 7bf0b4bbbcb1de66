"""Poster quality measured from the delivered files' pixels.

- Shape: every poster at the 27x40 one-sheet ratio and at least 1080 px wide; the banner 16:9.
- Legible title: inside the title block the layout reports, the pixels split (Otsu on relative
  luminance) into type and ground; the WCAG contrast ratio between the two classes' medians is at
  least 4.5, and the tallest line of type is at least 3% of the sheet's height (about 48 px on a
  1600 px poster, still a few pixels on a phone-sized thumbnail).
- Distinct styles: every pair of posters differs by a mean absolute difference of at least
  MIN_STYLE_DISTANCE on a 54x80 colour miniature, so three styles are not one picture three times.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from models.film.checks import CheckOutcome, not_measured

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text; a poster title should clear it easily
MIN_TITLE_SHARE = 0.03  # tallest line of type / sheet height
MIN_STYLE_DISTANCE = 0.08  # mean |difference| of 0..1 colour miniatures
POSTER_RATIO = 27 / 40
BANNER_RATIO = 16 / 9


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG 2 relative luminance of sRGB pixels (..., 3) uint8."""
    c = rgb.astype(np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def _otsu(values: np.ndarray) -> float:
    hist, edges = np.histogram(values, bins=256, range=(0.0, 1.0))
    weights = hist.astype(np.float64) / max(1, hist.sum())
    centres = (edges[:-1] + edges[1:]) / 2
    w0 = np.cumsum(weights)
    m0 = np.cumsum(weights * centres)
    total = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total * w0 - m0) ** 2 / (w0 * (1 - w0))
    between = np.nan_to_num(between)
    return float(centres[int(np.argmax(between))])


def title_legibility(image: np.ndarray, box: tuple[int, int, int, int]) -> dict[str, float]:
    """Contrast ratio between type and ground inside `box` and the tallest line of type in pixels."""
    x, y, w, h = box
    pad = max(4, int(0.05 * h))
    crop = image[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad]
    lum = relative_luminance(crop)
    threshold = _otsu(lum)
    bright = lum > threshold
    if bright.all() or not bright.any():
        return {"contrast": 1.0, "type_px": 0.0}
    hi, lo = float(np.median(lum[bright])), float(np.median(lum[~bright]))
    contrast = (hi + 0.05) / (lo + 0.05)
    # Type covers less of its block than the ground does: the smaller class is the type.
    ink = bright if bright.mean() < 0.5 else ~bright
    rows = ink.mean(axis=1) > 0.02
    tallest = run = 0
    for on in rows:
        run = run + 1 if on else 0
        tallest = max(tallest, run)
    return {"contrast": round(contrast, 2), "type_px": float(tallest)}


def _miniature(image: np.ndarray) -> np.ndarray:
    return np.asarray(Image.fromarray(image).resize((54, 80), Image.Resampling.BILINEAR), dtype=np.float64) / 255.0


def style_distances(images: dict[str, np.ndarray]) -> dict[str, float]:
    """Mean absolute difference between every pair of posters' miniatures."""
    minis = {name: _miniature(image) for name, image in images.items()}
    names = list(minis)
    return {f"{a}~{b}": round(float(np.abs(minis[a] - minis[b]).mean()), 4)
            for i, a in enumerate(names) for b in names[i + 1 :]}  # fmt: skip


def _load(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)


def check_posters(manifest: dict[str, Any]) -> CheckOutcome:
    """Shape, title legibility and distinct styles of the posters and banner in `manifest`."""
    folder = Path(manifest["dir"])
    entries = [*manifest["posters"], manifest["banner"]]
    missing = [e["file"] for e in entries if not (folder / e["file"]).is_file()]
    if missing:
        return not_measured("posters", f"poster files missing: {', '.join(missing)}")
    images = {e["file"]: _load(folder / e["file"]) for e in entries}
    problems, legibility = [], {}
    for entry in entries:
        image = images[entry["file"]]
        height, width = image.shape[:2]
        wanted = BANNER_RATIO if entry is manifest["banner"] else POSTER_RATIO
        if abs(width / height - wanted) > 0.01 * wanted or width < 1080:
            problems.append(f"{entry['file']} is {width}x{height}")
        measured = title_legibility(image, tuple(entry["title_box"]))  # type: ignore[arg-type]
        legibility[entry["file"]] = measured
        if measured["contrast"] < MIN_CONTRAST:
            problems.append(f"{entry['file']} title contrast {measured['contrast']:.1f}:1 < {MIN_CONTRAST}:1")
        if measured["type_px"] < MIN_TITLE_SHARE * height:
            problems.append(
                f"{entry['file']} title type {measured['type_px']:.0f} px < {MIN_TITLE_SHARE:.0%} of {height}"
            )
    distances = style_distances({e["file"]: images[e["file"]] for e in manifest["posters"]})
    alike = [pair for pair, d in distances.items() if d < MIN_STYLE_DISTANCE]
    if len(manifest["posters"]) < 3:
        problems.append(f"{len(manifest['posters'])} poster styles, 3 wanted")
    if alike:
        problems.append(f"styles too alike: {', '.join(alike)} (< {MIN_STYLE_DISTANCE})")
    meta = {"legibility": legibility, "style_distances": distances,
            "min_style_distance": min(distances.values(), default=0.0)}  # fmt: skip
    if problems:
        return CheckOutcome("posters", False, "Posters: " + "; ".join(problems) + ".", meta)
    return CheckOutcome("posters", True, f"{len(manifest['posters'])} distinct poster styles and a banner, "
                        "titles legible.", meta)  # fmt: skip
