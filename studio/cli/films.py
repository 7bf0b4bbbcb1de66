"""`studio films [--json]`: every film with its status and latest run, for operators and scripts.

The status is read live from Dagster (the store's copy is only refreshed when the app reads a
film), so a render interrupted, retrying, cancelled or failed shows as such here at once.
"""

from __future__ import annotations

import json
from typing import Any

import click

from studio.settings import Settings


def film_rows(settings: Settings) -> list[dict[str, Any]]:
    """id, title, status, watchable and the latest render run (id, Dagster status, retry number) of each film."""
    from studio.orchestration.execute import open_instance
    from studio.orchestration.runs import film_status, latest_runs
    from studio.services.deliverables import watchable
    from studio.store import FilmStore

    store = FilmStore(settings.database_url)
    store.migrate()
    try:
        films = store.list_films()
    finally:
        store.engine.dispose()
    runs = latest_runs(open_instance(settings), [f.id for f in films], renders_only=True) if films else {}
    rows = []
    for film in films:
        run = runs.get(film.id)
        rows.append(
            {
                "id": film.id,
                "title": film.title,
                "status": film_status(run) if run is not None else film.status,
                "watchable": watchable(settings.media_root, film.id),
                "latest_run": None if run is None else {
                    "run_id": run.run_id,
                    "dagster_status": run.status.value,
                    "retry_number": int(run.tags.get("dagster/retry_number", 0)),
                    "first_run_id": run.tags.get("dagster/root_run_id") or run.run_id,
                },
            }
        )  # fmt: skip
    return rows


@click.command("films")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (id, title, status, latest_run).")
def films(as_json: bool) -> None:
    """List the films in the store with their live status."""
    rows = film_rows(Settings.from_env())
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        run = row["latest_run"]["run_id"] if row["latest_run"] else "-"
        click.echo(f"{row['id']}  {row['status']:9}  {row['title']}  (run {run})")
