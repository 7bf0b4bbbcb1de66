"""Salesforce sync: the CRM records of films, credits and YouTube links, the outbox drain with
exponential backoff and a dead letter, and the Bulk API 2.0 backfill.

Outbox rows are written by `studio.store.outbox` in the transaction of the change. The drain (the
`crm_outbox` Dagster sensor, or `studio crm drain`) sends the *current* state of each record, so a
late retry never overwrites a newer change with an older one. Salesforce being down only delays
rows here: renders and payments never wait on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from integrations.salesforce import (
    SalesforceConfig,
    SalesforceRejected,
    SalesforceUnavailable,
    bulk_upsert,
    connect,
    upsert,
)
from studio.services.accounts import aware, now
from studio.services.credits import next_reset
from studio.settings import Settings
from studio.store import FilmRow, FilmStore
from studio.store.accounts import LedgerRow, RenderRequestRow, UserRow
from studio.store.media_store import open_media_store
from studio.store.publishing import CrmOutboxRow, YouTubeConnectionRow, YouTubeReleaseRow

log = logging.getLogger("studio.services.crm")

MAX_ATTEMPTS = 8  # then the row is dead-lettered for an admin to look at
BACKOFF_BASE_SECONDS = 30.0
BACKOFF_CAP_SECONDS = 3600.0
SCRIPT_LIMIT = 131_072  # a Salesforce long text area holds at most this many characters

# kind -> (sObject, external id field)
OBJECTS = {
    "project": ("AI_Project__c", "Studio_Film_Id__c"),
    "credit": ("AI_Credit__c", "Studio_User_Id__c"),
    "youtube": ("YouTube_Integration__c", "Studio_User_Id__c"),
}


def configured(settings: Settings) -> bool:
    return bool(
        settings.salesforce_instance_url and settings.salesforce_client_id and settings.salesforce_client_secret
    )


def salesforce_config(settings: Settings) -> SalesforceConfig:
    if not configured(settings):
        raise SalesforceUnavailable(
            "Salesforce is not configured: set STUDIO_SALESFORCE_INSTANCE_URL, STUDIO_SALESFORCE_CLIENT_ID "
            "and STUDIO_SALESFORCE_CLIENT_SECRET."
        )
    return SalesforceConfig(
        instance_url=settings.salesforce_instance_url or "", client_id=settings.salesforce_client_id or "",
        client_secret=settings.salesforce_client_secret or "", token_url=settings.salesforce_token_url or "",
        ca_bundle=settings.salesforce_ca_bundle,
    )  # fmt: skip


def client_factory(settings: Settings) -> Callable[[], Any]:
    """A function that signs in to Salesforce (called once per drain, so a new token each time)."""
    config = salesforce_config(settings)
    return lambda: connect(config)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at an hour."""
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS))


# ----- the records ---------------------------------------------------------------------------
def _duration(settings: Settings, film: FilmRow) -> float | None:
    media = open_media_store(settings.media_store, settings.media_root)  # the bucket's manifest when on S3
    try:
        return round(float((media.manifest(film.id, "final_cut") or {})["duration"]), 2)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _culture(film: FilmRow) -> str:
    chosen = (film.settings or {}).get("culture")
    if chosen and chosen != "auto":
        return str(chosen)
    cultures = sorted({scene.culture for scene in film.scenes})
    return ", ".join(cultures)


def project_record(session: Session, settings: Settings, film_id: str) -> dict[str, Any] | None:
    film = session.get(FilmRow, film_id)
    if film is None:
        return None
    owner = session.get(UserRow, film.owner_id) if film.owner_id else None
    used = session.scalar(
        select(func.coalesce(func.sum(RenderRequestRow.charged), 0)).where(
            RenderRequestRow.film_id == film_id, RenderRequestRow.state != "refunded"
        )
    )
    video = session.scalar(
        select(YouTubeReleaseRow.video_id)
        .where(YouTubeReleaseRow.film_id == film_id, YouTubeReleaseRow.state == "done")
        .order_by(YouTubeReleaseRow.id.desc())
        .limit(1)
    )
    return {
        "Name": film.title[:80],
        "Title__c": film.title[:255],
        "User_Email__c": owner.email if owner else None,
        "Script__c": film.script[:SCRIPT_LIMIT],
        "Status__c": film.status,
        "Duration_Seconds__c": _duration(settings, film),
        "Cultural_Context__c": _culture(film),
        "Output_URL__c": f"https://www.youtube.com/watch?v={video}" if video else None,
        "Credits_Used__c": int(used or 0),
    }


