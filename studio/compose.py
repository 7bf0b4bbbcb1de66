"""The composition root: the studio's services wired to the Dagster render engine.

The web server, the CLI, the benchmarks and the tests build their `StudioService` here, so the
services never import the engine (`studio.orchestration`) or the pipeline (`dagster_project`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studio.orchestration.render_runs import DagsterRenderRuns
from studio.services.studio_service import StudioService
from studio.settings import Settings


def render_film_job() -> Callable[[], Any]:
    """The pipeline's `render_film` job factory (imported on the first render: the pipeline is slow to import)."""
    from dagster_project.definitions import render_film_job as job

    return job


def release_runner() -> Callable[[Settings, str, int], dict[str, Any]]:
    """The pipeline's YouTube release runner (materialises `youtube_release` for one film)."""
    from dagster_project.release_run import publish_through_dagster

    return publish_through_dagster


def open_studio(settings: Settings) -> StudioService:
    """A `StudioService` on the settings' store, rendering through Dagster's `render_film` job."""
    return StudioService(settings, DagsterRenderRuns(settings, render_film_job, release_runner))
