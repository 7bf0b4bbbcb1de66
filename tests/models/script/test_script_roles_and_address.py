"""Genders and ages told by a role that names someone once ("a carpet-weaver named Golnar" ... "the
weaver said"), honorifics and kin words from more languages (Bà, Mzee, Hanım, Thakuma, Noona), a
possessive appositive that is someone else's ("MINH, her grandchild"), Russian patronymics,
sexed species nouns and group speakers. Texts are written here or taken from the tuning half
(t65-t76), never from the held-out half."""

from __future__ import annotations

import pytest

from models.breakdown import Breakdown, Character
from models.script import build_breakdown
from models.script.characters import role_alias
from models.script.names import gender_from_name


def who(breakdown: Breakdown, name: str) -> Character:
    return next(c for c in breakdown.characters if c.name.lower() == name.lower())


CASES = [
    (  # the role speaks; the name it introduced carries the pronoun and the age
        "In the palace the sultan was bored. A carpet-weaver named Golnar came in, with her apprentice "
        'Kaveh, a lanky lad of fifteen.\n\n"Show me," the sultan said.\n\n"Count the birds," the weaver '
        'said.\n\n"Nineteen!" the apprentice blurted.',
        {"Weaver": ("adult", "female"), "Apprentice": ("teen", "male")},
    ),
    (  # Vietnamese titles in the cue, a decade as the appositive, someone else's possessive
        "INT. PHO STALL - DAWN\n\nBÀ LAN, seventies, ladles broth. MINH, her grandchild, thirteen, chops herbs. "
        "An old regular, ÔNG TƯ, taps the counter.\n\nÔNG TƯ\nThe usual.\n\nBÀ LAN\nYou always say that.\n\n"
        "MINH\nWe're out of lime.\n\nMinh pushes his fringe out of his eyes.\n",
        {"BÀ LAN": ("senior", "female"), "ÔNG TƯ": ("senior", "male"), "MINH": ("teen", "male")},
    ),
    (  # Korean and Bengali forms of address; a hyphenated name beside a vocative
        "Title: Kitchen\n\n[A kitchen. HALMEONI stirs a pot. JI-WOO, fourteen, and MIN-JUN, eight, peel garlic.]\n\n"
        "HALMEONI: Min-jun, my boy, fetch the jar.\nMIN-JUN: It's heavy!\nJI-WOO: I'll help.\n"
        "MIN-JUN: Noona, you carry it then.\nDADU: Hurry, children.\nTHAKUMA: Let them be.\n",
        {
            "MIN-JUN": ("child", "male"),
            "JI-WOO": ("teen", "female"),
            "DADU": ("senior", "male"),
            "THAKUMA": ("senior", "female"),
        },
    ),
    (  # Swahili titles: Mzee is an elder, Bi a woman
        'Mzee Juma sat among his sacks. Bi Rehema came down the lane.\n\n"How much today?" asked Bi Rehema.'
        '\n\n"The same," said Mzee Juma.',
        {"Mzee Juma": ("senior", "male"), "Bi Rehema": ("adult", "female")},
    ),
    (  # sexed species nouns make speakers and say their gender; a group speaker is children
        'The animals met in the barn.\n\n"I wake the farm," said the rooster.\n\n"You crow at the moon," grunted '
        'the old sow.\n\n"I vote for the bell," quacked the drake.\n\n"The bell cannot vote," bleated the ewe.',
        {
            "Rooster": ("adult", "male"),
            "Sow": ("senior", "female"),
            "Drake": ("adult", "male"),
            "Ewe": ("adult", "female"),
        },
    ),
    (
        "Title: Holiday\n\n[A flat. THAKUMA shells peas. A crowd of cousins race in.]\n\n"
        "CHILDREN: Can we go out?\nTHAKUMA: After you eat.\n",
        {"CHILDREN": ("child", "unknown")},
    ),
    (  # "eighty if a day"
        "EXT. ABBEY GATE - DAY\n\nThe ABBESS, eighty if a day, comes down the path.\n\nABBESS\nThe honey is late.\n",
        {"ABBESS": ("senior", "female")},
    ),
]


@pytest.mark.parametrize(("text", "wanted"), CASES)
def test_role_address_and_species_cues(text: str, wanted: dict[str, tuple[str, str]]) -> None:
    breakdown = build_breakdown(text)
    for name, (age, gender) in wanted.items():
        found = who(breakdown, name)
        assert (found.age_band, found.gender) == (age, gender), name


def test_role_alias_finds_the_name_a_role_introduced() -> None:
    assert role_alias("Weaver", ["A carpet-weaver named Golnar came in."]) == "Golnar"
    assert role_alias("Seamstress", ["Then came Halina, the seamstress from the square."]) == "Halina"
    assert role_alias("Bride", ["Under the canopy sat the bride, Adaeze, in coral beads."]) == "Adaeze"
    assert role_alias("Sultan", ["In the palace the sultan was bored."]) is None


def test_patronymics_and_accents_tell_a_name() -> None:
    text = (
        'The stationmaster, Zhenya Arkadyevna, waved the lamp.\n\n"Who is meeting you?" the stationmaster asked.'
        '\n\n"My uncle," said Valya.'
    )
    assert who(build_breakdown(text), "Stationmaster").gender == "female"
    assert gender_from_name("Thảo") == gender_from_name("Thao") == "female"
    assert gender_from_name("Bà Lan") == gender_from_name("Lan")


