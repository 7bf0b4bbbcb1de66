"""Kinds the eleventh blind tune batch brought (bench/understanding/tune/t149-t160, written without
reading the parser): clock times, someone's kitchen, school days, ages said aloud."""

from __future__ import annotations

import pytest

from models.script import build_breakdown
from models.script.markup import SHIFT, moves_on
from models.script.wordnet import can_speak
from tests.models.script.tune_corpus import character, story


@pytest.mark.parametrize(
    "opening",
    [
        "It was past midnight when they reached the floe edge, though the sun had not set for a week.",
        "At ten the statue of Saint George swayed out through the great doors.",
        "Down at the river, the water had shrunk to a brown thread between the stones.",
        "In Naja's kitchen the wet boots steamed by the stove.",
        "The inspector found them at the band club just as the street lamps flickered on.",
        "The scores were level when the shadow of the dzong crept across the field and touched the target.",
    ],
)
def test_more_ways_prose_moves_to_a_new_hour_or_place(opening: str) -> None:
    assert moves_on(opening)


@pytest.mark.parametrize(
    "paragraph",
    [
        '"It was dark," Efraín said. "And hot."',  # a speech, not the narration's time
        "At six exactly, an old man in a chef's jacket came down the quay.",
        "In Maria's opinion the soup needed salt.",  # someone's opinion is no place
    ],
)
def test_a_speech_an_exact_minute_or_an_opinion_does_not_open_a_scene(paragraph: str) -> None:
    assert not moves_on(paragraph)


def test_a_direction_that_opens_on_sundown_moves_a_dialogue_on() -> None:
    assert SHIFT.match("Sundown in the station yard. The cattle come into the yards.")
    assert [s.time_of_day for s in story("t157_over").scenes] == ["day", "dusk"]


def test_the_early_hours_and_a_sun_barely_up_are_dawn() -> None:
    assert story("t155_the_clock").scenes[0].time_of_day == "dawn"  # "a quarter to six in the morning"
    assert story("t156_any_mummers").scenes[-1].time_of_day == "dawn"  # "Next morning, with the sun barely up"


def test_a_known_place_that_opens_a_direction_before_its_description_is_the_setting() -> None:
    # "[The distribution hall, a hangar the size of a village, where electric carts tow ...]"
    scenes = story("t155_the_clock").scenes
    assert len(scenes) == 2 and scenes[1].location == "DISTRIBUTION HALL"


def test_a_named_place_and_its_noun_are_not_said_twice() -> None:
    assert all("BASILICA - BASILICA" not in s.location for s in story("t149_the_fifth_shell").scenes)


@pytest.mark.parametrize(
    ("name", "script", "band"),
    [("Karma", "t154_the_arrow_and_the_song", "child"),  # "who had been let off school for the day"
     ("DAAN", "t155_the_clock", "child"),  # "on a school visit in a hi-vis vest"
     ("HUMA", "t159_peacock_on_the_tailgate", "child"),  # "in a school pinafore"
     ("IKER", "t160_txotx", "teen"),  # "the tracksuit of his last year at the ikastola"
     ("BRIDE", "t156_any_mummers", "senior")],  # "Eighty-one years old and I fooled the lot of ye."
)  # fmt: skip
def test_school_days_and_an_age_said_aloud_tell_a_characters_age(name: str, script: str, band: str) -> None:
    assert character(story(script), name).age_band == band


def test_a_student_with_a_textbook_is_grown() -> None:
    assert character(story("t33_flatmates"), "EZINNE").age_band == "adult"  # "a law student ... with a textbook"


def test_a_time_said_aloud_is_no_age() -> None:
    text = "ANA: I'm two minutes away, Luis.\nLUIS: Hurry.\nANA: I'm ten minutes late already."
    assert character(build_breakdown(text), "ANA").age_band == "adult"


def test_a_narrators_kin_in_apposition_tells_sex_and_age() -> None:
    senelis = character(story("t150_amber_after_the_storm"), "Senelis")  # "Senelis, my grandfather, shook me awake"
    assert (senelis.gender, senelis.age_band) == ("male", "senior")


def test_an_animal_wordnet_knows_in_any_sense_can_speak() -> None:
    breakdown = story("t151_two_ways_at_once")  # '"Little dancer," said the fossa' (a fossa is a pit first)
    assert "Fossa" in {c.name for c in breakdown.characters}
    assert not can_speak("face") and can_speak("fossa") and can_speak("surveyor")


def test_a_name_only_ever_somewhere_is_a_place_not_a_speaker() -> None:
    names = {c.name for c in story("t142_cerro_rico").characters}  # "The sky over Potosí"
    assert "Potosí" not in names
    assert "Morondava" not in {c.name for c in story("t151_two_ways_at_once").characters}  # "below Morondava"
    text = 'Ravi walked in Lagos.\n\n"Hello," said Ravi near Ade.\n\n"Hi," said Ade.'
    assert {"Ravi", "Ade"} <= {c.name for c in build_breakdown(text).characters}


def test_someone_with_a_governess_of_their_own_is_a_child() -> None:
    assert character(story("t157_over"), "ELLIE").age_band == "child"  # "ELLIE sits at the radio with her governess"
    text = 'Mara drove to the school with her daughter.\n\n"Morning," said Mara.'
    assert character(build_breakdown(text), "Mara").age_band == "adult"  # no carer of her own
