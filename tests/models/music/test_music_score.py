"""The midi-soundfont backend: exact-length, non-silent stereo scores through FluidSynth."""

from __future__ import annotations

import numpy as np
import pytest

from models.audio.loudness import integrated_lufs
from models.errors import BackendUnavailable
from models.music.base import MUSIC_BACKENDS, Cue, score_length
from models.music.calibration import DRUMS, program_levels, used_programs
from models.music.midi_score import MidiScore

RATE = 22050
TWO_CUES = [Cue("s01", "joyful", "western", 0.0, 4.0), Cue("s02", "sad", "indian", 4.0, 4.0)]


@pytest.fixture(scope="module")
def score() -> np.ndarray:
    return MidiScore().render(TWO_CUES, RATE, seed=1)


def test_two_cue_score_has_the_exact_length_and_sound_in_each_cue(score: np.ndarray) -> None:
    assert score.dtype == np.float32
    assert score.shape == (round(score_length(TWO_CUES) * RATE), 2) == (8 * RATE, 2)
    for cue in TWO_CUES:
        part = score[round(cue.start * RATE) : round(cue.end * RATE)]
        assert np.sqrt(np.mean(part**2)) > 0.01, cue.scene_id
        assert np.sqrt(np.mean(part[: RATE // 4] ** 2)) > 1e-3  # music from the cue's first moments
    assert np.max(np.abs(score)) <= 0.9
    assert np.max(np.abs(score[-16:])) < 0.01  # faded out, not cut mid-note


def test_cues_are_levelled_against_each_other(score: np.ndarray) -> None:
    joyful, sad = (integrated_lufs(score[round(c.start * RATE) : round(c.end * RATE)], RATE) for c in TWO_CUES)
    assert abs(joyful - sad) < 5.0  # sad sits a little lower by design, not 15 LU lower


def test_registry_builds_the_backend() -> None:
    backend = MUSIC_BACKENDS.create("midi-soundfont")
    assert isinstance(backend, MidiScore)
    assert backend.name == "midi-soundfont" and backend.version.startswith("1.")
    assert "midi-soundfont" in MUSIC_BACKENDS.names()


def test_same_seed_renders_the_same_audio() -> None:
    cue = [Cue("s01", "calm", "east_asian", 0.0, 2.0)]
    first, second = MidiScore().render(cue, RATE, seed=4), MidiScore().render(cue, RATE, seed=4)
    np.testing.assert_array_equal(first, second)


def test_gap_before_the_first_cue_is_silent() -> None:
    audio = MidiScore().render([Cue("s02", "tense", "western", 1.0, 2.0)], RATE)
    assert audio.shape == (3 * RATE, 2)
    assert np.max(np.abs(audio[: RATE - 64])) < 1e-4  # FluidSynth leaves only a faint noise floor
    assert np.sqrt(np.mean(audio[RATE:] ** 2)) > 0.01


def test_no_cues_is_an_empty_score() -> None:
    assert MidiScore().render([], RATE).shape == (0, 2)


def test_missing_soundfont_is_a_clear_error() -> None:
    with pytest.raises(BackendUnavailable, match=r"Missing\.sf2.*apt-get install"):
        MidiScore(soundfont="/nowhere/Missing.sf2")


def test_calibration_measures_every_program_the_styles_use() -> None:
    levels = program_levels(MidiScore().soundfont)
    assert set(used_programs()) | {DRUMS} == set(levels)
    assert all(-70 < level < 0 for level in levels.values())