def test_a_borrowed_role_word_in_a_speech_tag_is_someone_speaking_and_no_prop() -> None:
    # "palliri" (a woman who picks ore from the spoil heaps, t142) is in no dictionary here: after a
    # quote it names the speaker, so her line is hers, not the narrator's, and she is not staged as a thing.
    text = (
        "The Mine\n\nAt the mine mouth a palliri with grey plaits was breaking rocks with a hammer.\n\n"
        '"You are late again," said the palliri, and she set the hammer down.\n\n'
        '"The truck broke," Lucho said. He lit a cigarette.'
    )
    scene = build_breakdown(text).scenes[0]
    assert [(line.speaker, line.text) for line in scene.lines[1:3]] == [
        ("Palliri", "You are late again."),
        ("Narrator", "And she set the hammer down."),
    ]
    assert "palliri" not in scene.objects and "hammer" in scene.objects


def test_a_thing_the_dictionary_knows_is_no_speaker_in_a_tag() -> None:
    # "said the radio": a thing WordNet knows stays the narrator's to read, as before.
    text = 'The Kitchen\n\nThe radio was on.\n\n"Storms tonight," said the radio. Mum turned it off.'
    speakers = {line.speaker for line in build_breakdown(text).scenes[0].lines}
    assert "Radio" not in speakers


NO_ONE_CASES = [
    (  # "said the she-goat" (t126's she-camel): the tag's role is the whole compound, so no "She" is
        # made and the rest of it ("goat.") is not read out as narration between the halves
        "The Pen\n\nThe farmer leaned on the gate of the pen.\n\n"
        '"Come and be milked," the farmer said.\n\n"I will not," said the she-goat, "until the gate is mended."',
        ("She-goat", "I will not, until the gate is mended."),
        "She",
    ),
    (  # "Her great-grandson Tomas, ..." (t104's great-granddaughter): "Her" is no character (it
        # ends like "-er" roles do), and the boy the sentence names speaks next
        "The Shed\n\nOld Marta kept bees behind the shed.\n\n"
        "Her great-grandson Tomas, who was five, crouched by the hive and poked it with a stick.\n\n"
        '"Do they sting?"\n\n"Only boys with sticks," said Marta.',
        ("Tomas", "Do they sting?"),
        "Her",
    ),
    (  # "The water rose": "-er" makes agent nouns ("the baker"), but WordNet knows water as a thing,
        # so the untagged line after it is the other child's reply
        "The Flood\n\nAmina and her brother Kofi stood on the bank.\n\n"
        '"Look how high it is," said Amina.\n\nThe water rose over the last step.\n\n'
        '"We should go home."\n\n"Not yet," said Amina.',
        ("Kofi", "We should go home."),
        "Water",
    ),
    (  # "Her hands trembled": a hired hand is a rarer sense; the woman whose hands they are acts
        "The Letter\n\nMarta opened the letter from her son. Her husband Tomas watched from the door.\n\n"
        '"Read it to me," said Tomas.\n\nHer hands trembled.\n\n"He is coming home."\n\n"When?"',
        ("Marta", "He is coming home."),
        "Hands",
    ),
]


@pytest.mark.parametrize(("text", "spoken", "no_one"), NO_ONE_CASES)
def test_words_that_only_look_like_someone_make_no_character(text: str, spoken: tuple[str, str], no_one: str) -> None:
    breakdown = build_breakdown(text)
    assert spoken in [(line.speaker, line.text) for scene in breakdown.scenes for line in scene.lines]
    assert no_one not in {c.name for c in breakdown.characters}


@pytest.mark.parametrize(
    ("tag", "speaker", "after"),
    [
        ('"Run!" said Kemi again.', "Kemi", None),  # not a lone "Again." read out after the line
        ('"Run!" Kemi said again, and she ran.', "Kemi", "And she ran."),
        ('"Run!" the twins shouted together.', "Twins", None),  # WordNet's "twins" is Gemini
        ('"Run!" shouted the twins in unison.', "Twins", None),
        ('"Run!" someone shouted.', "Someone", None),  # an unseen voice, not Kemi (who spoke last)
        ('"Run!" Kemi told him, and she ran.', "Kemi", "And she ran."),  # not "Him, and she ran."
        ('"Run!" said Kemi to her grandfather.', "Kemi", None),  # whom it was said to is the tag's
        ('"Run!" Kemi said to herself.', "Kemi", "To herself."),  # whole, not "her" and "Self."
        ('"Run!" Kemi said quietly to her grandfather.', "Kemi", None),  # after the adverb too
        ('"Run!" shouted her grandfather, Tomas.', "Tomas", None),  # the name set off after the role
        ('"Run!" Kemi told Ravi\'s mother.', "Kemi", "Ravi's mother."),  # not "Mother." alone
        ('"Run!" Kemi told her brother\'s friend.', "Kemi", "Her brother's friend."),
        ('"Run!" Kemi told the radio.', "Kemi", "The radio."),  # a thing stays narration, where props are found
    ],
)
def test_a_tag_keeps_its_adverbs_and_plural_roles(tag: str, speaker: str, after: str | None) -> None:
    text = f"The Night\n\nKemi and her grandfather walked home along the river.\n\n{tag}"
    lines = [(line.speaker, line.text) for scene in build_breakdown(text).scenes for line in scene.lines]
    assert lines[1] == (speaker, "Run!")
    assert lines[2:] == ([("Narrator", after)] if after else [])
