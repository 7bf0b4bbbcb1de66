"""Tables of organisations (tenants): members, the films they own, their credit pool, API keys and
webhook subscriptions with their delivery outbox. `0005_organisations` creates them.

A film belongs to at most one organisation (`organisation_films`); films without a row there are
personal films, seen only under the older owner rules. Keys and webhook secrets: only the
SHA-256 of an API key is stored; a webhook secret must be kept to sign, so it is stored as given
(it signs deliveries and grants nothing else).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.store.tables import Base

ORG_ROLES = ("owner", "admin", "member")


def _now() -> datetime:
    return datetime.now(UTC)


class OrganisationRow(Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)  # the name on the command line
    name: Mapped[str] = mapped_column(String(200))
    balance: Mapped[int] = mapped_column(Integer, default=0)  # the credit pool members' renders draw on
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class OrgMemberRow(Base):
    __tablename__ = "organisation_members"

    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20), default="member")  # owner|admin|member
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class OrgFilmRow(Base):
    """Which organisation a film belongs to (no row: a personal film)."""

    __tablename__ = "organisation_films"

    film_id: Mapped[str] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)


class OrgLedgerRow(Base):
    """One movement of the organisation's credit pool; `key` makes charges and refunds idempotent."""

    __tablename__ = "organisation_ledger"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str | None] = mapped_column(String(32), nullable=True)  # who rendered (None: a grant)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(40))  # grant|render|refund
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    balance_after: Mapped[int] = mapped_column(Integer)
    key: Mapped[str | None] = mapped_column(String(250), unique=True, nullable=True)


class ApiKeyRow(Base):
    """A key of the public API. The token is shown once; `prefix` identifies it in lists."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prefix: Mapped[str] = mapped_column(String(20), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    org_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), nullable=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebhookRow(Base):
    """A "film finished" subscription of an organisation."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class WebhookDeliveryRow(Base):
    """One event for one subscription: pending until the receiver answers 2xx, retried with backoff."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("webhook_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[str] = mapped_column(String(100))  # "film.finished:<run id>"
    payload: Mapped[str] = mapped_column(Text)  # the exact JSON body that is signed
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)  # pending|sent|dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
