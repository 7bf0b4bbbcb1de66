"""`studio apikey`: make, list and revoke keys of the public API (`/api/v1`) from the shell."""

from __future__ import annotations

import sys

import click

from studio.settings import Settings


def _store():  # type: ignore[no-untyped-def]
    from studio.store import FilmStore

    store = FilmStore(Settings.from_env().database_url)
    store.migrate()
    return store


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.group("apikey")
def apikey() -> None:
    """Keys of the public API: shown once, stored hashed, revocable."""


@apikey.command("create")
@click.argument("email")
@click.option(
    "--org", default=None, help="The organisation the key acts in (its short name); the user must belong to it."
)
@click.option("--name", default="", help="A label to recognise the key by.")
def create(email: str, org: str | None, name: str) -> None:
    """Make a key for the account EMAIL and print it (the only time it is shown)."""
    from sqlalchemy import select

    from studio.domain.errors import UserError
    from studio.services import api_keys, organisations
    from studio.store.accounts import UserRow

    try:
        with _store().session() as session:
            user = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
            if user is None:
                raise UserError(f"No account {email[:80]!r}.")
            row, key = api_keys.create(session, user, organisations.by_slug(session, org) if org else None, name)
            prefix = row.prefix
    except UserError as error:
        _fail(str(error))
    click.echo(key)
    click.echo(f"Key {prefix} for {email}{f' in {org}' if org else ''}. Keep it now: it is not shown again.", err=True)


@apikey.command("list")
@click.option("--email", default=None, help="Only this account's keys.")
def list_keys(email: str | None) -> None:
    """Every key: prefix, account, organisation, made, last used, revoked."""
    from sqlalchemy import select

    from studio.services import api_keys
    from studio.store.accounts import UserRow

    with _store().session() as session:
        user_id = None
        if email:
            user_id = session.scalar(select(UserRow.id).where(UserRow.email == email.strip().lower())) or "-"
        for key in api_keys.listing(session, user_id):
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never"
            click.echo(f"{key.prefix}  {key.user_email}  {key.org_slug or '-'}  {key.created_at:%Y-%m-%d}  "
                       f"used {used}  {state}  {key.name}")  # fmt: skip


@apikey.command("revoke")
@click.argument("prefix")
def revoke(prefix: str) -> None:
    """Revoke the key whose prefix (or whole key) is PREFIX; it stops working at once."""
    from studio.domain.errors import UserError
    from studio.services import api_keys

    try:
        with _store().session() as session:
            key = api_keys.revoke(session, prefix)
    except UserError as error:
        _fail(str(error))
    click.echo(f"Revoked {key.prefix} ({key.user_email}).")
