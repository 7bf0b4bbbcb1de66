"""Ages and genders told by kin words from other languages, by ages set after a role
("the principal, sixties"), by a vocative beside a name, and speakers whom only kin or a relative
clause introduces. Every text here was written for this test (never taken from the held-out half)."""

from __future__ import annotations

import pytest

from models.breakdown import Breakdown, Character
from models.script import build_breakdown


def character(breakdown: Breakdown, name: str) -> Character:
    return next(c for c in breakdown.characters if c.name.lower() == name.lower())


def speakers(breakdown: Breakdown) -> list[str]:
    return [line.speaker for scene in breakdown.scenes for line in scene.lines if line.speaker != "Narrator"]


AGES = [
    (  # an age set after the role appositive
        "MRS. OKONKWO",
        "INT. CLASSROOM - DAY\n\nMRS. OKONKWO, the principal, sixties, taps the board.\n\nMRS. OKONKWO\nSit down, all of you.\n",
        "senior",
    ),
    (  # an appositive opening on an age word
        "BRANKO",
        "EXT. PIER - DAY\n\nBRANKO, grey-bearded, mends a net.\n\nBRANKO\nThe tide is turning.\n",
        "senior",
    ),
    (
        "THE ADMIRAL",
        "INT. CLUB - NIGHT\n\nTHE ADMIRAL, long retired, dozes in a chair.\n\nTHE ADMIRAL\nMore port.\n",
        "senior",
    ),
    (  # "both fifteen" after a second name that kin introduces
        "Lila",
        'Lila and her twin brother Arun, both fifteen, missed the ferry.\n\n"Typical," Lila said.',
        "teen",
    ),
    (  # "His name was ..." after a person an opening phrase leads to
        "Tiago",
        'Late that night a boy of nine knocked at the door. His name was Tiago.\n\n"I am lost," Tiago said.',
        "child",
    ),
    (  # a grandmother's word from another language, used as her name
        "NONNA",
        "INT. KITCHEN - DAY\n\nNONNA rolls out the pasta.\n\nNONNA\nThinner. Always thinner.\n",
        "senior",
    ),
]


@pytest.mark.parametrize(("name", "text", "age"), AGES)
def test_ages_told_after_a_role_by_kin_words_or_by_a_group(name: str, text: str, age: str) -> None:
    assert character(build_breakdown(text), name).age_band == age


def test_a_vocative_beside_a_name_is_for_that_name_not_the_last_speaker() -> None:
    text = (
        "Title: Packing\n\n"
        "ROBIN: Where does the lamp go?\n"
        "KAI: In the van, with the chairs.\n"
        "TEO: And the kettle?\n"
        "ROBIN: Kai, my girl, you are a genius.\n"
    )
    breakdown = build_breakdown(text)
    assert character(breakdown, "KAI").gender == "female"
    assert character(breakdown, "TEO").gender != "female"


def test_an_aunts_word_and_a_grandfathers_word_give_gender_and_age() -> None:
    text = (
        "INT. COURTYARD - DAY\n\nKHALA sorts the rice. OJIICHAN naps in the shade.\n\n"
        "KHALA\nWake up, the guests are coming.\n\nOJIICHAN\nLet them come.\n"
    )
    breakdown = build_breakdown(text)
    assert character(breakdown, "KHALA").gender == "female"
    assert (character(breakdown, "OJIICHAN").gender, character(breakdown, "OJIICHAN").age_band) == ("male", "senior")


def test_an_actor_is_not_taken_for_a_man() -> None:
    text = (
        "Title: Callback\n\n[INGRID, a young actor, waits by the door.]\n\n"
        "INGRID: Am I next?\nDIRECTOR: You are, young lady. Go on.\n"
    )
    assert character(build_breakdown(text), "INGRID").gender == "female"


def test_a_bird_the_list_once_lacked_is_a_creature_with_his_pronoun() -> None:
    text = (
        "The Reed\n\nOn a reed sat a kingfisher. He had not caught a fish all morning.\n\n"
        '"Move along," said the kingfisher.'
    )
    kingfisher = character(build_breakdown(text), "Kingfisher")
    assert (kingfisher.kind, kingfisher.gender) == ("kingfisher", "male")


def test_kin_introduces_a_speaker_whose_name_is_also_a_culture_word() -> None:
    text = (
        "The Lamp\n\nIn the desert lived a widow and her son, Omar, a boy of eight.\n\n"
        'Omar climbed onto the roof at dusk. "The stars are out!" he shouted.'
    )
    omar = character(build_breakdown(text), "Omar")
    assert (omar.age_band, omar.gender) == ("child", "male")


def test_a_subject_with_kin_and_a_relative_clause_speaks_the_untagged_quote() -> None:
    text = (
        "The Shop\n\nKeiko's grandmother ran the shop.\n\n"
        '"How much is the blue one?" a customer asked.\n\n'
        'Keiko, who was thirty and kept the books, sighed from the counter. "Too much."'
    )
    assert speakers(build_breakdown(text))[-1] == "Keiko"
