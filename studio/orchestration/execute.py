"""Run the render job for one film through Dagster on the persistent instance under STUDIO_HOME."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

import dagster as dg

from studio.settings import Settings

FILMS_PARTITIONS = "films"
# What studios before engine profiles wrote; such a file is ours and is rewritten from the settings.
INSTANCE_YAML = """\
# Written by Film Studio on first use. Storage defaults to SQLite in this folder.
telemetry:
  enabled: false
"""
OURS = "# Written by Film Studio"

ProgressCallback = Callable[[int, str], None]
# The CLI shows a progress bar; the full event log stays in the instance for the Dagster UI.
QUIET_CONSOLE = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def open_instance(settings: Settings) -> dg.DagsterInstance:
    """The Dagster instance of the settings' engine profile (studio/orchestration/instance.py).

    The engines the profile names are checked first, so a database or broker that does not answer
    stops the command with a message naming the setting before anything is written. The instance is
    opened from the settings' folder, not `DAGSTER_HOME`: publishing the settings to the environment
    (`Settings.export`) is the process entry point's job (the CLI, the server factory), never a library's.
    """
    from studio.orchestration.instance import check_engines

    check_engines(settings)
    settings.ensure_dirs()
    write_instance_yaml(settings)
    return dg.DagsterInstance.from_config(str(settings.dagster_home.resolve()))


def write_instance_yaml(settings: Settings) -> None:
    """Write dagster.yaml for the profile; a file someone else wrote is theirs and left alone."""
    from studio.orchestration.instance import instance_yaml

    config = settings.dagster_home / "dagster.yaml"
    text = instance_yaml(settings)
    if config.exists():
        current = config.read_text()
        if current == text or not current.startswith(OURS):
            return
    partial = config.with_name(f".dagster.yaml.{os.getpid()}")
    partial.write_text(text)
    partial.replace(config)  # atomic: a process starting now reads the old file or the new one


def _run_ids(instance: dg.DagsterInstance, film_id: str) -> set[str]:
    return {run.run_id for run in instance.get_runs(dg.RunsFilter(tags={"dagster/partition": film_id}))}


def _watch(instance: dg.DagsterInstance, film_id: str, done: threading.Event, progress: ProgressCallback,
           earlier: frozenset[str] = frozenset()) -> None:  # fmt: skip
    """Report finished steps while the run executes (the run id is known once Dagster creates it).

    `earlier` are the film's runs before this one (a re-render), which must not be reported.
    """
    run_id: str | None = None
    seen = 0
    while True:
        finished = done.wait(0.5)
        if run_id is None:
            runs = instance.get_runs(dg.RunsFilter(tags={"dagster/partition": film_id}), limit=1)
            run_id = runs[0].run_id if runs and runs[0].run_id not in earlier else None
        if run_id is not None:
            records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.STEP_SUCCESS).records
            for record in records[seen:]:
                progress(1, record.event_log_entry.step_key or "")
            seen = len(records)
        if finished:  # one last look after the run ends so the bar reaches the last step
            return


def execute_render(
    instance: dg.DagsterInstance,
    job: Callable[[], dg.JobDefinition],
    film_id: str,
    progress: ProgressCallback | None = None,
) -> dg.ExecuteJobResult:
    """Execute `job` (the pipeline's `render_film` factory) for the film's partition in this process."""
    instance.add_dynamic_partitions(FILMS_PARTITIONS, [film_id])
    done = threading.Event()
    watcher = None
    if progress is not None:
        earlier = frozenset(_run_ids(instance, film_id))
        watcher = threading.Thread(target=_watch, args=(instance, film_id, done, progress, earlier), daemon=True)
        watcher.start()
    try:
        with dg.execute_job(
            dg.reconstructable(job),
            instance=instance,
            tags={"dagster/partition": film_id},
            run_config=QUIET_CONSOLE,
        ) as result:
            return result
    finally:
        done.set()
        if watcher is not None:
            watcher.join()


def failure_message(instance: dg.DagsterInstance, run_id: str) -> str:
    records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.STEP_FAILURE).records
    for record in records:
        event = record.event_log_entry.dagster_event
        error = event.step_failure_data.error if event and event.step_failure_data else None
        while error is not None and error.cause is not None:  # Dagster wraps the backend's own error
            error = error.cause
        if error is not None:
            return f"{record.event_log_entry.step_key}: {error.message.strip().splitlines()[-1]}"
    return "the run failed; see the Dagster UI for details"


def check_results(instance: dg.DagsterInstance, run_id: str) -> list[dict[str, Any]]:
    records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION).records
    results = []
    for record in records:
        event = record.event_log_entry.dagster_event
        evaluation = event.event_specific_data if event is not None else None
        if not isinstance(evaluation, dg.AssetCheckEvaluation):  # the filter above asks for these only
            continue
        results.append(
            {
                "asset": evaluation.asset_key.to_user_string(),
                "check": evaluation.check_name,
                "passed": evaluation.passed,
                "description": evaluation.description,
                "metadata": {k: v.value for k, v in evaluation.metadata.items()},
            }
        )
    return results


def seconds_per_step(instance: dg.DagsterInstance, run_id: str) -> dict[str, float]:
    return {
        stat.step_key: round((stat.end_time or 0) - (stat.start_time or 0), 3)
        for stat in instance.get_run_step_stats(run_id)
    }
