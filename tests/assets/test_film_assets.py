"""Materialise a short film in process and look at what a viewer would get."""

from __future__ import annotations

import json
from typing import Any

import dagster as dg
import pytest
import soundfile as sf

from dagster_project.definitions import FILM_ASSETS, FILM_CHECKS
from dagster_project.resources import film_resources
from integrations.ffmpeg import probe
from models.asr.wer import word_error_rate
from models.asr.whisper import transcribe
from models.subtitles import parse_srt
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

SCRIPT = """\
Title: The Lamp

INT. LIGHTHOUSE - NIGHT

MAYA (40s), a keeper in a yellow raincoat, trims the wick. Her son ELI (12) watches.

MAYA
The storm is coming in fast.

ELI
(whispering)
Will the light reach the boat?

EXT. COAST - DAWN

MAYA
Look, the boat is safe.
"""

SPOKEN = [
    "The storm is coming in fast.",
    "Will the light reach the boat?",
    "Look, the boat is safe.",
]


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("studio")
    store = FilmStore(f"sqlite:///{home / 'studio.db'}")
    store.migrate()
    row = store.create_film("The Lamp", SCRIPT, "fountain", FilmFormat(resolution="480p").to_dict())
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [row.id])
    result = dg.materialize(
        [*FILM_ASSETS, *FILM_CHECKS],
        partition_key=row.id,
        instance=instance,
        resources=film_resources(str(home)),
    )
    assert result.success
    final_dir = home / "media" / row.id / "final_cut"
    return {
        "home": home,
        "id": row.id,
        "store": store,
        "result": result,
        "final": json.loads((final_dir / "manifest.json").read_text()) | {"dir": final_dir},
        "media": home / "media" / row.id,
    }


def test_film_is_playable_h264_aac_at_480p(film: dict[str, Any]) -> None:
    info = probe(film["final"]["dir"] / "film.mp4")
    streams = {s["codec_type"]: s for s in info["streams"]}
    assert streams["video"]["codec_name"] == "h264"
    assert (streams["video"]["width"], streams["video"]["height"]) == (854, 480)
    assert streams["audio"]["codec_name"] == "aac"
    duration = float(info["format"]["duration"])
    assert abs(duration - film["final"]["duration"]) < 0.25
    assert 5.0 < duration < 20.0


def test_subtitles_have_a_cue_for_every_line_in_order(film: dict[str, Any]) -> None:
    cues = parse_srt((film["final"]["dir"] / "film.srt").read_text())
    assert [c.text for c in cues] == SPOKEN
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
    assert cues[-1].end <= film["final"]["duration"]
    vtt = (film["final"]["dir"] / "film.vtt").read_text()
    assert vtt.startswith("WEBVTT") and vtt.count("-->") == len(SPOKEN)


def test_breakdown_is_in_the_store_with_cast_voices(film: dict[str, Any]) -> None:
    stored = film["store"].get_film(film["id"])
    assert [s.heading for s in stored.scenes] == ["INT. LIGHTHOUSE - NIGHT", "EXT. COAST - DAWN"]
    voices = {c.name: c.voice_id for c in stored.characters}
    assert set(voices) == {"MAYA", "ELI"} and voices["MAYA"] != voices["ELI"]
    breakdown = json.loads((film["final"]["dir"] / "breakdown.json").read_text())
    lines = [line for scene in breakdown["scenes"] for line in scene["lines"]]
    assert [line["text"] for line in lines] == SPOKEN
    assert all(line["voice"] == voices[line["speaker"]] for line in lines)


def test_speech_is_intelligible(film: dict[str, Any]) -> None:
    mix_dir = film["media"] / "mix"
    samples, rate = sf.read(mix_dir / "mix.wav", dtype="float32")
    transcript = transcribe(samples.mean(axis=1), rate)
    assert word_error_rate(" ".join(SPOKEN), transcript.text) <= 0.15


def test_quality_checks_pass(film: dict[str, Any]) -> None:
    evaluations = {e.check_name: e for e in film["result"].get_asset_check_evaluations()}
    assert set(evaluations) == {key.name for check in FILM_CHECKS for key in check.check_keys}
    assert len(evaluations) == 12  # ten film checks plus objects_on_screen and framing_is_clean
    failed = {name: e.description for name, e in evaluations.items() if not e.passed}
    assert failed == {}


def test_thumbnails_and_trailer(film: dict[str, Any]) -> None:
    for name in film["final"]["thumbnails"]:
        video = probe(film["final"]["dir"] / name)["streams"][0]
        assert video["width"] >= 1280 and video["height"] >= 720
    trailer = film["media"] / "trailer" / "trailer.mp4"
    info = probe(trailer)
    cap = min(30.0, 0.4 * film["final"]["duration"])  # never more than 40% of the film
    assert min(15.0, cap) - 0.5 <= float(info["format"]["duration"]) <= cap + 0.2
    assert {s["codec_type"] for s in info["streams"]} == {"video", "audio"}


def test_the_film_carries_the_licence_of_every_art_set_its_plates_drew_from(film: dict[str, Any]) -> None:
    record = json.loads((film["final"]["dir"] / film["final"]["licences"]).read_text())
    plates = sorted((film["media"] / "scene_images").glob("*/art.json"))
    drawn = {lic["set"] for plate in plates for lic in json.loads(plate.read_text())["licences"]}
    assert drawn and {lic["set"] for lic in record} == drawn  # the wick's candle is a Fluent emoji
    assert all(lic["licence"] and lic["url"].startswith("https://") for lic in record)
