"""Every asset's manifest survives the trip through its JSON file as the same typed object, and a manifest
that is not this schema (an older studio's, a damaged one) is refused with a message naming the asset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dagster as dg
import pytest

from assets.manifests import MANIFESTS, SCHEMA_VERSION, FinalCutManifest, ManifestError, load_manifest
from dagster_project.definitions import defs
from dagster_project.resources import MediaIOManager
from models.breakdown import Breakdown, Character, Line, Scene
from studio.store.media import read_manifest, write_manifest

BREAKDOWN = Breakdown(
    title="The Lamp", format="fountain", culture="western",
    characters=[Character("MAYA", "adult", 40, "female", "a keeper in a yellow raincoat")],
    scenes=[Scene("s01", "INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", "night", True,
                  lines=[Line("MAYA", "The storm is coming in fast.", emotion="afraid")], characters=["MAYA"])],
)  # fmt: skip
TAKE = {"scene_id": "s01", "index": 0, "speaker": "MAYA", "text": "The storm is coming in fast.", "file": "s01_000.wav",
        "voice": "piper:en_GB-alba", "duration": 1.9, "phonemes": [["DH", 0.0, 0.1]], "words": [["The", 0.0, 0.2]]}  # fmt: skip
# One manifest of every asset as its JSON file holds it (what models/ returned, plus the schema version).
SAMPLES: dict[str, dict[str, Any]] = {
    "scene_breakdown": {"breakdown": BREAKDOWN.to_dict()},
    "character_sheets": {"characters": {"MAYA": {"voice": "piper:en_GB-alba", "version": 2, "sheet": "maya.png"}},
                         "style": "flat", "characters_recomputed": ["MAYA"], "characters_reused": [],
                         "backend": {"name": "illustrator", "version": "skia-vector-3.2"}},
    "voice_tracks": {"takes": [TAKE], "timeline": {"scenes": [], "duration": 2.4}, "duration": 2.4, "mode": "film",
                     "scenes_recomputed": ["s01"], "scenes_reused": []},
    "scene_images": {"size": [854, 480], "scenes": ["s01"], "keys": {"s01": "ab12"}, "style": "flat",
                     "backend": {"name": "illustrator", "version": "skia-vector-3.2"},
                     "archetypes": {"s01": "lighthouse"}, "archetype_reasons": {"s01": "the heading"},
                     "scenes_recomputed": [], "scenes_reused": ["s01"],
                     "licences": [{"set": "Game Icons", "licence": "CC BY 3.0"}]},
    "lipsync_clips": {"fps": 24, "mode": "film", "watermark": False, "burn_subtitles": None,
                      "clips": [{"scene_id": "s01", "file": "s01.mp4", "shots": []}],
                      "scenes_recomputed": ["s01"], "scenes_reused": []},
    "score": {"file": "score.wav", "backend": "fluidsynth", "version": "2.3", "beat_map": {"beats": [0.5, 1.0]},
              "music_style": "auto", "duration": 2.4, "render_seconds": 0.3, "realtime_factor": 0.125,
              "chant_spans": [], "cues": [{"scene_id": "s01", "mood": "tense"}], "drone": None, "drone_version": None,
              "source": None, "loops": None},
    "mix": {"file": "mix.wav", "dialogue": "dialogue.wav", "sample_rate": 48000, "duration": 2.4,
            "loudness_preset": "youtube", "target_lufs": -14.0, "max_true_peak": -1.0, "integrated_lufs": -14.2,
            "true_peak_dbtp": -1.6, "room_tone": False, "drone": False, "mix_seconds": 0.2},
    "subtitles": {"srt": "film.srt", "vtt": "film.vtt", "language": "en", "languages": {"en": {"srt": "film.srt"}},
                  "translators": {}, "cues": 1, "lines": 1, "wer": 0.0, "wer_scope": "English spoken lines",
                  "median_cue_offset_ms": 40.0, "max_cue_offset_ms": 60.0, "last_cue_end": 2.1, "duration": 2.4,
                  "recognizers": {"en": {"name": "whisper"}}, "asr_glossary": ["MAYA"], "unrecognised_languages": {},
                  "words_heard": {"en": 6}, "transcripts": {"en": "the storm is coming in fast"}, "asr_seconds": 0.5,
                  "asr_realtime_factor": 0.2, "language_names": {"en": "English"}, "mlflow_run_id": "0f3c"},
    "final_cut": {"film": "film.mp4", "srt": "film.srt", "vtt": "film.vtt", "breakdown": "breakdown.json",
                  "thumbnails": ["thumbnail_1.jpg"], "poster": "poster.jpg", "duration": 2.4, "cues": 1,
                  "scenes": ["s01"], "scan": {"fps": 24}, "licences": "licences.json"},
    "trailer": {"file": "trailer.mp4", "duration": 15.0, "moments": [[0.0, 1.9, 0.8]], "reused": False},
    "social_cutdowns": {"cutdowns": [{"file": "vertical_15.mp4", "length": 15}],
                        "skipped": [{"length": 60, "reason": "the film is 2 s long"}],
                        "teaser": {"file": "teaser.mp4", "length": 2.4, "start": 0.0}},
    "press_kit": {"file": "press_kit.zip", "members": ["FACT_SHEET.txt", "film.srt"]},
    "posters": {"title": "The Lamp", "posters": [{"style": "minimal", "file": "minimal.jpg"}],
                "banner": {"style": "key_art", "file": "banner.jpg"}},
    "production_plan": {"files": {"call_sheets": ["day1.pdf"]}, "days": 1, "totals": {"Total": 1200.0},
                        "currency": "EUR"},
    "youtube_release": {"video_id": "abc", "url": "https://www.youtube.com/watch?v=abc", "privacy": "unlisted",
                        "publish_at": None, "playlist": None, "playlist_id": None, "playlist_created": False,
                        "thumbnail": None, "title": "The Lamp", "tags": ["film"], "chapters": ["0:00 Lighthouse"],
                        "chapters_note": None},
}  # fmt: skip


def test_every_asset_the_io_manager_stores_has_a_manifest_type_and_a_sample() -> None:
    graph = defs.resolve_asset_graph()
    stored = set()
    for key in graph.get_all_asset_keys():
        node = graph.get(key).assets_def
        if node.op.output_def_named(node.get_output_name_for_asset_key(key)).io_manager_key == "media_io":
            stored.add(key.to_user_string())
    assert stored == set(MANIFESTS) == set(SAMPLES)


@pytest.mark.parametrize("asset", sorted(SAMPLES))
def test_a_manifest_comes_back_from_its_file_as_the_same_typed_object(asset: str, tmp_path: Path) -> None:
    made = MANIFESTS[asset].from_result(SAMPLES[asset])
    write_manifest(tmp_path, made.stored())  # what the IO manager writes
    stored = json.loads((tmp_path / "manifest.json").read_text())
    assert stored["schema_version"] == SCHEMA_VERSION and "dir" not in stored
    back = load_manifest(asset, read_manifest(tmp_path))  # what the next asset receives
    assert type(back) is MANIFESTS[asset]
    assert back == made
    assert back.dir == tmp_path
    assert back.to_dict() == {**SAMPLES[asset], "schema_version": SCHEMA_VERSION, "dir": str(tmp_path)}


def test_typed_fields_read_as_attributes(tmp_path: Path) -> None:
    write_manifest(tmp_path, MANIFESTS["scene_breakdown"].from_result(SAMPLES["scene_breakdown"]).stored())
    breakdown = load_manifest("scene_breakdown", read_manifest(tmp_path)).breakdown  # type: ignore[attr-defined]
    assert isinstance(breakdown, Breakdown) and breakdown.scenes[0].lines[0].speaker == "MAYA"
    final = FinalCutManifest.from_dict({**SAMPLES["final_cut"], "schema_version": SCHEMA_VERSION, "dir": "/m/f"})
    assert final.path(final.film) == Path("/m/f/film.mp4")


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        ({k: v for k, v in SAMPLES["mix"].items()}, "has no schema_version; this studio reads version 1"),
        ({**SAMPLES["mix"], "schema_version": 0}, "is schema version 0"),
        (
            {k: v for k, v in SAMPLES["mix"].items() if k != "dialogue"} | {"schema_version": 1},
            "missing its 'dialogue'",
        ),
        ({**SAMPLES["mix"], "duration": "2.4 s", "schema_version": 1}, "'duration' is str"),
        ({**SAMPLES["mix"], "loudness": -14, "schema_version": 1}, "does not know: loudness"),
        (["mix.wav"], "is not a JSON object"),
    ],
    ids=["old-no-version", "other-version", "missing-field", "wrong-type", "unknown-field", "not-an-object"],
)
def test_a_malformed_or_old_manifest_is_refused_with_the_asset_named(stored: Any, message: str) -> None:
    with pytest.raises(ManifestError, match="The mix manifest") as refused:
        load_manifest("mix", stored)
    assert message in str(refused.value)


def test_a_damaged_breakdown_and_an_unknown_asset_are_refused() -> None:
    with pytest.raises(ManifestError, match="scene_breakdown manifest's breakdown is malformed"):
        load_manifest("scene_breakdown", {"schema_version": 1, "breakdown": {"title": "x"}})
    with pytest.raises(ManifestError, match="No manifest type for the asset 'storyboard'"):
        load_manifest("storyboard", {"schema_version": 1})


def test_the_io_manager_refuses_an_old_manifest_on_disk_and_an_untyped_output(tmp_path: Path) -> None:
    film = "abc123"
    folder = tmp_path / "media" / film / "mix"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps(SAMPLES["mix"]))  # as a studio before schema_version wrote it
    manager = MediaIOManager(home=str(tmp_path))
    loading = dg.build_input_context(asset_key=dg.AssetKey("mix"), partition_key=film)
    with pytest.raises(ManifestError, match="The mix manifest has no schema_version.*render the film again"):
        manager.load_input(loading)
    writing = dg.build_output_context(asset_key=dg.AssetKey("mix"), partition_key=film, run_id="0123456789abcdef")
    with pytest.raises(ManifestError, match="The mix asset returned a dict, not its manifest type \\(MixManifest\\)"):
        manager.handle_output(writing, SAMPLES["mix"])
    assert json.loads((folder / "manifest.json").read_text()) == SAMPLES["mix"]  # nothing was replaced
