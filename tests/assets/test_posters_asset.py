"""posters materialised in process for a stored film, with its legibility check run on the files."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from assets.breakdown import scene_breakdown
from assets.characters import character_sheets
from assets.images import scene_images
from assets.posters import posters
from dagster_project.poster_checks import posters_are_legible
from dagster_project.resources import film_resources
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

SCRIPT = (Path(__file__).resolve().parents[2] / "samples" / "lighthouse.fountain").read_text(encoding="utf-8")


def test_posters_asset_and_check(tmp_path: Path) -> None:
    store = FilmStore(f"sqlite:///{tmp_path / 'studio.db'}")
    store.migrate()
    film = store.create_film("Beacon", SCRIPT, "fountain", FilmFormat().to_dict())
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [film.id])
    result = dg.materialize(
        [scene_breakdown, character_sheets, scene_images, posters, posters_are_legible], partition_key=film.id,
        instance=instance,
        resources=film_resources(str(tmp_path)),
    )  # fmt: skip
    assert result.success
    folder = tmp_path / "media" / film.id / "posters"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["title"] == store.get_film(film.id).title == "The Last Light"  # the film's title in the store
    assert sorted(p.name for p in folder.glob("*.jpg")) == [
        "banner.jpg",
        "poster_ensemble.jpg",
        "poster_key_art.jpg",
        "poster_minimal.jpg",
    ]
    [check] = result.get_asset_check_evaluations()
    assert check.passed, check.metadata
