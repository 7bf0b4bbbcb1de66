"""Materialise a short two-scene film with a watermark and burned-in subtitles, with every picture check."""

from __future__ import annotations

import json
from typing import Any

import dagster as dg
import numpy as np
import pytest

from dagster_project.checks import ALL_CHECKS
from dagster_project.definitions import FILM_ASSETS, defs, render_film
from dagster_project.picture_checks import PICTURE_CHECKS
from dagster_project.resources import film_resources
from integrations.ffmpeg import probe, read_frames
from models.subtitles import parse_srt
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

SCRIPT = """\
Title: Harbour Lights

EXT. HARBOUR - DUSK

ASHA (30s), a fisher in a green coat, coils a rope. Her brother RAVI (20s) runs up the quay.

RAVI
Asha! The boats are coming back early!

ASHA
(surprised)
Already? Then the storm is close.

DISSOLVE TO:

INT. KITCHEN - NIGHT

ASHA
Light the lamp and keep the door shut.
"""


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("picture")
    store = FilmStore(f"sqlite:///{home / 'studio.db'}")
    store.migrate()
    fmt = FilmFormat(resolution="480p", watermark=True, burn_subtitles={"colour": "yellow", "position": "bottom"})
    row = store.create_film("Harbour Lights", SCRIPT, "fountain", fmt.to_dict())
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [row.id])
    result = dg.materialize(
        [*FILM_ASSETS, *ALL_CHECKS, *PICTURE_CHECKS], partition_key=row.id, instance=instance,
        resources=film_resources(str(home)),
    )  # fmt: skip
    assert result.success
    media = home / "media" / row.id
    manifests = {a: json.loads((media / a / "manifest.json").read_text()) | {"dir": media / a}
                 for a in ("final_cut", "lipsync_clips", "trailer", "voice_tracks")}  # fmt: skip
    return {"result": result, "media": media, **manifests}


def test_picture_checks_are_in_the_definitions_and_the_render_job() -> None:
    keys = {key for check in PICTURE_CHECKS for key in check.check_keys}
    assert {k.name for k in keys} == {"lipsync_follows_speech", "no_frozen_stretches", "no_black_frames_mid_film",
                                      "thumbnails_not_blank"}  # fmt: skip
    job = defs.resolve_job_def(render_film.name)
    assert keys <= set(job.asset_layer.asset_graph.asset_check_keys)


def test_every_picture_check_passes(film: dict[str, Any]) -> None:
    evaluations = {e.check_name: e for e in film["result"].get_asset_check_evaluations()}
    names = {"lipsync_follows_speech", "no_frozen_stretches", "no_black_frames_mid_film", "thumbnails_not_blank"}
    assert names <= set(evaluations)
    failed = {n: (evaluations[n].description, evaluations[n].metadata) for n in names if not evaluations[n].passed}
    assert failed == {}
    lipsync = evaluations["lipsync_follows_speech"].metadata
    assert lipsync["speaking_shots"].value == 3 and lipsync["min_correlation"].value >= 0.5


def test_film_is_480p_and_shot_with_cuts_and_a_dissolve(film: dict[str, Any]) -> None:
    video = next(s for s in probe(film["final_cut"]["dir"] / "film.mp4")["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"]) == (854, 480)
    clips = film["lipsync_clips"]["clips"]
    kinds = [shot["kind"] for clip in clips for shot in clip["shots"]]
    assert kinds[0] == "establishing" and "closing" in kinds and len(kinds) >= 4
    assert clips[1]["edges"]["dissolve_in"] > 0 and clips[0]["edges"]["fade_in"] > 0


def _frame(film: dict[str, Any], seconds: float) -> np.ndarray:
    return read_frames(film["final_cut"]["dir"] / "film.mp4", (854, 480), [seconds])[0].astype(int)


def test_watermark_on_every_sampled_frame(film: dict[str, Any]) -> None:
    duration = film["final_cut"]["duration"]
    for t in np.linspace(0.8, duration - 1.0, 5):
        corner = _frame(film, float(t))[8:40, 560:846]
        bright = (corner.min(axis=2) > 200).sum()  # the mark's white letters
        assert bright > 60, f"no watermark at {t:.1f} s"


def test_burned_subtitles_appear_while_a_cue_is_on(film: dict[str, Any]) -> None:
    cue = parse_srt((film["final_cut"]["dir"] / "film.srt").read_text())[0]
    band = _frame(film, (cue.start + cue.end) / 2)[380:470, 40:814]
    yellow = ((band[:, :, 0] > 200) & (band[:, :, 1] > 170) & (band[:, :, 2] < 90)).sum()
    assert yellow > 150
    after = _frame(film, film["final_cut"]["duration"] - 0.3)[380:470, 40:814]
    assert ((after[:, :, 0] > 200) & (after[:, :, 1] > 170) & (after[:, :, 2] < 90)).sum() < yellow / 5


def test_three_distinct_titled_thumbnails_a_poster_and_a_trailer(film: dict[str, Any]) -> None:
    final = film["final_cut"]
    pictures = [read_frames(final["dir"] / name)[0].astype(int) for name in final["thumbnails"]]
    assert len(pictures) == 3 and all(p.shape == (720, 1280, 3) for p in pictures)
    assert all(p.std() > 20 for p in pictures)
    assert min(np.abs(a - b).mean() for i, a in enumerate(pictures) for b in pictures[i + 1 :]) > 6
    poster = next(s for s in probe(final["dir"] / final["poster"])["streams"] if s["codec_type"] == "video")
    assert (poster["width"], poster["height"]) == (1080, 1600)
    seconds = float(probe(film["trailer"]["dir"] / film["trailer"]["file"])["format"]["duration"])
    cap = min(30.0, 0.4 * final["duration"])  # a trailer is never more than 40% of the film
    assert min(15.0, cap) - 0.5 <= seconds <= cap + 0.2
