"""Median fundamental frequency (F0) of speech, for checking that a voice sounds its age and gender.

YIN (de Cheveigné and Kawahara, 2002): the cumulative-mean-normalised difference function, whose
first dip under a threshold is the period. Computed for all frames at once with FFTs, so a
benchmark over hundreds of takes stays cheap. Typical medians: men 85-155 Hz, women 165-255 Hz,
children 250-400 Hz.
"""

from __future__ import annotations

import numpy as np

from models.audio.resample import resample

_RATE = 16_000
_LOW_HZ, _HIGH_HZ = 60.0, 500.0


def _frames(audio: np.ndarray, length: int, hop: int) -> np.ndarray:
    count = 1 + (len(audio) - length) // hop
    index = np.arange(length)[None, :] + hop * np.arange(count)[:, None]
    return audio[index]


def f0_track(samples: np.ndarray, sample_rate: int, threshold: float = 0.2) -> np.ndarray:
    """F0 in Hz of each loud, voiced 10 ms frame (unvoiced and quiet frames are left out)."""
    audio = resample(np.asarray(samples, dtype=np.float32).reshape(-1), sample_rate, _RATE).astype(np.float64)
    window, max_lag = int(0.03 * _RATE), int(_RATE / _LOW_HZ)
    min_lag, hop = int(_RATE / _HIGH_HZ), int(0.01 * _RATE)
    if len(audio) < window + max_lag + hop:
        return np.zeros(0)
    frames = _frames(audio, window + max_lag, hop)
    level = np.sqrt(np.mean(frames[:, :window] ** 2, axis=1))
    frames = frames[level >= 0.25 * level.max()] if level.max() > 0 else frames[:0]
    if not len(frames):
        return np.zeros(0)
    size = 1 << int(np.ceil(np.log2(2 * (window + max_lag))))
    head = np.fft.rfft(frames[:, :window], size)
    whole = np.fft.rfft(frames, size)
    cross = np.fft.irfft(np.conj(head) * whole, size)[:, :max_lag]  # sum_j x[j] x[j + tau]
    squares = np.concatenate([np.zeros((len(frames), 1)), np.cumsum(frames**2, axis=1)], axis=1)
    energy = squares[:, window : window + max_lag] - squares[:, :max_lag]  # sum_j x[j + tau]^2
    diff = energy[:, :1] + energy - 2 * cross
    diff[:, 0] = 0.0
    cumulative = np.cumsum(diff[:, 1:], axis=1) / np.arange(1, max_lag)
    cmnd = np.ones_like(diff)
    cmnd[:, 1:] = diff[:, 1:] / np.maximum(cumulative, 1e-12)
    pitches = []
    for row in cmnd:
        below = np.flatnonzero(row[min_lag:] < threshold)
        if not below.size:
            continue
        tau = below[0] + min_lag
        while tau + 1 < max_lag and row[tau + 1] < row[tau]:  # walk down to the dip's bottom
            tau += 1
        pitches.append(_RATE / tau)
    return np.asarray(pitches)


def median_f0(samples: np.ndarray, sample_rate: int) -> float:
    """Median F0 in Hz of the voiced frames; NaN when nothing voiced could be measured."""
    track = f0_track(samples, sample_rate)
    return float(np.median(track)) if track.size else float("nan")
