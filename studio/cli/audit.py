"""`studio audit export`: the audit log as CSV or JSON lines, for the studio's operator."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from studio.settings import Settings


@click.group("audit")
def audit() -> None:
    """The append-only audit log of every change."""


@audit.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option("--film", "film_id", default=None, help="Only the entries of this film.")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write here instead of standard output.")
def export(fmt: str, film_id: str | None, out: Path | None) -> None:
    """Every entry, oldest first."""
    from studio.services import audit as log
    from studio.store import FilmStore

    store = FilmStore(Settings.from_env().database_url)
    store.migrate()
    with store.session() as session:
        rows = list(reversed(log.entries(session, None, film_id, 1_000_000)))
    body = log.to_csv(rows) if fmt == "csv" else "".join(log.to_jsonl(rows))
    if out is None:
        sys.stdout.write(body)
        return
    if out.exists() and out.is_dir():
        click.echo(f"error: {out} is a folder; give a file name.", err=True)
        sys.exit(2)
    out.write_text(body, encoding="utf-8")
    click.echo(f"Wrote {len(rows)} entries to {out}.", err=True)
