"""Writes a CRM outbox row in the same transaction as each change Salesforce must hear of.

A `before_flush` listener on every ORM session watches films (created, status changed), the credits
ledger and users' tiers (credits changed) and YouTube connections. The outbox row joins the same
flush, so it commits or rolls back with the change itself: a rolled-back render charge leaves no
outbox row, a committed one always has one. No code path has to remember to call anything.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from studio.store.accounts import LedgerRow, UserRow
from studio.store.publishing import CrmOutboxRow, YouTubeConnectionRow, YouTubeReleaseRow
from studio.store.tables import FilmRow


def _changed(obj: Any, *names: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def changes(new: list[Any], dirty: list[Any]) -> list[tuple[str, str, str]]:
    """(kind, key, event) for each change in a flush, once each."""
    found: dict[tuple[str, str], str] = {}
    for obj in new:
        if isinstance(obj, FilmRow) and obj.id:
            found.setdefault(("project", obj.id), "film.created")
        elif isinstance(obj, LedgerRow) and obj.user_id:
            found.setdefault(("credit", obj.user_id), f"credits.{obj.reason}"[:40])
        elif isinstance(obj, UserRow) and obj.id:
            found.setdefault(("credit", obj.id), "user.created")
        elif isinstance(obj, YouTubeConnectionRow):
            found.setdefault(("youtube", obj.user_id), "youtube.connected")
    for obj in dirty:
        if isinstance(obj, FilmRow) and _changed(obj, "status", "title"):
            found.setdefault(("project", obj.id), f"film.{obj.status}"[:40])
        elif isinstance(obj, UserRow) and _changed(obj, "tier", "balance", "period_start"):
            found.setdefault(("credit", obj.id), "credits.changed")
        elif isinstance(obj, YouTubeConnectionRow) and _changed(obj, "active", "channel_id", "channel_title"):
            found.setdefault(("youtube", obj.user_id), "youtube.connected" if obj.active else "youtube.disconnected")
        elif isinstance(obj, YouTubeReleaseRow) and obj.state == "done" and _changed(obj, "state"):
            found.setdefault(("project", obj.film_id), "film.published")  # the project's output URL
    return [(kind, key, name) for (kind, key), name in found.items()]


@event.listens_for(Session, "before_flush")
def _record_changes(session: Session, _context: Any, _instances: Any) -> None:
    for kind, key, name in changes(list(session.new), list(session.dirty)):
        session.add(CrmOutboxRow(kind=kind, key=key, event=name))
