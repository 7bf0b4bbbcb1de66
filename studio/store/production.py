"""Production-management tables: projects and members, approvals (locks), script versions, the audit log.

The audit log is append-only: no code updates or deletes its rows, and the migration adds a
trigger on SQLite and PostgreSQL that refuses UPDATE and DELETE, so not even a hand-typed SQL
statement can rewrite history. Script versions are recorded by a session hook (`track_script_versions`)
on every flush that changes a film's script, whichever path changed it (the app, the CLI, a restore).
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    select,
)  # fmt: skip
from sqlalchemy.orm import Mapped, Session, attributes, mapped_column, relationship

from studio.domain.production import ITEM_KINDS, PROJECT_ROLES  # noqa: F401 - the columns hold these
from studio.store.tables import Base, FilmRow

APPROVAL_STATES = ("pending", "approved", "rejected", "unlocked")

# Who is making the current change and why: set by `studio.services.audit.audited` around a service call,
# read by the script-version hook below (None: the CLI or a Dagster run).
CHANGE_AUTHOR: ContextVar[str | None] = ContextVar("studio_change_author", default=None)
CHANGE_NOTE: ContextVar[str] = ContextVar("studio_change_note", default="")


def _now() -> datetime:
    return datetime.now(UTC)


class ProjectRow(Base):
    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # A project may later belong to an organisation (no foreign key: organisations live in another module).
    organisation_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ProjectMemberRow(Base):
    __tablename__ = "project_members"
    __table_args__ = (UniqueConstraint("project_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ProjectFilmRow(Base):
    """A film belongs to at most one project."""

    __tablename__ = "project_films"

    film_id: Mapped[str] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ApprovalRow(Base):
    """A request to approve one item of a film; an approved row is a lock until a producer unlocks it."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    film_id: Mapped[str] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), index=True)
    item_kind: Mapped[str] = mapped_column(String(20))  # scene|cut|character
    item_key: Mapped[str] = mapped_column(String(120))  # "s01", "final", a character's name
    state: Mapped[str] = mapped_column(String(20), default="pending")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what is approved (scene text, settings)
    requested_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    request_note: Mapped[str] = mapped_column(Text, default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    decided_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")


class ScriptVersionRow(Base):
    __tablename__ = "script_versions"
    __table_args__ = (UniqueConstraint("film_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    film_id: Mapped[str] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    script: Mapped[str] = mapped_column(Text)
    script_format: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    # Only so that the unit of work inserts a new film before its first version.
    film: Mapped[FilmRow] = relationship()


class AuditRow(Base):
    """One change: who (actor), what (action on a target), when, and the target before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    actor_id: Mapped[str | None] = mapped_column(String(32), nullable=True)  # no foreign key: history outlives users
    actor_email: Mapped[str] = mapped_column(String(320), default="")
    action: Mapped[str] = mapped_column(String(60))
    target_kind: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[str] = mapped_column(String(64), default="")
    film_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    project_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


def _current_text(film: FilmRow) -> str:
    """The script a person working on the film sees: a scene edit waiting for its render, else the script."""
    return film.draft_script if film.draft_script is not None else film.script


def _record_versions(session: Session, _context: Any, _instances: Any) -> None:
    """A version for every new film and every change of what the film's script reads as (an edit
    saved as a draft counts; the draft becoming the script after its render does not repeat it)."""
    changed = [obj for obj in session.new if isinstance(obj, FilmRow)]
    for film in session.dirty:
        if isinstance(film, FilmRow) and session.is_modified(film, include_collections=False):
            if any(attributes.get_history(film, field).has_changes() for field in ("script", "draft_script")):
                changed.append(film)
    if not changed:
        return
    with session.no_autoflush:
        for film in changed:
            number, text = 1, _current_text(film)
            if film not in session.new:
                last = session.scalars(select(ScriptVersionRow).where(ScriptVersionRow.film_id == film.id)
                                       .order_by(ScriptVersionRow.number.desc()).limit(1)).first()  # fmt: skip
                if last is not None and last.script == text:
                    continue
                number = (last.number if last is not None else 0) + 1
            session.add(
                ScriptVersionRow(
                    film=film,
                    number=number,
                    script=text,
                    script_format=film.script_format,
                    author_id=CHANGE_AUTHOR.get(),
                    note=CHANGE_NOTE.get()[:200],
                )  # fmt: skip
            )


def track_script_versions(sessions: Any) -> None:
    """Record a script version on every flush that creates a film or changes its script."""
    if not event.contains(sessions, "before_flush", _record_versions):
        event.listen(sessions, "before_flush", _record_versions)


class AuditErasureRow(Base):
    """Present only inside an account deletion's transaction: while it is, the audit log's triggers
    let that transaction redact the entries about the person (no other transaction sees the row)."""

    __tablename__ = "audit_erasures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
