"""Character looks: deterministic, driven by the script's words, and distinct across a cast."""

from __future__ import annotations

from models.breakdown import Character
from models.image.colours import COLOUR_WORDS, HAIR_WORDS, hue_of
from models.image.figure import figure_size
from models.image.look import CharacterLook, cast_looks, look_for

MAYA = Character("MAYA", "adult", 34, "female", "a lighthouse keeper in a yellow raincoat")
ELIAS = Character("ELIAS", "senior", 70, "male", "grey hair, a thick beard and round glasses")
LILA = Character("Lila", "child", 9, "female", "a curious girl")
ARJUN = Character("ARJUN", "adult", 30, "male", "")


def test_same_character_gives_identical_look() -> None:
    first, second = look_for(MAYA, "western"), look_for(Character(**vars(MAYA)), "western")
    assert first.to_dict() == second.to_dict()
    assert CharacterLook.from_dict(first.to_dict()) == first


def test_description_words_set_the_look() -> None:
    maya = look_for(MAYA, "western")
    assert maya.outfit == "raincoat" and maya.top == COLOUR_WORDS["yellow"]
    assert {"outfit", "top"} <= set(maya.from_script)
    elias = look_for(ELIAS, "western")
    assert elias.hair_colour == HAIR_WORDS["grey"]
    assert {"beard", "glasses"} <= set(elias.accessories)


def test_age_and_gender_shape_the_figure() -> None:
    lila, arjun = look_for(LILA, "western"), look_for(ARJUN, "western")
    assert lila.age_band == "child"
    assert figure_size(lila, 100)[1] < 0.8 * figure_size(arjun, 100)[1]
    senior = look_for(Character("Nani", "senior", 78, "female", "grandmother"), "indian")
    assert senior.hair_colour in {"#a8a9ad", "#cfd0d4", "#ecebe6", "#8e8f94"}  # greys


def test_culture_picks_the_wardrobe() -> None:
    meera = Character("Meera", "adult", 40, "female", "")
    assert look_for(meera, "indian").outfit == "saree"
    assert look_for(meera, "western").outfit != "saree"
    assert look_for(ARJUN, "indian").outfit == "kurta"


def test_different_characters_look_different() -> None:
    a, b = (
        look_for(Character("Ravi", "adult", 30, "male"), "indian"),
        look_for(Character("Sunil", "adult", 30, "male"), "indian"),
    )
    assert (a.top, a.hair_style, a.skin, a.hair_colour) != (b.top, b.hair_style, b.skin, b.hair_colour)
    cast = cast_looks([MAYA, ELIAS, LILA, ARJUN, Character("Tom", "adult", 41, "male")], "western")
    hues = sorted(hue_of(look.top) for look in cast.values())
    gaps = [min(abs(x - y), 1 - abs(x - y)) for i, x in enumerate(hues) for y in hues[i + 1 :]]
    assert min(gaps) >= 0.05
    signatures = {(look.top, look.hair_style, look.hair_colour) for look in cast.values()}
    assert len(signatures) == len(cast)
    assert list(cast) == ["MAYA", "ELIAS", "Lila", "ARJUN", "Tom"]
