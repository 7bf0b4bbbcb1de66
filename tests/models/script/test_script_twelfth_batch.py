"""Kinds the twelfth blind tune batch brought (bench/understanding/tune/t161-t172, written without
reading the parser): a sky that turns, a sun barely clear, a 24-hour clock, a new day by waking."""

from __future__ import annotations

import pytest

from models.script import build_breakdown
from models.script.markup import SHIFT, moves_on
from tests.models.script.tune_corpus import story


@pytest.mark.parametrize(
    "opening",
    [
        "When the sky over the river turned grey, the pangolin uncurled.",
        "The sun was barely clear of the cypresses when Delphine took the skiff out.",
        "Late that night, the family courtyard was strung with bulbs.",
        "On Sunday the pews were full for once.",
        "I woke to the call to prayer and the smell of bread.",
    ],
)
def test_a_turning_sky_a_low_sun_a_weekday_and_waking_move_a_story_on(opening: str) -> None:
    assert moves_on(opening)


def test_a_return_to_the_same_place_is_a_new_scene_in_a_dialogue() -> None:
    assert SHIFT.match("The same room, hours later. The wardrobe stands, slightly crooked.")


def test_one_morning_in_a_fable_is_not_a_new_scene_on_its_own() -> None:
    assert not moves_on("One morning a fox came to the farmyard.")  # the tune half reads these as one scene


@pytest.mark.parametrize(
    ("script", "times"),
    [("t161_the_pangolins_coat", ["night", "dawn"]),  # "When the sky over the river turned grey"
     ("t163_the_lantern_on_bayou_noir", ["night", "night", "dawn"]),  # "The sun was barely clear of the cypresses"
     ("t169_the_tuner", ["day", "dusk"]),  # "When the shadows had climbed the opposite wall"
     ("t165_the_projection_booth", ["day", "dawn"])],  # "I woke to the call to prayer"
)  # fmt: skip
def test_the_sky_the_sun_the_shadows_and_waking_tell_the_time(script: str, times: list[str]) -> None:
    assert [s.time_of_day for s in story(script).scenes] == times


def test_a_twenty_four_hour_time_in_the_small_hours_is_night() -> None:
    assert story("t167_module_three").scenes[0].time_of_day == "night"  # "At 02:47 the alarm panel"


def test_an_action_that_goes_on_after_a_quote_is_still_read_aloud() -> None:
    text = (
        'Remy looked at the old man.\n\n"What are you doing here?" Remy asked.\n\n'
        '"Fishing." He laughed like a door on a rusted hinge. "Nothing bites."'
    )
    breakdown = build_breakdown(text)
    lines = [line for scene in breakdown.scenes for line in scene.lines]
    narrated = " ".join(line.text for line in lines if line.speaker == "Narrator")
    assert "laughed like a door on a rusted hinge" in narrated
    assert next(line for line in lines if line.text.startswith("Fishing")).speaker != "Narrator"  # still a speech
    said = build_breakdown('Ana waited.\n\n"Fine," she laughed.')  # a tag that ends: not read aloud
    assert "laughed" not in " ".join(line.text for scene in said.scenes for line in scene.lines)
