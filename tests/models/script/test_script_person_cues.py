"""Ages, genders and speakers from cues the first corpus pass missed: ages that open a phrase,
grandparents, honorifics from other languages, possessives that belong to someone else,
vocatives, pronouns in other characters' lines, roles and animals a pronoun points to.
Every text here was written for this test (never taken from the held-out half)."""

from __future__ import annotations

from collections import Counter

import pytest

from models.breakdown import Breakdown, Character
from models.script import build_breakdown
from models.script.characters import spoken_pronoun_votes


def character(breakdown: Breakdown, name: str) -> Character:
    return next(c for c in breakdown.characters if c.name == name)


def speakers(breakdown: Breakdown) -> list[str]:
    return [line.speaker for scene in breakdown.scenes for line in scene.lines if line.speaker != "Narrator"]


AGES = [
    ("Priya", 'Priya was eight and already bossy.\n\n"Line up," Priya said.', "child"),
    (
        "Omar",
        'Omar, seventy-nine, polished his boots by the door.\n\n"Rain today," Omar said.',
        "senior",
    ),
    (
        "Lena",
        'Lena, at fifteen, was the best swimmer in Tromsø.\n\n"Watch me," Lena said.',
        "teen",
    ),
    (
        "Tomasz",
        "Tomasz, the baker's son, was only ten, but he rose at four.\n\n\"Bread's up,\" Tomasz said.",
        "child",
    ),
    (
        "Ruth",
        'Ruth sat on the steps. Her granddaughter Ivy brought her a lemonade.\n\n"Thank you, love," Ruth said.',
        "senior",
    ),
    (
        "Hiro",
        'An old lamp maker named Hiro lived by the kiln.\n\n"Reeds remember," Hiro said.',
        "senior",
    ),
    (
        "Sol",
        'Great-Uncle Sol dozed in the deckchair.\n\n"I heard that," Sol said.',
        "senior",
    ),
]


@pytest.mark.parametrize(("name", "text", "age"), AGES, ids=[a[0] for a in AGES])
def test_ages_a_reader_takes_from_the_words(name: str, text: str, age: str) -> None:
    assert character(build_breakdown(text), name).age_band == age


GENDERS = [
    # An honorific from another language before the name (the story's fuller name is the character's).
    ("Señora Adaeze", 'Señora Adaeze folded the sheets.\n\n"Done," Adaeze said.', "female"),
    ("Herr Bartek", 'Herr Bartek locked the shop.\n\n"Closed," Bartek said.', "male"),
    # "Her great-grandson Chidi": the "her" is the great-grandmother's; the great-grandson is a boy.
    (
        "Chidi",
        'Nana fried the plantains. Her great-grandson Chidi set the table.\n\n"Forks?" Chidi asked.',
        "male",
    ),
    # A possessive opening the next sentence points back to the last one named.
    (
        "Ngozi",
        'Ngozi unlocked the clinic. Her first patient was already waiting.\n\n"Come in," Ngozi said.',
        "female",
    ),
    # An object pronoun after the name is someone else.
    (
        "Ifeoma",
        'Ifeoma handed him the ladle and wiped her hands.\n\n"Soup," Ifeoma said.',
        "female",
    ),
]


@pytest.mark.parametrize(("name", "text", "gender"), GENDERS, ids=[g[0].split()[-1] for g in GENDERS])
def test_genders_a_reader_takes_from_the_words(name: str, text: str, gender: str) -> None:
    assert character(build_breakdown(text), name).gender == gender


def test_a_description_before_the_name_or_before_her_name_was_belongs_to_it() -> None:
    screenplay = (
        "INT. TEA HOUSE - DAY\n\nAn elderly woman by the window, AUNTIE MEI, pours tea.\n\n"
        "MEI\nSit down.\n\nKAZ\nThank you.\n"
    )
    mei = character(build_breakdown(screenplay), "MEI")
    assert (mei.age_band, mei.gender) == ("senior", "female")
    prose = (
        'A small boy waited at the bus stop. His name was Kofi, and he held a kite.\n\n"Is the bus late?" Kofi asked.'
    )
    kofi = character(build_breakdown(prose), "Kofi")
    assert (kofi.age_band, kofi.gender) == ("child", "male")


def test_vocatives_and_the_other_lines_tell_a_gender_the_action_does_not() -> None:
    script = (
        "ROBIN: Table for two?\nSASHA: Yes please, ma'am. By the window.\n"
        "ROBIN: Follow me. Where is your friend Ezra?\nSASHA: Ezra said he would be late.\n"
        "EZRA: I'm here!\n"
    )
    breakdown = build_breakdown(script)
    assert character(breakdown, "ROBIN").gender == "female"
    assert character(breakdown, "EZRA").gender == "male"
    assert not any("from the name" in note for note in character(breakdown, "ROBIN").assumed)
    # Negative control: a name said to someone's face ("Kiri, play her something") says nothing.
    assert spoken_pronoun_votes("KIRI", ["Kiri, play her something she knows."], ["PIM"]) == Counter()


def test_a_gendered_role_subject_gets_the_pronoun_line_and_its_age() -> None:
    text = (
        "Amara sat on the step with her homework. Her grandfather came out with two cups of tea.\n\n"
        '"Finished?" Amara asked him.\n\n"Not yet," he sighed. "Mathematics was never my friend."'
    )
    breakdown = build_breakdown(text)
    assert speakers(breakdown) == ["Amara", "Grandfather"]
    grandfather = character(breakdown, "Grandfather")
    assert (grandfather.age_band, grandfather.gender) == ("senior", "male")


def test_in_a_fable_an_animal_the_pronouns_gender_gets_her_line() -> None:
    text = (
        'A hungry jackal named Sita came to the river, where a heron stood on one leg. "Lend me your '
        'fish," Sita begged.\n\nThe heron looked down at him. She was not fooled.\n\n'
        '"Catch your own," she said.'
    )
    breakdown = build_breakdown(text)
    assert speakers(breakdown) == ["Sita", "Heron"]
    assert character(breakdown, "Heron").gender == "female"


def test_a_dog_outside_a_fable_never_takes_a_persons_line() -> None:
    # Negative control for the fable rule: people talking, a dog as scenery.
    text = 'Maria opened the gate. The dog wagged its tail, and she laughed at it.\n\n"Good morning," she said.'
    assert speakers(build_breakdown(text)) == ["Maria"]


def test_an_untold_role_is_pictured_and_the_breakdown_says_so() -> None:
    text = '"The horse has lost a shoe," the farrier said.\n\n"Then shoe it," said the woodcutter.'
    woodcutter = character(build_breakdown(text), "Woodcutter")
    assert woodcutter.gender == "male"
    assert any("usually pictured" in note for note in woodcutter.assumed)


def test_an_untagged_quote_after_an_action_paragraph_is_its_subjects() -> None:
    text = (
        'Grandma Ilse knitted by the stove. "Too cold for the park," she said.\n\n'
        "Her grandson Matti, who was six, pressed his nose to the frosty window.\n\n"
        '"But the pond is frozen!"'
    )
    breakdown = build_breakdown(text)
    assert speakers(breakdown) == ["Ilse", "Matti"]
    matti = character(breakdown, "Matti")
    assert (matti.age_band, matti.gender) == ("child", "male")