def credit_record(session: Session, user_id: str) -> dict[str, Any] | None:
    user = session.get(UserRow, user_id)
    if user is None:
        return None
    amounts = list(session.execute(select(LedgerRow.reason, LedgerRow.amount).where(LedgerRow.user_id == user_id)))
    purchased = sum(a for r, a in amounts if a > 0 and r != "refund")
    used = -sum(a for r, a in amounts if a < 0) - sum(a for r, a in amounts if a > 0 and r == "refund")
    return {
        "Name": user.email[:80],
        "User_Email__c": user.email,
        "Tier__c": user.tier,
        "Balance__c": int(user.balance),
        "Purchased__c": int(purchased),
        "Used__c": int(max(used, 0)),
        "Reset_Date__c": aware(next_reset(user.period_start)).date().isoformat(),
    }


def youtube_record(session: Session, user_id: str) -> dict[str, Any] | None:
    """Channel and state only: the tokens never leave the studio."""
    link = session.get(YouTubeConnectionRow, user_id)
    user = session.get(UserRow, user_id)
    if link is None or user is None:
        return None
    return {"Name": link.channel_title[:80], "Channel_Id__c": link.channel_id, "Channel_Name__c": link.channel_title,
            "User_Email__c": user.email, "Active__c": bool(link.active)}  # fmt: skip


def record(session: Session, settings: Settings, kind: str, key: str) -> dict[str, Any] | None:
    if kind == "project":
        return project_record(session, settings, key)
    if kind == "credit":
        return credit_record(session, key)
    if kind == "youtube":
        return youtube_record(session, key)
    raise ValueError(f"Unknown outbox kind {kind!r}.")


# ----- the drain -----------------------------------------------------------------------------
@dataclass
class DrainResult:
    sent: int = 0
    retrying: int = 0
    dead: int = 0
    skipped: int = 0  # the record no longer exists (a deleted film)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"sent {self.sent}, retrying {self.retrying}, dead {self.dead}, skipped {self.skipped}"


def _fail(row: CrmOutboxRow, error: str, moment: datetime, max_attempts: int, result: DrainResult) -> None:
    row.attempts += 1
    row.last_error = error[:2000]
    if row.attempts >= max_attempts:
        row.state = "dead"
        result.dead += 1
        log.error("CRM outbox %s (%s %s) dead after %d attempts: %s", row.id, row.kind, row.key, row.attempts, error)
    else:
        row.next_attempt_at = moment + backoff(row.attempts)
        result.retrying += 1
        log.warning("CRM outbox %s (%s %s) attempt %d failed: %s", row.id, row.kind, row.key, row.attempts, error)


