"""Mastering pieces: the chunked BS.1770 meter, dialogue clean-up, room tone, extra beds, presets,
speech onsets."""

from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest

from models.audio.ambience import room_tone
from models.audio.cleanup import clean_dialogue
from models.audio.loudness import integrated_lufs, measure
from models.audio.mix import mix
from models.audio.onsets import SpeechOnsets
from models.audio.presets import PRESETS, loudness_preset

RATE = 48_000


def _burst_speechlike(seconds: float, seed: int = 0) -> np.ndarray:
    """Noise bursts shaped like syllables (0.2 s on, 0.15 s off) with pauses between phrases."""
    rng = np.random.default_rng(seed)
    n = round(seconds * RATE)
    t = np.arange(n) / RATE
    envelope = ((t % 0.35) < 0.2) & ((t % 3.0) < 2.2)
    return (rng.standard_normal(n).astype(np.float32) * 0.2 * envelope).astype(np.float32)


@pytest.mark.parametrize("shape, rate", [((700_001, 2), 48_000), ((100_000,), 22_050), ((30_000, 2), 44_100)])
def test_chunked_meter_equals_pyloudnorm(shape: tuple[int, ...], rate: int) -> None:
    rng = np.random.default_rng(1)
    x = rng.standard_normal(shape) * np.linspace(0.001, 0.4, shape[0]).reshape(-1, *([1] * (len(shape) - 1)))
    x = x.astype(np.float32)
    reference = pyloudnorm.Meter(rate).integrated_loudness(x.astype(np.float64))
    assert integrated_lufs(x, rate) == pytest.approx(reference, abs=1e-6)


def test_clean_up_removes_rumble_and_evens_out_levels() -> None:
    t = np.arange(3 * RATE) / RATE
    rumble = (0.3 * np.sin(2 * np.pi * 30 * t)).astype(np.float32)
    cleaned = clean_dialogue(rumble.copy(), RATE)
    assert np.sqrt(np.mean(cleaned[RATE:] ** 2)) < 0.35 * np.sqrt(np.mean(rumble[RATE:] ** 2))  # 80 Hz HPF
    loud_soft = np.concatenate([_burst_speechlike(3.0) * 4, _burst_speechlike(3.0, 2) * 0.5]).astype(np.float32)
    before = 20 * np.log10(np.std(loud_soft[: 3 * RATE]) / np.std(loud_soft[3 * RATE :]))
    after_audio = clean_dialogue(loud_soft.copy(), RATE)
    after = 20 * np.log10(np.std(after_audio[: 3 * RATE]) / np.std(after_audio[3 * RATE :]))
    assert after < before - 2.0  # the compressor narrows an 18 dB jump by a few dB, gently
    assert clean_dialogue(np.zeros(100, np.float32), RATE).shape == (100,)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_each_preset_is_met(preset: str) -> None:
    target = loudness_preset(preset)
    t = np.arange(8 * RATE) / RATE
    music = np.stack([0.2 * np.sin(2 * np.pi * 220 * t), 0.2 * np.sin(2 * np.pi * 330 * t)], axis=1)
    result = mix(_burst_speechlike(8.0), music.astype(np.float32), RATE, target.target_lufs, target.max_true_peak)
    measured = measure(result.samples, RATE)
    assert measured.integrated_lufs == pytest.approx(target.target_lufs, abs=target.tolerance_lu)
    assert measured.true_peak_dbtp <= target.max_true_peak
    with pytest.raises(ValueError, match="Unknown loudness preset 'cinema'"):
        loudness_preset("cinema")


def test_room_tone_fills_the_gaps_without_masking_speech() -> None:
    speech = np.zeros(6 * RATE, np.float32)
    speech[RATE : 3 * RATE] = _burst_speechlike(2.0)[: 2 * RATE]
    tone = room_tone(len(speech), RATE, seed=3)
    assert tone.shape == (len(speech), 2) and not np.allclose(tone[:, 0], tone[:, 1])
    np.testing.assert_array_equal(tone, room_tone(len(speech), RATE, seed=3))
    bare = mix(speech, np.zeros((0, 2), np.float32), RATE)
    with_tone = mix(speech, np.zeros((0, 2), np.float32), RATE, beds=[(tone, -38.0)])
    gap = slice(4 * RATE, 6 * RATE)
    assert not np.any(bare.samples[gap])  # dead air without it
    gap_db = 10 * np.log10(np.mean(with_tone.samples[gap] ** 2))
    speech_db = 10 * np.log10(np.mean(with_tone.samples[RATE : 3 * RATE] ** 2))
    assert -75 < gap_db < speech_db - 25  # audible in the gap, far under the voice
    assert with_tone.loudness.integrated_lufs == pytest.approx(-14.0, abs=1.0)


def test_onsets_find_where_speech_starts() -> None:
    audio = np.zeros(4 * RATE, np.float32)
    rng = np.random.default_rng(0)
    for start in (0.5, 2.25):
        audio[round(start * RATE) : round((start + 0.6) * RATE)] = rng.standard_normal(round(0.6 * RATE)) * 0.2
    onsets = SpeechOnsets(audio, RATE)
    assert [round(t, 2) for t in onsets.times] == [0.5, 2.25]
    assert onsets.snap(0.38) == pytest.approx(0.5) and onsets.snap(2.5) == pytest.approx(2.25)
    assert onsets.snap(1.5) == 1.5  # nothing near: unchanged
