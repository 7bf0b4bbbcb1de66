"""The one Definitions object of the code location that `workspace.yaml` loads."""

from __future__ import annotations

import dagster as dg

from assets.breakdown import scene_breakdown
from assets.characters import character_sheets
from assets.final import final_cut, trailer
from assets.images import scene_images
from assets.lipsync import lipsync_clips
from assets.sound import mix, score
from assets.voices import voice_tracks
from dagster_project.checks import ALL_CHECKS
from dagster_project.partitions import films_partitions
from dagster_project.resources import MediaIOManager, StudioResource

FILM_ASSETS = [
    scene_breakdown, character_sheets, scene_images, voice_tracks, lipsync_clips, score, mix, final_cut, trailer,
]  # fmt: skip

STEP_COUNT = len(FILM_ASSETS) + len(ALL_CHECKS)

render_film = dg.define_asset_job(
    "render_film",
    selection=dg.AssetSelection.assets(*FILM_ASSETS),
    partitions_def=films_partitions,
    description="Materialise every artifact of one film partition, from breakdown to trailer.",
)

# Steps fork from a server that has already imported the pipeline, so each starts in milliseconds
# rather than re-importing Dagster; GPU-tagged steps run one at a time on a GPU executor.
EXECUTOR_CONFIG = {
    "max_concurrent": 2,
    "tag_concurrency_limits": [{"key": "studio/gpu", "value": "true", "limit": 1}],
    "start_method": {"forkserver": {"preload_modules": ["dagster_project.definitions"]}},
}
executor = dg.multiprocess_executor.configured(EXECUTOR_CONFIG)

defs = dg.Definitions(
    assets=FILM_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[render_film],
    executor=executor,
    resources={
        "studio": StudioResource(home=dg.EnvVar("STUDIO_HOME"), database_url=dg.EnvVar("STUDIO_DATABASE_URL")),
        "media_io": MediaIOManager(home=dg.EnvVar("STUDIO_HOME")),
    },
)


def render_film_job() -> dg.JobDefinition:
    """The render job, reconstructable by module path for out-of-process execution."""
    return defs.resolve_job_def("render_film")
