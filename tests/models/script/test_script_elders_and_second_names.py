"""Ages told the way stories tell them, and one person under two names. Cases from the fifth
tune batch (bench/understanding/tune/t77-t88, written blind to the parser) and plain English."""

from __future__ import annotations

from models.script import build_breakdown
from tests.models.script.tune_corpus import character, story


def test_a_long_working_life_makes_a_senior() -> None:
    assert character(story("t77_yellow_raincoat"), "Teodor").age_band == "senior"


def test_a_short_one_does_not() -> None:
    text = (
        "The baker, Tomas, opened the shop. He had run it for six years, and he liked the quiet.\n\n"
        '"Bread?" Tomas asked.'
    )
    assert character(build_breakdown(text), "Tomas").age_band == "adult"


def test_greying_hair_told_of_them_makes_a_senior() -> None:
    text = 'Marek stood at the gate. His hair had gone white over the winter.\n\n"Come in," Marek said.'
    assert character(build_breakdown(text), "Marek").age_band == "senior"


def test_the_name_an_old_man_is_called_by_is_a_seniors() -> None:
    bankole = character(story("t78_bicycle_pump"), "Baba Bankole")
    assert bankole.age_band == "senior"


def test_one_person_under_two_names_is_one_character() -> None:
    breakdown = story("t82_third_whistle")
    names = {c.name for c in breakdown.characters}
    assert "Thatha" in names and "Raghavan Sir" not in names
    assert character(breakdown, "Thatha").age_band == "senior"


def test_someone_who_names_another_is_not_merged_with_them() -> None:
    breakdown = story("t38_lighthouse_cat")
    names = {c.name for c in breakdown.characters}
    assert {"Ingrid", "Admiral"} <= names


def test_an_age_before_the_name() -> None:
    assert character(story("t82_third_whistle"), "Ilakkiya").age_band == "teen"


def test_a_name_set_off_after_the_smaller_one_is_a_character() -> None:
    onni = character(story("t79_boathouse_key"), "Onni")
    assert (onni.age_band, onni.gender) == ("child", "male")


def test_called_grandpa_again_and_again_makes_a_senior_and_a_passing_word_does_not() -> None:
    script = (
        "NIA: Look at the kite!\nLEO: I see it, Nia.\nNIA: Pull, Grandpa!\nLEO: I am pulling.\nNIA: Harder, Grandpa!\n"
    )
    assert character(build_breakdown(script), "LEO").age_band == "senior"
    once = "NIA: Look at the kite!\nLEO: I see it.\nNIA: Thanks, Grandpa.\nLEO: Pull harder.\n"
    assert character(build_breakdown(once), "LEO").age_band == "adult"


def test_an_owner_lends_neither_gender_nor_age_to_whom_they_own() -> None:
    breakdown = story("t78_bicycle_pump")
    funmilayo = character(breakdown, "Funmilayo")  # "the old man's granddaughter, seventeen and ..."
    assert (funmilayo.age_band, funmilayo.gender) == ("teen", "female")
    # "Adaeze had married Tobenna's father, and she ...": that "she" is not Tobenna.
    assert character(breakdown, "Tobenna").gender == "male"


def test_the_granddaughter_speaks_after_she_is_introduced() -> None:
    breakdown = story("t78_bicycle_pump")
    line = next(x for s in breakdown.scenes for x in s.lines if x.text.startswith("Let him try, Grandpa"))
    assert line.speaker == "Funmilayo"


def test_someone_given_an_age_is_a_character_and_speaks() -> None:
    breakdown = story("t84_eel_trap")  # "At thirteen, Nikau was the tallest of them"
    nikau = character(breakdown, "Nikau")
    assert (nikau.age_band, nikau.gender) == ("teen", "male")
    line = next(x for s in breakdown.scenes for x in s.lines if x.text.startswith("Next year"))
    assert line.speaker == "Nikau"


def test_a_role_held_for_decades_is_a_seniors() -> None:
    # "Ilmari Heikkinen had been headmaster for thirty-one years"
    assert character(story("t79_boathouse_key"), "Headmaster").age_band == "senior"


def test_stages_of_life_tell_the_age_band() -> None:
    # Cases from the sixth tune batch (t89-t100, written blind to the parser).
    cases = [
        ("t91_reply_all", "DEV", "teen"),  # "still wearing his Year 11 lanyard"
        ("t96_lantern_stall", "RAFI", "teen"),  # "in his last year of secondary school"
        ("t99_route_nine", "CAL", "teen"),  # "who passed his driving theory test"
        ("t99_route_nine", "RUTH", "senior"),  # "who retired last June after forty years of teaching"
        ("t98_night_round", "MR. OYELARAN", "senior"),  # "who turned eighty-one on Tuesday"
        ("t94_bear_boat", "Nana Wen", "senior"),  # "Nana Wen, who ... claimed at eighty-two"
        ("t97_gerald", "Mr. Ferris", "senior"),  # "the caretaker, who was retiring at Christmas"
    ]
    for name, who, band in cases:
        assert character(story(name), who).age_band == band, (name, who)


def test_a_school_year_is_not_a_calendar_year() -> None:
    text = 'In the year 1944 Marta, who was thirty, kept the mill.\n\n"Flour," Marta said.'
    assert character(build_breakdown(text), "Marta").age_band == "adult"


def test_a_title_before_a_name_is_that_persons_role() -> None:
    text = (
        "Commander Jordan Okafor could not sleep. She walked to the bridge.\n\n"
        '"Report," the commander said.\n\n'
        '"All quiet," said Lin.'
    )
    breakdown = build_breakdown(text)
    assert {c.name for c in breakdown.characters} >= {"Jordan Okafor", "Lin"}
    assert "Commander" not in {c.name for c in breakdown.characters}
    assert character(breakdown, "Jordan Okafor").gender == "female"


def test_a_title_two_people_share_stays_a_role() -> None:
    text = 'Captain Reyes met Captain Okoro on the quay.\n\n"Late again," the captain said.\n\n"Tides," said Okoro.'
    names = {c.name for c in build_breakdown(text).characters}
    assert "Captain" in names
