"""`studio backup`: make, list and restore encrypted backups of the store, or make a key."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from studio.settings import Settings


@click.group("backup")
def backup() -> None:
    """Encrypted backups of the store (STUDIO_BACKUP_KEY, STUDIO_BACKUP_DIR, STUDIO_BACKUP_RETENTION_DAYS)."""


@backup.command("keygen")
def keygen() -> None:
    """Print a new key for STUDIO_BACKUP_KEY."""
    from studio.store.backups import new_key

    click.echo(new_key())


@backup.command("run")
def run() -> None:
    """Back the store up now (the Dagster schedule does this daily)."""
    from studio.store.backups import BackupError
    from studio.store.backups import backup as make

    try:
        click.echo(f"Wrote {make(Settings.from_env())}")
    except BackupError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)


@backup.command("restore")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--to", "target", default=None, help="Database URL to restore into (default: STUDIO_DATABASE_URL).")
@click.confirmation_option(prompt="Restoring replaces the store's contents. Go on?")
def restore(file: Path, target: str | None) -> None:
    """Restore FILE into the store."""
    from studio.store.backups import BackupError
    from studio.store.backups import restore as put_back

    settings = Settings.from_env()
    try:
        put_back(settings, file, target or settings.database_url)
    except BackupError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo("Restored.")
