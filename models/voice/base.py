"""The voice role: a voice is a catalogue entry, a backend turns text into a `Take` with timings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from models.registry import Registry


@dataclass(frozen=True)
class Voice:
    """One entry of the voice catalogue. `engine` names the backend in `VOICE_BACKENDS`."""

    id: str  # stable, e.g. "piper-joe", "flite-slt", "espeak-en-f3-child"
    name: str  # human name shown to creators
    engine: str  # "piper" | "flite" | "festival" | "espeak-ng"
    age: str  # child|teen|adult|senior
    gender: str  # male|female|neutral
    language: str  # "en", "hi", "es"
    params: tuple[tuple[str, str], ...] = ()  # engine-specific settings (voice name, pitch, speed)


@dataclass(frozen=True)
class Timed:
    """A phoneme or a word with start and end in seconds from the start of its take."""

    label: str
    start: float
    end: float


@dataclass
class Take:
    """One synthesized line: mono float32 samples in [-1, 1] with phoneme and word timings."""

    samples: np.ndarray
    sample_rate: int
    phonemes: list[Timed] = field(default_factory=list)
    words: list[Timed] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


class VoiceBackend(Protocol):
    name: str
    version: str

    def synthesize(self, text: str, voice: Voice) -> Take:
        """Speak `text` with `voice`; raise BackendUnavailable if the engine cannot run."""
        ...


VOICE_BACKENDS: Registry[VoiceBackend] = Registry("voice")
