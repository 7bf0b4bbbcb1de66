"""Times, places, ages and genders the way the seventh blind tune batch tells them
(bench/understanding/tune/t101-t112, written without reading the parser), and plain English."""

from __future__ import annotations

import pytest

from models.script import build_breakdown
from models.script.markup import SHIFT
from tests.models.script.tune_corpus import character, story


@pytest.mark.parametrize(
    "opening",
    ["An hour later the duvet was still wet.", "Ten minutes later the doors open.", "By the afternoon it rained.",
     "Near dawn a fox cub came.", "Two days later, the letter came."],
)  # fmt: skip
def test_a_paragraph_opening_on_a_later_time_starts_a_scene(opening: str) -> None:
    assert SHIFT.match(opening)


def test_a_stage_direction_moving_on_in_time_starts_a_scene_in_a_dialogue() -> None:
    scenes = story("t108_night_bus").scenes
    assert len(scenes) == 2
    assert scenes[1].action[0].startswith("Later.")
    assert scenes[1].location == "TERMINUS"


def test_two_in_the_morning_is_night() -> None:
    text = "[A bus crawling up the high street at two in the morning.]\n\nANA: Is this our stop?\nBEN: Not yet."
    assert build_breakdown(text).scenes[0].time_of_day == "night"


def test_a_street_is_never_a_speaker() -> None:
    breakdown = story("t105_dawn_at_the_terminal")
    assert all("Avenida" not in c.name for c in breakdown.characters)
    assert breakdown.scenes[0].time_of_day == "dawn"  # "before the sun did"


def test_pronouns_inside_a_long_quote_are_not_the_narrations() -> None:
    # "She," Kwabena said. "Her name is Auntie Ama. She has been here ...": about the cat.
    kwabena = character(story("t101_spin_cycle"), "Kwabena")
    assert (kwabena.gender, kwabena.age_band) == ("male", "senior")


def test_an_age_in_brackets_after_a_full_name_is_the_cue_names() -> None:
    assert character(story("t111_the_last_keeper"), "ANGUS").age_band == "senior"  # ANGUS MACLEOD (66)


def test_an_age_told_by_the_next_paragraphs_pronoun() -> None:
    text = 'Luz stood behind the stall in rubber boots.\n\nShe had turned fifteen in March.\n\n"Faster," said Luz.'
    assert character(build_breakdown(text), "Luz").age_band == "teen"


def test_a_grandparent_one_stays_with_is_someone_else() -> None:
    arjun = character(story("t103_short_ladder"), "Arjun")  # "sent up the hill to stay with his Nanaji"
    assert arjun.age_band == "child"


def test_three_generations_of_work_make_a_senior() -> None:
    assert character(story("t112_the_fitting"), "MAMA TITI").age_band == "senior"
    young = 'Tola, who has dressed two brides this year, smiled.\n\n"Next," said Tola.'
    assert character(build_breakdown(young), "Tola").age_band == "adult"


def test_a_roof_the_rain_falls_on_is_not_the_setting() -> None:
    scenes = story("t104_bed_four").scenes
    assert [s.location.split(" - ")[-1] for s in scenes] == ["GREENHOUSE", "GREENHOUSE"]


def test_a_story_opening_on_a_place_as_its_subject_is_set_there() -> None:
    text = (
        "The laundromat on Carver Street was empty except for Kojo and the street cat.\n\n"
        '"Number seven," said Kojo. "The street is quiet tonight, and the street lamps are out."'
    )
    assert build_breakdown(text).scenes[0].location.endswith("LAUNDROMAT")


def test_a_place_a_relative_who_follows_is_a_person_and_a_nickname_one_is_called_by_too() -> None:
    breakdown = story("t102_below_the_pass")  # "Anouk, who had been complaining"; "the porters called her Didi"
    names = {c.name for c in breakdown.characters}
    assert {"Anouk", "Didi", "Marieke"} <= names
    # "Marieke and Anouk, who had retired from the same primary school": seniors, not schoolchildren.
    assert {character(breakdown, n).age_band for n in ("Anouk", "Marieke")} == {"senior"}
    lines = [x for s in breakdown.scenes for x in s.lines]
    asked = next(i for i, x in enumerate(lines) if x.text == "Is there a room?")
    assert lines[asked].speaker == "Narrator" and lines[asked + 1].speaker == "Didi"  # who I asked answers


def test_a_spirit_speaks_and_a_kin_word_alone_is_the_one_so_named() -> None:
    breakdown = story("t107_the_step")  # "the spirit said"; "Nana" and "Nana Lupe"
    assert character(breakdown, "Spirit").kind == "spirit"
    assert [c.name for c in breakdown.characters if c.name.startswith("Nana")] == ["Nana Lupe"]


def test_likenesses_and_split_hyphenated_words_are_not_separate_things() -> None:
    from models.script.objects import scene_objects

    found = scene_objects("The lens sits in its cradle like a sleeping animal. Bolts of aso-oke and lace lean there.")
    assert "sleeping animal" not in found and "animal" not in found
    assert "aso-oke" in found and "oke" not in found
