"""Speak a line with a catalogue voice: one backend instance per engine, built on first use."""

from __future__ import annotations

import threading
from functools import lru_cache

from models.errors import BackendUnavailable

# Imported for their registration in VOICE_BACKENDS; each keeps its heavy imports inside.
from models.voice import espeak_backend, festival_backend, flite_backend, kokoro_backend, piper_backend  # noqa: F401
from models.voice.base import VOICE_BACKENDS, Take, Voice, VoiceBackend
from models.voice.catalogue import CATALOGUE, WITHDRAWN, get_voice
from models.voice.delivery import NEUTRAL, Delivery
from models.voice.perform import perform


class _Backends:
    """Backends by engine name; a backend that could not start is remembered as unavailable."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: dict[str, VoiceBackend | BackendUnavailable] = {}

    def get(self, engine: str) -> VoiceBackend:
        with self._lock:
            if engine not in self._built:
                try:
                    self._built[engine] = VOICE_BACKENDS.create(engine)
                except BackendUnavailable as missing:
                    self._built[engine] = missing
            backend = self._built[engine]
        if isinstance(backend, BackendUnavailable):
            raise BackendUnavailable(str(backend))
        return backend


@lru_cache(maxsize=1)
def _backends() -> _Backends:
    return _Backends()


def synthesize(text: str, voice_id: str, delivery: Delivery = NEUTRAL) -> Take:
    """Speak `text` with catalogue voice `voice_id` and `delivery` (rate, pitch, level, melody).

    Raises UnknownVoice for an id not in the catalogue, ValueError for text with nothing to
    speak, BackendUnavailable when the voice's engine is not installed.
    """
    voice = get_voice(voice_id)
    return perform(_backends().get(voice.engine), text, voice, delivery)


def backend_versions() -> dict[str, str]:
    """Engine name -> engine version, for every registered engine that can run here."""
    versions = {}
    for engine in VOICE_BACKENDS.names():
        try:
            versions[engine] = _backends().get(engine).version
        except BackendUnavailable:
            continue
    return versions


def installed_voices() -> list[Voice]:
    """Catalogue voices whose engine and voice data are installed here (a pool for `cast`)."""
    usable = []
    # Withdrawn voices stay usable for films that named them; casting never picks them.
    for voice in CATALOGUE + WITHDRAWN:
        try:
            backend = _backends().get(voice.engine)
        except BackendUnavailable:
            continue
        can_speak = getattr(backend, "can_speak", None)
        if can_speak is None or can_speak(voice):
            usable.append(voice)
    return usable
