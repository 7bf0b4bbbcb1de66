"""Character attributes, moods, emotions, cultures, times and places."""

from __future__ import annotations

import pytest

from models.breakdown import Line
from models.script.analysis import (
    describe_character,
    detect_culture,
    infer_age,
    line_emotion,
    parse_heading,
    scene_mood,
    setting_from_words,
    time_from_words,
)
from models.script.characters import bound_phrases, infer_gender, infer_language, infer_wardrobe, introduction

LIGHTHOUSE = [
    "MAYA (60s), a weathered keeper in a yellow raincoat, climbs the stairs. She checks the lamp.",
    "Her grandson ELI (12), a thin boy in a red scarf, runs in behind her.",
]


# -- age -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrases", "expected"),
    [
        (["60s"], ("senior", 65)),
        (["late 30s"], ("adult", 38)),
        (["early 20s"], ("adult", 22)),
        (["12"], ("child", 12)),
        (["a twelve-year-old girl"], ("child", 12)),
        (["a 16-year-old runner"], ("teen", 16)),
        (["a seventy-five-year-old fisherman"], ("senior", 75)),
        (["a boy of nine"], ("child", 9)),
        (["aged 70"], ("senior", 70)),
        (["in her sixties"], ("senior", 65)),
        (["an old woman"], ("senior", None)),
        (["Grandmother"], ("senior", None)),
        (["a teenage drummer"], ("teen", None)),
        (["a little girl"], ("child", None)),
        (["a young man"], ("adult", None)),
        (["a keeper"], ("unknown", None)),
        (["an old lamp"], ("unknown", None)),  # "old" must describe a person
    ],
)
def test_age(phrases: list[str], expected: tuple[str, int | None]) -> None:
    assert infer_age(phrases) == expected


def test_age_is_bound_to_the_name_not_the_sentence() -> None:
    passages = ["Ravi helped his grandmother down the steps."]
    assert describe_character("Ravi", passages, [], []).age_band == "unknown"


# -- gender --------------------------------------------------------------------------------


def test_gender_from_pronoun_in_next_sentence() -> None:
    assert infer_gender("MAYA", LIGHTHOUSE, ["ELI"]) == "female"


def test_gender_from_role_noun() -> None:
    assert infer_gender("ELI", LIGHTHOUSE, ["MAYA"]) == "male"


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        ("Mrs. Rao opened the door.", "female"),
        ("Mr. Rao opened the door.", "male"),
        ("Rao, a tired mother of three, sat down.", "female"),
        ("Rao, the village father, sat down.", "male"),
        ("Rao lifted his bag.", "male"),
        ("Rao lifted her bag.", "female"),
        ("Rao opened the door.", "unknown"),
    ],
)
def test_gender_cues(passage: str, expected: str) -> None:
    assert infer_gender("Rao", [passage], []) == expected


def test_pronoun_in_a_sentence_naming_someone_else_does_not_count() -> None:
    assert infer_gender("Rao", ["Rao handed Lila her bag."], ["Lila"]) == "unknown"


# -- description, wardrobe, language --------------------------------------------------------


def test_description_is_the_introduction() -> None:
    assert introduction("MAYA", LIGHTHOUSE) == "MAYA (60s), a weathered keeper in a yellow raincoat"
    assert introduction("ELI", LIGHTHOUSE) == "ELI (12), a thin boy in a red scarf"


def test_description_falls_back_to_the_sentence() -> None:
    assert introduction("Lila", ["The bells rang. Lila ran to the river."]) == "Lila ran to the river."


def test_wardrobe() -> None:
    assert infer_wardrobe("MAYA", LIGHTHOUSE, bound_phrases("MAYA", LIGHTHOUSE, ["ELI"])) == "yellow raincoat"
    passages = ["Asha, an old woman in a white saree and a green shawl, lit the lamp."]
    assert infer_wardrobe("Asha", passages) == "white saree, green shawl"


def test_language() -> None:
    assert infer_language([Line("A", "Hello there.")], []) == "en"
    assert infer_language([Line("A", "नमस्ते, आप कैसे हैं?")], []) == "hi"
    assert infer_language([Line("A", "Hola.", parenthetical="in Spanish")], []) == "es"
    assert infer_language([Line("A", "こんにちは、元気ですか")], []) == "ja"


def test_describe_character_collects_everything() -> None:
    character = describe_character("MAYA", LIGHTHOUSE, [Line("MAYA", "Hold the rail.")], ["ELI"])
    assert (character.age_band, character.age, character.gender) == ("senior", 65, "female")
    assert character.wardrobe == "yellow raincoat"
    assert character.language == "en"


