"""What a render run is in the studio's terms: its tags, its progress, and which script it renders.

Shared by the services (which read runs through `studio.services.ports.RenderRuns`), the orchestration
that creates them and the pipeline that executes them; nothing here imports Dagster.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RENDER_JOB = "render_film"
SINGLETON_REPOSITORY = "__repository__"  # the repository name Dagster gives a `Definitions` object
TAG_PARTITION = "dagster/partition"
TAG_PRIORITY = "dagster/priority"
TAG_USER = "studio/user"
TAG_REQUEST = "studio/request"
TAG_SOURCE = "studio/source"  # "cli" for a `studio render`; the app's renders carry their user instead
# Dagster's own run tags (public strings, documented with run retries and run monitoring).
TAG_MAX_RETRIES = "dagster/max_retries"
TAG_RETRY_STRATEGY = "dagster/retry_strategy"
TAG_RETRY_ON_STEP_FAILURE = "dagster/retry_on_asset_or_op_failure"
TAG_WILL_RETRY = "dagster/will_retry"
TAG_RETRY_RUN = "dagster/auto_retry_run_id"
TAG_ROOT_RUN = "dagster/root_run_id"
TAG_GRPC_INFO = ".dagster/grpc_info"  # set by the daemon's launch: the code server the run worker belongs to
RENDER_MAX_RETRIES = 2
# A render whose worker died (a crash, an OOM kill, a kill -9) is retried from its failure: finished
# steps are reused and the per-scene cache serves finished scenes. A step that fails on its own
# (a backend error) would fail again, so it is not retried and is refunded at once.
RETRY_TAGS = {TAG_MAX_RETRIES: str(RENDER_MAX_RETRIES), TAG_RETRY_STRATEGY: "FROM_FAILURE",
              TAG_RETRY_ON_STEP_FAILURE: "false"}  # fmt: skip


@dataclass(frozen=True)
class RunProgress:
    status: str  # film status: queued|rendering|ready|failed|cancelled
    current_asset: str | None
    percent: float
    elapsed: float
    message: str | None


def script_for_run(film: Any, run_tags: dict[str, str], run_id: str) -> str:
    """The script a render run renders: the film's draft when this run (or its first attempt) is the
    draft's render, else the film's script (a producer's re-materialisation, a CLI render)."""
    first = run_tags.get(TAG_ROOT_RUN) or run_id
    if film.draft_script is not None and film.draft_run_id == first:
        return film.draft_script
    return film.script
