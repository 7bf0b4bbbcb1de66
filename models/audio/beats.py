"""A beat grid for music we did not compose (a creator's own file): tempo by onset autocorrelation.

Coarse but honest: a 10 ms onset-strength envelope, the autocorrelation peak between 60 and 180 bpm,
and the phase whose grid collects the most onset energy. Composed scores report exact beats instead.
"""

from __future__ import annotations

import numpy as np

HOP_SEC = 0.01
MIN_BPM, MAX_BPM = 60.0, 180.0
ONSET_RISE = 0.1  # a frame whose energy rises 1 dB over the last is an attack
MIN_ONSET_SHARE = 0.01  # a pulse needs attacks in at least 1 % of frames (a held drone has none)
ANALYSIS_SEC = 60.0  # the tempo of the first minute stands for the file (looping repeats it anyway)


def onset_strength(mono: np.ndarray, sample_rate: int) -> np.ndarray:
    """Half-wave rectified rise of log energy per 10 ms frame."""
    hop = max(1, round(HOP_SEC * sample_rate))
    frames = len(mono) // hop
    if frames < 2:
        return np.zeros(0)
    energy = np.log10(np.mean(np.asarray(mono[: frames * hop], np.float32).reshape(frames, hop) ** 2, axis=1) + 1e-10)
    return np.maximum(np.diff(energy, prepend=energy[0]), 0.0)


def estimate_beats(samples: np.ndarray, sample_rate: int, length_sec: float) -> tuple[float | None, list[float]]:
    """(tempo in bpm, beat times in seconds up to `length_sec`) or (None, []) for music without a pulse."""
    mono = np.asarray(samples, np.float32)
    mono = mono.mean(axis=1) if mono.ndim == 2 else mono
    onsets = onset_strength(mono[: round(ANALYSIS_SEC * sample_rate)], sample_rate)
    if len(onsets) < 400 or np.mean(onsets > ONSET_RISE) < MIN_ONSET_SHARE:  # too short, or no attacks
        return None, []
    centred = onsets - onsets.mean()
    spectrum = np.fft.rfft(centred, 2 * len(centred))
    autocorr = np.fft.irfft(spectrum * np.conj(spectrum))[: len(centred)]
    lags = np.arange(round(60 / MAX_BPM / HOP_SEC), round(60 / MIN_BPM / HOP_SEC) + 1)
    weights = np.exp(-0.5 * (np.log2(lags * HOP_SEC / 0.5)) ** 2)  # prefer periods near 120 bpm
    best = int(lags[np.argmax(autocorr[lags] * weights)])
    if autocorr[best] <= 0:
        return None, []
    phase = int(np.argmax([onsets[p::best].sum() for p in range(best)]))
    period = best * HOP_SEC
    first = phase * HOP_SEC
    beats = [round(first + k * period, 3) for k in range(int((length_sec - first) / period) + 1)]
    return round(60 / period, 2), beats
