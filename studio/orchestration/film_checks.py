"""A film's quality gate in plain words for the creator: the latest render's asset checks, each
passed, failed or not measured (a check that could not measure is never shown as passed)."""

from __future__ import annotations

from typing import Any

from studio.domain.checks import check_status


def film_checks(instance: Any, film_id: str, runs_to_search: int = 10) -> list[dict[str, Any]]:
    """The asset check results of the film's newest run that evaluated any, each with its status."""
    from dagster import RunsFilter

    from studio.orchestration.execute import check_results

    for run in instance.get_runs(RunsFilter(tags={"dagster/partition": film_id}), limit=runs_to_search):
        checks = check_results(instance, run.run_id)
        if checks:
            return [c | {"status": check_status(c)} for c in checks]
    return []
