"""The daily encrypted backup of the studio's store, as a Dagster job on a schedule.

Producers see each backup as a run (with the file it wrote and the ones it pruned); the body is
studio/store/backups.py. Without STUDIO_BACKUP_KEY the run fails with a message saying so.
"""

import dagster as dg


@dg.op(description="Copy the store (SQLite online backup or pg_dump), encrypt it, prune old backups.")
def backup_store(context: dg.OpExecutionContext) -> str:
    from studio.settings import Settings
    from studio.store.backups import backup, backups

    settings = Settings.from_env()
    path = backup(settings)
    kept = backups(settings)
    context.add_output_metadata(
        {"file": str(path), "kept": len(kept), "retention_days": settings.backup_retention_days}
    )
    return str(path)


@dg.job(description="One encrypted backup of the studio's store, kept STUDIO_BACKUP_RETENTION_DAYS days.")
def backup_store_job() -> None:
    backup_store()


backup_schedule = dg.ScheduleDefinition(
    name="daily_store_backup",
    job=backup_store_job,
    cron_schedule="30 3 * * *",  # a quiet hour, daily
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily encrypted backup of the store (studio/store/backups.py).",
)
