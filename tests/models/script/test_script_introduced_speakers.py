"""An untagged quote after a paragraph that introduces someone is theirs: a name given in an
appositive ("a small boy called Chidi, the ring bearer"), after a place phrase ("Behind the
sacks, his grandson Baraka"), or a creature first seen after one ("Up in the rafters the cat").
Cases from the tuning half of the corpus (bench/understanding/tune)."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.breakdown import Breakdown
from models.script import build_breakdown
from models.script.attribution import subject_of

TUNE = Path(__file__).resolve().parents[3] / "bench" / "understanding" / "tune"


def story(name: str) -> Breakdown:
    return build_breakdown((TUNE / f"{name}.txt").read_text())


def speaker_of(breakdown: Breakdown, words: str) -> str:
    return next(line.speaker for scene in breakdown.scenes for line in scene.lines if words in line.text)


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Behind the sacks, his grandson Baraka, a skinny boy of nine, was counting coins.", "Baraka"),
        ("Across the courtyard the bride, Sana, leaned out of a window.", "Sana"),
        ("The smallest chick, a fluffy yellow thing called Pip, peeped up at the fox.", "Pip"),
        ("A small boy called Chidi, the ring bearer, tugged at the old lady's sleeve.", "Chidi"),
        ("Up in the rafters the cat opened one eye.", "the cat"),
        ("Lila lifted the lamp.", "Lila"),
    ],
)
def test_the_subject_of_a_narration_sentence(sentence: str, who: str) -> None:
    assert subject_of(sentence) == who


def test_a_verb_called_is_not_a_name_given() -> None:
    assert subject_of("The man who had called Ravi earlier, waited.") != "Ravi"


@pytest.mark.parametrize(
    ("name", "words", "speaker"),
    [
        ("t67_wedding_drums", "can I eat the cake", "Chidi"),
        ("t72_clove_market", "is a hundred more", "Baraka"),
        ("t62_wedding_sweets", "Ammi says the cook", "Sana"),
        ("t75_farmyard_vote", "Wake me when", "Cat"),
        ("t28_hen_and_fox", "Why are your teeth", "Pip"),
    ],
)
def test_an_untagged_quote_goes_to_the_one_just_introduced(name: str, words: str, speaker: str) -> None:
    breakdown = story(name)
    assert speaker_of(breakdown, words) == speaker
    assert speaker in {c.name for c in breakdown.characters}


def test_a_boy_introduced_by_name_gets_a_boys_voice_profile() -> None:
    chidi = next(c for c in story("t67_wedding_drums").characters if c.name == "Chidi")
    assert (chidi.age_band, chidi.gender) == ("child", "male")


@pytest.mark.parametrize(
    ("words", "speaker"),
    [("Above the bakery", "Ines"), ("The ferryman looked after me", "Ines")],
)
def test_an_untagged_answer_goes_to_the_one_the_narration_just_brought_in(words: str, speaker: str) -> None:
    # "Ines stood at the rail ... The boy came and leaned beside her. 'Where does your aunt live?'
    # he asked. 'Above the bakery.'": Ines answers, not the ferryman who spoke before.
    assert speaker_of(story("t77_yellow_raincoat"), words) == speaker


def test_a_role_met_on_the_way_does_not_take_the_answer() -> None:
    # "a woman in a flour-dusted apron" is Auntie Marisol: no new "Woman" speaks.
    assert "Woman" not in {c.name for c in story("t77_yellow_raincoat").characters}


def test_a_creature_named_in_an_appositive_keeps_its_kind_and_youth() -> None:
    pip = next(
        c for c in story("t28_hen_and_fox").characters if c.name == "Pip"
    )  # "The smallest chick, ... called Pip"
    assert pip.age_band == "child" and pip.kind


def test_a_people_word_in_a_tag_is_a_speaker_and_not_narration() -> None:
    text = 'A figure stood by the lamp.\n\n"You\'re late," the figure said. "The ships are waiting."'
    lines = [(line.speaker, line.text) for scene in build_breakdown(text).scenes for line in scene.lines]
    assert ("Figure", "You're late. The ships are waiting.") in lines
    assert not any("figure said" in said for _, said in lines)
