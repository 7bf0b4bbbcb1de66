"""Kokoro-82M driven with eSpeak NG phonemes: intelligible English, timings, blends, children's pitch."""

from __future__ import annotations

import numpy as np
import pytest

from models.asr.wer import word_error_rate
from models.asr.whisper import transcribe
from models.voice.base import Voice
from models.voice.kokoro_backend import ipa_phonemes, parse_styles, to_kokoro
from models.voice.pitch import median_f0
from models.voice.speak import _backends, synthesize
from models.voice.text import tokens

# Not in bench/voices/: the benchmark's sentences stay unseen by tests and tuning alike.
SENTENCE = "Our teacher read us a story about a brave little fox in the snow."


def _kokoro(style: str) -> Voice:
    return Voice("test-kokoro", "Test", "kokoro", "adult", "female", "en", (("style", style), ("speed", "1")))


def test_kokoro_speaks_english_that_whisper_understands_with_monotonic_timings() -> None:
    take = synthesize(SENTENCE, "kokoro-en-girl")
    assert take.sample_rate == 24_000 and take.samples.dtype == np.float32
    assert 2.0 <= take.duration <= 8.0
    heard = transcribe(take.samples, take.sample_rate).text
    assert word_error_rate(SENTENCE, heard) <= 0.10, heard
    assert [w.label for w in take.words] == tokens(SENTENCE)
    for timed in (take.words, take.phonemes):
        starts = [t.start for t in timed]
        assert starts == sorted(starts) and all(0.0 <= t.start <= t.end <= take.duration for t in timed)
    ends = [w.end for w in take.words]
    assert ends == sorted(ends) and take.words[-1].end > 0.8 * take.duration
    assert sum(w.end - w.start for w in take.words) > 0.5 * take.duration


def test_children_sound_like_children_and_adults_like_adults() -> None:
    pitch = {}
    for voice_id in ("kokoro-en-girl", "kokoro-en-boy", "kokoro-en-f", "kokoro-en-m", "piper-joe"):
        take = synthesize(SENTENCE, voice_id)
        pitch[voice_id] = median_f0(take.samples, take.sample_rate)
    assert pitch["kokoro-en-girl"] >= 280 and pitch["kokoro-en-boy"] >= 220, pitch  # children: 220-400 Hz
    assert pitch["kokoro-en-m"] <= 150 and pitch["piper-joe"] <= 150, pitch  # men: 85-155 Hz
    assert pitch["kokoro-en-girl"] > 1.15 * pitch["kokoro-en-f"], pitch  # over two semitones above the woman
    assert pitch["kokoro-en-boy"] > 1.6 * pitch["kokoro-en-m"], pitch


def test_a_blend_of_styles_lands_between_them() -> None:
    backend = _backends().get("kokoro")
    text = "The kite flew over the hill."
    low, mid, high = (
        median_f0(t.samples, t.sample_rate)
        for t in (
            backend.synthesize(text, _kokoro(s)) for s in ("jm_kumo", "jm_kumo:0.5,jf_tebukuro:0.5", "jf_tebukuro")
        )
    )
    assert low < mid < high, (low, mid, high)


def test_bad_styles_are_refused_clearly() -> None:
    assert parse_styles("jf_alpha:3,jm_kumo:1") == [("jf_alpha", 0.75), ("jm_kumo", 0.25)]
    with pytest.raises(ValueError, match="positive weights"):
        parse_styles("jf_alpha:0")
    with pytest.raises(ValueError, match="Unknown Kokoro style 'jf_nobody'"):
        _backends().get("kokoro").synthesize("Hello there.", _kokoro("jf_nobody"))


def test_espeak_ipa_is_spelled_the_way_kokoro_was_trained() -> None:
    assert to_kokoro("hˈo^ʊm tənˈa^ɪt", "en") == "hˈOm tənˈIt"
    assert to_kokoro("t^ʃˈɜːt^ʃ", "en") == "ʧˈɜɹʧ"
    assert ipa_phonemes("t^ʃˈɜːt^ʃ") == ["tʃ", "ɜː", "tʃ"]
