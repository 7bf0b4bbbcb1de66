"""Delivery loudness presets: what the platform expects, as integrated loudness and true-peak ceiling."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoudnessPreset:
    name: str
    target_lufs: float  # integrated loudness, ITU-R BS.1770
    max_true_peak: float  # dBTP
    tolerance_lu: float  # what the quality gate accepts around the target


PRESETS = {
    "youtube": LoudnessPreset("youtube", -14.0, -1.0, 1.0),  # YouTube/Spotify streaming reference
    "broadcast": LoudnessPreset("broadcast", -23.0, -1.0, 1.0),  # EBU R 128 (ATSC A/85 is -24)
}


def loudness_preset(name: str) -> LoudnessPreset:
    """The preset called `name`; a clear ValueError names the ones that exist."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"Unknown loudness preset {name!r}; choose one of {', '.join(PRESETS)}.") from None
