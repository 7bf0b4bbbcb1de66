"""Renders are Dagster runs: submit to the instance's queue, read progress from the event log, cancel.

The web process never executes a film: it creates a run of `render_film` for the film's partition
with the origin of the code location in `workspace.yaml` and submits it to the instance's
QueuedRunCoordinator. `dagster-daemon` (started by `studio up`) dequeues runs in
`dagster/priority` order and launches them through that code location's server, so renders show
up in the Dagster UI and carry on when the web process restarts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import dagster as dg
from dagster import DagsterRunStatus, RunsFilter
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.domain.runs import (
    RENDER_JOB,
    RETRY_TAGS,
    SINGLETON_REPOSITORY,
    TAG_GRPC_INFO,
    TAG_PARTITION,
    TAG_PRIORITY,
    TAG_RETRY_RUN,
    TAG_ROOT_RUN,
    TAG_USER,
    TAG_WILL_RETRY,
    RunProgress,
)
from studio.orchestration.execute import FILMS_PARTITIONS, failure_message
from studio.services.credits import credit
from studio.settings import Settings
from studio.store.accounts import RenderRequestRow
from studio.store.media_store import MediaStore

WORKSPACE_YAML = Path(__file__).resolve().parents[2] / "workspace.yaml"

# Dagster run status -> the film status the app shows.
FILM_STATUS = {
    DagsterRunStatus.NOT_STARTED: "queued",
    DagsterRunStatus.QUEUED: "queued",
    DagsterRunStatus.STARTING: "rendering",
    DagsterRunStatus.STARTED: "rendering",
    DagsterRunStatus.SUCCESS: "ready",
    DagsterRunStatus.FAILURE: "failed",
    DagsterRunStatus.CANCELING: "cancelled",
    DagsterRunStatus.CANCELED: "cancelled",
}
_STEP_EVENTS = {dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE}


@lru_cache(maxsize=1)
def render_job_origin() -> Any:
    """The origin the daemon resolves: the code location named in workspace.yaml, its job `render_film`.

    The one place the studio reaches past Dagster's public API: a run queued for the daemon needs
    its code location's origin, and Dagster exposes queuing such a run publicly only through the
    webserver's GraphQL API, which the CLI and the tests run without.
    """
    from dagster._core.remote_origin import RemoteJobOrigin, RemoteRepositoryOrigin
    from dagster._core.workspace.load_target import WorkspaceFileTarget

    (location,) = WorkspaceFileTarget(paths=[str(WORKSPACE_YAML)]).create_origins()
    return RemoteJobOrigin(RemoteRepositoryOrigin(location, SINGLETON_REPOSITORY), RENDER_JOB)


def execution_config(instance: dg.DagsterInstance, film_id: str, settings: Settings) -> dict[str, Any]:
    """How a render executes its steps on the profiles that run on this machine (STUDIO_DAGSTER_EXECUTOR).

    `auto`: a film's first render takes a process per step, two at a time; a later render, which
    mostly reuses cached scenes, runs every step in its own process, with no fork server or step
    process to start and each model loaded once (`bench/rerender_bench.py --executors
    in_process,multiprocess`: on two cores the cold render is faster with a process per step, the
    one-scene re-render in one process). Cluster profiles keep their own executors.
    """
    if settings.dagster_profile not in ("local", "postgres"):
        return {}
    if settings.dagster_executor == "auto":
        done = RunsFilter(job_name=RENDER_JOB, tags={TAG_PARTITION: film_id}, statuses=[DagsterRunStatus.SUCCESS])
        one_process = bool(instance.get_runs(done, limit=1))
    else:
        one_process = settings.dagster_executor == "in_process"
    return {"execution": {"config": {"one_process": one_process}}}


def submit_render(
    instance: dg.DagsterInstance, job: Callable[[], dg.JobDefinition], film_id: str, run_id: str, tags: dict[str, str],
    run_config: dict[str, Any] | None = None,
) -> str:  # fmt: skip
    """Create a queued run of `render_film` (`job`, the pipeline's job factory) for the film's partition
    (`run_config`: `execution_config`'s)."""
    render_film_job = job

    instance.add_dynamic_partitions(FILMS_PARTITIONS, [film_id])
    if instance.get_run_by_id(run_id) is not None:  # the same request submitted again
        return run_id
    run = instance.create_run_for_job(
        render_film_job(),
        run_id=run_id,
        run_config=run_config or {},
        tags={**RETRY_TAGS, **tags, TAG_PARTITION: film_id},
        remote_job_origin=render_job_origin(),
        job_code_origin=dg.reconstructable(render_film_job).get_python_origin(),
    )
    # The QueuedRunCoordinator only records RUN_ENQUEUED; it does not need a workspace.
    instance.submit_run(run.run_id, workspace=None)  # type: ignore[arg-type]
    return run.run_id


def latest_runs(
    instance: dg.DagsterInstance, film_ids: list[str], renders_only: bool = False
) -> dict[str, dg.DagsterRun]:
    """The newest run of each film (renders from the app, the CLI or the Dagster UI alike).

    `renders_only` keeps to whole-film renders (`render_film`): a producer re-materialising one
    asset in the Dagster UI does not change what the film's owner sees.
    """
    latest: dict[str, dg.DagsterRun] = {}
    for start in range(0, len(film_ids), 100):
        chunk = film_ids[start : start + 100]
        runs_filter = RunsFilter(tags={TAG_PARTITION: chunk}, job_name=RENDER_JOB if renders_only else None)
        for run in instance.get_runs(runs_filter, limit=len(chunk) * 10):
            latest.setdefault(run.tags.get(TAG_PARTITION, ""), run)  # newest first
    return latest


def run_progress(instance: dg.DagsterInstance, run_id: str) -> RunProgress:
    """Current asset, percent of steps done and elapsed seconds, from the run's event log."""
    record = instance.get_run_record_by_id(run_id)
    if record is None:
        return RunProgress("failed", None, 0.0, 0.0, "The run is missing from the Dagster instance.")
    run = record.dagster_run
    status = film_status(run)
    plan = (
        instance.get_execution_plan_snapshot(run.execution_plan_snapshot_id) if run.execution_plan_snapshot_id else None
    )
    total = len(run.step_keys_to_execute or (plan.step_keys_to_execute if plan else []) or []) or 1
    started: list[str] = []
    finished: set[str] = set()
    for event in instance.get_records_for_run(run_id, of_type=_STEP_EVENTS).records:
        entry = event.event_log_entry
        if entry.dagster_event_type == dg.DagsterEventType.STEP_START:
            started.append(entry.step_key or "")
        else:
            finished.add(entry.step_key or "")
    running = [key for key in started if key not in finished]
    current = running[-1] if running else None
    percent = 100.0 if status == "ready" else round(100.0 * len(finished) / total, 1)
    begin = record.start_time or record.create_timestamp.timestamp()
    end = record.end_time or (time.time() if status in ("queued", "rendering") else begin)
    message = {
        "queued": "Waiting in the render queue.",
        "cancelled": "The render was cancelled.",
        "ready": "The film is ready.",
    }.get(status)
    if status == "queued" and run.status == DagsterRunStatus.FAILURE:
        message = "The render was interrupted; it is being retried from where it stopped."
    if status == "failed":
        message = f"The render failed at {failure_message(instance, run_id)}"
    return RunProgress(status, current, min(percent, 100.0), max(0.0, end - begin), message)


def film_status(run: dg.DagsterRun) -> str:
    """The film status of a run; a failed run that Dagster will retry is still on its way ("queued")."""
    if run.status == DagsterRunStatus.FAILURE and run.tags.get(TAG_WILL_RETRY) == "true":
        return "queued"
    return FILM_STATUS.get(run.status, "queued")


def last_attempt(instance: dg.DagsterInstance, run: dg.DagsterRun) -> dg.DagsterRun:
    """Follow a run's automatic retries to the newest attempt (the run itself when never retried)."""
    seen = {run.run_id}
    while (retry_id := run.tags.get(TAG_RETRY_RUN)) and retry_id not in seen:
        retry = instance.get_run_by_id(retry_id)
        if retry is None:
            break
        seen.add(retry_id)
        run = retry
    return run


def attempt_settled(run: dg.DagsterRun) -> bool:
    """Whether a request's newest attempt is final: finished, and not a failure waiting for its retry."""
    if not run.is_finished:
        return False
    return not (run.status == DagsterRunStatus.FAILURE and run.tags.get(TAG_WILL_RETRY) == "true"
                and TAG_RETRY_RUN not in run.tags)  # fmt: skip


def request_run_id(run: dg.DagsterRun) -> str:
    """The run id a render request is recorded under: the first attempt's (a retry carries it as its root)."""
    return run.tags.get(TAG_ROOT_RUN) or run.run_id


def worker_pid(instance: dg.DagsterInstance, run_id: str) -> int | None:
    """The process id of the run worker, from the RUN_START event the worker itself wrote."""
    records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.RUN_START, limit=1).records
    event = records[0].event_log_entry.dagster_event if records else None
    return event.pid if event is not None else None


def worker_alive(instance: dg.DagsterInstance, run_id: str) -> bool:
    """Whether the run's worker process still runs on this machine (a recycled pid is not mistaken for it)."""
    import psutil

    pid = worker_pid(instance, run_id)
    record = instance.get_run_record_by_id(run_id)
    if pid is None or record is None:
        return False
    try:
        process = psutil.Process(pid)
        started = record.start_time or record.create_timestamp.timestamp()
        return (
            process.is_running() and process.status() != psutil.STATUS_ZOMBIE and process.create_time() <= started + 1
        )
    except psutil.Error:
        return False


def cancel_run(instance: dg.DagsterInstance, run_id: str, wait: float = 10.0) -> bool:
    """Take a queued run off the queue, or terminate a running one: through its code server, else
    (that server is gone) by signalling its worker; a run whose worker is gone is marked cancelled,
    so no run is ever left CANCELING."""
    run = instance.get_run_by_id(run_id)
    if run is None or run.is_finished:
        return False
    if run.status in (DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING):
        return _cancel_before_start(instance, run, min(wait, 2.0))
    started = run.status in (DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING)
    if not started or worker_alive(instance, run_id):
        try:
            if instance.run_coordinator.cancel_run(run_id):
                return True
        except Exception:  # noqa: BLE001 - an unreachable code server; the worker is handled below
            pass
    run = instance.get_run_by_id(run_id)
    if run is None or run.is_finished:
        return True
    if run.status != DagsterRunStatus.CANCELING:
        instance.report_run_canceling(run)
    pid = worker_pid(instance, run_id) if worker_alive(instance, run_id) else None
    if pid is not None:  # the worker outlived its code server: ask it to stop as the server would
        import psutil

        try:
            psutil.Process(pid).terminate()
            psutil.Process(pid).wait(timeout=wait)
        except psutil.TimeoutExpired:
            psutil.Process(pid).kill()
        except psutil.Error:
            pass
    run = instance.get_run_by_id(run_id)
    if run is not None and not run.is_finished:
        instance.report_run_canceled(run, "The run was cancelled; its worker is no longer running.")
    return True


def _cancel_before_start(instance: dg.DagsterInstance, run: dg.DagsterRun, wait: float) -> bool:
    """Cancel a launched run whose worker has not started executing it yet.

    Asked through the launcher, such a run goes CANCELING; its worker then starts, sees a run that is
    no longer starting, exits without a word, and the code server marks the run failed (and due a
    retry). Marked cancelled first, the worker sees a cancelled run and never starts executing. A
    worker that had already begun in the same instant is told to stop the usual way.
    """
    instance.report_run_canceling(run, message="Cancelling the run before its worker starts it.")
    instance.report_run_canceled(run, "The run was cancelled before it started.")
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if worker_pid(instance, run.run_id) is not None:  # it had begun: stop it through its code server
            instance.add_run_tags(run.run_id, {TAG_WILL_RETRY: "false"})
            try:
                instance.run_launcher.terminate(run.run_id)
            except Exception:  # noqa: BLE001 - an unreachable code server; run monitoring ends the run
                pass
            break
        time.sleep(0.5)
    return True


def reconcile_runs(instance: dg.DagsterInstance) -> dict[str, list[str]]:
    """Settle the runs a stopped (or killed) `studio up` left in flight, at its stop and its next start.

    A run whose worker still runs is left alone: it finishes by itself. One whose worker is gone is
    failed, and Dagster's run retries resume it from the failure (finished steps reused) within its
    retry budget; past the budget it stays failed and is refunded. One left CANCELING is cancelled.
    Only daemon-launched runs carry the code server tag: a CLI render in another terminal is left alone.
    """
    in_flight = [DagsterRunStatus.STARTING, DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]
    outcome: dict[str, list[str]] = {"failed": [], "cancelled": [], "alive": []}
    for record in instance.get_run_records(RunsFilter(statuses=in_flight)):
        run = record.dagster_run
        if TAG_GRPC_INFO not in run.tags:
            continue
        if worker_alive(instance, run.run_id):
            outcome["alive"].append(run.run_id)
        elif run.status == DagsterRunStatus.CANCELING:
            instance.report_run_canceled(run, "The studio stopped while this run was cancelling.")
            outcome["cancelled"].append(run.run_id)
        else:
            instance.report_run_failed(run, "The studio stopped while this run was rendering.")
            outcome["failed"].append(run.run_id)
    return outcome


def fail_orphaned_runs(instance: dg.DagsterInstance) -> list[str]:
    """The runs `reconcile_runs` failed (kept for callers of the older name)."""
    return reconcile_runs(instance)["failed"]


def run_summaries(instance: dg.DagsterInstance, limit: int = 100) -> list[dict]:
    """Recent runs of any film, newest first, for producers and admins."""
    rows = []
    for record in instance.get_run_records(limit=limit):
        run = record.dagster_run
        if TAG_PARTITION not in run.tags:
            continue
        rows.append(
            {
                "run_id": run.run_id,
                "film_id": run.tags.get(TAG_PARTITION),
                "job": run.job_name,
                "user_id": run.tags.get(TAG_USER),
                "priority": int(run.tags.get(TAG_PRIORITY, 0)),
                "status": film_status(run),
                "dagster_status": run.status.value,
                "created_at": record.create_timestamp,
                "elapsed": round((record.end_time or time.time()) - record.start_time, 1) if record.start_time else 0.0,
            }
        )
    return rows


def settle_requests(
    session: Session, instance: dg.DagsterInstance, requests: list[RenderRequestRow], media: MediaStore | None = None
) -> int:
    """Close finished render requests: refund system failures (once per run), keep cancellations,
    and (given the `media` store) settle a successful render's charge on its rendered length.

    Idempotent: a refund's ledger key is `refund:<run id>`, and only `submitted` requests are read.
    A request is settled on its newest attempt: a run that failed and will be retried waits for the
    retry, so a request is charged, refunded or settled once whatever the retries. Called by the
    app on reads and by the `refund_failed_renders` sensor in the daemon. Returns the number of
    refunds made.
    """
    from studio.services.organisations import refund as org_refund

    refunds = 0
    open_requests = [r for r in requests if r.state == "submitted"]
    if not open_requests:
        return 0
    runs = {run.run_id: run for run in instance.get_runs(RunsFilter(run_ids=[r.run_id for r in open_requests]))}
    for request in open_requests:
        run = runs.get(request.run_id)
        if run is None:
            continue
        run = last_attempt(instance, run)
        if not attempt_settled(run):
            continue
        if run.status == DagsterRunStatus.SUCCESS:
            if media is not None:
                from studio.services.settle_length import settle_on_length

                settle_on_length(session, request, media)
            promote_draft(session, request.film_id, request.run_id)
            request.state = "done"
        elif run.status == DagsterRunStatus.CANCELED:
            request.state = "cancelled"  # the user's choice: credits stay spent
        else:  # FAILURE: a system reason, since bad input is refused before a run is created
            if request.charged > 0:
                credit(session, request.user_id, request.charged, "refund", request.run_id, f"refund:{request.run_id}")
                refunds += 1
            elif org_refund(session, request.key, request.run_id):  # an organisation's pool paid
                refunds += 1
            request.state = "refunded"
    session.flush()
    return refunds


def promote_draft(session: Session, film_id: str, run_id: str) -> None:
    """The render of an edited script succeeded: the draft becomes the film's script."""
    from studio.store import FilmRow

    film = session.get(FilmRow, film_id)
    if film is not None and film.draft_run_id == run_id and film.draft_script is not None:
        film.script, film.draft_script, film.draft_run_id = film.draft_script, None, None


def settle_run(database_url: str, instance: dg.DagsterInstance, run_id: str, media: MediaStore | None = None) -> int:
    """Settle the render request of one run, or of the retry of one (the sensors' entry point)."""
    from studio.store import FilmStore

    run = instance.get_run_by_id(run_id)
    run_id = request_run_id(run) if run is not None else run_id
    store = FilmStore(database_url)
    try:
        with store.session() as session:
            rows = list(session.scalars(select(RenderRequestRow).where(RenderRequestRow.run_id == run_id)))
            return settle_requests(session, instance, rows, media)
    except IntegrityError:  # the app settled it at the same moment
        return 0
    finally:
        store.engine.dispose()
