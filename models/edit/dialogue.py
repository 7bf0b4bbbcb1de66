"""Lay the synthesized takes onto one mono dialogue track at the film's sample rate."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.audio.resample import resample

FILM_SAMPLE_RATE = 48_000


@dataclass
class PlacedTake:
    start: float  # seconds from the start of the film
    samples: np.ndarray  # mono float32
    sample_rate: int


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
