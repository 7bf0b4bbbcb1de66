"""Loudness per ITU-R BS.1770: gated integrated loudness (pyloudnorm) and 4x-oversampled true peak."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

OVERSAMPLE = 4
_BLOCK = 1 << 18  # samples per oversampling block: bounds memory on long films
_GUARD = 64  # input samples of context each side of a block, beyond the polyphase filter's reach
SILENCE = float("-inf")  # loudness and peak of digital silence (BS.1770 gating leaves no blocks)


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float  # -inf for silence, or for anything quieter than the -70 LUFS absolute gate
    true_peak_dbtp: float  # -inf for silence


def as_frames(samples: np.ndarray) -> np.ndarray:
    """View audio as (n, channels)."""
    array = np.asarray(samples)
    return array[:, None] if array.ndim == 1 else array


def integrated_lufs(samples: np.ndarray, sample_rate: int) -> float:
    """Gated integrated loudness in LUFS; audio shorter than one 400 ms gating block is padded with silence."""
    import pyloudnorm

    frames = np.asarray(as_frames(samples), dtype=np.float64)
    if frames.size == 0 or not np.any(frames):
        return SILENCE
    block = int(0.4 * sample_rate) + 1
    if len(frames) < block:  # silence is gated out, so padding measures the content itself
        frames = np.concatenate([frames, np.zeros((block - len(frames), frames.shape[1]))])
    value = float(pyloudnorm.Meter(sample_rate).integrated_loudness(frames))
    return value if math.isfinite(value) else SILENCE


def oversampled_peaks(samples: np.ndarray) -> np.ndarray:
    """Per input sample, the largest |value| over all channels of the 4x-oversampled signal around it."""
    from scipy.signal import resample_poly

    frames = as_frames(samples)
    n = len(frames)
    peaks = np.empty(n, dtype=np.float32)
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        lo, hi = max(0, start - _GUARD), min(n, stop + _GUARD)
        up = np.abs(resample_poly(np.asarray(frames[lo:hi], dtype=np.float32), OVERSAMPLE, 1, axis=0))
        block = np.abs(np.asarray(frames[start:stop], dtype=np.float32))
        # Element-wise maxima over phases and channels: reductions along short axes are slow in numpy.
        for phase in range(OVERSAMPLE):
            np.maximum(block, up[phase::OVERSAMPLE][start - lo : stop - lo], out=block)
        peaks[start:stop] = block[:, 0]
        for channel in range(1, block.shape[1]):
            np.maximum(peaks[start:stop], block[:, channel], out=peaks[start:stop])
    return peaks


def true_peak_dbtp(samples: np.ndarray) -> float:
    if np.asarray(samples).size == 0:
        return SILENCE
    peak = float(oversampled_peaks(samples).max())
    return 20 * math.log10(peak) if peak > 0 else SILENCE


def measure(samples: np.ndarray, sample_rate: int) -> Loudness:
    return Loudness(integrated_lufs(samples, sample_rate), true_peak_dbtp(samples))


def db_to_gain(db: float) -> float:
    return 10 ** (db / 20)
