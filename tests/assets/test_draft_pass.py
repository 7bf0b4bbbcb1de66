"""A draft pass (480p, 12 fps) and the final pass of one script: the same timing and sound, smaller
and fewer pictures, and the final reuses the draft's voices."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dagster as dg
import pytest

from dagster_project.definitions import FILM_ASSETS
from dagster_project.resources import film_resources
from integrations.ffmpeg import probe
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

SCRIPT = """\
Title: The Late Boat

EXT. HARBOUR - DUSK

ASHA waves a lantern at the water.

ASHA
Look, a light past the reef.

RAVI
It is blinking. That is him!
"""


def _render(home: Path, fmt: FilmFormat) -> dict[str, Any]:
    store = FilmStore(f"sqlite:///{home / 'studio.db'}")
    store.migrate()
    row = store.create_film("The Late Boat", SCRIPT, "fountain", fmt.to_dict())
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [row.id])
    result = dg.materialize(FILM_ASSETS, partition_key=row.id, instance=instance,
                            resources=film_resources(str(home)))  # fmt: skip
    assert result.success
    media = home / "media" / row.id
    voices = result.asset_materializations_for_node("voice_tracks")[0].metadata
    return {"film": media / "final_cut" / "film.mp4",
            "breakdown": json.loads((media / "final_cut" / "breakdown.json").read_text()),
            "voices_reused": voices["scenes_reused"].value}  # fmt: skip


@pytest.fixture(scope="module")
def passes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    home = tmp_path_factory.mktemp("studio")  # one studio: the final finds the draft's takes in the cache
    draft = _render(home, FilmFormat(resolution="720p", draft=True))
    final = _render(home, FilmFormat(resolution="720p"))
    return {"draft": draft, "final": final}


def _video(path: Path) -> tuple[int, int, float, float]:
    info = probe(path)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    num, den = (int(v) for v in video["avg_frame_rate"].split("/"))
    return int(video["width"]), int(video["height"]), num / den, float(info["format"]["duration"])


def test_the_draft_is_480p_at_12_fps_and_the_final_720p_at_24(passes: dict[str, dict[str, Any]]) -> None:
    dw, dh, dfps, _ = _video(passes["draft"]["film"])
    fw, fh, ffps, _ = _video(passes["final"]["film"])
    assert (dw, dh, round(dfps)) == (854, 480, 12)
    assert (fw, fh, round(ffps)) == (1280, 720, 24)


def test_draft_and_final_share_their_timing(passes: dict[str, dict[str, Any]]) -> None:
    *_, draft_seconds = _video(passes["draft"]["film"])
    *_, final_seconds = _video(passes["final"]["film"])
    assert abs(draft_seconds - final_seconds) <= 1 / 12 + 0.05
    times = {name: [(line["text"], line["start"], line["end"]) for scene in passes[name]["breakdown"]["scenes"]
                    for line in scene["lines"]] for name in ("draft", "final")}  # fmt: skip
    assert times["draft"] == times["final"] and len(times["final"]) == 2


def test_the_final_reuses_the_drafts_voices(passes: dict[str, dict[str, Any]]) -> None:
    assert passes["final"]["voices_reused"] == [scene["scene_id"] for scene in passes["final"]["breakdown"]["scenes"]]
