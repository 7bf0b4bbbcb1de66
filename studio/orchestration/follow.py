"""Follow a submitted render to its end: the one path the CLI and the app share.

A render is a queued run of `render_film` (`runs.submit_render`); the daemon launches it and retries it
from its failure when its worker dies. Following it means reading, through Dagster's public API, the
request's newest attempt (`runs.last_attempt`) and that attempt's progress (`runs.run_progress`) until
the attempt is final (`runs.attempt_settled`): the same calls the app's Render page polls.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import dagster as dg

from studio.domain.runs import TAG_RETRY_RUN, RunProgress
from studio.orchestration import runs
from studio.orchestration.execute import check_results, failure_message, seconds_per_step

# The daemon writes a heartbeat every 30 s; one older than this means no daemon serves the queue.
HEARTBEAT_TOLERANCE_SECONDS = 75.0
QUEUE_DAEMON = "QUEUED_RUN_COORDINATOR"

OnProgress = Callable[[RunProgress], None]
Instance = dg.DagsterInstance  # for the CLI's annotations: only studio/orchestration imports Dagster


def queue_served(instance: dg.DagsterInstance, tolerance: float = HEARTBEAT_TOLERANCE_SECONDS) -> bool:
    """Whether a live `dagster-daemon` dequeues this instance's runs (its latest heartbeat is recent)."""
    heartbeat = instance.get_daemon_heartbeats().get(QUEUE_DAEMON)
    return heartbeat is not None and time.time() - heartbeat.timestamp < tolerance


def attempts(instance: dg.DagsterInstance, run_id: str) -> list[dg.DagsterRun]:
    """The request's runs, first attempt first (a retry from failure reuses its parents' steps)."""
    chain: list[dg.DagsterRun] = []
    run = instance.get_run_by_id(run_id)
    while run is not None and run.run_id not in {r.run_id for r in chain}:
        chain.append(run)
        retry_id = run.tags.get(TAG_RETRY_RUN)
        run = instance.get_run_by_id(retry_id) if retry_id else None
    return chain


def follow_render(
    instance: dg.DagsterInstance,
    run_id: str,
    on_progress: OnProgress | None = None,
    keep_served: Callable[[], None] | None = None,
    poll: float = 0.5,
) -> dg.DagsterRun:
    """Wait for the request `run_id` to settle (finished, and not a failure waiting for its retry)
    and return its newest attempt. `keep_served` is called on each look until then: the CLI starts a
    daemon there when none serves the queue (a queued run, or a retry, would otherwise wait forever)."""
    while True:
        first = instance.get_run_by_id(run_id)
        if first is None:
            raise LookupError(f"Run {run_id} is not in the Dagster instance.")
        run = runs.last_attempt(instance, first)
        if on_progress is not None:
            on_progress(runs.run_progress(instance, run.run_id))
        if runs.attempt_settled(run):
            return run
        if keep_served is not None:
            keep_served()
        time.sleep(poll)


@dataclass(frozen=True)
class RenderOutcome:
    """A followed render request, in the studio's terms: what the CLI reports about it."""

    run_id: str  # the first attempt's: the request's id
    attempts: list[str]
    succeeded: bool
    message: str | None  # why it did not succeed
    checks: list[dict[str, Any]]  # each check's newest result over the attempts
    seconds_per_step: dict[str, float]


def render_through_queue(
    instance: dg.DagsterInstance,
    job: Callable[[], dg.JobDefinition],
    film_id: str,
    tags: dict[str, str],
    on_progress: OnProgress | None = None,
    keep_served: Callable[[], None] | None = None,
    run_config: dict[str, Any] | None = None,
) -> RenderOutcome:
    """Submit a render of the film to the queue (as the app does) and follow it to its end.

    Interrupted (Ctrl-C), the request is cancelled rather than left running with no one watching.
    """
    run_id = runs.submit_render(instance, job, film_id, str(uuid.uuid4()), tags, run_config)
    try:
        last = follow_render(instance, run_id, on_progress, keep_served)
    except KeyboardInterrupt:
        for run in attempts(instance, run_id):
            runs.cancel_run(instance, run.run_id)
        raise
    chain = [run.run_id for run in attempts(instance, run_id)]
    succeeded = last.status == dg.DagsterRunStatus.SUCCESS
    message = None
    if not succeeded:
        cancelled = last.status == dg.DagsterRunStatus.CANCELED
        message = "it was cancelled" if cancelled else failure_message(instance, last.run_id)
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for attempt in chain:  # a retry reuses checks that already ran
        latest.update({(c["asset"], c["check"]): c for c in check_results(instance, attempt)})
    seconds = {step: t for attempt in chain for step, t in seconds_per_step(instance, attempt).items()}
    return RenderOutcome(run_id, chain, succeeded, message, list(latest.values()), seconds)


_WAITING = [dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.STARTING]
_RUNNING = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


def queue_busy(instance: dg.DagsterInstance) -> bool:
    """Whether a run waits to be launched, or runs in a live worker (a daemon stopped now would strand it)."""
    if instance.get_runs(dg.RunsFilter(statuses=_WAITING), limit=1):
        return True
    return any(runs.worker_alive(instance, run.run_id) for run in instance.get_runs(dg.RunsFilter(statuses=_RUNNING)))
