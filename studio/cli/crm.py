"""`studio crm`: the Salesforce outbox for admins (list, dead letter, retry), drain and bulk backfill."""

from __future__ import annotations

import click

from studio.settings import Settings


def _store():
    from studio.store import FilmStore

    settings = Settings.from_env()
    settings.ensure_dirs()
    store = FilmStore(settings.database_url)
    store.migrate()
    return settings, store


@click.group()
def crm() -> None:
    """Salesforce sync: outbox, dead letter, drain, backfill."""


@crm.command("outbox")
@click.option("--dead", is_flag=True, help="Only the dead letter (rows that gave up after repeated failures).")
@click.option("--state", type=click.Choice(["pending", "done", "dead"]), default=None)
@click.option("--limit", default=100, show_default=True)
def outbox_command(dead: bool, state: str | None, limit: int) -> None:
    """List outbox rows, newest first, with their attempts and last error."""
    from studio.services.crm import outbox

    _, store = _store()
    rows = outbox(store, "dead" if dead else state, limit)
    if not rows:
        click.echo("The outbox is empty." if not (dead or state) else f"No {('dead' if dead else state)} rows.")
    for row in rows:
        click.echo(f"{row.id:6}  {row.state:7}  {row.kind:8} {row.key:32}  {row.event:20} attempts={row.attempts}"
                   f"  {row.created_at:%Y-%m-%d %H:%M}  {row.last_error or ''}")  # fmt: skip


@crm.command()
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Every dead row.")
def retry(ids: tuple[int, ...], every: bool) -> None:
    """Put dead rows back in the queue (after fixing what Salesforce refused)."""
    from studio.services.crm import retry_dead

    if not ids and not every:
        raise click.UsageError("Name the rows to retry, or pass --all.")
    _, store = _store()
    count = retry_dead(store, list(ids) or None)
    click.echo(f"{count} row{'s' * (count != 1)} queued again.")


@crm.command()
def drain() -> None:
    """Send the due outbox rows now (the Dagster sensor does this every minute)."""
    from integrations.salesforce import SalesforceUnavailable
    from studio.domain.errors import UserError
    from studio.services.crm import client_factory
    from studio.services.crm import drain as drain_outbox

    settings, store = _store()
    try:
        result = drain_outbox(store, settings, client_factory(settings))
    except SalesforceUnavailable as error:
        raise click.ClickException(str(error)) from None
    except UserError as error:
        raise click.ClickException(str(error)) from None
    click.echo(result.summary())


@crm.command()
def backfill() -> None:
    """Upsert every existing film, user and YouTube link through the Bulk API 2.0."""
    from integrations.salesforce import SalesforceUnavailable
    from studio.services.crm import backfill as run_backfill
    from studio.services.crm import client_factory

    settings, store = _store()
    try:
        totals = run_backfill(store, settings, client_factory(settings)())
    except SalesforceUnavailable as error:
        raise click.ClickException(str(error)) from None
    for sobject, numbers in totals.items():
        click.echo(f"{sobject}: {numbers['numberRecordsProcessed']} processed, {numbers['numberRecordsFailed']} failed")
