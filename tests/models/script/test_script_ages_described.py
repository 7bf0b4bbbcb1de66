"""Ages, genders and speakers a reader takes from descriptions, praise and pronouns, in small
scripts written for this test (never taken from the corpus)."""

from __future__ import annotations

from models.breakdown import Breakdown, Character
from models.script import build_breakdown


def _character(breakdown: Breakdown, name: str) -> Character:
    return next(c for c in breakdown.characters if c.name.lower() == name.lower())


def test_praise_to_someones_face_tells_their_sex() -> None:
    text = "RUTH: Pass me the wrench, Robin.\nROBIN: This one?\nRUTH: Good girl. Now hold the lamp.\n"
    assert _character(build_breakdown(text), "Robin").gender == "female"


def test_a_guessed_age_is_an_age() -> None:
    text = 'The nephew, Kemi, who was perhaps eight, carried the bucket.\n\n"It is heavy," Kemi said.'
    assert _character(build_breakdown(text), "Kemi").age_band == "child"


def test_a_school_grade_in_words_tells_a_child() -> None:
    text = 'Femi was the class clown and in Grade Three, and he hated spelling.\n\n"Do I have to?" Femi asked.'
    assert _character(build_breakdown(text), "Femi").age_band == "child"


def test_a_one_word_role_cue_is_the_role_the_action_writes_in_lower_case() -> None:
    text = (
        "INT. COUNTY ARCHIVE - DAY\n\n"
        "The registrar, Mrs Pike, who retired from the council in the spring and keeps coming back, "
        "unlocks the stacks.\n\n"
        "REGISTRAR\nMind the ladder.\n\n"
        "TOM\nWhich shelf?\n\n"
        "REGISTRAR\nThe top one. Her hip aches as she points.\n"
    )
    registrar = _character(build_breakdown(text), "Registrar")
    assert (registrar.age_band, registrar.gender) == ("senior", "female")


def test_a_pronoun_reply_is_the_one_just_called_by_name() -> None:
    text = (
        "Tendai sat at the piano with her hands in her lap.\n\n"
        '"It has not been played in years," Tendai said.\n\n'
        "The weaver bent over the strings.\n\n"
        '"Play me an A," the weaver said, and hummed under her breath.\n\n'
        "Across the alley a neighbour leaned out of her window.\n\n"
        '"Tendai! Is that your goat?"\n\n'
        '"It is my piano," she shouted back.'
    )
    lines = [line for scene in build_breakdown(text).scenes for line in scene.lines if line.kind == "dialogue"]
    assert [line.speaker for line in lines] == ["Tendai", "Weaver", "Neighbour", "Tendai"]


def test_a_thing_of_someone_elses_says_nothing_of_the_wearer() -> None:
    text = (
        "INT. POTTERY - DAY\n\n"
        "JO (40s), a potter in a man's flat cap, wedges clay on the bench, laying her palm on each lump.\n\n"
        "JO\nToo wet.\n"
    )
    assert _character(build_breakdown(text), "Jo").gender == "female"


def test_an_age_guessed_after_a_pronoun_is_an_age() -> None:
    text = (
        "The cook at the pass hut was small and brown, and the guides called her Amma, though I later "
        "decided she must have been near seventy.\n\n"
        '"Tea," Amma said.'
    )
    assert _character(build_breakdown(text), "Amma").age_band == "senior"


def test_an_age_late_in_a_relative_clause_is_the_subjects() -> None:
    text = (
        "Father Tomas, the parish priest, who had married half the town and was now past eighty, "
        "came to the door.\n\n"
        '"Who is shouting?" Father Tomas asked.'
    )
    assert _character(build_breakdown(text), "Father Tomas").age_band == "senior"


def test_a_grandchild_named_after_the_kin_word_still_makes_a_grandparent() -> None:
    text = (
        "On the bench by the harbour sat Halima with her grandson Idris, who was feeding bread to the gulls.\n\n"
        '"Not all of it," Halima said.\n\n"Just one more," Idris said.'
    )
    assert _character(build_breakdown(text), "Halima").age_band == "senior"


def test_he_after_narration_about_the_last_speaker_is_that_speaker_again() -> None:
    text = (
        "A hornbill sat in the fig tree above the pangolin.\n\n"
        '"Roll up, little one," the hornbill said. He flapped away.\n\n'
        '"Supper," said the leopard softly.\n\n'
        "The leopard pawed at the pangolin. He rolled her through the leaves.\n\n"
        '"A stone with a tail," he growled.'
    )
    lines = [line for scene in build_breakdown(text).scenes for line in scene.lines if line.kind == "dialogue"]
    assert [line.speaker for line in lines] == ["Hornbill", "Leopard", "Leopard"]


def test_the_girl_is_the_one_child_who_can_be_a_girl() -> None:
    text = (
        "INT. KITCHEN - NIGHT\n\n"
        "OKE (7) kneels on a chair, stirring the batter. At the table TEO (15) reads a comic.\n\n"
        "OKE\nCan I lick the spoon?\n\n"
        "TEO\nAsk Mum.\n\n"
        "Flour drifts over the little girl's hair. Teo laughs.\n"
    )
    breakdown = build_breakdown(text)
    assert _character(breakdown, "Oke").gender == "female"
    assert _character(breakdown, "Teo").gender == "male"


def test_a_name_that_had_retired_is_a_senior() -> None:
    text = (
        "Marguerite had retired from the sorting office the spring the bridge opened, and walked the dog "
        "every morning since.\n\n"
        '"Cold today," Marguerite said.'
    )
    assert _character(build_breakdown(text), "Marguerite").age_band == "senior"


def test_a_name_opening_its_own_clause_owns_the_pronouns_after_it() -> None:
    text = (
        "INT. SPORTS HALL - DAY\n\n"
        "BEN waves from behind the rope, and TONI spits out her whistle to answer.\n\n"
        "TONI\nTwo minutes!\n\n"
        "BEN\nWe know.\n"
    )
    assert _character(build_breakdown(text), "Toni").gender == "female"
