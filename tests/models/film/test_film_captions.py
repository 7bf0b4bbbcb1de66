"""Cue building on the film clock and the subtitle timing and intelligibility checks."""

from __future__ import annotations

import numpy as np
import pytest

from models.audio.onsets import SpeechOnsets
from models.film.captions import LineTiming, build_cues, cue_offsets_ms, intelligibility, place_words
from models.voice.base import Timed

RATE = 16_000


def _timing(text: str, start: float, step: float = 0.3) -> LineTiming:
    words = text.split()
    expected = [(start + i * step, start + (i + 1) * step - 0.05) for i in range(len(words))]
    take = {"text": text, "scene_id": "s01", "index": 0}
    return LineTiming(take, start, start + len(words) * step, "en", True, words, expected)


def test_heard_words_move_cues_and_unheard_words_follow_the_line_offset() -> None:
    timings = [_timing("The storm is coming.", 1.0), _timing("Hold the rail.", 2.3)]
    heard = [Timed("the", 1.1, 1.3), Timed("storm", 1.4, 1.6), Timed("coming", 2.0, 2.2),
             Timed("hold", 2.4, 2.6), Timed("rail", 2.95, 3.1)]  # fmt: skip
    place_words(timings, heard)
    assert timings[0].final[0] == (1.1, 1.3)
    assert timings[0].final[2][0] == pytest.approx(1.7)  # "is": expected 1.6, plus the line's 0.1 s offset
    silence = SpeechOnsets(np.zeros(5 * RATE, np.float32), RATE)
    timed = build_cues(timings, silence, film_seconds=3.0)
    assert [c.text for c in timed.cues] == ["The storm is coming.", "Hold the rail."]
    assert timed.cues[0].start == 1.1 and timed.cues[0].end <= timed.cues[1].start  # never overlapping
    assert timed.cues[-1].end <= 3.0  # none past the end
    assert cue_offsets_ms(timed) == pytest.approx([100.0, 100.0])
    assert intelligibility(timings, heard) == pytest.approx(2 / 7, abs=1e-4)  # "is" and "the" were not heard


def test_long_lines_split_into_readable_cues_at_word_times() -> None:
    text = " ".join(["word"] * 30)
    timing = _timing(text, 0.0, step=0.25)
    timed = build_cues([timing], SpeechOnsets(np.zeros(RATE, np.float32), RATE), film_seconds=10.0)
    assert len(timed.cues) == 2 and all(len(c.text) <= 84 for c in timed.cues)
    assert timed.cues[1].start == timing.expected[len(timed.cues[0].text.split())][0]
