"""Framing: the planner's shots never slice a character, close-ups put the eyes on the upper third,
two-shots keep every face, in 16:9 and 9:16; a deliberately bad framing fails the check."""

from __future__ import annotations

from functools import cache

import pytest

from models.breakdown import Character, Line, Scene
from models.image.illustrator import draw_scene
from models.image.look import cast_looks
from models.image.staging_checks import framing_is_clean
from models.lipsync.camera import Pose, plan_shots
from models.lipsync.framing import plate_issues, sample_beats, shot_issues, view_of

CAST = [
    Character("MAYA", "adult", 34, "female", "yellow raincoat"),
    Character("ELIAS", "senior", 70, "male", "beard"),
    Character("RAVI", "child", 9, "male", ""),
    Character("ASHA", "teen", 15, "female", ""),
]
SIZES = {"16:9": (384, 216), "9:16": (216, 384)}


@cache
def art(aspect: str, count: int):
    names = [c.name for c in CAST[:count]]
    scene = Scene(
        "s01",
        "EXT. FOREST - NIGHT",
        "FOREST",
        "night",
        False,
        action=["Maya lifts a lantern by the cart."],
        characters=names,
        lines=[Line(names[0], "Hello.")],
    )
    return draw_scene(scene, cast_looks(CAST, "western"), SIZES[aspect])


@pytest.mark.parametrize("aspect", SIZES)
@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_every_planned_shot_is_clean(aspect: str, count: int) -> None:
    assert plate_issues(art(aspect, count)) == []


@pytest.mark.parametrize("aspect", SIZES)
def test_close_ups_put_the_eyes_on_the_upper_third_and_two_shots_keep_both_faces(aspect: str) -> None:
    scene_art = art(aspect, 2)
    beats = sample_beats(scene_art)
    shots = plan_shots(scene_art, beats, beats[-1].end + 2)
    kinds = {s.kind for s in shots}
    assert "close" in kinds and "two" in kinds
    for shot in shots:
        x0, y0, x1, y1 = view_of(shot.begin, scene_art.size)
        if shot.kind == "close":
            ex, ey, ew, eh = scene_art.actors[shot.subject].eyes_box
            assert 0.25 <= ((ey + eh / 2) - y0) / (y1 - y0) <= 0.42
        if shot.kind == "two":
            for actor in scene_art.actors.values():
                hx, hy, hw, hh = actor.head_box
                assert x0 <= hx and hx + hw <= x1 and y0 <= hy and hy + hh <= y1


def test_a_deliberately_bad_framing_is_caught() -> None:
    scene_art = art("16:9", 2)
    maya, elias = (scene_art.actors[n] for n in ("MAYA", "ELIAS"))
    # Centre a tight close-up between the two: both are sliced by the frame's sides.
    mid = (maya.head_box[0] + elias.head_box[0] + elias.head_box[2]) / 2 / scene_art.size[0]
    bad = shot_issues(scene_art, "close", "MAYA", Pose(mid, 0.35, 3.5))
    assert {i.who for i in bad} >= {"MAYA"} and any("cut" in i.problem for i in bad)
    # A head peeking in from the bottom of the frame.
    hx, hy, hw, hh = maya.head_box
    low = Pose((hx + hw / 2) / scene_art.size[0], (hy + hh * 0.2) / scene_art.size[1] - 0.5 / 2.0, 2.0)
    assert any("head" in i.problem or "eyes" in i.problem for i in shot_issues(scene_art, "close", "MAYA", low))
    # An over-the-shoulder shot may cut its foreground character on purpose.
    assert not [i for i in shot_issues(scene_art, "ots", "MAYA", Pose(mid, 0.35, 3.5)) if i.who == "ELIAS"]


def test_the_check_fails_a_plate_with_a_character_half_out_of_frame() -> None:
    clean = art("16:9", 2)
    assert framing_is_clean({"s01": clean}).passed
    width = clean.size[0]
    shifted = draw_scene(
        Scene(
            "s02",
            "EXT. FOREST - DAY",
            "FOREST",
            "day",
            False,
            characters=["MAYA", "ELIAS"],
            lines=[Line("MAYA", "Hi.")],
        ),
        cast_looks(CAST, "western"),
        SIZES["16:9"],
    )
    actor = shifted.actors["ELIAS"]
    x, y, w, h = actor.body_box
    actor.body_box = (width - w // 2, y, w, h)  # staged half past the right edge
    outcome = framing_is_clean({"s01": clean, "s02": shifted})
    assert not outcome.passed
    assert any(f["who"] == "ELIAS" and f["scene_id"] == "s02" for f in outcome.metadata["faults"])
