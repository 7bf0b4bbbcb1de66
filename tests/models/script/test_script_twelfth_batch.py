"""Kinds the twelfth blind tune batch brought (bench/understanding/tune/t161-t172, written without
reading the parser): a sky that turns, a sun barely clear, a 24-hour clock, a new day by waking."""

from __future__ import annotations

import pytest

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
