"""Encrypted backups of the studio's store, kept for a retention window, and their restore.

SQLite is copied with its online backup API (a consistent copy while the studio keeps writing);
PostgreSQL with `pg_dump --format=custom` (restored with `pg_restore`). The copy is encrypted with
Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) under STUDIO_BACKUP_KEY and written as
`studio-<UTC time>.<sqlite|pgdump>.fernet` in STUDIO_BACKUP_DIR; files older than
STUDIO_BACKUP_RETENTION_DAYS (7-30) are deleted after each successful backup. The Dagster schedule
in dagster_project/backups.py runs this daily; `studio backup run|restore|keygen` by hand.

What is backed up: the store (accounts, films, scripts, ledger). Media files are not (they can be
re-rendered from the store, and are large); back the media folder up with the file system.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography.fernet import Fernet, InvalidToken

from studio.settings import Settings

_NAME = re.compile(r"^studio-(\d{8}T\d{6}Z)\.(sqlite|pgdump)\.fernet$")
PG_TIMEOUT_SECONDS = 600


class BackupError(RuntimeError):
    """A backup or restore could not be made; the message says what is missing or wrong."""


def new_key() -> str:
    """A fresh key for STUDIO_BACKUP_KEY (keep it apart from the backups: without it they cannot be read)."""
    return Fernet.generate_key().decode()


def _fernet(key: str) -> Fernet:
    if not key:
        raise BackupError("Backups are not configured: set STUDIO_BACKUP_KEY (make one with `studio backup keygen`).")
    try:
        return Fernet(key.encode())
    except (ValueError, TypeError) as error:
        raise BackupError("STUDIO_BACKUP_KEY is not a Fernet key (32 url-safe base64 bytes).") from error


def _sqlite_path(url: str) -> Path:
    return Path(url.split("///", 1)[1])


def _pg(url: str) -> tuple[str, str | None]:
    """A libpq URI for pg_dump (no SQLAlchemy driver) and the schema named in its search_path, if any."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    options = unquote(parse_qs(parts.query).get("options", [""])[0])
    schema = re.search(r"search_path=([\w]+)", options)
    return f"{scheme}://{parts.netloc}{parts.path}", schema.group(1) if schema else None


def _run(command: list[str]) -> bytes:
    try:
        done = subprocess.run(command, capture_output=True, timeout=PG_TIMEOUT_SECONDS, check=False)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client).") from error
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.decode(errors='replace').strip()[:500]}")
    return done.stdout


def dump(database_url: str) -> tuple[bytes, str]:
    """A consistent copy of the store's bytes and its kind ('sqlite' or 'pgdump')."""
    if database_url.startswith("sqlite"):
        source = _sqlite_path(database_url)
        if not source.exists():
            raise BackupError(f"The store {source} does not exist.")
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "copy.db"
            with sqlite3.connect(source) as src, sqlite3.connect(copy) as dst:
                src.backup(dst)  # the online backup API: a consistent snapshot while others write
            return copy.read_bytes(), "sqlite"
    if database_url.startswith("postgresql"):
        uri, schema = _pg(database_url)
        command = ["pg_dump", "--format=custom", "--no-owner", f"--dbname={uri}"]
        if schema:
            command.append(f"--schema={schema}")
        return _run(command), "pgdump"
    raise BackupError(f"Backups support SQLite and PostgreSQL stores, not {database_url.split(':', 1)[0]}.")


def backup(settings: Settings, now: datetime | None = None) -> Path:
    """Write one encrypted backup of the store and prune old ones; returns the new file."""
    fernet = _fernet(settings.backup_key)
    data, kind = dump(settings.database_url)
    moment = now or datetime.now(UTC)
    folder = settings.backups_root
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    target = folder / f"studio-{moment:%Y%m%dT%H%M%SZ}.{kind}.fernet"
    temp = target.with_suffix(".part")
    temp.write_bytes(fernet.encrypt(data))
    os.chmod(temp, 0o600)
    temp.replace(target)
    prune(settings, moment)
    return target


def backups(settings: Settings) -> list[tuple[datetime, Path]]:
    """The backups on disk, oldest first."""
    found = []
    for path in settings.backups_root.glob("studio-*.fernet"):
        match = _NAME.match(path.name)
        if match:
            found.append((datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC), path))
    return sorted(found)


def prune(settings: Settings, now: datetime | None = None) -> list[Path]:
    """Delete backups older than the retention window (never the newest one)."""
    moment = now or datetime.now(UTC)
    days = max(7, min(30, settings.backup_retention_days))
    found = backups(settings)
    removed = []
    for taken, path in found[:-1]:
        if moment - taken > timedelta(days=days):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def restore(settings: Settings, backup_file: Path, target_url: str) -> None:
    """Decrypt `backup_file` and restore it into `target_url` (an SQLite file is replaced; a
    PostgreSQL database gets the dump's objects, replacing those that exist)."""
    try:
        data = _fernet(settings.backup_key).decrypt(Path(backup_file).read_bytes())
    except InvalidToken as error:
        raise BackupError(
            f"{backup_file} cannot be decrypted with this STUDIO_BACKUP_KEY (or it was altered)."
        ) from error
    kind = _NAME.match(Path(backup_file).name)
    kind_name = kind.group(2) if kind else ("sqlite" if data.startswith(b"SQLite format 3") else "pgdump")
    if kind_name == "sqlite":
        if not target_url.startswith("sqlite"):
            raise BackupError("An SQLite backup restores into an SQLite store.")
        target = _sqlite_path(target_url)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "restore.db"
            copy.write_bytes(data)
            with sqlite3.connect(copy) as src, sqlite3.connect(target) as dst:
                src.backup(dst)  # replaces the target's pages in one step
        return
    if not target_url.startswith("postgresql"):
        raise BackupError("A PostgreSQL backup restores into a PostgreSQL store.")
    uri, _schema = _pg(target_url)
    with tempfile.NamedTemporaryFile(suffix=".pgdump") as handle:
        handle.write(data)
        handle.flush()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={uri}", handle.name])
