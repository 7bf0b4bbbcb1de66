"""The code location loads, and its asset graph is the one the design describes."""

from __future__ import annotations

import dagster as dg

from dagster_project.definitions import EXECUTOR_CONFIG, FILM_ASSETS, FILM_CHECKS, defs

EXPECTED_DEPS = {
    "scene_breakdown": set(),
    "character_sheets": {"scene_breakdown"},
    "scene_images": {"scene_breakdown", "character_sheets"},
    "voice_tracks": {"scene_breakdown", "character_sheets"},
    "lipsync_clips": {"scene_breakdown", "scene_images", "voice_tracks"},
    "score": {"scene_breakdown", "voice_tracks"},
    "mix": {"scene_breakdown", "voice_tracks", "score"},
    "subtitles": {"scene_breakdown", "voice_tracks", "score", "mix"},
    "final_cut": {"scene_breakdown", "voice_tracks", "scene_images", "lipsync_clips", "mix", "subtitles"},
    "trailer": {"scene_breakdown", "voice_tracks", "lipsync_clips", "mix"},
    "production_plan": {"scene_breakdown"},
    "social_cutdowns": {"final_cut"},
    "press_kit": {"final_cut", "trailer", "social_cutdowns", "posters"},
    "youtube_release": {"final_cut"},
    "posters": {"scene_breakdown", "character_sheets", "scene_images"},
}


def test_definitions_load_with_the_render_job() -> None:
    defs.validate_loadable(defs)
    job = defs.resolve_job_def("render_film")
    assert job.partitions_def == dg.DynamicPartitionsDefinition(name="films")


def test_asset_graph_snapshot() -> None:
    specs = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    assert {key: {dep.asset_key.to_user_string() for dep in spec.deps} for key, spec in specs.items()} == EXPECTED_DEPS
    for spec in specs.values():
        assert spec.partitions_def == dg.DynamicPartitionsDefinition(name="films")
        assert spec.description, f"{spec.key} has no description for the Dagster UI"


def test_quality_checks_are_attached() -> None:
    graph = defs.resolve_asset_graph()
    checks = {(key.asset_key.to_user_string(), key.name) for key in graph.asset_check_keys}
    assert checks == {
        ("final_cut", "duration_matches_request"),
        ("final_cut", "no_black_frames_mid_film"),
        ("final_cut", "no_frozen_stretches"),
        ("final_cut", "thumbnails_not_blank"),
        ("lipsync_clips", "lipsync_follows_speech"),
        ("mix", "loudness_meets_preset"),
        ("scene_images", "characters_are_consistent"),
        ("final_cut", "speech_is_intelligible"),  # on the delivered MP4's audio
        ("scene_images", "framing_is_clean"),
        ("scene_images", "objects_on_screen"),
        ("subtitles", "subtitles_cover_every_line"),
        ("final_cut", "subtitles_match_speech"),
        ("posters", "posters_are_legible"),
    }


def test_gpu_steps_are_limited_by_the_executor() -> None:
    limits = EXECUTOR_CONFIG["tag_concurrency_limits"]
    assert {"key": "studio/gpu", "value": "true", "limit": 1} in limits
    graph = defs.resolve_asset_graph()
    tagged = {
        key.to_user_string()
        for key in graph.get_all_asset_keys()
        if graph.get(key).assets_def.op.tags.get("studio/gpu") == "true"
    }
    assert tagged == {"scene_images"}  # lip-sync is numpy and ffmpeg: a GPU would sit idle


def test_every_check_step_waits_behind_a_ready_asset_step() -> None:
    """With two local step slots, the next asset of a render starts before any check that became
    ready at the same time (the lip-sync check no longer holds a slot while subtitles wait): the
    multiprocess and k8s executors launch ready steps by `dagster/priority`, dagster-celery by its own tag."""

    def priority(definition: dg.AssetsDefinition, tag: str = "dagster/priority", default: int = 0) -> int:
        return int(definition.op.tags.get(tag, default))

    assert max(priority(check) for check in FILM_CHECKS) < min(priority(asset) for asset in FILM_ASSETS)
    celery = [priority(d, "dagster-celery/priority", 5) for d in (*FILM_CHECKS, *FILM_ASSETS)]
    assert max(celery[: len(FILM_CHECKS)]) < min(celery[len(FILM_CHECKS) :])