# -- mood, sentiment and emotion ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("They laugh and dance at the festival. What a wonderful, happy night!", "joyful"),
        ("The fog rolls in. A strange light flickers in the dark. Who is there?", "mysterious"),
        ("She cries at the funeral. He is gone. She is alone now.", "sad"),
        ("Run! The storm is here and the door crashes open. Hurry, we are in danger!", "tense"),
        ("Maya pours tea and reads the paper.", "calm"),
    ],
)
def test_scene_mood(text: str, mood: str) -> None:
    found, compound = scene_mood(text)
    assert found == mood
    assert -1.0 <= compound <= 1.0


def test_scene_mood_reports_vader_compound() -> None:
    assert scene_mood("What a wonderful, happy day!")[1] > 0.5
    assert scene_mood("He died. I hate this terrible place.")[1] < -0.5


@pytest.mark.parametrize(
    ("text", "parenthetical", "emotion"),
    [
        ("Okay.", "angrily", "angry"),
        ("Okay.", "whispering", "tender"),
        ("Okay.", "trembling", "afraid"),
        ("Okay.", "laughing", "happy"),
        ("Okay.", "sobbing", "sad"),
        ("Okay.", "gasps", "surprised"),
        ("I love you, my dear.", None, "tender"),
        ("Get out!", None, "angry"),
        ("What?!", None, "surprised"),
        ("Help me, I am scared.", None, "afraid"),
        ("My father died.", None, "sad"),
        ("This is the best day ever, I am so happy!", None, "happy"),
        ("The train leaves at nine.", None, "neutral"),
    ],
)
def test_line_emotion(text: str, parenthetical: str | None, emotion: str) -> None:
    assert line_emotion(text, parenthetical) == emotion


# -- culture ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "culture"),
    [
        ("The diyas float on the Ganga at Varanasi while temple bells ring.", "indian"),
        ("She draws rangoli for Diwali and says namaste.", "indian"),
        ("The call to prayer drifts from the mosque over the souk.", "middle_eastern"),
        ("Omar and Fatima cross the desert.", "middle_eastern"),
        ("She ties her kimono and walks to the shrine in Kyoto.", "east_asian"),
        ("Under the baobab tree in Lagos.", "african"),
        ("Abuela makes tamales for the fiesta.", "latin"),
        ("They drink coffee in a diner in Ohio.", "western"),
    ],
)
def test_culture(text: str, culture: str) -> None:
    assert detect_culture(text) == culture


def test_culture_threshold() -> None:
    assert detect_culture("A cup of chai.", threshold=2) == "western"
    assert detect_culture("A cup of chai by the ghat.", threshold=2) == "indian"


# -- headings, time of day, location ------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("INT. LIGHTHOUSE - NIGHT", ("LIGHTHOUSE", "night", True)),
        ("EXT. ROCKY ISLAND - DAWN", ("ROCKY ISLAND", "dawn", False)),
        ("INT. LIGHTHOUSE - LAMP ROOM - DUSK", ("LIGHTHOUSE - LAMP ROOM", "dusk", True)),
        ("EXT. BEACH - MORNING", ("BEACH", "day", False)),
        ("EXT. BEACH - EVENING", ("BEACH", "dusk", False)),
        ("EXT. BEACH - SUNSET", ("BEACH", "dusk", False)),
        ("EXT. BEACH - SUNRISE", ("BEACH", "dawn", False)),
        ("INT. HALL - CONTINUOUS", ("HALL", "previous", True)),
        ("INT./EXT. CAR - DAY", ("CAR", "day", None)),
        ("I/E TRUCK - LATER THAT NIGHT", ("TRUCK", "night", None)),
        ("EST. CITY - DAY", ("CITY", "day", False)),
        ("EXT. CLIFF", ("CLIFF", None, False)),
        ("SNIPER SCOPE POV", ("SNIPER SCOPE POV", None, None)),
    ],
)
def test_parse_heading(heading: str, expected: tuple[str, str | None, bool | None]) -> None:
    assert parse_heading(heading) == expected


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("The moon rose and the stars came out.", "night"),
        ("At dawn the birds began to sing.", "dawn"),
        ("The sunset painted the river red in the evening.", "dusk"),
        ("In the morning she made breakfast.", "day"),
        ("She opened the letter.", None),
    ],
)
def test_time_from_words(text: str, time: str | None) -> None:
    assert time_from_words(text) == time


def test_setting_from_words() -> None:
    assert setting_from_words("She cooked in the kitchen.") == ("KITCHEN", True)
    assert setting_from_words("Temple bells rang over the ghat.", ["Varanasi"]) == ("VARANASI - GHAT", False)
    assert setting_from_words("She opened the letter.") == ("", None)
