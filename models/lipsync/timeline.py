"""Per-frame mouth shapes from phoneme timings and loudness, and a blink schedule per character.

The phoneme decides the mouth's shape; the frame's loudness decides whether and how far it opens,
so the mouth is shut in pauses even when an engine's timings run long.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from models.image.look import stable_seed
from models.lipsync.visemes import OPENNESS, SMALLER, viseme_for
from models.voice.base import Timed

LEAD = 0.02  # seconds: mouths move slightly ahead of the sound, as animators time them (half a frame:
# festival's and espeak's phoneme times already run a little early, piper's are exact)
GATE = 0.12  # below this fraction of the line's typical loudness the mouth rests
HALF = 0.5  # below this fraction a vowel shows its smaller shape
QUIET = 0.35  # below this fraction a vowel shrinks once more (a murmured syllable barely opens the jaw)
MAX_GAP = 0.15  # seconds: a gap between phonemes up to this is connected speech, not a pause
BLINK_SECONDS = 0.13
# Loudness-only fallback when an engine gave no phonemes: quiet to loud.
LADDER = ((0.3, "etc"), (0.55, "I"), (0.8, "E"), (1.01, "A"))


@dataclass
class MouthTrack:
    visemes: list[str]
    openness: np.ndarray  # float32, 0..1 per frame, the openness of the shape shown
    loudness: np.ndarray  # float32 RMS of the speaker's samples per frame


def frame_rms(samples: np.ndarray, sample_rate: int, start: float, n_frames: int, fps: int) -> np.ndarray:
    """RMS of `samples` (placed at `start` seconds) within each frame's time window."""
    squares = np.concatenate([[0.0], np.cumsum(np.asarray(samples, dtype=np.float64) ** 2)])
    edges = np.round((np.arange(n_frames + 1) / fps - start) * sample_rate).astype(np.int64)
    edges = np.clip(edges, 0, len(samples))
    counts = np.diff(edges)
    energy = squares[edges[1:]] - squares[edges[:-1]]
    rms = np.sqrt(np.maximum(energy, 0.0) / np.maximum(counts, 1))
    return np.where(counts > 0, rms, 0.0).astype(np.float32)


def _shape(viseme: str | None, loud: float) -> str:
    if viseme is None:  # no timings: loudness alone picks how open
        if loud < GATE:
            return "rest"
        return next(shape for limit, shape in LADDER if loud < limit)
    if viseme == "rest" or loud < GATE:
        return "rest"
    if viseme in ("MBP", "FV"):
        return viseme  # lips meet on these however softly they are said
    if loud >= HALF:
        return viseme
    smaller = SMALLER.get(viseme, "etc")
    return smaller if loud >= QUIET else SMALLER.get(smaller, "etc")


def _viseme_at(timed: list[Timed], starts: list[float], t: float) -> str:
    """The viseme at `t` seconds into a line. In a short gap between two phonemes (Kokoro gives its
    word spaces and stress marks frames of their own) the voice goes on, so the mouth holds the
    nearer phoneme's shape rather than snapping shut between words; loudness still shuts it in a pause."""
    k = bisect_right(starts, t) - 1
    if k < 0:
        return "rest"
    if t < timed[k].end:
        return viseme_for(timed[k].label)
    if k + 1 < len(timed) and timed[k + 1].start - timed[k].end <= MAX_GAP:
        nearer = timed[k] if t - timed[k].end <= timed[k + 1].start - t else timed[k + 1]
        return viseme_for(nearer.label)
    return "rest"


def mouth_track(speeches: list[tuple[float, list[Timed], np.ndarray, int]], n_frames: int, fps: int) -> MouthTrack:
    """One speaker's track from (start, phonemes, samples, sample_rate) of each of their lines."""
    visemes = ["rest"] * n_frames
    openness = np.zeros(n_frames, dtype=np.float32)
    loudness = np.zeros(n_frames, dtype=np.float32)
    for start, phonemes, samples, rate in speeches:
        rms = frame_rms(samples, rate, start, n_frames, fps)
        loudness = np.maximum(loudness, rms)
        voiced = rms[rms > 0]
        if voiced.size == 0:
            continue
        reference = float(np.percentile(voiced, 90)) or float(voiced.max())
        timed = sorted(phonemes, key=lambda p: p.start)
        starts = [p.start for p in timed]
        end = len(samples) / rate
        first = max(0, int(np.floor(start * fps)))
        last = min(n_frames, int(np.ceil((start + end) * fps)) + 1)
        for i in range(first, last):
            local = (i + 0.5) / fps - start + LEAD
            viseme: str | None = None
            if timed:
                viseme = _viseme_at(timed, starts, local)
            shape = _shape(viseme, min(1.0, float(rms[i]) / reference))
            if OPENNESS[shape] >= openness[i]:
                visemes[i], openness[i] = shape, OPENNESS[shape]
    return MouthTrack(visemes=visemes, openness=openness, loudness=loudness)


def blink_frames(name: str, n_frames: int, fps: int) -> np.ndarray:
    """Frames with the eyes shut: a blink every 3-5 s at times fixed by the character's name."""
    closed = np.zeros(n_frames, dtype=bool)
    rng = random.Random(stable_seed(name) ^ 0x5EED)
    length = max(2, round(BLINK_SECONDS * fps))
    t = rng.uniform(0.8, 2.6)
    while t * fps < n_frames:
        first = int(t * fps)
        closed[first : first + length] = True
        t += rng.uniform(3.0, 5.0)
    return closed
