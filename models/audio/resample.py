"""Sample-rate conversion by polyphase filtering (exact for the integer ratios audio rates have)."""

from __future__ import annotations

from math import gcd

import numpy as np
from scipy.signal import resample_poly


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    """`samples` (along the first axis) converted from `source_rate` to `target_rate`, as float32."""
    if source_rate == target_rate or not np.asarray(samples).size:
        return np.asarray(samples, dtype=np.float32)
    divisor = gcd(source_rate, target_rate)
    return resample_poly(samples, target_rate // divisor, source_rate // divisor, axis=0).astype(np.float32)
