"""Natural scene lengths and fitting them to a requested total."""

from __future__ import annotations

import pytest

from models.breakdown import Line, Scene
from models.script.durations import (
    BEAT_S,
    LINE_PAUSE_S,
    MIN_SCENE_S,
    fit_durations,
    natural_seconds,
    spoken_seconds,
)


def scene(words: list[int], beats: int = 0) -> Scene:
    lines = [Line("A", " ".join(["word"] * n)) for n in words]
    return Scene(scene_id="s", heading="H", lines=lines, action=[f"Beat {i}." for i in range(beats)])


def test_natural_seconds_counts_words_pauses_and_beats() -> None:
    # 10 + 15 words at 2.5 words/s, two pauses, two silent beats.
    assert natural_seconds(scene([10, 15], beats=2)) == pytest.approx(10.0 + 2 * LINE_PAUSE_S + 2 * BEAT_S)


def test_minimum_scene_length() -> None:
    assert natural_seconds(scene([1])) == MIN_SCENE_S
    assert natural_seconds(Scene(scene_id="s", heading="H")) == MIN_SCENE_S


def test_narration_read_aloud_is_not_also_a_silent_beat() -> None:
    text = "The river glowed gold under the evening sky."
    narrated = Scene(scene_id="s", heading="H", action=[text], lines=[Line("Narrator", text, kind="narration")])
    assert natural_seconds(narrated) == pytest.approx(8 / 2.5 + LINE_PAUSE_S)


def test_dual_lines_overlap() -> None:
    s = scene([10, 10])
    s.lines[1].dual = True
    assert natural_seconds(s) == pytest.approx(4.0 + LINE_PAUSE_S)
    assert spoken_seconds([s]) == pytest.approx(4.0)


def test_no_request_keeps_natural_lengths() -> None:
    scenes = [scene([10], beats=1), scene([25])]
    assert fit_durations(scenes, None) is None
    assert [s.target_seconds for s in scenes] == [pytest.approx(4 + 0.4 + 1.5), pytest.approx(10.4)]


def test_longer_request_stretches_in_proportion() -> None:
    scenes = [scene([10]), scene([30])]  # natural 4.4 and 12.4
    assert fit_durations(scenes, 60) is None
    assert sum(s.target_seconds for s in scenes) == pytest.approx(60)
    assert scenes[1].target_seconds / scenes[0].target_seconds == pytest.approx(12.4 / 4.4, rel=1e-3)


def test_shorter_request_takes_time_from_pauses_and_beats_first() -> None:
    scenes = [scene([10], beats=4), scene([10])]  # natural 10.4 and 4.4; speech 4 + 4
    assert fit_durations(scenes, 10) is None
    assert sum(s.target_seconds for s in scenes) == pytest.approx(10)
    assert all(s.target_seconds >= 4.0 for s in scenes)


def test_request_shorter_than_the_speech_sets_a_note() -> None:
    scenes = [scene([50]), scene([50])]  # 40 s of speech
    note = fit_durations(scenes, 30)
    assert sum(s.target_seconds for s in scenes) == pytest.approx(30)
    assert note is not None
    assert "40.0 seconds" in note and "30 seconds" in note


def test_targets_sum_exactly_despite_rounding() -> None:
    scenes = [scene([7]), scene([11]), scene([13])]
    fit_durations(scenes, 33.33)
    assert sum(s.target_seconds for s in scenes) == pytest.approx(33.33, abs=1e-9)
