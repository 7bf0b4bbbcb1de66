"""Fit a creator's own music to the film: looped with crossfades when short, trimmed when long, faded."""

from __future__ import annotations

import os

import numpy as np

from models.audio.resample import resample

FADE_IN_SEC = 0.5
FADE_OUT_SEC = 2.0
LOOP_CROSSFADE_SEC = 1.0  # each repeat overlaps the last by this much, with equal-power curves


def load_music(path: str | os.PathLike[str], sample_rate: int) -> np.ndarray:
    """The file's audio as (n, 2) float32 at `sample_rate` (mono is spread to both sides)."""
    import soundfile

    samples, rate = soundfile.read(os.fspath(path), dtype="float32", always_2d=True)
    samples = samples[:, :2] if samples.shape[1] >= 2 else np.repeat(samples, 2, axis=1)
    return np.ascontiguousarray(resample(samples, rate, sample_rate))


def _fade(out: np.ndarray, sample_rate: int) -> None:
    fade_in = min(len(out) // 4, round(FADE_IN_SEC * sample_rate))
    fade_out = min(len(out) // 3, round(FADE_OUT_SEC * sample_rate))
    if fade_in:
        out[:fade_in] *= np.linspace(0.0, 1.0, fade_in, dtype=np.float32)[:, None]
    if fade_out:
        out[len(out) - fade_out :] *= np.linspace(1.0, 0.0, fade_out, dtype=np.float32)[:, None]


def fit_to_length(music: np.ndarray, n: int, sample_rate: int) -> tuple[np.ndarray, int]:
    """(n, 2) float32: `music` trimmed or looped to exactly n samples, faded in and out; and the loop count.

    Loops overlap by LOOP_CROSSFADE_SEC with equal-power curves, so the seam neither dips nor bumps.
    """
    if n <= 0:
        return np.zeros((0, 2), dtype=np.float32), 0
    if len(music) == 0:
        raise ValueError("The music file holds no audio.")
    source = np.asarray(music, dtype=np.float32)
    out = np.zeros((n, 2), dtype=np.float32)
    xfade = min(round(LOOP_CROSSFADE_SEC * sample_rate), len(source) // 4)
    if len(source) >= n:
        out[:] = source[:n]
        loops = 1
    else:
        t = np.linspace(0.0, np.pi / 2, xfade, dtype=np.float32)[:, None]
        fade_in, fade_out = np.sin(t), np.cos(t)
        head = source.copy()
        if xfade:
            head[:xfade] *= fade_in  # every repeat after the first enters under the previous one's tail
        position, loops = 0, 0
        while position < n:
            piece = source if loops == 0 else head
            if xfade and loops > 0:
                out[position : position + xfade] *= fade_out[: max(0, min(xfade, n - position))]
            stop = min(n, position + len(piece))
            out[position:stop] += piece[: stop - position]
            position += len(piece) - xfade
            loops += 1
    _fade(out, sample_rate)
    return out, loops