def drain(
    store: FilmStore, settings: Settings, client: Callable[[], Any], moment: datetime | None = None,
    limit: int = 200, max_attempts: int = MAX_ATTEMPTS,
) -> DrainResult:  # fmt: skip
    """Send every due outbox row; one upsert per record even when several changes queued for it."""
    moment = moment or now()
    result = DrainResult()
    with store.session() as session:
        rows = list(session.scalars(
            select(CrmOutboxRow)
            .where(CrmOutboxRow.state == "pending", CrmOutboxRow.next_attempt_at <= moment)
            .order_by(CrmOutboxRow.id).limit(limit)
            .with_for_update(skip_locked=True)  # PostgreSQL: a second drain (CLI + sensor) takes other rows
        ))  # fmt: skip
        if not rows:
            return result
        groups: dict[tuple[str, str], list[CrmOutboxRow]] = {}
        for row in rows:
            groups.setdefault((row.kind, row.key), []).append(row)
        try:
            sf = client()
        except SalesforceUnavailable as error:
            for row in rows:
                _fail(row, str(error), moment, max_attempts, result)
            result.errors.append(str(error))
            return result
        down: str | None = None
        for (kind, key), members in groups.items():
            if down is not None:  # Salesforce went away mid-drain: the rest wait for the next tick too
                for row in members:
                    _fail(row, down, moment, max_attempts, result)
                continue
            fields = record(session, settings, kind, key)
            if fields is None:
                for row in members:
                    row.state, row.last_error, row.sent_at = "done", "record no longer exists", moment
                result.skipped += len(members)
                continue
            sobject, external = OBJECTS[kind]
            try:
                upsert(sf, sobject, external, key, fields)
            except SalesforceRejected as error:
                log.error("Salesforce rejected %s %s: %s", sobject, key, error)
                for row in members:  # a validation error does not heal by retrying: straight to the dead letter
                    row.attempts += 1
                    row.state, row.last_error = "dead", f"rejected: {error}"[:2000]
                result.dead += len(members)
                result.errors.append(str(error))
            except SalesforceUnavailable as error:
                down = str(error)
                result.errors.append(down)
                for row in members:
                    _fail(row, down, moment, max_attempts, result)
            else:
                for row in members:
                    row.state, row.sent_at, row.last_error = "done", moment, None
                result.sent += len(members)
    return result


# ----- admin ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class OutboxEntry:
    id: int
    kind: str
    key: str
    event: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime


def outbox(store: FilmStore, state: str | None = None, limit: int = 200) -> list[OutboxEntry]:
    """Outbox rows, newest first; `state="dead"` is the dead letter admins look at."""
    with store.session() as session:
        query = select(CrmOutboxRow).order_by(CrmOutboxRow.id.desc()).limit(limit)
        if state:
            query = query.where(CrmOutboxRow.state == state)
        return [
            OutboxEntry(
                r.id,
                r.kind,
                r.key,
                r.event,
                r.state,
                r.attempts,
                aware(r.next_attempt_at),
                r.last_error,
                aware(r.created_at),
            )  # fmt: skip
            for r in session.scalars(query)
        ]


def retry_dead(store: FilmStore, ids: list[int] | None = None) -> int:
    """Put dead rows (all, or those of `ids`) back in the queue with a fresh count. Returns how many."""
    with store.session() as session:
        query = select(CrmOutboxRow).where(CrmOutboxRow.state == "dead")
        if ids:
            query = query.where(CrmOutboxRow.id.in_(ids))
        rows = list(session.scalars(query))
        for row in rows:
            row.state, row.attempts, row.next_attempt_at = "pending", 0, now()
        return len(rows)


def backfill(store: FilmStore, settings: Settings, client: Any, wait: float = 1.0) -> dict[str, dict[str, int]]:
    """Every existing film, user and YouTube link, upserted through Bulk API 2.0 (one job per object)."""
    with store.session() as session:
        batches: dict[str, list[dict[str, Any]]] = {kind: [] for kind in OBJECTS}
        keys = {
            "project": list(session.scalars(select(FilmRow.id).order_by(FilmRow.created_at))),
            "credit": list(session.scalars(select(UserRow.id).order_by(UserRow.created_at))),
            "youtube": list(session.scalars(select(YouTubeConnectionRow.user_id))),
        }
        for kind, ids in keys.items():
            for key in ids:
                fields = record(session, settings, kind, key)
                if fields is not None:
                    batches[kind].append({OBJECTS[kind][1]: key, **fields})
    totals = {}
    for kind, records in batches.items():
        sobject, external = OBJECTS[kind]
        totals[sobject] = bulk_upsert(client, sobject, external, records, wait=wait)
    return totals
