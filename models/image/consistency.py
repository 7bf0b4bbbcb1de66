"""Character consistency: is each character the same in every scene, and unlike everyone else?

For every staged actor we cut two patches from its scene plate, using the head box SceneArt
records: the face and hair (the middle of the head box) and the torso (a head-wide band below
the chin, where the clothes are). The scene's time-of-day light is divided out (the figures are
tinted by a known colour), then each patch becomes a coarse colour histogram (12 hues x 2
saturations plus 4 grey levels, L1-normalised; a pixel's hue is shared between the two nearest hue
bins) and an appearance is the two histograms together. Only the figure's own pixels count (its
layer's mask less its shadow), not the scenery behind a head or a bird's body.

Similarity of two appearances = histogram intersection (1.0 identical colours, 0.0 disjoint),
averaged over face and torso. The metric:

- **self-similarity** of a character: the lowest similarity between any two of its appearances;
- **cross-similarity**: the highest similarity between one of its appearances and any appearance
  of another character;
- **margin** = self − cross (positive: any appearance is closer to every other appearance of the
  same character than to anybody else);
- **identification accuracy**: each appearance's nearest other appearance is the same character.

The check passes when every character with two or more appearances has self-similarity ≥ 0.6
and a positive margin, i.e. identification accuracy is 1.0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from models.image.art import FigureLayer, SceneArt
from models.image.colours import to_rgb
from models.image.plate import lighting_for

HUES = 12
GREYS = 4
GREY_SAT = 0.18
MIN_SELF = 0.6
MIN_OWN = 24  # pixels of a figure in a patch for a histogram of its own
SHADOW_SPREAD = 0.06  # a shadow darkens R, G and B by the same factor, to within this
FEET = 0.2  # the lowest share of a figure's box, where its shadow falls


@dataclass(frozen=True)
class Appearance:
    character: str
    scene_id: str
    face: np.ndarray  # (28,) histogram
    torso: np.ndarray


@dataclass
class ConsistencyReport:
    self_similarity: dict[str, float] = field(default_factory=dict)
    cross_similarity: dict[str, float] = field(default_factory=dict)
    appearances: dict[str, int] = field(default_factory=dict)
    accuracy: float = 1.0

    @property
    def margin(self) -> dict[str, float]:
        return {
            name: round(self.self_similarity[name] - self.cross_similarity.get(name, 0.0), 4)
            for name in self.self_similarity
        }

    @property
    def passed(self) -> bool:
        return all(v >= MIN_SELF for v in self.self_similarity.values()) and all(m > 0 for m in self.margin.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "self_similarity": self.self_similarity,
            "cross_similarity": self.cross_similarity,
            "margin": self.margin,
            "appearances": self.appearances,
            "identification_accuracy": self.accuracy,
            "passed": self.passed,
        }


def _histogram(pixels: np.ndarray) -> np.ndarray:
    """Hue x saturation bins for coloured pixels, lightness bins for greys: brightness changes
    (vignettes, shade) move few pixels between bins, a different garment colour moves many."""
    rgb = pixels.reshape(-1, 3).astype(np.float32) / 255.0
    high, low = rgb.max(axis=1), rgb.min(axis=1)
    chroma = high - low
    sat = np.where(high > 0, chroma / np.maximum(high, 1e-6), 0.0)
    r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    safe = np.maximum(chroma, 1e-6)
    hue = np.where(high == r, ((g - b) / safe) % 6, np.where(high == g, (b - r) / safe + 2, (r - g) / safe + 4)) / 6
    coloured = sat >= GREY_SAT
    sat_bin = (sat >= 0.55).astype(np.int32)[coloured]
    grey_bin = np.minimum((high * GREYS).astype(np.int32), GREYS - 1)
    # A coloured pixel's vote is shared between the two nearest hue bins, by distance to their
    # centres: a dress whose hue lies on a bin edge (210 degrees) otherwise lands wholly in one bin or
    # the other as the scene's light moves it by a degree (h3_01: 0.06 between one dress at dawn and by day).
    position = hue[coloured] * HUES - 0.5
    lower = np.floor(position)
    upper_share = position - lower
    lower_bin = lower.astype(np.int32) % HUES
    size = HUES * 2 + GREYS
    counts = np.bincount(HUES * 2 + grey_bin[~coloured], minlength=size).astype(np.float64)
    counts += np.bincount(lower_bin * 2 + sat_bin, 1 - upper_share, minlength=size)
    counts += np.bincount((lower_bin + 1) % HUES * 2 + sat_bin, upper_share, minlength=size)
    return counts / max(counts.sum(), 1.0)


def _untint(crop: np.ndarray, time_of_day: str, light: str | None = None) -> np.ndarray:
    """Undo the multiply tint the illustrator put on figures (recorded in the art; else the time of day's)."""
    tint = np.array(to_rgb(light or lighting_for(time_of_day).figure_ambient), dtype=np.float32) / 255.0
    return np.clip(crop.astype(np.float32) / np.maximum(tint, 0.05), 0, 255).astype(np.uint8)


def _own_pixels(
    frame: np.ndarray, figure: FigureLayer | None, top: int, bottom: int, left: int, right: int
) -> np.ndarray:
    """The (n, 3) pixels of a patch that belong to the figure (its layer's mask), so the scenery
    behind a bird's "torso" band is not counted as its colours; none when the figure is hardly in
    the patch; the whole patch for older art (no layer)."""
    patch = frame[top:bottom, left:right]
    if figure is None or patch.size == 0:
        return patch.reshape(-1, 3)
    fx, fy, fw, fh = figure.box
    y0, y1, x0, x1 = max(top, fy), min(bottom, fy + fh), max(left, fx), min(right, fx + fw)
    if y0 >= y1 or x0 >= x1:
        return patch[:0].reshape(-1, 3)
    seen = frame[y0:y1, x0:x1]
    behind = figure.behind[y0 - fy : y1 - fy, x0 - fx : x1 - fx]
    # The layer's mask holds the figure's shadow on the ground too: the ground behind its feet, only
    # darker (each channel scaled alike). Its colour is the scenery's, so it is not the figure's. Only
    # at the feet: higher up, dark hair's soft edge over a dark wall looks the same.
    ratio = (seen.astype(np.float32) + 1.0) / (behind.astype(np.float32) + 1.0)
    shadow = (ratio.max(axis=2) - ratio.min(axis=2) < SHADOW_SPREAD) & (ratio.mean(axis=2) < 0.97)
    shadow &= (np.arange(y0, y1) >= fy + (1 - FEET) * fh)[:, None]
    own = seen[figure.mask[y0 - fy : y1 - fy, x0 - fx : x1 - fx] & ~shadow]
    # A band the figure barely reaches (a bird's legs below its body) is its scenery, not its colours.
    return own if len(own) >= MIN_OWN else own[:0]


def appearances(art: SceneArt) -> list[Appearance]:
    """Face and torso histograms of every actor staged in `art`."""
    height, width = art.frame.shape[:2]
    found = []
    for name, actor in art.actors.items():
        x, y, w, h = actor.head_box
        if w < 8 or h < 8:
            continue
        fx0, fx1 = max(0, x + int(w * 0.2)), min(width, x + int(w * 0.8))
        rows = (
            (max(0, y + int(h * 0.1)), min(height, y + int(h * 0.9))),
            (max(0, y + h), min(height, y + h + int(h * 0.9))),
        )
        face, torso = (_own_pixels(art.frame, actor.figure, top, bottom, fx0, fx1) for top, bottom in rows)
        if face.size == 0:
            continue
        torso = face if torso.size == 0 else torso  # no body in that band (a bird, a close-up): the face alone
        found.append(
            Appearance(
                name,
                art.scene_id,
                _histogram(_untint(face, art.time_of_day, art.figure_light)),
                _histogram(_untint(torso, art.time_of_day, art.figure_light)),
            )
        )
    return found


def similarity(a: Appearance, b: Appearance) -> float:
    return float((np.minimum(a.face, b.face).sum() + np.minimum(a.torso, b.torso).sum()) / 2)


def consistency(arts: list[SceneArt]) -> ConsistencyReport:
    """The metric above over every scene of a film."""
    seen = [appearance for art in arts for appearance in appearances(art)]
    report = ConsistencyReport()
    names = sorted({a.character for a in seen})
    for name in names:
        mine = [a for a in seen if a.character == name]
        others = [a for a in seen if a.character != name]
        report.appearances[name] = len(mine)
        if len(mine) >= 2:
            report.self_similarity[name] = round(min(similarity(a, b) for a, b in combinations(mine, 2)), 4)
        if others:
            report.cross_similarity[name] = round(max(similarity(a, b) for a in mine for b in others), 4)
    correct = total = 0
    for i, a in enumerate(seen):
        rivals = [(similarity(a, b), b.character) for j, b in enumerate(seen) if j != i]
        if report.appearances.get(a.character, 0) < 2 or not rivals:
            continue
        total += 1
        correct += max(rivals)[1] == a.character
    report.accuracy = round(correct / total, 4) if total else 1.0
    return report
