"""Salesforce sync in the Dagster daemon: a sensor drains the CRM outbox every minute (exponential
backoff per row, dead letter after `studio.services.crm.MAX_ATTEMPTS` failures), and the `salesforce_backfill`
job upserts every existing film, user and YouTube link through the Bulk API 2.0."""

import dagster as dg
from sqlalchemy.exc import SQLAlchemyError


@dg.sensor(name="crm_outbox", default_status=dg.DefaultSensorStatus.RUNNING, minimum_interval_seconds=60)
def crm_outbox(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    """Send pending CRM changes to Salesforce; a down Salesforce only delays them."""
    from studio.services import crm
    from studio.settings import Settings
    from studio.store import FilmStore

    settings = Settings.from_env()
    if not crm.configured(settings):
        return dg.SkipReason("Salesforce is not configured (STUDIO_SALESFORCE_*): changes wait in the outbox")
    store = FilmStore(settings.database_url)
    try:
        result = crm.drain(store, settings, crm.client_factory(settings))
    except SQLAlchemyError as error:  # the studio app has never opened this store
        return dg.SkipReason(f"no outbox yet: {type(error).__name__}")
    finally:
        store.engine.dispose()
    if result.errors:
        context.log.warning(f"CRM drain: {result.summary()}; last error: {result.errors[-1]}")
    return dg.SkipReason(result.summary())


@dg.op(description="Upsert every film, user and YouTube link into Salesforce with Bulk API 2.0 jobs.")
def salesforce_backfill_op(context: dg.OpExecutionContext) -> dict:
    from studio.services import crm
    from studio.settings import Settings
    from studio.store import FilmStore

    settings = Settings.from_env()
    store = FilmStore(settings.database_url)
    store.migrate()
    try:
        totals = crm.backfill(store, settings, crm.client_factory(settings)())
    except crm.SalesforceUnavailable as error:
        raise dg.Failure(str(error)) from error
    for sobject, numbers in totals.items():
        context.log.info(f"{sobject}: {numbers}")
    return totals


@dg.job(name="salesforce_backfill", description="Bulk API 2.0 backfill of existing data into Salesforce.")
def salesforce_backfill() -> None:
    salesforce_backfill_op()


CRM_SENSORS = [crm_outbox]
CRM_JOBS = [salesforce_backfill]
