"""The audit log: who changed what, when, and the target before and after, for every mutating service call.

One decorator, `audited`, wraps each mutating method of StudioService: it finds the actor (from the
session token, or from the token a sign-in returns), snapshots the target before and after the
call, and appends one entry once the call succeeded (a refused call changed nothing and writes
nothing). The log has no update or delete path in code and triggers refuse both in the database.
Reading is for account admins and producers, and for the producers of a project (its entries).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import inspect
import io
import json
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from studio.domain.views import Forbidden
from studio.services import accounts
from studio.store.accounts import UserRow
from studio.store.production import (
    CHANGE_AUTHOR,
    ApprovalRow,
    AuditRow,
    ProjectFilmRow,
    ProjectMemberRow,
    ProjectRow,
    ScriptVersionRow,
)  # fmt: skip
from studio.store.tables import FilmRow

F = TypeVar("F", bound=Callable[..., Any])
# Set while an audited call runs: a service method calling another (register -> sign_up) makes one entry.
_INSIDE: ContextVar[bool] = ContextVar("studio_audit_inside", default=False)
COLUMNS = ("id", "at", "actor_id", "actor_email", "action", "target_kind", "target_id", "film_id", "project_id",
           "before", "after")  # fmt: skip
READERS = ("admin", "producer")  # account roles that read every entry


# ----- snapshots: the target's state as the log shows it (never secrets) --------------------
def _user(session: Session, key: str) -> dict[str, Any] | None:
    user = session.get(UserRow, key) if len(key) <= 32 else None
    if user is None and "@" in key:
        user = session.scalar(select(UserRow).where(UserRow.email == key.strip().lower()))
    if user is None:
        return None
    return {"id": user.id, "email": user.email, "name": user.name, "role": user.role, "tier": user.tier,
            "balance": user.balance, "suspended": bool(user.suspended),
            "email_verified": user.email_verified_at is not None,
            "two_factor": user.totp_enabled_at is not None}  # fmt: skip


def _film(session: Session, key: str) -> dict[str, Any] | None:
    film = session.get(FilmRow, key) if len(key) <= 32 else None
    if film is None:
        return None
    version = session.scalar(select(func.max(ScriptVersionRow.number)).where(ScriptVersionRow.film_id == key))
    link = session.get(ProjectFilmRow, key)
    locks = session.execute(
        select(ApprovalRow.item_kind, ApprovalRow.item_key).where(
            ApprovalRow.film_id == key, ApprovalRow.state == "approved"
        )
    ).all()
    return {"id": film.id, "title": film.title, "status": film.status, "owner_id": film.owner_id,
            "project_id": link.project_id if link else None, "script_version": version,
            "script_sha256": hashlib.sha256(film.script.encode("utf-8", "surrogatepass")).hexdigest(),
            "settings": film.settings or {}, "locked": [f"{kind}:{item}" for kind, item in locks]}  # fmt: skip


def _project(session: Session, key: str) -> dict[str, Any] | None:
    row = session.get(ProjectRow, key) if len(key) <= 32 else None
    if row is None:
        return None
    members = session.execute(
        select(UserRow.email, ProjectMemberRow.role)
        .join(ProjectMemberRow, ProjectMemberRow.user_id == UserRow.id)
        .where(ProjectMemberRow.project_id == key)
        .order_by(ProjectMemberRow.id)
    ).all()
    films = session.scalars(select(ProjectFilmRow.film_id).where(ProjectFilmRow.project_id == key)).all()
    return {"id": row.id, "name": row.name, "organisation_id": row.organisation_id,
            "members": [{"email": e, "role": r} for e, r in members], "films": sorted(films)}  # fmt: skip


def _approval(session: Session, key: str) -> dict[str, Any] | None:
    row = session.get(ApprovalRow, int(key)) if key.isdigit() and len(key) < 10 else None
    if row is None:
        return None
    return {"id": row.id, "film_id": row.film_id, "item_kind": row.item_kind, "item_key": row.item_key,
            "state": row.state, "requested_by": row.requested_by, "request_note": row.request_note,
            "decided_by": row.decided_by, "comment": row.comment}  # fmt: skip


SNAPSHOTS: dict[str, Callable[[Session, str], dict[str, Any] | None]] = {
    "user": _user, "film": _film, "project": _project, "approval": _approval,
}  # fmt: skip


def snapshot(session: Session, kind: str, key: object) -> dict[str, Any] | None:
    if not isinstance(key, (str, int)) or isinstance(key, bool) or key == "":
        return None
    return SNAPSHOTS[kind](session, str(key))


# ----- writing --------------------------------------------------------------------------
def append(
    session: Session, actor: UserRow | None, action: str, kind: str, target_id: object,
    before: dict[str, Any] | None, after: dict[str, Any] | None,
) -> None:  # fmt: skip
    """Append one entry in the caller's transaction (the log's only write)."""
    target = str(target_id or "")[:64]
    either = after or before or {}
    film_id = target if kind == "film" else either.get("film_id")
    project_id = target if kind == "project" else either.get("project_id")
    if project_id is None and film_id:
        link = session.get(ProjectFilmRow, film_id)
        project_id = link.project_id if link else None
    session.add(
        AuditRow(
            at=accounts.now(),
            actor_id=actor.id if actor else None,
            actor_email=actor.email if actor else "",
            action=action,
            target_kind=kind,
            target_id=target,
            film_id=film_id,
            project_id=project_id,
            before=before,
            after=after,
        )  # fmt: skip
    )


def _actor(session: Session, how: str, value: object) -> UserRow | None:
    """The acting user: from a session token ("token", "result") or an emailed token ("verify", "reset")."""
    from studio.services import account_tokens

    if not isinstance(value, str) or not value:
        return None
    if how in ("token", "result"):
        return accounts.user_for_token(session, value)
    if how in ("verify", "reset"):
        try:
            return session.get(UserRow, account_tokens.peek(session, value, how))
        except account_tokens.TokenInvalid:
            return None
    return None


def audited(
    action: str, kind: str, target: str | None = None, actor: str = "token", erases: bool = False
) -> Callable[[F], F]:
    """Record an audit entry for each successful call of the decorated service method.

    kind: what the target is (user, film, project, approval); target: the argument naming it,
    "result" for the return value, None for the acting user themself; actor: "token" (the
    session token argument), "result" (the call returns the session token of the acting user),
    "verify"/"reset" (an emailed token of that purpose names the user) or "none". erases: the call
    deletes the person (the right to erasure), so its entry says what happened and when, not who."""

    def wrap(method: F) -> F:
        signature = inspect.signature(method)

        @functools.wraps(method)
        def audited_call(self: Any, *args: Any, **kwargs: Any) -> Any:
            if _INSIDE.get():
                return method(self, *args, **kwargs)
            arguments = signature.bind(self, *args, **kwargs).arguments
            key = None if target in (None, "result") else arguments.get(target)
            with self.store.session() as session:  # who and the target before, in one transaction
                who = _actor(session, actor, arguments.get("token")) if actor != "result" else None
                if target is None and who is not None:
                    key = who.id
                before = snapshot(session, kind, key) if key is not None else None
            author, inside = CHANGE_AUTHOR.set(who.id if who else None), _INSIDE.set(True)
            try:
                result = method(self, *args, **kwargs)
            finally:
                CHANGE_AUTHOR.reset(author)
                _INSIDE.reset(inside)
            with self.store.session() as session:  # the target after, and the entry
                if actor == "result":
                    who = _actor(session, "result", getattr(result, "token", result))
                    if target is None and who is not None:
                        key = who.id
                if target == "result":
                    key = result
                after = snapshot(session, kind, key) if key is not None else None
                if erases:
                    who, key, before, after = None, "erased", None, None
                append(session, who, action, kind, key, before, after)
            return result

        audited_call.__audit_action__ = action  # type: ignore[attr-defined]
        return audited_call  # type: ignore[return-value]

    return wrap


# ----- reading ----------------------------------------------------------------------------
def _visible(session: Session, user: UserRow) -> Any:
    """A WHERE clause of the entries this user may read; Forbidden when none."""
    if user.role in READERS:
        return None
    produced = select(ProjectMemberRow.project_id).where(
        ProjectMemberRow.user_id == user.id, ProjectMemberRow.role == "producer"
    )
    if session.scalar(select(func.count()).select_from(produced.subquery())) == 0:
        raise Forbidden("Only admins and producers can read the audit log.")
    films = select(ProjectFilmRow.film_id).where(ProjectFilmRow.project_id.in_(produced))
    return or_(AuditRow.project_id.in_(produced), AuditRow.film_id.in_(films))


def entries(
    session: Session, user: UserRow | None, film_id: str | None = None, limit: int = 500
) -> list[dict[str, Any]]:
    """The newest entries this user may read (optionally of one film), newest first; user None is the
    shell (`studio audit export`), whose operator can read the database anyway."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(max(1, min(int(limit), 1_000_000)))
    where = _visible(session, user) if user is not None else None
    if where is not None:
        query = query.where(where)
    if film_id:
        query = query.where(AuditRow.film_id == film_id)
    return [as_dict(row) for row in session.scalars(query)]


def as_dict(row: AuditRow) -> dict[str, Any]:
    at = accounts.aware(row.at) if isinstance(row.at, datetime) else row.at
    return {"id": row.id, "at": at.isoformat(), "actor_id": row.actor_id, "actor_email": row.actor_email,
            "action": row.action, "target_kind": row.target_kind, "target_id": row.target_id,
            "film_id": row.film_id, "project_id": row.project_id, "before": row.before, "after": row.after}  # fmt: skip


def _cell(value: Any) -> str:
    text = value if isinstance(value, str) else ("" if value is None else json.dumps(value, sort_keys=True))
    # A cell a spreadsheet would run as a formula (CSV injection) is kept as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) if c not in ("id",) else row[c] for c in COLUMNS])
    return out.getvalue()


def to_jsonl(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n"
