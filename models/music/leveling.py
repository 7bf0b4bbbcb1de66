"""Even out the loudness of cues after rendering: presets, tempi and textures differ by 10 LU or more.

Each cue is measured and brought to the score's level plus a small offset for its mood (calm and
mysterious cues sit a little lower), with short gain ramps across cue boundaries.
"""

from __future__ import annotations

import numpy as np

from models.audio.loudness import integrated_lufs
from models.music.base import Cue

SCORE_LUFS = -20.0  # loudness of a rendered score: headroom for peaks, the mix sets the final level
MOOD_OFFSET_DB = {"joyful": 0.0, "tense": 0.0, "calm": -2.0, "sad": -2.0, "mysterious": -3.0}
MAX_CORRECTION_DB = 20.0
RAMP_SEC = 0.25  # half the length of the gain ramp at each boundary


def cue_gains_db(audio: np.ndarray, cues: list[Cue], sample_rate: int) -> list[float]:
    gains = []
    for cue in cues:
        part = audio[round(cue.start * sample_rate) : round(cue.end * sample_rate)]
        level = integrated_lufs(part, sample_rate)
        target = SCORE_LUFS + MOOD_OFFSET_DB.get(cue.mood.strip().lower(), -2.0)
        correction = target - level if np.isfinite(level) else 0.0
        gains.append(float(np.clip(correction, -MAX_CORRECTION_DB, MAX_CORRECTION_DB)))
    return gains


def level_cues(audio: np.ndarray, cues: list[Cue], sample_rate: int) -> np.ndarray:
    """`audio` (n, channels) with each cue's span brought to its target loudness."""
    playing = sorted((c for c in cues if c.duration > 0), key=lambda c: c.start)
    if not playing or len(audio) == 0:
        return audio
    xs: list[float] = []
    ys: list[float] = []
    for cue, gain in zip(playing, cue_gains_db(audio, playing, sample_rate)):
        ramp = min(RAMP_SEC, cue.duration / 4)
        xs += [cue.start + ramp, max(cue.start + ramp, cue.end - ramp)]
        ys += [gain, gain]
    times = np.arange(len(audio), dtype=np.float64) / sample_rate
    envelope = (10 ** (np.interp(times, xs, ys) / 20)).astype(np.float32)
    return audio * envelope[:, None]
