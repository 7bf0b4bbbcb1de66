"""Room tone: the quiet air of a room, laid under both voices in podcast mode so gaps never go dead."""

from __future__ import annotations

import numpy as np
from scipy.signal import butter, sosfilt

ROOM_TONE_LOWPASS_HZ = 1800.0  # rooms hum and hiss low; bright noise reads as a fault
ROOM_TONE_HIGHPASS_HZ = 60.0
ROOM_TONE_RELATIVE_LU = -38.0  # under the dialogue level: heard in gaps, never over a word


def room_tone(n: int, sample_rate: int, seed: int = 0) -> np.ndarray:
    """(n, 2) float32 band-limited noise at about -20 dBFS RMS, decorrelated left and right.

    Deterministic for a seed, so re-renders are bit-identical; the mixer sets its final level.
    """
    if n <= 0:
        return np.zeros((0, 2), dtype=np.float32)
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((n, 2), dtype=np.float32)
    sos = butter(2, [ROOM_TONE_HIGHPASS_HZ, ROOM_TONE_LOWPASS_HZ], btype="bandpass", fs=sample_rate, output="sos")
    shaped = sosfilt(sos, noise, axis=0).astype(np.float32)
    rms = float(np.sqrt(np.mean(shaped[: min(n, 10 * sample_rate)] ** 2))) or 1.0
    shaped *= 0.1 / rms
    return shaped
