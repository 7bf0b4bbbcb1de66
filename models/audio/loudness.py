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


def _k_weighting(sample_rate: int) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """pyloudnorm's BS.1770 K-weighting stages as (b, a, passband gain), so both meters agree exactly."""
    import pyloudnorm

    meter = pyloudnorm.Meter(sample_rate)
    return [(np.asarray(f.b), np.asarray(f.a), float(f.passband_gain)) for f in meter._filters.values()]


def _block_bounds(n: int, sample_rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end samples of the 400 ms gating blocks (75 % overlap), computed as pyloudnorm does."""
    gate, step = 0.4, 0.25
    count = int(np.round((n / sample_rate - gate) / (gate * step))) + 1
    j = np.arange(max(count, 0))
    lower = np.array([int(gate * (k * step) * sample_rate) for k in j], dtype=np.int64)
    upper = np.array([int(gate * (k * step + 1) * sample_rate) for k in j], dtype=np.int64)
    return np.minimum(lower, n), np.minimum(upper, n)


def _block_energies(frames: np.ndarray, sample_rate: int) -> np.ndarray:
    """Mean square of the K-weighted signal per channel and gating block, shape (channels, blocks).

    The filters run over `_BLOCK`-sample chunks with their state carried across, in float64 one chunk
    at a time: the whole film is never copied to float64 (pyloudnorm copies it several times).
    """
    from scipy.signal import lfilter, lfilter_zi

    n, channels = frames.shape
    lower, upper = _block_bounds(n, sample_rate)
    bounds = np.union1d(lower, upper)  # prefix sums of squares are needed only at these samples
    prefix = np.zeros((channels, len(bounds)))
    stages = _k_weighting(sample_rate)
    for ch in range(channels):
        states = [lfilter_zi(b, a) * 0.0 for b, a, _ in stages]
        total = 0.0
        for start in range(0, n, _BLOCK):
            chunk = np.asarray(frames[start : start + _BLOCK, ch], dtype=np.float64)
            for k, (b, a, gain) in enumerate(stages):
                chunk, states[k] = lfilter(b, a, chunk, zi=states[k])
                chunk = chunk * gain if gain != 1.0 else chunk
            running = total + np.concatenate([[0.0], np.cumsum(chunk * chunk)])
            inside = (bounds >= start) & (bounds <= start + len(chunk))
            prefix[ch, inside] = running[bounds[inside] - start]
            total = float(running[-1])
    lo, hi = np.searchsorted(bounds, lower), np.searchsorted(bounds, upper)
    return (prefix[:, hi] - prefix[:, lo]) / (0.4 * sample_rate)


def integrated_lufs(samples: np.ndarray, sample_rate: int) -> float:
    """Gated integrated loudness in LUFS (ITU-R BS.1770-4, the same result as pyloudnorm's meter).

    Audio shorter than one 400 ms gating block is padded with silence. Memory stays at the input plus
    a few chunk-sized buffers, so a 10-minute film is measured without float64 copies of it.
    """
    frames = as_frames(samples)
    if frames.size == 0 or not np.any(frames):
        return SILENCE
    if frames.shape[1] > 5:
        raise ValueError(f"BS.1770 weights up to 5 channels, not {frames.shape[1]}.")
    block = int(0.4 * sample_rate) + 1
    if len(frames) < block:  # silence is gated out, so padding measures the content itself
        frames = np.concatenate([frames, np.zeros((block - len(frames), frames.shape[1]), frames.dtype)])
    z = _block_energies(frames, sample_rate)
    weights = np.array([1.0, 1.0, 1.0, 1.41, 1.41])[: z.shape[0], None]
    with np.errstate(divide="ignore"):
        block_lufs = -0.691 + 10 * np.log10(np.sum(weights * z, axis=0))
    above_absolute = block_lufs >= -70.0
    if not np.any(above_absolute):
        return SILENCE
    relative = -0.691 + 10 * np.log10(np.sum(weights[:, 0] * z[:, above_absolute].mean(axis=1))) - 10.0
    gated = (block_lufs > relative) & (block_lufs > -70.0)
    if not np.any(gated):
        return SILENCE
    value = -0.691 + 10 * math.log10(float(np.sum(weights[:, 0] * z[:, gated].mean(axis=1))))
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
