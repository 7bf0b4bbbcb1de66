"""Wardrobe by meaning: garments the clothing list does not hold are found from the words around a
noun bound to a character, and a garment the illustrator cannot draw is drawn as the nearest one it
can, recorded in the breakdown; the clothing list stays the default and the override."""

from __future__ import annotations

import pytest

from models.errors import StudioModelError
from models.image.look import look_for
from models.image.wording import ACCESSORY_WORDS, GARMENTS
from models.script import build_breakdown
from models.script.wardrobe_meaning import DRAWN, wardrobe_matcher

KIMONO = 'Aiko wore a silk kimono.\n\n"The tea is ready," Aiko said.'
DOUBLET = 'Orsino wore a velvet doublet.\n\n"Play on," Orsino said.'
LANTERN = 'Mira carried a brass lantern.\n\n"Who is there?" Mira said.'


@pytest.fixture(scope="module")
def meaning():
    return wardrobe_matcher("embedding")


def test_every_substitute_is_a_garment_the_illustrator_draws() -> None:
    assert set(DRAWN) <= set(GARMENTS) | set(ACCESSORY_WORDS)


def test_a_kimono_is_found_with_its_drawable_substitute(meaning) -> None:
    keyword = build_breakdown(KIMONO).character("Aiko")
    assert keyword.wardrobe == "silk kimono"  # the list knows it, the illustrator does not draw it
    aiko = build_breakdown(KIMONO, garments=meaning).character("Aiko")
    assert aiko.wardrobe.startswith("silk kimono (drawn as ")
    drawn = aiko.wardrobe.removeprefix("silk kimono (drawn as ").rstrip(")")
    assert drawn in DRAWN
    assert any(note.startswith(f"wardrobe: kimono -> {drawn} (meaning ") for note in aiko.assumed)
    look = look_for(aiko, "east_asian")
    assert "outfit" in look.from_script  # the substitute reaches the drawing


def test_a_garment_outside_the_list_is_found_by_the_words_around_it(meaning) -> None:
    assert build_breakdown(DOUBLET).character("Orsino").wardrobe == ""  # not in the clothing list
    orsino = build_breakdown(DOUBLET, garments=meaning).character("Orsino")
    assert "doublet (drawn as " in orsino.wardrobe
    assert any(note.startswith("wardrobe: doublet -> ") for note in orsino.assumed)


def test_a_thing_carried_is_not_clothing(meaning) -> None:
    assert build_breakdown(LANTERN, garments=meaning).character("Mira").wardrobe == ""


def test_a_listed_drawable_garment_stays_as_written(meaning) -> None:
    text = 'Maya wore a yellow raincoat.\n\n"Hold the rail," Maya said.'
    maya = build_breakdown(text, garments=meaning).character("Maya")
    assert maya.wardrobe == "yellow raincoat"
    assert not any(note.startswith("wardrobe:") for note in maya.assumed)


def test_an_unknown_matcher_is_refused_by_name() -> None:
    with pytest.raises(StudioModelError, match="Unknown wardrobe matcher 'vibes'"):
        wardrobe_matcher("vibes")
