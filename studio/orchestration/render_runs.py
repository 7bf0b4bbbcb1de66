"""`DagsterRenderRuns`: the services' `RenderRuns` interface on the Dagster instance of the settings.

The instance is opened on first use (importing and opening Dagster is slow, and a web process that
only serves pages never needs it). The render job comes from the caller, the composition root, as a
loader of the pipeline's job factory (and of its release runner): the pipeline (`dagster_project`) imports the services and must
not be imported back from here, and importing it only when the first render is submitted keeps the
web server's start fast.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock
from typing import Any

import dagster as dg
from dagster import RunsFilter
from sqlalchemy.orm import Session

from studio.domain.runs import TAG_PARTITION, TAG_WILL_RETRY, RunProgress
from studio.orchestration import runs
from studio.orchestration.execute import FILMS_PARTITIONS, open_instance
from studio.orchestration.film_checks import film_checks
from studio.settings import Settings
from studio.store.accounts import RenderRequestRow
from studio.store.media_store import MediaStore


class DagsterRenderRuns:
    """Render runs as Dagster runs of `render_film` on the settings' instance."""

    def __init__(
        self,
        settings: Settings,
        load_job: Callable[[], Callable[[], dg.JobDefinition]],
        load_release: Callable[[], Callable[[Settings, str, int], dict[str, Any]]],
    ) -> None:
        self.settings, self.load_job, self.load_release = settings, load_job, load_release
        self._instance: dg.DagsterInstance | None = None
        self._lock = Lock()

    @property
    def instance(self) -> dg.DagsterInstance:
        with self._lock:
            if self._instance is None:
                self._instance = open_instance(self.settings)
            return self._instance

    def submit(self, film_id: str, run_id: str, tags: dict[str, str]) -> str:
        config = runs.execution_config(self.instance, film_id, self.settings)
        return runs.submit_render(self.instance, self.load_job(), film_id, run_id, tags, config)

    def get(self, run_id: str) -> dg.DagsterRun | None:
        return self.instance.get_run_by_id(run_id)

    def latest(self, film_ids: list[str], renders_only: bool = False) -> dict[str, dg.DagsterRun]:
        return runs.latest_runs(self.instance, film_ids, renders_only=renders_only)

    def last_attempt(self, run: dg.DagsterRun) -> dg.DagsterRun:
        return runs.last_attempt(self.instance, run)

    def attempt_settled(self, run: dg.DagsterRun) -> bool:
        return runs.attempt_settled(run)

    def is_finished(self, run: dg.DagsterRun) -> bool:
        return run.is_finished

    def film_status(self, run: dg.DagsterRun) -> str:
        return runs.film_status(run)

    def request_run_id(self, run: dg.DagsterRun) -> str:
        return runs.request_run_id(run)

    def run_id(self, run: dg.DagsterRun) -> str:
        return run.run_id

    def progress(self, run_id: str) -> RunProgress:
        return runs.run_progress(self.instance, run_id)

    def cancel(self, run_id: str) -> bool:
        return runs.cancel_run(self.instance, run_id)

    def stop_retry(self, run_id: str) -> None:
        self.instance.add_run_tags(run_id, {TAG_WILL_RETRY: "false"})

    def settle(self, session: Session, requests: list[RenderRequestRow], media: MediaStore | None) -> int:
        return runs.settle_requests(session, self.instance, requests, media)

    def summaries(self, limit: int = 100) -> list[dict]:
        return runs.run_summaries(self.instance, limit)

    def checks(self, film_id: str) -> list[dict[str, Any]]:
        return film_checks(self.instance, film_id)

    def release(self, film_id: str, release_id: int) -> dict[str, Any]:
        return self.load_release()(self.settings, film_id, release_id)

    def forget_films(self, film_ids: list[str]) -> int:
        count = 0
        for film_id in film_ids:
            for run in self.instance.get_runs(RunsFilter(tags={TAG_PARTITION: film_id})):
                self.instance.delete_run(run.run_id)
                count += 1
            try:
                self.instance.delete_dynamic_partition(FILMS_PARTITIONS, film_id)
            except Exception:  # noqa: BLE001 - the partition may never have been created
                pass
        return count
