"""The staging checks as Dagster asset checks: registered in the film's gate, read the saved plates."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from assets.manifests import SceneBreakdownManifest, SceneImagesManifest
from dagster_project.definitions import FILM_CHECKS
from dagster_project.framing_checks import framing_is_clean, objects_on_screen
from models.breakdown import Breakdown, Character, Line, Scene
from models.image.illustrator import draw_scene
from models.image.look import cast_looks

CAST = [Character("MAYA", "adult", 34, "female", "yellow raincoat"), Character("ELIAS", "senior", 70, "male", "beard")]
SCENE = Scene(
    "s01",
    "EXT. HARBOUR - DUSK",
    "HARBOUR",
    "dusk",
    False,
    action=["Maya coils a rope beside a boat. Elias carries a lantern, a net and a bucket of fish."],
    characters=["MAYA", "ELIAS"],
    lines=[Line("MAYA", "The boats are back.")],
)


def _manifests(tmp_path: Path, objects: bool = True) -> tuple[SceneImagesManifest, SceneBreakdownManifest]:
    art = draw_scene(SCENE, cast_looks(CAST, "western"), (480, 270))
    if not objects:
        art.objects = []
    art.save(tmp_path / "s01")
    breakdown = Breakdown("Harbour", "fountain", "western", CAST, [SCENE])
    images = SceneImagesManifest(
        dir=tmp_path, size=[480, 270], scenes=["s01"], keys={"s01": ""}, style="flat",
        backend={"name": "illustrator", "version": ""}, archetypes={"s01": art.archetype},
        archetype_reasons={"s01": ""}, scenes_recomputed=["s01"], scenes_reused=[],
    )  # fmt: skip
    return images, SceneBreakdownManifest(breakdown=breakdown)


def test_checks_are_in_the_films_quality_gate() -> None:
    names = {spec.name for check in FILM_CHECKS for spec in check.check_specs}
    assert {"objects_on_screen", "framing_is_clean"} <= names


def test_objects_and_framing_pass_on_a_staged_plate_and_misses_fail(tmp_path: Path) -> None:
    images, breakdown = _manifests(tmp_path)
    result = objects_on_screen(scene_images=images, scene_breakdown=breakdown)
    assert isinstance(result, dg.AssetCheckResult) and result.passed, result.description
    assert framing_is_clean(scene_images=images).passed
    bare, breakdown = _manifests(tmp_path / "bare", objects=False)
    missed = objects_on_screen(scene_images=bare, scene_breakdown=breakdown)
    assert not missed.passed
    assert "rope" in missed.description or "lantern" in missed.description
