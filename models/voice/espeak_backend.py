"""eSpeak NG through libespeak-ng (ctypes): audio plus the engine's own word and phoneme events.

The library is process-global (one initialisation, one callback), so it is loaded once and
used by one caller at a time.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import threading
from functools import lru_cache

import numpy as np

from models.errors import BackendUnavailable, StudioModelError
from models.voice.align import group_by_counts, tidy
from models.voice.base import VOICE_BACKENDS, Take, Timed, Voice
from models.voice.text import clean_text, tokens

_WORD, _END, _MSG_TERMINATED, _PHONEME = 1, 5, 6, 7
_SYNCHRONOUS, _PHONEME_EVENTS_IPA, _CHARS_UTF8 = 2, 0x1 | 0x2, 1
_RATE, _PITCH, _RANGE = 1, 3, 4


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),  # 1-based character index of the word
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),  # sample index from the start of the message
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


_EventRow = tuple[int, int, int, str]  # type, 1-based text position, sample index, phoneme
_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


class _Library:
    def __init__(self) -> None:
        path = ctypes.util.find_library("espeak-ng")
        if path is None:
            raise BackendUnavailable("libespeak-ng is missing: install the Debian package espeak-ng.")
        self._lib = lib = ctypes.CDLL(path)
        c_int, c_uint = ctypes.c_int, ctypes.c_uint
        lib.espeak_Initialize.argtypes = [c_int, c_int, ctypes.c_char_p, c_int]
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [c_int, c_int, c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            c_uint,
            c_int,
            c_uint,
            c_uint,
            ctypes.POINTER(c_uint),
            ctypes.c_void_p,
        ]
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p
        self.sample_rate = self._lib.espeak_Initialize(_SYNCHRONOUS, 0, None, _PHONEME_EVENTS_IPA)
        if self.sample_rate <= 0:
            raise BackendUnavailable("libespeak-ng found no espeak-ng-data: reinstall the Debian package espeak-ng.")
        self.version = self._lib.espeak_Info(None).decode()
        self._callback = _CALLBACK(self._collect)  # kept referenced: the library holds a raw pointer
        self._lib.espeak_SetSynthCallback(self._callback)
        self._lock = threading.Lock()
        self._audio: list[np.ndarray] = []
        self._events: list[_EventRow] = []

    def _collect(self, wav: ctypes.Array, count: int, events: ctypes.Array) -> int:
        if wav and count > 0:
            self._audio.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        i = 0
        while events[i].type != 0:
            event = events[i]
            label = event.id.string.decode("utf-8", "replace") if event.type == _PHONEME else ""
            self._events.append((event.type, event.text_position, event.sample, label))
            i += 1
        return 0

    def has_voice(self, name: str) -> bool:
        with self._lock:
            found = self._lib.espeak_SetVoiceByName(name.encode()) == 0
            self._flush()
            return found

    def _flush(self) -> None:
        """Deliver (and drop) the events queued by voice changes outside a synthesis.

        Each voice change queues a sample-rate event for the next message; a few dozen of them
        (probing every catalogue voice) crowd the first word's events out of the library's
        event list, and the first word of the next line would lose its timing.
        """
        blank = b" \0"
        self._lib.espeak_Synth(blank, len(blank), 0, 1, 0, _CHARS_UTF8, None, None)
        self._lib.espeak_Synchronize()
        self._audio, self._events = [], []

    def speak(self, text: str, name: str, settings: dict[int, int]) -> tuple[np.ndarray, list[_EventRow]]:
        data = text.encode("utf-8")
        with self._lock:
            if self._lib.espeak_SetVoiceByName(name.encode()) != 0:
                raise BackendUnavailable(
                    f"eSpeak NG has no voice {name!r} (see `espeak-ng --voices`); install espeak-ng-data."
                )
            for parameter, value in settings.items():
                self._lib.espeak_SetParameter(parameter, value, 0)
            self._audio, self._events = [], []
            status = self._lib.espeak_Synth(data, len(data) + 1, 0, 1, 0, _CHARS_UTF8, None, None)
            self._lib.espeak_Synchronize()
            if status != 0:
                raise StudioModelError(f"libespeak-ng could not synthesize (error {status}).")
            audio = np.concatenate(self._audio) if self._audio else np.zeros(0, np.int16)
            return audio, self._events


@lru_cache(maxsize=1)
def _library() -> _Library:
    return _Library()


def _timings(text: str, events: list[_EventRow], rate: int, total: int) -> tuple[list[Timed], list[Timed]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    phonemes: list[Timed] = []
    groups: list[tuple[int, int]] = []  # (first text span, first phoneme) per word event
    marks = [sample for kind, _, sample, _ in events if kind in (_PHONEME, _END, _MSG_TERMINATED)] + [total]
    k = 0
    for kind, position, sample, label in events:
        if kind == _WORD:
            span = next((i for i, (a, b) in enumerate(spans) if a <= position - 1 < b), None)
            if span is not None and not (groups and groups[-1][0] == span):  # "25": two events
                groups.append((span, len(phonemes)))
        if kind in (_PHONEME, _END, _MSG_TERMINATED):
            k += 1
            if kind == _PHONEME and label:  # nameless phoneme events are pauses
                phonemes.append(Timed(label, sample / rate, marks[k] / rate))
    words: list[Timed] = []
    for i, (span, first) in enumerate(groups):
        # espeak joins some function words into the word before ("in the" is one event); the
        # joined words share that event's phonemes in proportion to their letters.
        next_span, last = groups[i + 1] if i + 1 < len(groups) else (len(spans), len(phonemes))
        labels = [word for a, b in spans[span:next_span] for word in tokens(text[a:b])]
        if last > first:
            words += group_by_counts(phonemes[first:last], labels, [len(label) for label in labels])
    return phonemes, words


class EspeakBackend:
    name = "espeak-ng"

    def __init__(self) -> None:
        library = _library()
        self.version = library.version
        self.sample_rate = library.sample_rate

    def can_speak(self, voice: Voice) -> bool:
        return _library().has_voice(dict(voice.params).get("voice", "en-us"))

    def synthesize(self, text: str, voice: Voice) -> Take:
        text = clean_text(text)
        params = dict(voice.params)
        settings = {
            _RATE: int(params.get("speed", "165")),
            _PITCH: int(params.get("pitch", "50")),
            _RANGE: int(params.get("range", "50")),
        }
        audio, events = _library().speak(text, params.get("voice", "en-us"), settings)
        if not audio.size or not any(kind == _PHONEME and label for kind, _, _, label in events):
            raise ValueError(f"eSpeak NG found nothing to say in {text[:40]!r}.")
        samples = (audio.astype(np.float32) / 32768.0).clip(-1.0, 1.0)
        phonemes, words = _timings(text, events, self.sample_rate, len(audio))
        duration = len(samples) / self.sample_rate
        return Take(samples, self.sample_rate, tidy(phonemes, duration), tidy(words, duration))


@VOICE_BACKENDS.register("espeak-ng")
def _factory() -> EspeakBackend:
    return EspeakBackend()
