"""The `midi-soundfont` music backend: compose General MIDI, render it with FluidSynth."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from integrations.fluidsynth import DEFAULT_GAIN, find_soundfont, fluidsynth_exe, render_midi
from models.music.base import Cue, score_length
from models.music.calibration import program_levels
from models.music.composer import compose
from models.music.leveling import level_cues

END_FADE_SEC = 0.3  # the last cue is cut at the film's end: fade instead of clicking
PEAK_CEILING = 0.89  # about -1 dBFS, so the score is safe to write as 16-bit PCM on its own


class MidiScore:
    """Renders cues as an exact-length stereo float32 score; the mix sets the final level."""

    name = "midi-soundfont"

    def __init__(self, soundfont: str | os.PathLike[str] | None = None, gain: float = DEFAULT_GAIN) -> None:
        fluidsynth_exe()  # fail at creation, with the package to install, not halfway through a film
        self.soundfont = find_soundfont(soundfont)
        self.gain = gain
        self.levels_cache: Path | None = None  # where the soundfont's measured preset levels are kept
        self.version = f"1.0+{self.soundfont.stem}"  # a different soundfont is a different sound

    def render(self, cues: list[Cue], sample_rate: int, seed: int = 0, tempo_bpm: float | None = None) -> np.ndarray:
        """(n, 2) float32 with n = round(score_length(cues) * sample_rate), each cue at its start."""
        if not 8000 <= sample_rate <= 96000:
            raise ValueError(f"FluidSynth renders at 8000-96000 Hz, not {sample_rate}.")
        n = round(score_length(cues) * sample_rate)
        if n == 0:
            return np.zeros((0, 2), dtype=np.float32)
        midi = compose(cues, seed=seed, tempo_bpm=tempo_bpm, levels=program_levels(self.soundfont, self.levels_cache))
        audio = render_midi(midi, sample_rate, self.soundfont, self.gain)
        out = np.zeros((n, 2), dtype=np.float32)
        out[: min(n, len(audio))] = audio[:n]
        out = level_cues(out, cues, sample_rate)
        fade = min(n, round(END_FADE_SEC * sample_rate))
        out[n - fade :] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)[:, None]
        peak = float(np.max(np.abs(out)))
        if peak > PEAK_CEILING:
            out *= PEAK_CEILING / peak
        return out
