"""An object with no icon of its own is drawn as the nearest kind of thing WordNet knows that has
one ("bracken" is a fern), and listed as a substitute; a kind is offered only where its word reads
as meant, and only for the thing the word most often names."""

from __future__ import annotations

from models.breakdown import Breakdown, Character, Line, Scene
from models.image.icons import icon_set
from models.image.illustrator import draw_scene
from models.image.look import cast_looks
from models.image.prop_meaning import KeywordOnly
from models.image.set_dressing import pick_icon
from models.image.staging_checks import objects_on_screen
from models.script.wordnet import kinds_of

MAYA = [Character("MAYA", "adult", 34, "female", "yellow raincoat")]


def test_a_thing_is_a_kind_of_its_hypernyms_nearest_first() -> None:
    assert "fern" in kinds_of("bracken")
    assert kinds_of("stovepipe")[0] == "chimney"
    assert kinds_of("smoker") == []  # a person before it is a railway car
    assert "bed" not in kinds_of("riverbed")  # a bed is furniture first: the word would not read as meant
    assert kinds_of("kindness") == [] and kinds_of("qwertyuiop") == []


def test_a_word_with_no_icon_is_drawn_as_its_kind_and_listed_as_a_substitute() -> None:
    icons = icon_set()
    choice, why = pick_icon("bracken", icons, KeywordOnly())
    assert (choice.icon, choice.match) == ("fern", "substitute")
    assert why == 'substitute: "bracken" -> fern (a kind of fern, WordNet)'
    assert pick_icon("riverbed", icons, KeywordOnly())[0].icon != "bed"
    assert pick_icon("lantern", icons, KeywordOnly())[1].startswith("keyword:")  # a curated word still decides
    # Smoke is a kind of aerosol to WordNet, and the "aerosol" silhouette is a spray can: the curated word wins.
    assert pick_icon("smoke", icons, KeywordOnly())[0].icon == "cloud"


def test_the_plate_stages_the_kind_and_the_check_counts_it_as_a_substitute() -> None:
    scene = Scene(
        "s01", "EXT. HILLSIDE - DAY", "HILLSIDE", "day", False, action=["Maya cuts the bracken below the stovepipe."],
        characters=["MAYA"], lines=[Line("MAYA", "Nearly done.")],
    )  # fmt: skip
    art = draw_scene(scene, cast_looks(MAYA, "western"), (480, 270))
    outcome = objects_on_screen(Breakdown("Hillside", "fountain", "western", MAYA, [scene]), {"s01": art})
    drawn = {p["word"]: p["icon"] for p in art.objects}
    assert drawn.get("bracken") == "fern" and drawn.get("stovepipe") == "chimney"
    assert outcome.passed
    assert {"bracken": "fern", "stovepipe": "chimney"}.items() <= outcome.metadata["scenes"]["s01"][
        "substitutes"
    ].items()


def test_a_thing_is_drawn_as_a_general_kind_when_no_nearer_kind_has_an_icon() -> None:
    # Words from the tuning half whose nearest kinds have no icon: a broader kind does ("a mitten is handwear").
    icons = icon_set()
    expected = {"mitten": "gloves", "sledgehammer": "hammer", "kerosene": "oil-drum", "snowsuit": "coat",
                "hoes": "hammer-and-wrench", "intercom": "telephone", "gumboots": "hiking-boot"}  # fmt: skip
    for word, icon in expected.items():
        choice, why = pick_icon(word, icons, KeywordOnly())
        assert (choice.icon, choice.match) == (icon, "substitute"), (word, why)
        assert why.endswith(("WordNet)", "by its ending)")), why
    # A bicycle pump's hose is hosiery to WordNet first: no shoe or sock is drawn for it.
    assert pick_icon("hose", icons, KeywordOnly())[0].icon not in {"mans-shoe", "socks", "running-shoe"}
