"""Measuring probes for voice tests (not a test module): fundamental frequency of speech, and how
well a take's word times agree with its audio."""

from __future__ import annotations

import numpy as np

from models.voice.base import Timed


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


def agreement_with_audio(words: list[Timed], onsets: list[float], heard: list[tuple[float, float] | None]) -> float:
    """Share of words that start within 80 ms of a rise in loudness or 100 ms of where Whisper
    heard them start: two independent measures, each imprecise alone (Whisper tiny's word
    times are often 0.2 s off; a word can start without a rise, "in the")."""
    near = [
        any(abs(w.start - o) <= 0.08 for o in onsets) or (span is not None and abs(w.start - span[0]) <= 0.1)
        for w, span in zip(words, heard, strict=True)
    ]
    return sum(near) / len(near)
