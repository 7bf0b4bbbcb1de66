"""mix(): real speech (espeak-ng) over a rendered score meets loudness and peak targets and ducks the music."""

from __future__ import annotations

import math
import subprocess

import numpy as np
import pytest
import soundfile
from scipy.signal import butter, resample_poly, sosfiltfilt

from models.audio.loudness import measure
from models.audio.mix import mix, write_wav
from models.music.base import Cue
from models.music.midi_score import MidiScore

RATE = 44100
SPEECH_AT = 2.0  # seconds into the film where the line starts
LINE = "The lighthouse keeper climbed the narrow stairs to the lamp room"


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> np.ndarray:
    """A spoken line at 44.1 kHz; espeak-ng speaks at 22.05 kHz, so nothing is above 11 kHz."""
    path = tmp_path_factory.mktemp("speech") / "line.wav"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(path), LINE], check=True, capture_output=True)
    samples, rate = soundfile.read(path, dtype="float32")
    assert rate == RATE // 2
    return resample_poly(samples, 2, 1).astype(np.float32)


@pytest.fixture(scope="module")
def dialogue(speech: np.ndarray) -> np.ndarray:
    track = np.zeros(8 * RATE, dtype=np.float32)
    start = round(SPEECH_AT * RATE)
    track[start : start + len(speech)] = speech
    return track


@pytest.fixture(scope="module")
def score() -> np.ndarray:
    cues = [Cue("s01", "calm", "western", 0.0, 4.0), Cue("s02", "joyful", "indian", 4.0, 4.0)]
    return MidiScore().render(cues, RATE, seed=2)


def test_mix_of_speech_and_score_meets_loudness_and_true_peak(dialogue: np.ndarray, score: np.ndarray) -> None:
    result = mix(dialogue, score, RATE)
    assert result.samples.shape == (8 * RATE, 2) and result.samples.dtype == np.float32
    measured = measure(result.samples, RATE)  # measured again, independently of the result's own figures
    assert measured.integrated_lufs == pytest.approx(-14.0, abs=1.0)
    assert measured.true_peak_dbtp <= -1.0
    assert result.loudness.integrated_lufs == pytest.approx(measured.integrated_lufs, abs=1e-6)
    assert result.loudness.true_peak_dbtp == pytest.approx(measured.true_peak_dbtp, abs=1e-6)


def test_other_targets_are_met(dialogue: np.ndarray, score: np.ndarray) -> None:
    result = mix(dialogue, score, RATE, target_lufs=-23.0, max_true_peak=-2.0)
    assert result.loudness.integrated_lufs == pytest.approx(-23.0, abs=1.0)
    assert result.loudness.true_peak_dbtp <= -2.0


def _band_rms_db(x: np.ndarray, start: float, stop: float) -> float:
    part = x[round(start * RATE) : round(stop * RATE)]
    return 10 * math.log10(float(np.mean(part**2)))


def test_music_is_quieter_under_speech_than_in_gaps(dialogue: np.ndarray, speech: np.ndarray) -> None:
    # The "music" is a 15 kHz tone: speech has nothing there, so that band of the mix is music alone.
    t = np.arange(8 * RATE) / RATE
    tone = np.repeat((0.3 * np.sin(2 * np.pi * 15000 * t)).astype(np.float32)[:, None], 2, axis=1)
    result = mix(dialogue, tone, RATE, duck_db=-12.0)
    band = sosfiltfilt(butter(4, [14000, 16000], btype="bandpass", fs=RATE, output="sos"), result.samples[:, 0])
    end = SPEECH_AT + len(speech) / RATE
    under = _band_rms_db(band, SPEECH_AT + 0.5, end - 0.5)
    gap = _band_rms_db(band, 0.2, SPEECH_AT - 0.6)
    after = _band_rms_db(band, end + 1.0, 7.8)
    assert under - gap == pytest.approx(-12.0, abs=2.5)
    assert abs(after - gap) < 1.0  # back up to the bed level after the line


def test_real_score_is_ducked_under_the_line(dialogue: np.ndarray, speech: np.ndarray, score: np.ndarray) -> None:
    gain_db = 20 * np.log10(mix(dialogue, score, RATE).music_gain)
    end = SPEECH_AT + len(speech) / RATE
    under = np.median(gain_db[round((SPEECH_AT + 0.3) * RATE) : round((end - 0.3) * RATE)])
    gap = np.median(gain_db[: round((SPEECH_AT - 0.5) * RATE)])
    assert gap > -0.5 and under < -9.0


def test_silence_gives_silence() -> None:
    result = mix(np.zeros(RATE, np.float32), np.zeros((RATE, 2), np.float32), RATE)
    assert result.samples.shape == (RATE, 2) and not np.any(result.samples)
    assert result.loudness.integrated_lufs == -math.inf and result.loudness.true_peak_dbtp == -math.inf
    empty = mix(np.zeros(0, np.float32), np.zeros((0, 2), np.float32), RATE)
    assert empty.samples.shape == (0, 2)


def test_either_input_alone_reaches_the_target(speech: np.ndarray, score: np.ndarray) -> None:
    only_music = mix(np.zeros(10, np.float32), score, RATE)
    only_speech = mix(speech, np.zeros((0, 2), np.float32), RATE)
    for result in (only_music, only_speech):
        assert result.loudness.integrated_lufs == pytest.approx(-14.0, abs=1.0)
        assert result.loudness.true_peak_dbtp <= -1.0
    assert np.allclose(only_speech.samples[:, 0], only_speech.samples[:, 1])  # dialogue sits in the centre


def test_mismatched_lengths_are_padded_with_silence(speech: np.ndarray, score: np.ndarray) -> None:
    assert mix(speech[:RATE], score, RATE).samples.shape == score.shape
    longer = mix(speech, score[: RATE // 2], RATE)
    assert longer.samples.shape == (len(speech), 2)
    assert mix(speech, score[:, 0], RATE).samples.shape == (max(len(speech), len(score)), 2)  # mono music


def test_peaky_material_is_limited_without_losing_loudness() -> None:
    t = np.arange(4 * RATE) / RATE
    square = (0.1 * np.sign(np.sin(2 * np.pi * 110 * t))).astype(np.float32)
    square[:: RATE // 5] = 1.0  # clicks 20 dB over the body
    result = mix(square, np.zeros((0, 2), np.float32), RATE)
    assert result.loudness.integrated_lufs == pytest.approx(-14.0, abs=1.0)
    assert result.loudness.true_peak_dbtp <= -1.0


def test_bad_input_is_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="NaN"):
        mix(np.full(100, np.nan, np.float32), np.zeros((100, 2), np.float32), RATE)
    with pytest.raises(ValueError, match="music must be mono"):
        mix(np.zeros(100, np.float32), np.zeros((100, 3), np.float32), RATE)
    with pytest.raises(ValueError, match="sample_rate"):
        mix(np.zeros(100, np.float32), np.zeros((100, 2), np.float32), 0)


def test_write_wav_round_trips(tmp_path, score: np.ndarray) -> None:
    path = tmp_path / "mix.wav"
    write_wav(path, score, RATE)
    back, rate = soundfile.read(path, dtype="float32")
    assert rate == RATE and back.shape == score.shape
    np.testing.assert_allclose(back, score, atol=1e-5)
