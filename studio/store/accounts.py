"""Tables of the accounts domain: users, sessions, sign-in throttling, the credits ledger and renders.

They share `Base` with the film tables, so one Alembic environment manages both branches
(`0002_accounts` creates these). Films carry a nullable `owner_id` (CLI films have no owner).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio.store.tables import Base


def _now() -> datetime:
    return datetime.now(UTC)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-cased
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, parameters inside
    role: Mapped[str] = mapped_column(String(20), default="creator")  # creator|producer|admin
    tier: Mapped[str] = mapped_column(String(20), default="free")  # free|pro|enterprise
    balance: Mapped[int] = mapped_column(Integer, default=0)  # credits; enterprise ignores it
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    # The day of the month the tier's credits are granted is this date's day (sign-up day).
    period_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # --- 0003_accounts_security ---
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)  # base32, set while enrolling
    totp_enabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SessionRow(Base):
    """A signed-in browser. Only the SHA-256 of the token is stored, so a leaked table signs nobody in."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SignInThrottleRow(Base):
    """Failed sign-ins per email: kept in the database so every web process sees the same count."""

    __tablename__ = "sign_in_throttle"

    email: Mapped[str] = mapped_column(String(320), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LedgerRow(Base):
    """One movement of credits. `key` makes charges, refunds and monthly grants idempotent."""

    __tablename__ = "ledger"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    amount: Mapped[int] = mapped_column(Integer)  # + grant/refund, - charge
    reason: Mapped[str] = mapped_column(String(40))  # signup|monthly|render|refund|grant|...
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)  # run id, film id, note
    balance_after: Mapped[int] = mapped_column(Integer)
    key: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)


class RenderRequestRow(Base):
    """One press of Render: the run it became and what it cost (idempotent per user + request key)."""

    __tablename__ = "render_requests"

    key: Mapped[str] = mapped_column(String(250), primary_key=True)  # "<user id>:<request key>"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    film_id: Mapped[str] = mapped_column(String(32), index=True)
    run_id: Mapped[str] = mapped_column(String(64), unique=True)
    cost: Mapped[int] = mapped_column(Integer)
    charged: Mapped[int] = mapped_column(Integer)  # what left the balance (0 on unlimited plans)
    state: Mapped[str] = mapped_column(String(20), default="submitted")  # submitted|done|refunded|cancelled
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AppSecretRow(Base):
    """Server-side secrets shared by every web process (the share-link signing key)."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AccountTokenRow(Base):
    """A one-time link or challenge (email verification, password reset, second sign-in step).

    Only the SHA-256 of the token is stored; `used_at` makes it single-use."""

    __tablename__ = "account_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # verify|reset|mfa
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RecoveryCodeRow(Base):
    """One two-factor recovery code, hashed, single-use."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
