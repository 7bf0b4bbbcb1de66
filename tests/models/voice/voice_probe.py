"""Measuring probes for voice tests (not a test module): fundamental frequency of speech."""

from __future__ import annotations

import numpy as np


def f0(samples: np.ndarray, rate: int) -> float:
    """Median fundamental of the loud frames by YIN's cumulative mean normalised difference
    (a test probe, 60-500 Hz), which does not lock onto harmonics the way plain autocorrelation can."""
    frame, hop = int(0.04 * rate), int(0.01 * rate)
    low, high = int(rate / 500), int(rate / 60)
    starts = range(0, len(samples) - frame - high, hop)
    levels = np.array([np.sqrt(np.mean(samples[i : i + frame].astype(np.float64) ** 2)) for i in starts])
    pitches = []
    for i, level in zip(starts, levels):
        if level < 0.3 * levels.max():
            continue
        x = samples[i : i + frame + high].astype(np.float64)
        diff = np.array([np.sum((x[:frame] - x[tau : tau + frame]) ** 2) for tau in range(high)])
        cmnd = diff[1:] * np.arange(1, high) / np.maximum(np.cumsum(diff[1:]), 1e-12)
        below = np.flatnonzero(cmnd[low - 1 :] < 0.2)
        if below.size:
            tau = below[0] + low
            while tau + 1 < high and cmnd[tau] < cmnd[tau - 1]:  # walk down to the local minimum
                tau += 1
            pitches.append(rate / tau)
    return float(np.median(pitches))


def word_pitches(take, min_s: float = 0.12) -> list[float]:  # type: ignore[no-untyped-def]
    """Median fundamental of each word long enough to measure."""
    out = []
    for word in take.words:
        if word.end - word.start >= min_s:
            a, b = int(word.start * take.sample_rate), int(word.end * take.sample_rate)
            try:
                out.append(f0(take.samples[a:b], take.sample_rate))
            except ValueError:
                continue
    return [p for p in out if np.isfinite(p)]
