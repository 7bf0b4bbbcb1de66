"""Voice processing with pedalboard: tempo moves the timings with the audio, pitch moves the voice,
age voices differ from their engine voice, silence is trimmed without losing words."""

from __future__ import annotations

import numpy as np
import pytest
from voice_probe import f0

from models.voice.base import Take, Timed
from models.voice.catalogue import CATALOGUE, get_voice, is_processed, voice_shape
from models.voice.dsp import Shape, apply, trim, word_contour
from models.voice.speak import _backends, synthesize

TEXT = "The little boat sailed home across the quiet bay."


def test_tempo_scales_duration_and_every_timing() -> None:
    take = synthesize(TEXT, "flite-slt")
    slower = apply(take, Shape(tempo=0.8))
    ratio = slower.duration / take.duration
    assert ratio == pytest.approx(1.25, rel=0.03)
    for before, after in zip(take.words, slower.words):
        assert after.label == before.label
        assert after.start == pytest.approx(before.start * ratio, abs=1e-3)
        assert after.end == pytest.approx(before.end * ratio, abs=1e-3)
    assert len(slower.phonemes) == len(take.phonemes)


def test_pitch_shift_moves_the_fundamental_and_keeps_the_length() -> None:
    take = synthesize(TEXT, "flite-slt")
    higher = apply(take, Shape(semitones=4.0))
    assert higher.duration == pytest.approx(take.duration, rel=0.01)
    assert f0(higher.samples, higher.sample_rate) / f0(take.samples, take.sample_rate) == pytest.approx(
        2 ** (4 / 12), rel=0.08
    )


@pytest.mark.parametrize(
    ("voice_id", "direction"), [("piper-joe-teen", 1), ("piper-joe-senior", -1), ("festival-slt-girl", 1)]
)
def test_processed_voices_differ_from_their_engine_voice(voice_id: str, direction: int) -> None:
    voice = get_voice(voice_id)
    assert is_processed(voice) and not voice_shape(voice).is_neutral()
    base = _backends().get(voice.engine).synthesize(TEXT, get_voice(voice_id.rsplit("-", 1)[0]))
    made = synthesize(TEXT, voice_id)
    assert np.sign(f0(made.samples, made.sample_rate) - f0(base.samples, base.sample_rate)) == direction
    if voice.age == "senior":
        assert made.duration > base.duration  # older voices are slower
    assert [w.label for w in made.words] == [w.label for w in base.words]


def test_processed_voices_are_built_from_installed_engine_voices() -> None:
    processed = [v for v in CATALOGUE if is_processed(v)]
    assert len(processed) >= 8
    assert {v.age for v in processed} == {"child", "teen", "adult", "senior"}


def test_neutral_shape_returns_the_take_unchanged() -> None:
    take = Take(np.zeros(1000, np.float32), 16_000, [], [Timed("a", 0.0, 0.01)])
    assert apply(take, Shape()) is take


def test_trim_removes_padding_and_shifts_timings() -> None:
    rate = 16_000
    tone = (0.3 * np.sin(2 * np.pi * 220 * np.arange(rate) / rate)).astype(np.float32)
    padded = np.concatenate([np.zeros(rate // 2, np.float32), tone, np.zeros(rate // 2, np.float32)])
    take = Take(padded, rate, [Timed("a", 0.5, 1.5)], [Timed("word", 0.5, 1.5)])
    cut = trim(take, margin_s=0.05)
    assert cut.duration == pytest.approx(1.1, abs=0.02)
    assert cut.words[0].start == pytest.approx(0.05, abs=0.015)
    assert cut.words[0].end == pytest.approx(1.05, abs=0.015)


def test_word_contour_steps_follow_the_words() -> None:
    take = synthesize("Om shanti shanti shanti", "espeak-en-senior-m")
    curve = word_contour(take, (0.0, 2.0, 0.0, -2.0))
    assert len(curve) == len(take.samples)
    mids = [curve[int((w.start + w.end) / 2 * take.sample_rate)] for w in take.words]
    assert mids == pytest.approx([0.0, 2.0, 0.0, -2.0], abs=0.3)
