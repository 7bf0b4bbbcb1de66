"""Lay the synthesized takes onto one mono dialogue track at the film's sample rate."""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd

import numpy as np
from scipy.signal import resample_poly

FILM_SAMPLE_RATE = 48_000


@dataclass
class PlacedTake:
    start: float  # seconds from the start of the film
    samples: np.ndarray  # mono float32
    sample_rate: int


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    if source_rate == target_rate:
        return samples.astype(np.float32, copy=False)
    divisor = gcd(source_rate, target_rate)
    return resample_poly(samples, target_rate // divisor, source_rate // divisor).astype(np.float32)


def assemble_dialogue(takes: list[PlacedTake], duration: float, sample_rate: int = FILM_SAMPLE_RATE) -> np.ndarray:
    """Sum every take at its start time into a track exactly `duration` seconds long."""
    track = np.zeros(int(round(duration * sample_rate)), dtype=np.float32)
    for take in takes:
        audio = resample(take.samples, take.sample_rate, sample_rate)
        offset = int(round(take.start * sample_rate))
        end = min(offset + len(audio), len(track))
        if end > offset:
            track[offset:end] += audio[: end - offset]
    return track
