"""Where a scene is: a stage direction that opens on the setting, places the narration puts
someone in before places only talked of, and a scene moved to by time alone staying put. Cases
come from the tuning half of the corpus (bench/understanding/tune) and from plain English."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.script import build_breakdown
from models.script.analysis import establishing_place, setting_from_words

TUNE = Path(__file__).resolve().parents[3] / "bench" / "understanding" / "tune"


def first_scene_place(name: str) -> tuple[str, str]:
    scene = build_breakdown((TUNE / f"{name}.txt").read_text()).scenes[0]
    return scene.location, scene.place_reason


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("t63_saturday_chair", "BARBERSHOP"),  # a setting no list names
        ("t55_last_bus", "BUS SHELTER"),  # not "home", which a line only talks of
        ("t36_audition", "REHEARSAL ROOM"),  # not the "balcony speech"
        ("t33_flatmates", "FLAT"),
        ("t69_curfew", "HALLWAY"),
    ],
)
def test_a_stage_direction_that_opens_on_a_place_sets_the_scene(name: str, place: str) -> None:
    location, reason = first_scene_place(name)
    assert location == place
    assert reason.startswith("the scene opens on it")


@pytest.mark.parametrize(
    "text",
    [
        "A fox trotting below smelled the cheese.",  # action, not a setting
        "An old man, MR. PETROV, sits at the end of the bench.",  # a person
        "A long silence.",  # a sound
        "The next morning, rain.",  # a time
    ],
)
def test_an_opening_that_names_no_place_is_not_a_setting(text: str) -> None:
    assert establishing_place(text) is None


def test_an_object_in_a_named_place_gives_the_place() -> None:
    assert establishing_place("A bench in the park. Two pigeons.") == ("PARK", False)


def test_a_place_someone_is_in_outweighs_one_named_in_passing() -> None:
    text = "Peter watched the village sheep on the hillside. The farmers came running up the hill."
    assert setting_from_words(text)[0] in ("HILLSIDE", "HILL")


def test_a_place_only_spoken_of_does_not_set_the_scene() -> None:
    text = 'Mira stood in the kitchen. "Go home," she said. "Home, now, home!"'
    assert setting_from_words(text)[0] == "KITCHEN"


def test_flat_is_a_home_only_where_it_is_a_noun() -> None:
    assert setting_from_words("She skimmed a flat stone across the pond.")[0] == "POND"
    assert setting_from_words("Their flat, late at night, was cold.")[0] == "FLAT"


def test_a_scene_moved_to_by_time_alone_keeps_the_place() -> None:
    story = (
        "In the afternoon Asha sat in the garden and watched the road.\n\n"
        '"Will he come?" Asha asked.\n\n'
        "That night the wind rattled the shutters. Someone knocked.\n\n"
        '"Who is it?" Asha called.'
    )
    scenes = build_breakdown(story).scenes
    assert len(scenes) == 2
    assert scenes[0].location == "GARDEN"
    assert scenes[1].location == "GARDEN"
    assert "previous scene" in scenes[1].place_reason


def test_a_lower_case_word_is_never_a_named_place() -> None:
    # spaCy's small model once read "dustpan" as a place; a named place is a proper name.
    scene = build_breakdown((TUNE / "t83_tulip_glass.txt").read_text()).scenes[0]
    assert "DUSTPAN" not in scene.location
