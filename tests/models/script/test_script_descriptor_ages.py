"""Ages and genders a reader takes from the story's own words, in phrasings the corpus's tuning
half does not contain (written for this test, never taken from the held-out half)."""

from __future__ import annotations

import pytest

from models.script import build_breakdown

CASES = [
    ("Joe", 'Grandpa Joe, seventy-five, fixed the radio on the porch.\n\n"It hums again," Joe said.', "senior", "male"),
    ("Tom", 'Little Tom tugged at the sleeve of the stranger.\n\n"Are you lost?" Tom asked.', "child", "male"),
    (
        "Luis",
        'The twins, Ana and Luis, both nine, ran to the river.\n\n"Race you!" Luis shouted.\n\n"No fair!" Ana cried.',
        "child",
        "male",
    ),
    (
        "Ana",
        'The twins, Ana and Luis, both nine, ran to the river.\n\n"Race you!" Luis shouted.\n\n"No fair!" Ana cried.',
        "child",
        "female",
    ),
    ("Okafor", 'Old Mr. Okafor sat under the mango tree.\n\n"Sit, child," Mr. Okafor said.', "senior", "male"),
    (
        "Priya",
        'His daughter Priya, who had just turned six, held the kite.\n\n"Higher!" Priya said.',
        "child",
        "female",
    ),
    ("Dev", 'Dev, a student of nineteen, opened the letter.\n\n"I got in," Dev said.', "teen", None),
    ("Rafa", 'Rafa, just sixteen, borrowed his father\'s truck.\n\n"Just this once," Rafa said.', "teen", "male"),
    (
        "Henri",
        "Every Sunday, Henri and his wife Colette took the same table. He was eighty-two; she was eighty.\n\n"
        '"Coffee," Henri said.\n\n"Two," Colette said.',
        "senior",
        "male",
    ),
    (
        "Colette",
        "Every Sunday, Henri and his wife Colette took the same table. He was eighty-two; she was eighty.\n\n"
        '"Coffee," Henri said.\n\n"Two," Colette said.',
        "senior",
        "female",
    ),
]


@pytest.mark.parametrize(("name", "text", "age", "gender"), CASES, ids=[c[0] for c in CASES])
def test_age_and_gender_come_from_the_description(name: str, text: str, age: str, gender: str | None) -> None:
    character = next(c for c in build_breakdown(text).characters if name in c.name)
    assert character.age_band == age
    if gender is not None:
        assert character.gender == gender


def test_a_new_person_a_pronoun_points_to_gets_the_line_not_the_last_named() -> None:
    text = (
        "Mei sat in the courtyard folding red paper.\n\n"
        'A boy with a dragon lantern stopped beside her. "Your rabbit is nice," he said shyly.'
    )
    breakdown = build_breakdown(text)
    line = next(line for scene in breakdown.scenes for line in scene.lines if "rabbit" in line.text)
    assert line.speaker == "Boy"
    boy = next(c for c in breakdown.characters if c.name == "Boy")
    assert (boy.age_band, boy.gender) == ("child", "male")


def test_a_spouse_tells_the_gender_of_a_creature() -> None:
    text = (
        "A crocodile swam below the jamun tree.\n\n"
        "One day the crocodile's wife, a greedy creature, spoke in the muddy shallows.\n\n"
        '"Bring me the monkey\'s heart," she said.\n\n'
        '"My wife wants your heart," the crocodile said.'
    )
    breakdown = build_breakdown(text)
    speakers = [line.speaker for scene in breakdown.scenes for line in scene.lines if line.speaker != "Narrator"]
    assert speakers == ["Wife", "Crocodile"]
    genders = {c.name: c.gender for c in breakdown.characters}
    assert genders["Wife"] == "female" and genders["Crocodile"] == "male"
