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
