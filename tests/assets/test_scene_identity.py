"""A scene inserted at the top of a rendered film recomputes that scene only: every later scene's voices,
plate and (past the first, whose opening fade moved) clip come from the cache, named for their new place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dagster as dg
import pytest

from dagster_project.definitions import FILM_ASSETS
from dagster_project.resources import film_resources
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

SCENES = """\
EXT. HARBOUR - DUSK

ASHA
Look, a light past the reef.

INT. KITCHEN - NIGHT

RAVI
The radio only crackles.

EXT. BEACH - NIGHT

ASHA
Wave the lantern so he sees us.
"""
INSERTED = """\
INT. OFFICE - DAY

RAVI
Sir, our father has not come back.

"""
PICTURE_STEPS = ["scene_breakdown", "character_sheets", "voice_tracks", "scene_images", "lipsync_clips"]


def _render(home: Path, film_id: str) -> dict[str, dict[str, Any]]:
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [film_id])
    result = dg.materialize(FILM_ASSETS, selection=PICTURE_STEPS, partition_key=film_id, instance=instance,
                            resources=film_resources(str(home)))  # fmt: skip
    assert result.success
    report = {}
    for step in ("voice_tracks", "scene_images", "lipsync_clips"):
        metadata = result.asset_materializations_for_node(step)[0].metadata
        folder = home / "media" / film_id / step
        report[step] = {
            "recomputed": metadata["scenes_recomputed"].value,
            "reused": metadata["scenes_reused"].value,
            "dir": folder,
            "manifest": json.loads((folder / "manifest.json").read_text()),
        }
    return report


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, Any]]]:
    home = tmp_path_factory.mktemp("studio")
    store = FilmStore(f"sqlite:///{home / 'studio.db'}")
    store.migrate()
    fmt = FilmFormat(resolution="480p", draft=True).to_dict()
    film = store.create_film("The Late Boat", "Title: The Late Boat\n\n" + SCENES, "fountain", fmt).id
    before = _render(home, film)
    # Keep the first render's files: the re-render replaces the film's media folders.
    kept = {step: {p.name: p.read_bytes() for p in r["dir"].rglob("*.wav")} for step, r in before.items()}
    store.update_script(film, "Title: The Late Boat\n\n" + INSERTED + SCENES, "fountain")
    return {"before": before, "after": _render(home, film), "kept": kept}


def test_the_first_render_computes_every_scene(renders: dict[str, Any]) -> None:
    for step in ("voice_tracks", "scene_images", "lipsync_clips"):
        assert renders["before"][step]["recomputed"] == ["s01", "s02", "s03"], step


def test_after_an_insert_at_the_top_only_the_new_scene_is_voiced_and_drawn(renders: dict[str, Any]) -> None:
    after = renders["after"]
    for step in ("voice_tracks", "scene_images"):
        assert after[step]["recomputed"] == ["s01"], step
        assert after[step]["reused"] == ["s02", "s03", "s04"], step
    # The old first scene opened the film with a fade in and now cuts in: its clip is redone, the rest reused.
    assert after["lipsync_clips"]["reused"] == ["s03", "s04"]
    assert set(after["lipsync_clips"]["recomputed"]) == {"s01", "s02"}


def test_reused_files_are_renamed_for_their_new_place(renders: dict[str, Any]) -> None:
    after, kept = renders["after"], renders["kept"]["voice_tracks"]
    voices = after["voice_tracks"]
    takes = {t["scene_id"]: t for t in voices["manifest"]["takes"]}
    assert takes["s04"]["text"] == "Wave the lantern so he sees us."
    assert takes["s04"]["file"] == "s04_000.wav"
    # The beach scene's take, voiced once as s03, is the same recording under its new name.
    assert (voices["dir"] / "s04_000.wav").read_bytes() == kept["s03_000.wav"]
    assert takes["s01"]["text"] == "Sir, our father has not come back."
    clips = {c["scene_id"]: c for c in after["lipsync_clips"]["manifest"]["clips"]}
    assert clips["s04"]["file"] == "s04.mp4" and (after["lipsync_clips"]["dir"] / "s04.mp4").stat().st_size > 0
    assert (after["lipsync_clips"]["dir"] / clips["s04"]["mouth"]).is_file()
    plates = after["scene_images"]
    assert plates["manifest"]["scenes"] == ["s01", "s02", "s03", "s04"]
    assert (plates["dir"] / "s04" / "frame.png").is_file()
    assert plates["manifest"]["archetypes"]["s04"] == renders["before"]["scene_images"]["manifest"]["archetypes"]["s03"]
