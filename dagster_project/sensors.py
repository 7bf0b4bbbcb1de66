"""The studio's sensors: settle renders (refunds, length), monthly credit grants, ready emails, webhooks.

They run in the Dagster daemon and call into `studio.services` and `studio.orchestration`; the CRM
outbox sensor lives in `sensors_crm.py`.
"""

from __future__ import annotations

import dagster as dg
from dagster import DagsterRunStatus
from sqlalchemy.exc import SQLAlchemyError

from integrations.mailer import Mailer
from studio.domain.runs import TAG_REQUEST
from studio.orchestration.runs import settle_run
from studio.services.credits import grant_all_due
from studio.services.notifications import finished_run_emails
from studio.services.webhooks import deliver_due, enqueue_film_finished
from studio.settings import Settings
from studio.store import FilmStore
from studio.store.media_store import open_media_store


@dg.run_status_sensor(
    run_status=DagsterRunStatus.FAILURE,
    name="refund_failed_renders",
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=15,
)
def refund_failed_renders(context: dg.RunStatusSensorContext) -> None:
    """Refund the credits of a studio render that failed for a system reason (not a cancellation)."""
    if TAG_REQUEST not in context.dagster_run.tags:
        return
    settings = Settings.from_env()
    media = open_media_store(settings.media_store, settings.media_root)
    refunded = settle_run(settings.database_url, context.instance, context.dagster_run.run_id, media)
    context.log.info(f"run {context.dagster_run.run_id}: {refunded} refund(s)")


@dg.sensor(name="monthly_credit_grants", default_status=dg.DefaultSensorStatus.RUNNING, minimum_interval_seconds=3600)
def monthly_credit_grants(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    """Grant each tier's monthly credits on the user's reset date (idempotent per user and period)."""
    store = FilmStore(Settings.from_env().database_url)
    try:
        with store.session() as session:
            granted = grant_all_due(session)
    except SQLAlchemyError as error:  # no accounts yet: the studio app has never opened this store
        return dg.SkipReason(f"no accounts to grant: {type(error).__name__}")
    finally:
        store.engine.dispose()
    return dg.SkipReason(f"granted {granted} credits")


@dg.run_status_sensor(
    run_status=DagsterRunStatus.SUCCESS,
    name="settle_rendered_length",
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=15,
)
def settle_rendered_length(context: dg.RunStatusSensorContext) -> None:
    """Settle a finished studio render's charge on the length it rendered (refund or remainder)."""
    if TAG_REQUEST not in context.dagster_run.tags:
        return
    settings = Settings.from_env()
    media = open_media_store(settings.media_store, settings.media_root)  # the bucket's manifest when on S3
    settle_run(settings.database_url, context.instance, context.dagster_run.run_id, media)


@dg.run_status_sensor(
    run_status=DagsterRunStatus.SUCCESS,
    name="email_finished_renders",
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=15,
)
def email_finished_renders(context: dg.RunStatusSensorContext) -> None:
    """Tell the creator their film is ready (and when their credits ran low), by email."""
    if TAG_REQUEST not in context.dagster_run.tags:
        return
    settings = Settings.from_env()
    sent = finished_run_emails(settings.database_url, context.dagster_run.run_id, Mailer(settings.smtp),
                               settings.public_url)  # fmt: skip
    context.log.info(f"run {context.dagster_run.run_id}: emails sent: {', '.join(sent) or 'none'}")


def _store():  # type: ignore[no-untyped-def]
    return FilmStore(Settings.from_env().database_url)


@dg.run_status_sensor(
    run_status=DagsterRunStatus.SUCCESS,
    name="webhook_finished_renders",
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=15,
)
def webhook_finished_renders(context: dg.RunStatusSensorContext) -> None:
    """Queue a signed "film.finished" webhook for each subscription of the film's organisation, and send it."""

    if TAG_REQUEST not in context.dagster_run.tags:
        return
    store = _store()
    try:
        with store.session() as session:
            added = enqueue_film_finished(session, context.dagster_run.run_id)
        counts = deliver_due(store) if added else {}
    finally:
        store.engine.dispose()
    context.log.info(f"run {context.dagster_run.run_id}: {added} webhook(s) queued; {counts}")


@dg.sensor(name="retry_webhooks", default_status=dg.DefaultSensorStatus.RUNNING, minimum_interval_seconds=30)
def retry_webhooks(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    """Send webhook deliveries that are due again after a failed attempt."""
    store = _store()
    try:
        counts = deliver_due(store)
    finally:
        store.engine.dispose()
    return dg.SkipReason(f"webhooks: {counts}")


STUDIO_SENSORS = [
    refund_failed_renders,
    monthly_credit_grants,
    settle_rendered_length,
    email_finished_renders,
    webhook_finished_renders,
    retry_webhooks,
]
