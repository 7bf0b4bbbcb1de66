"""What the render benchmarks need from the render queue: a daemon that serves it for the whole
benchmark (as `studio up`'s does, so no render pays the daemon's start), and each run's phases read
back from Dagster (waiting in the queue, launching a worker, executing the steps).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from studio.cli.queue_daemon import QueueDaemon
from studio.orchestration.execute import open_instance
from studio.orchestration.follow import queue_served
from studio.settings import Settings


@contextmanager
def served_queue(settings: Settings, timeout: float = 180.0) -> Iterator[float]:
    """A `dagster-daemon` serving the settings' queue while the block runs; yields its start-up seconds."""
    instance = open_instance(settings)
    daemon = QueueDaemon(settings, instance)
    began = time.perf_counter()
    daemon.keep_served()
    try:
        while not queue_served(instance):
            if time.perf_counter() - began > timeout:
                raise RuntimeError(f"the benchmark's dagster-daemon sent no heartbeat in {timeout:.0f} s")
            time.sleep(0.5)
        yield time.perf_counter() - began
    finally:
        daemon.close()


def run_phases(settings: Settings, run_id: str) -> dict[str, float]:
    """Seconds a run spent queued (created to launched), launching (launched to its worker starting)
    and executing (worker start to end)."""
    instance = open_instance(settings)
    record: Any = instance.get_run_record_by_id(run_id)
    stats = instance.get_run_stats(run_id)
    created = record.create_timestamp.timestamp()
    launched = stats.launch_time or created
    started = stats.start_time or launched
    ended = stats.end_time or started
    return {"queued": launched - created, "launching": started - launched, "executing": ended - started}


def phases_line(label: str, total: float, phases: dict[str, float]) -> str:
    outside = total - sum(phases.values())
    return (
        f"{label}: {total:.1f} s = queued {phases['queued']:.1f} + launching {phases['launching']:.1f} "
        f"+ executing {phases['executing']:.1f} + before and after the run (parse, submit, deliver) {outside:.1f}"
    )


def step_overheads(settings: Settings, run_id: str) -> dict[str, float]:
    """Seconds each step's process spent before its body began (worker start: fork, resources,
    inputs) and after it ended (outputs, events), summed over the run's steps, from the event log."""
    import dagster as dg

    instance = open_instance(settings)
    marks: dict[str, dict[str, float]] = {}
    for record in instance.get_records_for_run(run_id, limit=100_000).records:
        event = record.event_log_entry
        if event.dagster_event is None or event.step_key is None:
            continue
        kind = event.dagster_event.event_type
        step = marks.setdefault(event.step_key, {})
        if kind == dg.DagsterEventType.STEP_WORKER_STARTING:
            step.setdefault("worker", event.timestamp)
        elif kind == dg.DagsterEventType.STEP_START:
            step["start"] = event.timestamp
        elif kind == dg.DagsterEventType.STEP_OUTPUT or kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            step.setdefault("body_end", event.timestamp)
        elif kind == dg.DagsterEventType.STEP_SUCCESS:
            step["end"] = event.timestamp
    before = [m["start"] - m["worker"] for m in marks.values() if "start" in m and "worker" in m]
    after = [m["end"] - m["body_end"] for m in marks.values() if "end" in m and "body_end" in m]
    return {"steps": len(marks), "before_body": sum(before), "after_body": sum(after), "marks": marks}


def timeline_lines(marks: dict[str, dict[str, float]]) -> list[str]:
    """Each step as `worker start / body start - end` in seconds from the first step's worker start,
    in order of starting: the last lines are the run's tail, what a faster render must shorten."""
    spans = {step: m for step, m in marks.items() if "worker" in m and "end" in m}
    if not spans:
        return []
    zero = min(m["worker"] for m in spans.values())
    ordered = sorted(spans.items(), key=lambda kv: kv[1]["worker"])
    return [
        f"    {m['worker'] - zero:6.1f} / {m.get('start', m['worker']) - zero:6.1f} - {m['end'] - zero:6.1f}  {step}"
        for step, m in ordered
    ]
