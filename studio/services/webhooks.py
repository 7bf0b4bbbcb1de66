"""Webhooks: "film.finished" events for an organisation's subscriptions, signed with HMAC-SHA256.

When a render of an organisation's film succeeds, a Dagster run-status sensor (dagster_project/sensors.py, like the ready
email in `studio.services.notifications`) writes one delivery per subscription into `webhook_deliveries`;
the sensors then POST them outside any transaction, and a receiver that is down or answers
non-2xx is retried with exponential backoff (30 s, 1 min, 2 min, … up to 1 h; given up after
8 attempts). Each event has a stable id, so a receiver can drop repeats.

Every POST carries `Studio-Signature: t=<unix seconds>,v1=<hex>` where the hex is
HMAC-SHA256(secret, "<t>.<raw body>"). A receiver recomputes it over the raw body, compares in
constant time and refuses a timestamp older than five minutes (`verify` below is that recipe).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select

from studio.domain.errors import UserError
from studio.services.accounts import aware, now
from studio.store.accounts import RenderRequestRow
from studio.store.organisations import OrgFilmRow, WebhookDeliveryRow, WebhookRow
from studio.store.tables import FilmRow

SIGNATURE_HEADER = "Studio-Signature"
TOLERANCE_SECONDS = 300
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)

Post = Callable[[str, bytes, dict[str, str]], int]  # (url, body, headers) -> HTTP status


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def check_url(url: object) -> str:
    """An http(s) URL with a host, at most 500 characters; anything else is refused."""
    text = url.strip() if isinstance(url, str) else ""
    parts = urlsplit(text) if len(text) <= 500 else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
        raise UserError("A webhook URL is an http:// or https:// address of at most 500 characters.")
    return text


def signature(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    stamp = int(time.time()) if timestamp is None else timestamp
    return f"t={stamp},v1={signature(secret, stamp, body)}"


def verify(
    secret: str, header: str | None, body: bytes, tolerance: int = TOLERANCE_SECONDS, at: float | None = None
) -> bool:
    """The receiver's check: the header's HMAC over the raw body matches and is fresh."""
    try:
        fields = dict(part.split("=", 1) for part in (header or "").split(","))
        stamp = int(fields["t"])
        given = fields["v1"]
    except (KeyError, ValueError):
        return False
    if abs((time.time() if at is None else at) - stamp) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, stamp, body), given)


def enqueue_film_finished(session, run_id: str) -> int:  # type: ignore[no-untyped-def]
    """One pending delivery per subscription of the film's organisation (idempotent per run)."""
    request = session.scalar(select(RenderRequestRow).where(RenderRequestRow.run_id == run_id))
    if request is None:
        return 0
    org_id = session.scalar(select(OrgFilmRow.org_id).where(OrgFilmRow.film_id == request.film_id))
    film = session.get(FilmRow, request.film_id)
    if org_id is None or film is None:
        return 0
    event_id = f"film.finished:{run_id}"
    body = json.dumps({
        "id": event_id, "type": "film.finished", "created": int(time.time()),
        "data": {"film_id": film.id, "title": film.title, "run_id": run_id, "status": "ready",
                 "film": f"/api/v1/films/{film.id}", "downloads": f"/api/v1/films/{film.id}/downloads"},
    }, separators=(",", ":"))  # fmt: skip
    added = 0
    for hook in session.scalars(select(WebhookRow).where(WebhookRow.org_id == org_id)):
        exists = session.scalar(
            select(WebhookDeliveryRow.id).where(
                WebhookDeliveryRow.webhook_id == hook.id, WebhookDeliveryRow.event_id == event_id
            )
        )
        if exists is None:
            session.add(WebhookDeliveryRow(webhook_id=hook.id, event_id=event_id, payload=body, state="pending",
                                           attempts=0, next_attempt_at=now(), created_at=now()))  # fmt: skip
            added += 1
    session.flush()
    return added


def http_post(url: str, body: bytes, headers: dict[str, str]) -> int:
    import httpx

    with httpx.Client(timeout=10.0, follow_redirects=False, trust_env=False) as client:
        return client.post(url, content=body, headers=headers).status_code


def deliver_due(store, post: Post = http_post, limit: int = 50) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """POST every pending delivery whose time has come; returns counts of sent, retried and dead."""
    with store.session() as session:
        due = session.execute(
            select(WebhookDeliveryRow.id, WebhookDeliveryRow.payload, WebhookRow.url, WebhookRow.secret)
            .join(WebhookRow, WebhookRow.id == WebhookDeliveryRow.webhook_id)
            .where(WebhookDeliveryRow.state == "pending", WebhookDeliveryRow.next_attempt_at <= now())
            .order_by(WebhookDeliveryRow.id)
            .limit(limit)
        ).all()
    counts = {"sent": 0, "retry": 0, "dead": 0}
    for delivery_id, payload, url, secret in due:  # the network outside any transaction
        body = payload.encode()
        event = json.loads(payload)
        headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign_header(secret, body),
                   "Studio-Event": event.get("type", ""), "Studio-Delivery": event.get("id", "")}  # fmt: skip
        status, error = None, None
        try:
            status = post(url, body, headers)
        except Exception as exc:  # noqa: BLE001 - any failure to reach the receiver is retried
            error = f"{type(exc).__name__}: {exc}"[:500]
        with store.session() as session:
            row = session.get(WebhookDeliveryRow, delivery_id)
            if row is None or row.state != "pending":
                continue
            row.attempts += 1
            row.last_status, row.last_error = status, error or (None if status and status < 300 else f"HTTP {status}")
            if status is not None and 200 <= status < 300:
                row.state, row.sent_at = "sent", now()
                counts["sent"] += 1
            elif row.attempts >= MAX_ATTEMPTS:
                row.state = "dead"
                counts["dead"] += 1
            else:
                row.next_attempt_at = now() + min(FIRST_RETRY * 2 ** (row.attempts - 1), LONGEST_RETRY)
                counts["retry"] += 1
    return counts


def deliveries(store, org_id: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """An organisation's deliveries, newest first (for support and tests)."""
    with store.session() as session:
        rows = session.scalars(
            select(WebhookDeliveryRow)
            .join(WebhookRow, WebhookRow.id == WebhookDeliveryRow.webhook_id)
            .where(WebhookRow.org_id == org_id)
            .order_by(WebhookDeliveryRow.id.desc())
        )
        return [
            {
                "id": r.id,
                "event_id": r.event_id,
                "state": r.state,
                "attempts": r.attempts,
                "last_status": r.last_status,
                "next_attempt_at": aware(r.next_attempt_at),
            }
            for r in rows
        ]
