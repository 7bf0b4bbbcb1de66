"""Shared timing helpers: group timed phonemes into words, and an energy-based aligner.

Engines that report their own segment times (festival, flite, espeak-ng events, piper's
duration predictor) use `group_by_counts` and `tidy`; `spread_over_voiced` is the fallback for
an engine that gives audio and a phoneme list but no times.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from models.voice.base import Timed


def tidy(items: Sequence[Timed], duration: float) -> list[Timed]:
    """Clamp to [0, duration], make end >= start and sort by start (stable for equal starts)."""
    out = []
    for item in items:
        start = min(max(float(item.start), 0.0), duration)
        end = min(max(float(item.end), start), duration)
        out.append(Timed(item.label, round(start, 6), round(end, 6)))
    return sorted(out, key=lambda item: item.start)


def _boundaries(counts: Sequence[int], total: int) -> list[int]:
    """Cumulative unit boundaries; rescaled when the engine produced a different unit count."""
    expected = sum(counts)
    cumulative = np.cumsum([0, *counts], dtype=float)
    if expected != total:
        cumulative = cumulative * (total / expected) if expected else np.zeros_like(cumulative)
    return [int(round(value)) for value in cumulative]


def group_by_counts(units: Sequence[Timed], labels: Sequence[str], counts: Sequence[int]) -> list[Timed]:
    """Give each label its run of `counts[i]` consecutive units (phonemes or phoneme-words).

    When the counts do not add up to len(units) (an engine re-pronounced a word in context),
    the runs are rescaled proportionally, so the error stays local instead of shifting every
    later word. A label left without units gets a zero-length interval where it would start.
    """
    if not labels:
        return []
    if not units:
        return [Timed(label, 0.0, 0.0) for label in labels]
    bounds = _boundaries(counts, len(units))
    words = []
    for i, label in enumerate(labels):
        first, last = bounds[i], bounds[i + 1]
        if last > first:
            words.append(Timed(label, units[first].start, units[last - 1].end))
        else:
            at = units[first].start if first < len(units) else units[-1].end
            words.append(Timed(label, at, at))
    return words


def voiced_regions(
    samples: np.ndarray, sample_rate: int, frame_s: float = 0.01, min_gap_s: float = 0.08
) -> list[tuple[float, float]]:
    """Stretches whose frame RMS is above 5 % of the loudest frame, gaps under `min_gap_s` bridged."""
    hop = max(1, int(frame_s * sample_rate))
    count = len(samples) // hop
    if count == 0:
        return []
    frames = np.asarray(samples[: count * hop], dtype=np.float64).reshape(count, hop)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    if rms.max() <= 1e-6:
        return []
    loud = rms > 0.05 * rms.max()
    regions: list[list[int]] = []
    for index in np.flatnonzero(loud).tolist():  # plain ints, as `regions` holds
        if regions and (index - regions[-1][1]) * frame_s < min_gap_s:
            regions[-1][1] = index + 1
        else:
            regions.append([index, index + 1])
    return [(start * frame_s, end * frame_s) for start, end in regions]


def spread_over_voiced(
    samples: np.ndarray, sample_rate: int, words: Sequence[tuple[str, Sequence[str]]]
) -> tuple[list[Timed], list[Timed]]:
    """Time `words` (label, phonemes) by sharing the voiced time equally among their phonemes.

    Voiced time is the concatenation of `voiced_regions`; a phoneme's share is mapped back to
    the real clock, so silences between regions fall between (or inside) words, never on them.
    """
    regions = voiced_regions(samples, sample_rate)
    flat = [(index, phoneme) for index, (_, phonemes) in enumerate(words) for phoneme in phonemes]
    if not regions or not flat:
        return [], [Timed(label, 0.0, 0.0) for label, _ in words]
    lengths = np.array([end - start for start, end in regions])
    voiced_ends = np.cumsum(lengths)

    def clock(voiced_t: float, starting: bool) -> float:
        # A start on a region boundary belongs to the next region, an end to the previous one.
        side: Literal["left", "right"] = "right" if starting else "left"
        i = min(int(np.searchsorted(voiced_ends, voiced_t, side=side)), len(regions) - 1)
        before = voiced_ends[i] - lengths[i]
        return regions[i][0] + min(voiced_t - before, lengths[i])

    step = voiced_ends[-1] / len(flat)
    phonemes = [
        Timed(phoneme, clock(k * step, True), clock((k + 1) * step, False)) for k, (_, phoneme) in enumerate(flat)
    ]
    timed_words = []
    for index, (label, _) in enumerate(words):
        mine = [phonemes[k] for k, (owner, _) in enumerate(flat) if owner == index]
        if mine:
            timed_words.append(Timed(label, mine[0].start, mine[-1].end))
        elif timed_words:
            timed_words.append(Timed(label, timed_words[-1].end, timed_words[-1].end))
        else:
            timed_words.append(Timed(label, phonemes[0].start, phonemes[0].start))
    return phonemes, timed_words
