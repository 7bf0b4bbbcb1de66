"""Scheduled encrypted backups of the store (SQLite online backup / pg_dump), retention, restore."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from accounts_support import make_service
from sqlalchemy import create_engine, text

from studio.compose import open_studio
from studio.services.studio_service import StudioService
from studio.store import backups

PODCAST = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


def _service(tmp_path: Path, url: str) -> StudioService:
    service = make_service(tmp_path, url, None)
    service.settings = replace(service.settings, backup_key=backups.new_key(), backup_retention_days=7)
    return service


def test_sqlite_backup_is_encrypted_and_restores(tmp_path: Path, sqlite_url: str) -> None:
    service = _service(tmp_path, sqlite_url)
    token = service.sign_up("a@example.com", "password one", "Asha")
    film = service.create_film(token, PODCAST, {})
    path = backups.backup(service.settings)
    blob = path.read_bytes()
    assert path.name.endswith(".sqlite.fernet") and b"SQLite format" not in blob and b"a@example.com" not in blob
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    service.delete_account(token, "password one")  # disaster: the account and film are gone
    with pytest.raises(Exception):  # noqa: B017  (whatever the service raises, the account is gone)
        service.sign_in("a@example.com", "password one")
    backups.restore(service.settings, path, sqlite_url)
    restored = open_studio(service.settings)
    user = restored.user(restored.sign_in("a@example.com", "password one"))
    assert user.name == "Asha" and restored.store.get_film(film).title == "Tiny Talk"


def test_a_wrong_key_or_an_altered_file_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    service = _service(tmp_path, sqlite_url)
    service.sign_up("a@example.com", "password one", "A")
    path = backups.backup(service.settings)
    other = replace(service.settings, backup_key=backups.new_key())
    with pytest.raises(backups.BackupError, match="cannot be decrypted"):
        backups.restore(other, path, sqlite_url)
    altered = path.with_name(path.name.replace("Z.", "Z.")).read_bytes()[:-5] + b"AAAAA"
    path.write_bytes(altered)
    with pytest.raises(backups.BackupError, match="cannot be decrypted"):
        backups.restore(service.settings, path, sqlite_url)
    with pytest.raises(backups.BackupError, match="STUDIO_BACKUP_KEY"):
        backups.backup(replace(service.settings, backup_key=""))


def test_backups_are_kept_for_the_retention_window(tmp_path: Path, sqlite_url: str) -> None:
    service = _service(tmp_path, sqlite_url)
    start = datetime(2026, 1, 1, 3, 30, tzinfo=UTC)
    for day in range(12):
        backups.backup(service.settings, now=start + timedelta(days=day))
    kept = [taken for taken, _ in backups.backups(service.settings)]
    assert kept[0] == start + timedelta(days=4) and kept[-1] == start + timedelta(days=11) and len(kept) == 8
    with pytest.raises(ValueError, match="between 7 and 30"):
        from studio.settings import Settings

        Settings.from_env({"STUDIO_HOME": str(tmp_path), "STUDIO_BACKUP_RETENTION_DAYS": "3"})


def test_postgres_backup_with_pg_dump_restores(tmp_path: Path, postgres_url: str) -> None:
    service = _service(tmp_path, postgres_url)
    service.sign_up("a@example.com", "password one", "Asha")
    path = backups.backup(service.settings)
    assert path.name.endswith(".pgdump.fernet")
    schema = postgres_url.split("search_path%3D")[1]
    service.store.engine.dispose()
    engine = create_engine(postgres_url.split("?")[0])
    with engine.begin() as connection:  # disaster: the whole schema is dropped
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()
    backups.restore(service.settings, path, postgres_url)
    restored = open_studio(service.settings)
    assert restored.user(restored.sign_in("a@example.com", "password one")).name == "Asha"
    restored.store.engine.dispose()


def test_the_daily_schedule_runs_the_backup_job(tmp_path: Path, sqlite_url: str, monkeypatch) -> None:
    import dagster as dg

    from dagster_project.backups import backup_schedule, backup_store_job
    from dagster_project.definitions import defs

    assert defs.resolve_job_def("backup_store_job") is not None
    assert backup_schedule.cron_schedule == "30 3 * * *" and backup_schedule.job_name == "backup_store_job"
    service = _service(tmp_path, sqlite_url)
    environment: dict[str, str] = {}
    service.settings.export(environment)  # what the Dagster run process reads
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = backup_store_job.execute_in_process(instance=dg.DagsterInstance.ephemeral())
    assert result.success
    written = Path(result.output_for_node("backup_store"))
    assert written.exists() and written.parent == service.settings.backups_root
