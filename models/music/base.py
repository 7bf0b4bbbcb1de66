"""The music role: a film's score is a list of cues, one per scene; a backend renders them to audio."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from models.registry import Registry


@dataclass(frozen=True)
class Cue:
    """Music for one stretch of the film, in seconds from the start of the film."""

    scene_id: str
    mood: str  # joyful|calm|tense|sad|mysterious (Scene.mood)
    # A STYLES family: a Scene.culture (indian|western|...) or devotional|orchestral|ambient|contemporary|drone.
    culture: str
    start: float
    duration: float

    @property
    def end(self) -> float:
        return self.start + self.duration


def score_length(cues: list[Cue]) -> float:
    """Seconds from the film's start to the end of the last cue (the sum of spans for back-to-back cues)."""
    return max((cue.end for cue in cues), default=0.0)


class MusicBackend(Protocol):
    name: str
    version: str

    def render(self, cues: list[Cue], sample_rate: int, seed: int = 0) -> np.ndarray:
        """Stereo float32 (n, 2) with n = round(score_length(cues) * sample_rate); raise BackendUnavailable."""
        ...


MUSIC_BACKENDS: Registry[MusicBackend] = Registry("music")


@MUSIC_BACKENDS.register("midi-soundfont")
def _midi_soundfont() -> MusicBackend:
    from models.music.midi_score import MidiScore  # keeps mido and the CLI lookup out of plain imports

    return MidiScore()
