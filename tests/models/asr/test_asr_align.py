"""Aligning the recognizer's words to the script's words keeps the script's text and Whisper's times."""

from __future__ import annotations

import pytest

from models.asr.align import align_words
from models.asr.whisper import recognizer
from models.errors import BackendUnavailable
from models.voice.base import Timed


def test_script_words_take_the_times_of_what_was_heard() -> None:
    script = "It's 25 miles, Mr. Smith!".split()
    heard = [Timed("its", 0.1, 0.3), Timed("twenty-five", 0.35, 0.9), Timed("miles", 0.95, 1.3),
             Timed("mister", 1.4, 1.7), Timed("Smith.", 1.75, 2.1)]  # fmt: skip
    times = align_words(script, heard)
    assert times[0] == (0.1, 0.3) and times[1] == (0.35, 0.9) and times[2] == (0.95, 1.3)
    assert times[3] is None  # "Mr." was heard as "mister": not the same word, left to the caller
    assert times[4] == (1.75, 2.1)


def test_missing_and_extra_words_do_not_shift_the_rest() -> None:
    script = "the boat is safe in the harbour".split()
    heard = [Timed("uh", 0.0, 0.1), Timed("the", 0.2, 0.3), Timed("boat", 0.3, 0.6), Timed("safe", 0.9, 1.2),
             Timed("in", 1.2, 1.3), Timed("the", 1.3, 1.4), Timed("harbor", 1.4, 1.9)]  # fmt: skip
    times = align_words(script, heard)
    assert times[:2] == [(0.2, 0.3), (0.3, 0.6)] and times[2] is None and times[3] == (0.9, 1.2)
    assert times[6] is None  # British spelling against the American one Whisper writes
    assert align_words([], heard) == [] and align_words(script, []) == [None] * len(script)


def test_other_languages_need_a_configured_multilingual_model(tmp_path) -> None:
    with pytest.raises(BackendUnavailable, match="STUDIO_WHISPER_BASE_PATH"):
        recognizer("es")
    with pytest.raises(BackendUnavailable, match="does not exist"):
        recognizer("es", tmp_path / "nowhere")
    with pytest.raises(BackendUnavailable, match="no model.bin"):
        recognizer("es", tmp_path)
    assert recognizer("en").english_only
