"""Per-line pauses on the film clock: custom gaps, interruptions and capped podcast pauses."""

from __future__ import annotations

import pytest

from models.timeline import LEAD_IN, TAIL, SceneInput, build_timeline


def _gaps(scene) -> list[float]:  # type: ignore[no-untyped-def]
    return [b.start - a.end for a, b in zip(scene.lines, scene.lines[1:])]


def test_each_line_gets_its_own_pause() -> None:
    timeline = build_timeline([SceneInput("s01", 0.0, [1.0, 1.0, 1.0], [], [0.2, 0.9])], None)
    assert _gaps(timeline.scenes[0]) == pytest.approx([0.2, 0.9])
    assert timeline.duration == pytest.approx(LEAD_IN + 3.0 + 1.1 + TAIL)


def test_a_negative_gap_overlaps_but_never_before_half_the_line() -> None:
    scene = build_timeline([SceneInput("s01", 0.0, [2.0, 1.0], [], [-0.25])], None).scenes[0]
    assert _gaps(scene) == pytest.approx([-0.25])
    short = build_timeline([SceneInput("s01", 0.0, [0.4, 1.0], [], [-0.5])], None).scenes[0]
    assert short.lines[1].start == pytest.approx(short.lines[0].start + 0.2)


def test_slack_respects_max_gap_and_goes_to_lead_in_and_tail() -> None:
    scene_input = SceneInput("s01", 30.0, [2.0, 2.0, 2.0], [], [0.4, 0.5], max_gap=1.5)
    timeline = build_timeline([scene_input], 30.0)
    scene = timeline.scenes[0]
    assert timeline.duration == pytest.approx(30.0)
    assert all(0.4 <= gap <= 1.5 + 1e-9 for gap in _gaps(scene))
    assert scene.lines[0].start > LEAD_IN + 5  # the rest of the slack sits around the speech
    free = build_timeline([SceneInput("s01", 30.0, [2.0, 2.0, 2.0], [], [0.4, 0.5])], 30.0).scenes[0]
    assert max(_gaps(free)) > 1.5  # without a cap the pauses take their share
