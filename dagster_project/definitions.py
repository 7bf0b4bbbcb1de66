"""The one Definitions object of the code location that `workspace.yaml` loads."""

from __future__ import annotations

from typing import Any

import dagster as dg

from assets.breakdown import scene_breakdown
from assets.characters import character_sheets
from assets.final import final_cut, trailer
from assets.images import scene_images
from assets.lipsync import lipsync_clips
from assets.marketing import press_kit, social_cutdowns
from assets.posters import posters  # marketing: three poster styles and a banner
from assets.production_plan import production_plan
from assets.sound import mix, score
from assets.subtitles import subtitles
from assets.voices import voice_tracks
from assets.youtube_release import youtube_release  # publishing: not part of a render
from dagster_project.backups import backup_schedule, backup_store_job  # daily encrypted store backup
from dagster_project.character_checks import CHARACTER_CHECKS
from dagster_project.checks import ALL_CHECKS
from dagster_project.executors import executor_for_profile  # the engine profile's executor (issue 12)
from dagster_project.framing_checks import FRAMING_CHECKS  # objects_on_screen, framing_is_clean
from dagster_project.partitions import films_partitions
from dagster_project.picture_checks import PICTURE_CHECKS
from dagster_project.poster_checks import POSTER_CHECKS
from dagster_project.resources import (
    ImageBackendResource,
    MediaIOManager,
    RecogniserResource,
    StudioResource,
    TrackingResource,
    media_io_fields,
)
from dagster_project.sensors import STUDIO_SENSORS  # refunds, credit grants, ready emails, webhooks
from dagster_project.sensors_crm import CRM_JOBS, CRM_SENSORS  # Salesforce outbox drain, bulk backfill

FILM_ASSETS = [
    scene_breakdown, character_sheets, scene_images, voice_tracks, lipsync_clips, score, mix, subtitles,
    final_cut, trailer,
]  # fmt: skip

FILM_CHECKS = [*ALL_CHECKS, *PICTURE_CHECKS, *CHARACTER_CHECKS, *FRAMING_CHECKS]  # the film's quality gate

render_film = dg.define_asset_job(
    "render_film",
    selection=dg.AssetSelection.assets(*FILM_ASSETS),
    partitions_def=films_partitions,
    description="Materialise every artifact of one film partition, from breakdown to trailer.",
)

# In a run with a process per step, steps fork from a server that has already imported the pipeline (and MLflow, which the breakdown and subtitles steps use: 1.7 s each
# otherwise), so none re-imports them; GPU-tagged steps run one at a time on a GPU executor.
# The subtitles step logs the render to MLflow: its SQL store modules cost ~0.5 s more per step.
# Every step opens the Dagster instance from its ref, which imports the storage classes and upath
# (~0.16 s a step, 22 steps a render) unless the server already has them.
PRELOADED = ["dagster_project.definitions", "mlflow", "mlflow.store.tracking.sqlalchemy_store",
             "mlflow.store.model_registry.sqlalchemy_store", "dagster._core.storage.base_storage",
             "dagster._core.storage.defs_state.blob_storage_state_storage", "upath.core"]  # fmt: skip
EXECUTOR_CONFIG = {
    "max_concurrent": 2,
    "tag_concurrency_limits": [{"key": "studio/gpu", "value": "true", "limit": 1}],
    "start_method": {"forkserver": {"preload_modules": PRELOADED}},
}


def _local_execution(config: dict[str, Any]) -> dict[str, Any]:
    """A run that asks for one process (a re-render: studio/orchestration/runs.py) executes every step
    in its own process; any other run, a process per step as above."""
    return {"in_process": {}} if config["one_process"] else {"multiprocess": EXECUTOR_CONFIG}


executor = dg.multi_or_in_process_executor.configured(
    _local_execution, name="local", config_schema={"one_process": dg.Field(bool, default_value=False)}
)
executor = executor_for_profile(executor, FILM_ASSETS)  # STUDIO_DAGSTER_PROFILE celery|k8s (executors.py)

plan_film = dg.define_asset_job(
    "plan_film",
    selection=dg.AssetSelection.assets(production_plan),
    partitions_def=films_partitions,
    description="Pre-production documents of one film: breakdown sheets, schedule, budget, call sheets.",
)

market_film = dg.define_asset_job(
    "market_film",
    selection=dg.AssetSelection.assets(social_cutdowns, posters, press_kit),
    partitions_def=films_partitions,
    description="Social cut-downs, teaser, posters and press kit of one finished film.",
)

defs = dg.Definitions(
    assets=[*FILM_ASSETS, production_plan, social_cutdowns, press_kit, youtube_release, posters],
    asset_checks=[*FILM_CHECKS, *POSTER_CHECKS],
    jobs=[render_film, plan_film, market_film, *CRM_JOBS, backup_store_job],
    schedules=[backup_schedule],
    sensors=[*STUDIO_SENSORS, *CRM_SENSORS],
    executor=executor,
    resources={
        "studio": StudioResource(home=dg.EnvVar("STUDIO_HOME"), database_url=dg.EnvVar("STUDIO_DATABASE_URL")),
        "image": ImageBackendResource(
            backend=dg.EnvVar("STUDIO_IMAGE_BACKEND"), sdxl_path=dg.EnvVar("STUDIO_SDXL_PATH")
        ),
        "recogniser": RecogniserResource(whisper_base_path=dg.EnvVar("STUDIO_WHISPER_BASE_PATH")),
        "tracking": TrackingResource(home=dg.EnvVar("STUDIO_HOME")),
        "media_io": MediaIOManager(home=dg.EnvVar("STUDIO_HOME"), **media_io_fields()),
    },
)


def render_film_job() -> dg.JobDefinition:
    """The render job, reconstructable by module path for out-of-process execution."""
    return defs.resolve_job_def("render_film")
