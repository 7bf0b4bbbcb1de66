"""Where speech starts in a clean dialogue stem: 10 ms energy frames, onsets after a pause.

Whisper's word times drift by 100-250 ms (its first word of a segment is often early); the
dialogue stem holds nothing but voices, so an energy onset near the recognizer's time is exact.
"""

from __future__ import annotations

import numpy as np

FRAME_SEC = 0.01
RANGE_DB = 35.0  # frames this far under the loud speech frames count as silence
FLOOR_DB = -60.0
PAUSE_SEC = 0.08  # an onset follows at least this much silence


class SpeechOnsets:
    """Speech onsets of a mono stem, in seconds; `snap` moves a time to the nearest one."""

    def __init__(self, samples: np.ndarray, sample_rate: int) -> None:
        mono = np.asarray(samples, dtype=np.float32)
        mono = mono.mean(axis=1) if mono.ndim == 2 else mono
        hop = max(1, round(FRAME_SEC * sample_rate))
        frames = len(mono) // hop
        if frames == 0:
            self.times: np.ndarray = np.zeros(0)
            return
        power = np.mean(mono[: frames * hop].reshape(frames, hop) ** 2, axis=1)
        level = 10 * np.log10(power + 1e-12)
        loud = level[level > FLOOR_DB]
        threshold = max(float(np.percentile(loud, 95)) - RANGE_DB, FLOOR_DB) if loud.size else 0.0
        active = level > threshold
        pause = max(1, round(PAUSE_SEC / FRAME_SEC))
        quiet_before = np.convolve(~active, np.ones(pause), mode="full")[: len(active)]  # silent frames in window
        previous = np.concatenate([[pause], quiet_before[:-1]])
        onset = active & (previous >= pause)
        self.times = np.flatnonzero(onset) * (hop / sample_rate)

    def snap(self, t: float, before: float = 0.35, after: float = 0.35) -> float:
        """The onset nearest `t` within [t - before, t + after], or `t` itself when there is none."""
        if self.times.size == 0:
            return t
        i = int(np.searchsorted(self.times, t))
        near = [self.times[j] for j in (i - 1, i) if 0 <= j < self.times.size]
        near = [x for x in near if t - before <= x <= t + after]
        return float(min(near, key=lambda x: abs(x - t))) if near else t
