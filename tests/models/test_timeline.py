"""Placing lines on the film clock."""

from __future__ import annotations

import pytest

from models.timeline import DUAL_CUT_IN, GAP, LEAD_IN, TAIL, SceneInput, Timeline, build_timeline


def test_natural_length_places_lines_in_order_with_gaps() -> None:
    timeline = build_timeline([SceneInput("s01", 10.0, [1.0, 2.0]), SceneInput("s02", 5.0, [1.5])], None)
    first, second = timeline.scenes
    assert first.lines[0].start == pytest.approx(LEAD_IN)
    assert first.lines[1].start == pytest.approx(LEAD_IN + 1.0 + GAP)
    assert first.duration == pytest.approx(LEAD_IN + 3.0 + GAP + TAIL)
    assert second.start == pytest.approx(first.end)
    assert timeline.duration == pytest.approx(second.end)


def test_requested_length_is_met_and_slack_goes_where_targets_are_longer() -> None:
    scenes = [SceneInput("s01", 20.0, [2.0]), SceneInput("s02", 4.0, [2.0])]
    timeline = build_timeline(scenes, 24.0)
    assert timeline.duration == pytest.approx(24.0)
    assert timeline.scenes[0].duration > timeline.scenes[1].duration
    # Lines stay inside their scene and never overlap.
    for scene in timeline.scenes:
        assert all(0 <= line.start < line.end <= scene.duration for line in scene.lines)


def test_speech_longer_than_request_keeps_its_natural_length() -> None:
    timeline = build_timeline([SceneInput("s01", 3.0, [10.0])], 5.0)
    assert timeline.duration == pytest.approx(LEAD_IN + 10.0 + TAIL)


def test_dual_dialogue_cuts_in_at_most_half_a_second_and_round_trips() -> None:
    timeline = build_timeline([SceneInput("s01", 0.0, [1.0, 1.5], [False, True])], None)
    a, b = timeline.scenes[0].lines
    assert b.start == pytest.approx(a.end - DUAL_CUT_IN)  # a natural cut-in, not simultaneous speech
    assert a.end - b.start <= 0.5 + 1e-9
    assert Timeline.from_dict(timeline.to_dict()) == timeline


def test_dual_dialogue_three_lines_are_heard_one_after_another() -> None:
    """Fountain `^` pairs in a row: each line overlaps only the tail of the one before it."""
    timeline = build_timeline([SceneInput("s01", 0.0, [2.0, 2.5, 1.8, 0.3], [False, True, True, True])], None)
    lines = timeline.scenes[0].lines
    for before, after in zip(lines, lines[1:]):
        assert after.start > before.start  # subtitles come in script order
        assert before.end - after.start <= DUAL_CUT_IN + 1e-9
    # A line shorter than the cut-in starts with the line beside it, never before it.
    assert lines[3].start >= lines[2].start
