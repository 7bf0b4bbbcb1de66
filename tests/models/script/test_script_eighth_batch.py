"""Kinds the eighth blind tune batch brought (bench/understanding/tune/t113-t124, written without
reading the parser): first-person narrators, creatures named with an epithet, titled names."""

from __future__ import annotations

import pytest

from models.script import build_breakdown
from models.script.markup import SHIFT
from tests.models.script.tune_corpus import character, story


@pytest.mark.parametrize(
    "opening",
    ["At moonrise Kalulu came again.", "The first night I woke at three.", "By mid-morning the sky had opened up.",
     "The sun was going down over the canyon."],
)  # fmt: skip
def test_more_ways_a_story_moves_on_in_time(opening: str) -> None:
    assert SHIFT.match(opening)


def test_a_first_person_narrator_who_speaks_has_their_own_age() -> None:
    assert (
        character(story("t89_keepers_lamp"), "Narrator").age_band == "teen"
    )  # "I was in Year 10", not "when I was eight"
    assert character(story("t113_the_back_stair"), "Narrator").age_band == "adult"  # "the spring I turned twenty"


def test_a_narrator_who_never_speaks_is_not_given_an_age() -> None:
    text = 'I was nine that summer. The fox came to the gate.\n\n"Hello," said the fox.'
    assert character(build_breakdown(text), "Narrator").age_band == "unknown"


def test_a_creature_named_with_an_epithet_is_that_creature() -> None:
    breakdown = story("t114_kalulu_and_the_well")  # "Mkango the lion", "Fulu the tortoise" (spaCy saw a place)
    assert (character(breakdown, "Mkango").kind, character(breakdown, "Fulu").kind) == ("lion", "tortoise")
    assert all("FULU" not in s.location for s in breakdown.scenes)


def test_the_titled_name_the_story_uses_is_kept() -> None:
    names = {c.name for c in story("t113_the_back_stair").characters}  # "O'Dowd's bakery", then "Mrs O'Dowd"
    assert "Mrs O'Dowd" in names and "O'Dowd" not in names


def test_a_character_is_never_also_a_named_place() -> None:
    scenes = story("t77_yellow_raincoat").scenes  # "The ferryman, Teodor, ..."
    assert [s.location for s in scenes] == ["JETTY", "FERRY"]  # "Before sunrise the jetty ... was slick"


def test_someone_named_by_whose_kin_they_are_speaks_as_that_role() -> None:
    breakdown = story("t118_the_letter_to_malmo")  # '"Abuela," Catalina's mother said gently'
    line = next(x for s in breakdown.scenes for x in s.lines if x.text.startswith("Abuela"))
    assert line.speaker == "Mother"
    # "She was ten" though she sat in "her great-grandmother's kitchen"; "She was ninety-three" two sentences on.
    assert character(breakdown, "Catalina").age_band == "child"
    assert character(breakdown, "Mamá Chela").age_band == "senior"


def test_one_word_of_a_fuller_name_is_that_person() -> None:
    breakdown = story("t115_egg_and_spoon")  # "Fathima Beevi" then "Fathima whispered"; Anjali "in Class Four"
    assert [c.name for c in breakdown.characters if c.name.startswith("Fathima")] == ["Fathima Beevi"]
    assert character(breakdown, "Anjali").age_band == "child"
    assert character(breakdown, "Ammachi").age_band == "senior"  # a Malayalam grandmother
    lines = [x for s in breakdown.scenes for x in s.lines]
    assert lines[[x.text for x in lines].index("It is not.")].speaker == "Anjali"


def test_a_word_asked_back_is_no_form_of_address() -> None:
    # MARITES: "Ten more minutes, Lolo." DARIUSH: "Lolo?": Dariush is called Lolo, not Marites.
    breakdown = story("t110_visiting_hours")
    assert character(breakdown, "MARITES").gender != "male"


def test_a_two_word_kin_name_tells_the_gender() -> None:
    assert character(story("t120_reunion_dinner"), "AH MA").gender == "female"


def test_an_introduction_after_a_full_name_is_the_cue_names() -> None:
    breakdown = story(
        "t122_night_cycle"
    )  # "TAVITA LEIATAUA, fifteen,", "DR. ISHAAN MEHTA, the station botanist, seventy-one"
    assert (character(breakdown, "TAVITA").age_band, character(breakdown, "ISHAAN").age_band) == ("teen", "senior")


def test_a_wife_in_someone_elses_account_is_not_their_sex() -> None:
    # "Mzee Jacob Odhiambo, seventy-eight by his own account and eighty by his wife's"
    odhiambo = character(story("t121_the_matter_of_the_goat"), "ODHIAMBO")
    assert (odhiambo.age_band, odhiambo.gender) == ("senior", "male")
    colette = character(story("t05_cafe_paris"), "Colette")  # "Henri and his wife Colette": she is the wife
    assert colette.gender == "female"


def test_a_stage_direction_opening_on_a_new_place_starts_a_scene_in_a_dialogue() -> None:
    scenes = story("t119_no_comment").scenes  # "[The car park behind the station, just after midnight. ...]"
    assert len(scenes) == 2 and scenes[1].location == "CAR PARK"


def test_a_title_before_another_speakers_name_tells_their_sex() -> None:
    assert character(story("t119_no_comment"), "ADEYEMI").gender == "male"  # "Don't you Mrs Reid me, Mr Adeyemi."


def test_a_name_always_one_sex_outweighs_a_pronoun_the_reader_only_guessed() -> None:
    assert character(story("t116_the_price_of_copper"), "Layla").gender == "female"


def test_a_tag_naming_whose_someone_is_speaks_as_them_and_a_voice_as_its_owner() -> None:
    from models.script.attribution import tag_after

    assert tag_after(" said the miller's daughter.").who == "the miller's daughter"  # type: ignore[union-attr]
    assert tag_after(" said an old woman's voice.").who == "an old woman"  # type: ignore[union-attr]


def test_life_stages_told_by_work_hair_and_grandchildren() -> None:
    breakdown = story("t132_depot")  # "three weeks from his pension"; "his apprentice"; "has a granddaughter"
    assert [character(breakdown, n).age_band for n in ("LACI", "SASHA", "MARIKA")] == ["senior", "teen", "senior"]
    assert character(story("t136_whiteout"), "SIGRID").age_band == "senior"  # "a grey plait ... forty winters"
    assert character(story("t135_last_bowl"), "REN").age_band == "teen"  # "still in a high-school uniform"


def test_a_bare_time_opening_a_direction_starts_a_scene() -> None:
    scenes = story("t132_depot").scenes  # "[Dawn. The depot doors roll up ...]"
    assert [s.time_of_day for s in scenes] == ["night", "dawn"]
