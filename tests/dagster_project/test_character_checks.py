"""Materialise breakdown -> character_sheets -> scene_images with the consistency check in process;
a new character version re-draws exactly the scenes that character is in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dagster as dg
import numpy as np
import pytest
from PIL import Image

from assets.breakdown import scene_breakdown
from assets.characters import character_sheets
from assets.images import scene_images
from dagster_project.character_checks import CHARACTER_CHECKS
from dagster_project.resources import film_resources
from studio.domain.formats import FilmFormat
from studio.services.characters import CharacterVersions
from studio.store import FilmStore

SCRIPT = """\
Title: Two Lamps

INT. LIGHTHOUSE - NIGHT

Rain hammers the glass.

MAYA
Hold the lamp steady.

ELI
It is heavy!

EXT. COAST - DAWN

ELI
I can see the boat!

EXT. CITY STREET - DUSK

MAYA
Home at last.
"""


def _materialise(home: Path, film_id: str, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [scene_breakdown, character_sheets, scene_images, *CHARACTER_CHECKS], partition_key=film_id,
        instance=instance,
        resources=film_resources(str(home)),
    )  # fmt: skip


def _manifest(home: Path, film_id: str, asset: str) -> dict[str, Any]:
    folder = home / "media" / film_id / asset
    return json.loads((folder / "manifest.json").read_text()) | {"dir": folder}


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("studio")
    backdrop = home / "harbour.png"
    gradient = np.zeros((90, 160, 3), dtype=np.uint8)
    gradient[..., 2] = np.linspace(60, 250, 160, dtype=np.uint8)[None, :]
    Image.fromarray(gradient).save(backdrop)
    store = FilmStore(f"sqlite:///{home / 'studio.db'}")
    store.migrate()
    fmt = FilmFormat(
        resolution="480p",
        style="storybook",
        references=[{"path": str(backdrop), "role": "background", "character": None}],
    )
    row = store.create_film("Two Lamps", SCRIPT, "fountain", fmt.to_dict())
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [row.id])
    result = _materialise(home, row.id, instance)
    assert result.success
    return {"home": home, "id": row.id, "store": store, "instance": instance, "result": result}


def test_consistency_check_passes_with_its_metric(film: dict[str, Any]) -> None:
    evaluations = film["result"].get_asset_check_evaluations()
    assert [e.check_name for e in evaluations] == ["characters_are_consistent"]
    check = evaluations[0]
    assert check.passed, check.description
    metric = check.metadata["consistency"].value
    assert metric["appearances"] == {"ELI": 2, "MAYA": 2}
    assert metric["identification_accuracy"] == 1.0 and all(m > 0 for m in metric["margin"].values())


def test_sheets_list_every_picture_and_versions_are_recorded(film: dict[str, Any]) -> None:
    sheets = _manifest(film["home"], film["id"], "character_sheets")
    for name in ("MAYA", "ELI"):
        entry = sheets["characters"][name]
        assert (entry["version"], entry["stage"], entry["mode"]) == (1, "concept", "avatar")
        for rel in [entry["sheet"], entry["turnaround"], *entry["expressions"].values(), *entry["visemes"].values()]:
            assert (sheets["dir"] / rel).is_file(), rel
    history = CharacterVersions(film["store"]).list(film["id"])
    assert sorted((v.name, v.version, v.active) for v in history) == [("ELI", 1, True), ("MAYA", 1, True)]


def test_plates_use_the_style_and_the_background_reference(film: dict[str, Any]) -> None:
    images = _manifest(film["home"], film["id"], "scene_images")
    assert images["style"] == "storybook" and images["size"] == [854, 480]
    assert set(images["archetypes"].values()) == {"backdrop"}  # one background reference, used by every scene
    art = json.loads((images["dir"] / "s01" / "art.json").read_text())
    assert art["style"] == "storybook" and art["weather"] == "rain"


def test_a_new_version_redraws_only_that_characters_scenes(film: dict[str, Any]) -> None:
    CharacterVersions(film["store"]).add(film["id"], "ELI", {"top": "#2f6fd0", "hair_style": "curly"})
    result = _materialise(film["home"], film["id"], film["instance"])
    assert result.success
    images = _manifest(film["home"], film["id"], "scene_images")
    assert images["scenes_recomputed"] == ["s01", "s02"] and images["scenes_reused"] == ["s03"]
    sheets = _manifest(film["home"], film["id"], "character_sheets")
    assert sheets["characters"]["ELI"]["version"] == 2 and sheets["characters"]["ELI"]["look"]["top"] == "#2f6fd0"
    assert (sheets["characters_recomputed"], sheets["characters_reused"]) == (["ELI"], ["MAYA"])
    assert (sheets["dir"] / sheets["characters"]["MAYA"]["turnaround"]).is_file()  # reused pictures are published
    CharacterVersions(film["store"]).rollback(film["id"], "ELI", 1)
    result = _materialise(film["home"], film["id"], film["instance"])
    images = _manifest(film["home"], film["id"], "scene_images")
    assert images["scenes_recomputed"] == [] and images["scenes_reused"] == ["s01", "s02", "s03"]  # back in cache
