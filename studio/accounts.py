"""Accounts: sign-up, sign-in with argon2 hashes, expiring sessions, roles, throttling, deletion.

Tokens are random 256-bit strings; only their SHA-256 is stored. Failed sign-ins are counted per
email in the database (so every web process and a restart see them): after a few failures each
further attempt is refused until an exponentially growing lock-out has passed.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.errors import UserError
from studio.store.accounts import SessionRow, SignInThrottleRow, UserRow

ROLES = ("creator", "producer", "admin")
SESSION_HOURS = 24 * 7
FREE_FAILURES = 3  # wrong passwords before the lock-out starts
BASE_LOCK_SECONDS = 2.0  # doubles with each further failure
MAX_LOCK_SECONDS = 15 * 60.0
MIN_PASSWORD = 8
MAX_PASSWORD = 256
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


class AuthError(UserError):
    """Wrong email or password, an expired session, or a suspended account."""


class SignInLocked(AuthError):
    """Too many wrong passwords for this email; try again later."""


def now() -> datetime:
    return datetime.now(timezone.utc)


def aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone-aware columns; they were written as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if len(email) > 320 or not _EMAIL.match(email):
        raise UserError("Enter a valid email address, like name@example.com.")
    return email


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise UserError(f"Choose a password of at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise UserError(f"Passwords are limited to {MAX_PASSWORD} characters.")
    return password


def check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise UserError("Enter your name.")
    if len(name) > 200 or any(ord(c) < 32 for c in name):
        raise UserError("Names are limited to 200 printable characters.")
    return name


@dataclass(frozen=True)
class NewSession:
    token: str
    user_id: str


def create_user(session: Session, email: str, password: str, name: str, tier: str, role: str | None = None) -> UserRow:
    """Insert a user; the first user of an empty store is an admin. Raises UserError on a taken email."""
    email, password, name = normalise_email(email), check_password(password), check_name(name)
    if session.scalar(select(UserRow.id).where(UserRow.email == email)) is not None:
        raise UserError("An account with this email already exists; sign in instead.")
    first = session.scalar(select(func.count()).select_from(UserRow)) == 0
    user = UserRow(
        id=uuid.uuid4().hex,
        email=email,
        name=name,
        password_hash=hash_password(password),
        role=role or ("admin" if first else "creator"),
        tier=tier,
        balance=0,
        suspended=False,
        period_start=now(),
        created_at=now(),
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError:  # a concurrent sign-up with the same email won the race
        raise UserError("An account with this email already exists; sign in instead.") from None
    return user


def open_session(session: Session, user_id: str, hours: float = SESSION_HOURS) -> NewSession:
    token = secrets.token_urlsafe(32)
    moment = now()
    session.add(
        SessionRow(
            token_hash=hash_token(token), user_id=user_id, created_at=moment, expires_at=moment + timedelta(hours=hours)
        )
    )
    return NewSession(token, user_id)


def user_for_token(session: Session, token: str | None) -> UserRow | None:
    """The signed-in user of `token`, or None (missing, unknown, expired, or suspended)."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return None
    row = session.get(SessionRow, hash_token(token))
    if row is None:
        return None
    if aware(row.expires_at) <= now():
        session.delete(row)
        return None
    user = session.get(UserRow, row.user_id)
    if user is None or user.suspended:
        return None
    return user


def end_sessions(session: Session, user_id: str, keep_token: str | None = None) -> None:
    query = delete(SessionRow).where(SessionRow.user_id == user_id)
    if keep_token:
        query = query.where(SessionRow.token_hash != hash_token(keep_token))
    session.execute(query)


def lock_seconds(failures: int) -> float:
    """How long sign-in stays locked after `failures` consecutive wrong passwords."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (failures - FREE_FAILURES))


def check_not_locked(session: Session, email: str) -> None:
    row = session.get(SignInThrottleRow, email)
    if row is not None and row.locked_until is not None:
        wait = (aware(row.locked_until) - now()).total_seconds()
        if wait > 0:
            raise SignInLocked(f"Too many wrong passwords; try again in {max(1, round(wait))} seconds.")


def record_failure(session: Session, email: str) -> None:
    row = session.get(SignInThrottleRow, email)
    if row is None:
        row = SignInThrottleRow(email=email, failures=0)
        session.add(row)
    row.failures = (row.failures or 0) + 1
    delay = lock_seconds(row.failures)
    row.locked_until = now() + timedelta(seconds=delay) if delay else None


def clear_failures(session: Session, email: str) -> None:
    session.execute(delete(SignInThrottleRow).where(SignInThrottleRow.email == email))


def authenticate(session: Session, email: str, password: str) -> UserRow:
    """The user whose email and password match; AuthError otherwise (same message for both)."""
    try:
        email = normalise_email(email)
    except UserError:
        raise AuthError("Wrong email or password.") from None
    check_not_locked(session, email)
    user = session.scalar(select(UserRow).where(UserRow.email == email))
    # Hash even for an unknown email, so the response time does not reveal which emails exist.
    ok = verify_password(user.password_hash if user else _DUMMY_HASH, password or "")
    if user is None or not ok:
        record_failure(session, email)
        raise AuthError("Wrong email or password.")
    if user.suspended:
        raise AuthError("This account is suspended; contact the studio's admin.")
    clear_failures(session, email)
    return user


_DUMMY_HASH = _HASHER.hash("not a password anyone has")
