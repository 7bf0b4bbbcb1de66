"""The persistent Dagster instance of the settings, and what a finished render run reports (failure, checks, timings)."""

from __future__ import annotations

import os
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
