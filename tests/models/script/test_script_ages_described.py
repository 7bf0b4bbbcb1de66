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
