"""The sound half of a film materialised in process: score, mix, subtitles from the real audio,
Spanish translation, the quality checks on them, and the render's MLflow run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dagster as dg
import pytest

from assets.breakdown import scene_breakdown
from assets.characters import character_sheets
from assets.sound import mix, score
from assets.subtitles import subtitles
from assets.voices import voice_tracks
from dagster_project.checks import loudness_meets_preset, subtitles_cover_every_line
from dagster_project.resources import film_resources
from integrations.tracking import BACKENDS_EXPERIMENT, RENDERS_EXPERIMENT
from models.subtitles import parse_srt
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

SCRIPT = """\
Title: Harbour Light

INT. LIGHTHOUSE - NIGHT

MAYA (40s), a keeper in a yellow raincoat, trims the wick. Her son ELI (12) watches.

MAYA
The storm is coming in fast tonight.

ELI
Will the light reach the boat before the waves?

EXT. COAST - DAWN

MAYA
Look, the boat is safe in the harbour.
"""
SPOKEN = ["The storm is coming in fast tonight.", "Will the light reach the boat before the waves?",
          "Look, the boat is safe in the harbour."]  # fmt: skip
ASSETS = [scene_breakdown, character_sheets, voice_tracks, score, mix, subtitles]
# The intelligibility and cue-timing checks score the delivered MP4 (final_cut): tests/assets/test_film_assets.py.
CHECKS = [subtitles_cover_every_line, loudness_meets_preset]


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("studio")
    store = FilmStore(f"sqlite:///{home / 'studio.db'}")
    store.migrate()
    fmt = FilmFormat(resolution="480p", subtitle_languages=["es"], music_style="orchestral")
    row = store.create_film("Harbour Light", SCRIPT, "fountain", fmt.to_dict())
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [row.id])
    result = dg.materialize(
        [*ASSETS, *CHECKS],
        partition_key=row.id,
        instance=instance,
        resources=film_resources(str(home)),
    )
    assert result.success
    media = home / "media" / row.id

    def manifest(asset: str) -> dict[str, Any]:
        return json.loads((media / asset / "manifest.json").read_text()) | {"dir": media / asset}

    return {"home": home, "id": row.id, "result": result, "subtitles": manifest("subtitles"),
            "score": manifest("score"), "mix": manifest("mix")}  # fmt: skip


def test_subtitles_keep_the_script_text_and_follow_the_real_speech(film: dict[str, Any]) -> None:
    subs = film["subtitles"]
    cues = parse_srt((subs["dir"] / "film.srt").read_text())
    assert [c.text for c in cues] == SPOKEN
    assert subs["median_cue_offset_ms"] <= 150.0
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
    assert cues[-1].end <= subs["duration"]
    assert subs["wer"] is not None and subs["wer"] <= 0.10, subs["transcripts"]
    assert (subs["dir"] / "film.vtt").read_text().startswith("WEBVTT")


def test_spanish_translation_is_timed_like_the_original(film: dict[str, Any]) -> None:
    subs = film["subtitles"]
    assert set(subs["languages"]) == {"en", "es"}
    english = parse_srt((subs["dir"] / "film.srt").read_text())
    spanish = parse_srt((subs["dir"] / subs["languages"]["es"]["srt"]).read_text())
    assert [(c.start, c.end) for c in spanish] == [(c.start, c.end) for c in english]
    assert "tormenta" in spanish[0].text.lower() and "barco" not in english[0].text.lower()


def test_score_uses_the_requested_style_and_has_a_beat_map(film: dict[str, Any]) -> None:
    score_manifest = film["score"]
    assert {c["culture"] for c in score_manifest["cues"]} == {"orchestral"}
    beats = score_manifest["beat_map"]["beats"]
    assert len(beats) >= 8 and beats == sorted(beats) and beats[-1] < score_manifest["duration"]
    assert set(score_manifest["beat_map"]["downbeats"]) <= set(beats)


def test_mix_and_checks_pass(film: dict[str, Any]) -> None:
    assert film["mix"]["loudness_preset"] == "youtube"
    assert abs(film["mix"]["integrated_lufs"] + 14.0) <= 1.0 and film["mix"]["true_peak_dbtp"] <= -1.0
    evaluations = {e.check_name: e for e in film["result"].get_asset_check_evaluations()}
    assert set(evaluations) == {"subtitles_cover_every_line", "loudness_meets_preset"}
    failed = {name: e.description for name, e in evaluations.items() if not e.passed}
    assert failed == {}


def test_render_is_logged_to_mlflow_with_tags_and_metrics(film: dict[str, Any]) -> None:
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=f"sqlite:///{Path(film['home']).resolve() / 'mlflow.db'}")
    renders = client.get_experiment_by_name(RENDERS_EXPERIMENT)
    runs = client.search_runs([renders.experiment_id], filter_string=f"tags.`studio.film_id` = '{film['id']}'")
    assert len(runs) == 1
    run = runs[0]
    assert run.info.run_id == film["subtitles"]["mlflow_run_id"]
    assert run.data.tags["dagster.run_id"] == film["result"].run_id
    metrics = run.data.metrics
    assert metrics["wer"] <= 0.10 and abs(metrics["integrated_lufs"] + 14.0) <= 1.0 and metrics["true_peak_dbtp"] <= -1
    assert any(key.startswith("rtf.voice.") and value > 0 for key, value in metrics.items())
    assert metrics["rtf.music"] > 0
    backends = client.get_experiment_by_name(BACKENDS_EXPERIMENT)
    registered = {r.data.tags["studio.backend"] for r in client.search_runs([backends.experiment_id])}
    assert {"voice/piper", "voice/espeak-ng", "music/midi-soundfont", "asr/whisper-tiny.en"} <= registered
