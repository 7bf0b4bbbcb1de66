"""The character consistency metric: high for the same identity across scenes, low across people."""

from __future__ import annotations

import colorsys
from dataclasses import replace

import pytest

from models.breakdown import Character, Line, Scene
from models.image.consistency import consistency
from models.image.illustrator import draw_scene
from models.image.look import cast_looks

CAST = [
    Character("MAYA", "adult", 34, "female", "yellow raincoat"),
    Character("ELI", "child", 12, "male", ""),
    Character("RAVI", "adult", 40, "male", ""),
]
SCENES = [
    Scene(
        "s01",
        "INT. LIGHTHOUSE - NIGHT",
        "LIGHTHOUSE",
        "night",
        True,
        characters=["MAYA", "ELI"],
        lines=[Line("MAYA", "Hold the lamp.", emotion="afraid")],
    ),
    Scene(
        "s02",
        "EXT. COAST - DAWN",
        "COAST",
        "dawn",
        False,
        characters=["MAYA", "ELI", "RAVI"],
        lines=[Line("ELI", "The boat!", emotion="happy")],
    ),
    Scene("s03", "EXT. CITY STREET - DUSK", "CITY STREET", "dusk", False, characters=["RAVI", "MAYA"], mood="tense"),
]


@pytest.mark.parametrize("style", ["flat", "storybook"])
def test_same_identity_everywhere_passes(style: str) -> None:
    looks = cast_looks(CAST, "western")
    report = consistency([draw_scene(scene, looks, (480, 270), style) for scene in SCENES])
    assert report.appearances == {"MAYA": 3, "ELI": 2, "RAVI": 2}
    assert report.passed and report.accuracy == 1.0
    assert all(v >= 0.6 for v in report.self_similarity.values())
    assert all(m > 0.2 for m in report.margin.values())
    assert report.to_dict()["passed"] is True


def test_a_character_that_changes_between_scenes_fails() -> None:
    looks = cast_looks(CAST, "western")
    drifted = {
        **looks,
        "MAYA": replace(looks["MAYA"], top="#2f6fd0", bottom="#2f6fd0", hair_colour="#e3c06b", outfit="dress"),
    }
    arts = [
        draw_scene(SCENES[0], looks, (480, 270)),
        draw_scene(SCENES[1], drifted, (480, 270)),
        draw_scene(SCENES[2], looks, (480, 270)),
    ]
    report = consistency(arts)
    assert not report.passed
    assert report.self_similarity["MAYA"] < 0.6


def test_two_characters_that_look_alike_fail() -> None:
    looks = cast_looks(CAST, "western")
    twins = {**looks, "RAVI": replace(looks["MAYA"], name="RAVI")}
    report = consistency([draw_scene(scene, twins, (480, 270)) for scene in SCENES])
    assert not report.passed and report.margin["RAVI"] <= 0


@pytest.mark.parametrize("hue", [209.6, 210.4, 239.7])
def test_a_costume_whose_hue_lies_on_a_bin_edge_is_the_same_costume_at_dawn_and_by_day(hue: float) -> None:
    """h3_01's grandmother: a blue dress at 210 degrees, on the edge between two hue bins, scored
    0.06 on the torso between her dawn and day scenes (0.51 overall): the light moved it across the
    edge. With each hue shared between the two nearest bins the same dress scores as the same."""
    red, green, blue = colorsys.hsv_to_rgb(hue / 360, 0.78, 0.78)
    dress = f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
    looks = cast_looks(CAST, "western")
    looks = {**looks, "MAYA": replace(looks["MAYA"], top=dress, bottom=dress, outfit="dress")}
    by_day = replace(SCENES[1], scene_id="s04", time_of_day="day")
    report = consistency([draw_scene(scene, looks, (480, 270)) for scene in (SCENES[1], by_day)])
    assert report.self_similarity["MAYA"] >= 0.9 and report.passed, report.to_dict()


def test_only_the_figures_own_pixels_count() -> None:
    """A fox and a crow in a forest by day and on a farm at dusk: the scenery around a head and behind a
    body band is not the figure's colours, so the fox stays itself (0.71 when the patches counted the
    backdrop). Nor is a shadow: the band below the crow's head holds only its legs and its shadow, the
    ground's colour made darker (0.46 when the shadow counted: one purple bird scored as two)."""
    fable = [Character("FOX", description="a sly red fox"), Character("CROW", description="a vain crow")]
    looks = cast_looks(fable, "western")
    arts = []
    for i, (heading, time) in enumerate((("EXT. FOREST", "day"), ("EXT. FARM", "dusk"))):
        scene = Scene(f"s0{i}", f"{heading} - {time.upper()}", heading[5:], time, False, characters=["FOX", "CROW"],
                      lines=[Line("FOX", "Sing for me, friend.")])  # fmt: skip
        arts.append(draw_scene(scene, looks, (480, 270)))
    report = consistency(arts)
    assert report.self_similarity["FOX"] >= 0.85 and report.self_similarity["CROW"] >= 0.85, report.to_dict()
    assert report.passed and report.accuracy == 1.0, report.to_dict()
