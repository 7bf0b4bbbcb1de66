"""Head motion: idle breathing, turns toward whoever speaks, nods with speech and gestures by emotion.

The plate is flat, so a head moves as a patch: for each small (dx, dy) offset the head's region is
shifted once, feathered into the plate around it, and kept. Animating is then choosing an offset
per frame and copying that patch (and the mouth and eye patches, moved by the same offset).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from models.image.art import ActorArt, Box
from models.image.look import stable_seed

MARGIN = 10  # pixels around the head box that blend the moved head into the still plate
SOLID = 3  # pixels of the margin that move with the head before the blend starts
MAX_DX, MAX_DY = 3, 2
BREATH_SECONDS = 3.8


@dataclass(frozen=True)
class LineCue:
    """One line as the heads see it: who speaks, when (clip seconds) and how."""

    speaker: str
    start: float
    end: float
    emotion: str = "neutral"
    text: str = ""  # what is said: names in it tell whom it is said to (models/lipsync/facing.py)


def _region(box: Box, width: int, height: int) -> Box:
    x, y, w, h = box
    x0, y0 = max(0, x - MARGIN), max(0, y - MARGIN)
    x1, y1 = min(width, x + w + MARGIN), min(height, y + h + MARGIN)
    return x0, y0, x1 - x0, y1 - y0


class HeadRig:
    """Moved copies of one actor's head region, made on first use and reused for every frame."""

    def __init__(self, plate: np.ndarray, actor: ActorArt) -> None:
        height, width = plate.shape[:2]
        self.plate = plate
        self.actor = actor
        self.region = _region(actor.head_box, width, height)
        x, y, w, h = self.region
        hx, hy, hw, hh = actor.head_box
        # Weight 1 on the head box (plus SOLID px), falling linearly to 0 at the region's edge.
        cols = np.arange(x, x + w)
        rows = np.arange(y, y + h)
        dist_x = np.maximum(np.maximum(hx - SOLID - cols, cols - (hx + hw - 1 + SOLID)), 0)
        dist_y = np.maximum(np.maximum(hy - SOLID - rows, rows - (hy + hh - 1 + SOLID)), 0)
        ramp = max(MARGIN - SOLID, 1)
        wx = np.clip(1 - dist_x / ramp, 0, 1)
        wy = np.clip(1 - dist_y / ramp, 0, 1)
        self.weight = (wy[:, None] * wx[None, :])[:, :, None].astype(np.float32)
        self._padded = np.pad(plate, ((MAX_DY, MAX_DY), (MAX_DX, MAX_DX), (0, 0)), mode="edge")
        self._patches: dict[tuple[int, int], np.ndarray] = {}

    def patch(self, dx: int, dy: int) -> np.ndarray:
        """The region with the head moved by (dx, dy) pixels."""
        key = (dx, dy)
        if key not in self._patches:
            x, y, w, h = self.region
            moved = self._padded[y - dy + MAX_DY : y - dy + MAX_DY + h, x - dx + MAX_DX : x - dx + MAX_DX + w]
            still = self.plate[y : y + h, x : x + w]
            blend = still * (1 - self.weight) + moved * self.weight
            self._patches[key] = np.rint(blend).astype(np.uint8)
        return self._patches[key]


def _ease(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3 - 2 * x)


def head_offsets(
    name: str, facing_x: float, others_x: dict[str, float], lines: list[LineCue], loudness: np.ndarray | None,
    n_frames: int, fps: int,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Integer (dx, dy) per frame for one on-screen character.

    Breathing bobs the head slowly; while someone else on screen speaks the head turns toward
    them; while this character speaks it nods with the loudness of the speech and gestures by
    the line's emotion (angry shakes, happy bounces, sad droops, surprised lifts, afraid trembles).
    """
    t = (np.arange(n_frames) + 0.5) / fps
    phase = (stable_seed(name) % 1000) / 1000 * 2 * math.pi
    dx = np.zeros(n_frames, dtype=np.float32)
    dy = 0.7 * np.sin(2 * math.pi * t / BREATH_SECONDS + phase)
    for line in lines:
        inside = _ease((t - line.start) / 0.3) * _ease((line.end + 0.3 - t) / 0.3)
        if line.speaker == name:
            u = t - line.start
            if line.emotion == "angry":
                dx += inside * 2.2 * np.sin(2 * math.pi * 2.5 * u)
            elif line.emotion == "happy":
                dy -= inside * 1.5 * np.abs(np.sin(2 * math.pi * 1.6 * u))
            elif line.emotion == "sad":
                dy += inside * 1.6
            elif line.emotion == "surprised":
                dy -= inside * 2.0 * _ease(1.5 - u)
            elif line.emotion == "afraid":
                dx += inside * 1.2 * np.sin(2 * math.pi * 6.0 * u)
        elif line.speaker in others_x:
            direction = float(np.sign(others_x[line.speaker] - facing_x))
            dx += inside * 2.5 * direction
    if loudness is not None and loudness.size == n_frames and loudness.max() > 0:
        level = loudness / float(np.percentile(loudness[loudness > 0], 90) or loudness.max())
        smooth = np.convolve(np.minimum(level, 1.0), np.ones(5) / 5, mode="same")
        dy += 1.2 * smooth  # a nod on stressed syllables
    return (np.clip(np.rint(dx), -MAX_DX, MAX_DX).astype(np.int8),
            np.clip(np.rint(dy), -MAX_DY, MAX_DY).astype(np.int8))  # fmt: skip
