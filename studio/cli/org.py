"""`studio org` (organisations, members, the credit pool) and `studio usage` (the monthly report)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from studio.settings import Settings


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _store():  # type: ignore[no-untyped-def]
    from studio.store import FilmStore

    store = FilmStore(Settings.from_env().database_url)
    store.migrate()
    return store


def _user(session, email: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from studio.domain.errors import UserError
    from studio.store.accounts import UserRow

    user = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
    if user is None:
        raise UserError(f"No account {email[:80]!r}.")
    return user


@click.group("org")
def org() -> None:
    """Organisations: members and the credit pool their renders draw on."""


@org.command("create")
@click.argument("slug")
@click.option("--name", default=None, help="Display name (default: the short name).")
@click.option("--owner", default=None, metavar="EMAIL", help="Make this account its owner.")
def create(slug: str, name: str | None, owner: str | None) -> None:
    """Create the organisation SLUG (3-60 lower-case letters, digits, dashes)."""
    from studio.domain.errors import UserError
    from studio.services import organisations

    try:
        with _store().session() as session:
            row = organisations.create(session, slug, name)
            if owner:
                organisations.add_member(session, row, _user(session, owner), "owner")
    except UserError as error:
        _fail(str(error))
    click.echo(f"Created {slug}.")


@org.command("add")
@click.argument("slug")
@click.argument("email")
@click.option("--role", type=click.Choice(["owner", "admin", "member"]), default="member", show_default=True)
def add(slug: str, email: str, role: str) -> None:
    """Add EMAIL to SLUG (or change their role)."""
    from studio.domain.errors import UserError
    from studio.services import organisations

    try:
        with _store().session() as session:
            organisations.add_member(session, organisations.by_slug(session, slug), _user(session, email), role)
    except UserError as error:
        _fail(str(error))
    click.echo(f"{email} is {role} of {slug}.")


@org.command("remove")
@click.argument("slug")
@click.argument("email")
def remove(slug: str, email: str) -> None:
    """Take EMAIL out of SLUG (their keys for it stop working)."""
    from studio.domain.errors import UserError
    from studio.services import organisations

    try:
        with _store().session() as session:
            organisations.remove_member(session, organisations.by_slug(session, slug), _user(session, email))
    except UserError as error:
        _fail(str(error))
    click.echo(f"{email} left {slug}.")


@org.command("grant")
@click.argument("slug")
@click.argument("amount", type=int)
@click.option("--reason", required=True, help="Why (kept in the pool's ledger).")
def grant(slug: str, amount: int, reason: str) -> None:
    """Add AMOUNT credits to SLUG's pool (negative, after `--`: take them back, never below zero)."""
    from studio.domain.errors import UserError
    from studio.services import organisations

    try:
        with _store().session() as session:
            row = organisations.grant(session, organisations.by_slug(session, slug), amount, reason)
            balance = row.balance_after
    except UserError as error:
        _fail(str(error))
    click.echo(f"{slug}: {balance} credits.")


@org.command("list")
def list_orgs() -> None:
    """Every organisation: short name, pool balance, members."""
    from sqlalchemy import func, select

    from studio.store.organisations import OrganisationRow, OrgMemberRow

    with _store().session() as session:
        for row in session.scalars(select(OrganisationRow).order_by(OrganisationRow.slug)):
            members = session.scalar(
                select(func.count()).select_from(OrgMemberRow).where(OrgMemberRow.org_id == row.id)
            )
            click.echo(f"{row.slug}  {row.balance} credits  {members} member(s)  {row.name}")


@click.command("usage")
@click.option("--month", default=None, metavar="YYYY-MM", help="The month (default: this month).")
@click.option("--org", "slug", default=None, help="Only this organisation.")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the report as CSV here ('-' for standard output only).",
)
def usage(month: str | None, slug: str | None, csv_path: Path | None) -> None:
    """Usage per organisation in a month: films, renders, video minutes, storage, pool credits."""
    from studio.domain.errors import UserError
    from studio.services import organisations
    from studio.services.usage import org_usage, parse_month, to_csv, usage_rows

    settings = Settings.from_env()
    try:
        start = parse_month(month)
        with _store().session() as session:
            if slug:
                rows = [org_usage(session, settings.media_root, organisations.by_slug(session, slug), start)]
            else:
                rows = usage_rows(session, settings.media_root, start)
    except UserError as error:
        _fail(str(error))
    if csv_path is not None and str(csv_path) == "-":
        click.echo(to_csv(rows), nl=False)
        return
    for r in rows:
        click.echo(
            f"{r['organisation']}  {r['month']}  films {r['films_created']}  renders {r['renders']}  "
            f"video {r['video_minutes']} min  storage {r['storage_mb']} MB  credits {r['credits_spent']}"
        )
    if csv_path is not None:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        csv_path.write_text(to_csv(rows), encoding="utf-8")
        click.echo(str(csv_path.resolve()))
