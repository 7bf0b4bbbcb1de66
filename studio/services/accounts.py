"""Accounts: sign-up, sign-in with argon2 hashes, expiring sessions, roles, throttling, deletion.

Tokens are random 256-bit strings; only their SHA-256 is stored. Failed sign-ins are counted in
the database (so every web process and a restart see them), twice: per email and per client
(the caller's address, key "client:<ip>"). A client with too many failures is locked out whatever
email it tries. An email with too many failures is locked only for clients that have never signed
in to it: a browser holding that account's device cookie (set by an earlier successful sign-in)
still gets in with the right password, and a password-reset link always works, so an attacker
who keeps guessing cannot lock the owner out.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.store.accounts import AppSecretRow, SessionRow, SignInThrottleRow, UserRow

ROLES = ("creator", "producer", "admin")
SESSION_HOURS = 24 * 7
FREE_FAILURES = 3  # wrong passwords before the lock-out starts
BASE_LOCK_SECONDS = 2.0  # doubles with each further failure
MAX_LOCK_SECONDS = 15 * 60.0
FORGIVE_AFTER = timedelta(minutes=15)  # failures older than this (after any lock) are forgotten
CLIENT_FREE_FAILURES = 10  # wrong passwords from one client address (any emails) before it is slowed
# Bidirectional controls reorder what a reader sees ("Admin" + U+202E ...): never in names.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))
MIN_PASSWORD = 8
MAX_PASSWORD = 256
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


class AuthError(UserError):
    """Wrong email or password, an expired session, or a suspended account."""


class SignInLocked(AuthError):
    """Too many wrong passwords for this email; try again later."""


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone-aware columns; they were written as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
    if len(name) > 200 or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise UserError("Names are limited to 200 printable characters.")
    if any(c in BIDI_CONTROLS for c in name):
        raise UserError("Names cannot contain text-direction control characters.")
    return name


@dataclass(frozen=True)
class NewSession:
    token: str
    user_id: str


class EmailTaken(UserError):
    """An account with this email exists (the web sign-up never shows this; see service.register)."""


FIRST_ADMIN = "first_admin"


def claim_first_admin(session: Session, user_id: str) -> bool:
    """True if `user_id` is the studio's first admin. Inserting the one `first_admin` row is the
    claim: of two concurrent first sign-ups only one insert succeeds (primary key), on SQLite and
    PostgreSQL alike; the savepoint keeps the loser's transaction usable."""
    if session.get(AppSecretRow, FIRST_ADMIN) is not None:
        return False
    if session.scalar(select(func.count()).select_from(UserRow).where(UserRow.id != user_id)):
        return False  # accounts exist (made before this marker, or by `studio admin create`)
    try:
        with session.begin_nested():
            session.add(AppSecretRow(name=FIRST_ADMIN, value=user_id))
    except IntegrityError:
        return False
    return True


def create_user(
    session: Session, email: str, password: str, name: str, tier: str, role: str | None = None, verified: bool = True
) -> UserRow:
    """Insert a user; the first user of an empty store is an admin (see claim_first_admin).
    Raises EmailTaken on a taken email. `verified=False` leaves the email to be confirmed."""
    email, password, name = normalise_email(email), check_password(password), check_name(name)
    if session.scalar(select(UserRow.id).where(UserRow.email == email)) is not None:
        raise EmailTaken("An account with this email already exists; sign in instead.")
    user_id = uuid.uuid4().hex
    if role is None:
        role = "creator"
    user = UserRow(
        id=user_id,
        email=email,
        name=name,
        password_hash=hash_password(password),
        role=role,
        tier=tier,
        balance=0,
        suspended=False,
        period_start=now(),
        created_at=now(),
        email_verified_at=now() if verified else None,
    )
    try:
        with session.begin_nested():
            session.add(user)
    except IntegrityError:  # a concurrent sign-up with the same email won the race
        raise EmailTaken("An account with this email already exists; sign in instead.") from None
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
    if token.startswith("fsk_"):  # an API key of /api/v1 (studio/services/api_keys.py)
        from studio.services.api_keys import user_for_key

        return user_for_key(session, token)
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


def suspended_session(session: Session, token: str | None) -> bool:
    """Whether `token` is a live session of a suspended account (its sessions are kept while
    suspended so the person can be told why they are locked out; reinstating ends them)."""
    if not token or not isinstance(token, str) or len(token) > 200 or token.startswith("fsk_"):
        return False
    row = session.get(SessionRow, hash_token(token))
    if row is None or aware(row.expires_at) <= now():
        return False
    user = session.get(UserRow, row.user_id)
    return bool(user is not None and user.suspended)


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


def client_lock_seconds(failures: int) -> float:
    """How long one client address stays locked after `failures` wrong passwords (any emails)."""
    if failures < CLIENT_FREE_FAILURES:
        return 0.0
    return min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (failures - CLIENT_FREE_FAILURES))


def client_key(client: str) -> str:
    return f"client:{client[:300]}"


def _wait(session: Session, key: str) -> float:
    row = session.get(SignInThrottleRow, key)
    if row is None or row.locked_until is None:
        return 0.0
    return max(0.0, (aware(row.locked_until) - now()).total_seconds())


def check_not_locked(session: Session, email: str, client: str = "", trusted: bool = False) -> None:
    """Refuse a locked client; refuse a locked email unless the client is `trusted` for it."""
    if client:
        wait = _wait(session, client_key(client))
        if wait > 0:
            raise SignInLocked(
                f"Too many wrong passwords from your network; try again in {max(1, round(wait))} seconds."
            )
    wait = 0.0 if trusted else _wait(session, email)
    if wait > 0:
        raise SignInLocked(
            f"Too many wrong passwords; try again in {max(1, round(wait))} seconds, sign in from a browser you "
            "used before, or reset your password by email."
        )


def _count(session: Session, key: str, seconds_for: Callable[[int], float]) -> None:
    row = session.get(SignInThrottleRow, key)
    if row is None:
        row = SignInThrottleRow(email=key, failures=0)
        session.add(row)
    # `locked_until` doubles as "last failure" (a lock of zero seconds): a quiet window forgives.
    if row.locked_until is not None and now() - aware(row.locked_until) > FORGIVE_AFTER:
        row.failures = 0
    row.failures = (row.failures or 0) + 1
    row.locked_until = now() + timedelta(seconds=seconds_for(row.failures))


SIGNUP_FREE = 30  # sign-ups from one address per quiet window before each further one waits


def signup_lock_seconds(count: int) -> float:
    return 0.0 if count < SIGNUP_FREE else min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (count - SIGNUP_FREE))


def check_signup_allowed(session: Session, client: str) -> None:
    """Refuse a sign-up from a client locked for wrong passwords or for too many sign-ups."""
    check_not_locked(session, "", client, trusted=True)
    wait = _wait(session, f"signup:{client[:300]}") if client else 0.0
    if wait > 0:
        raise SignInLocked(f"Too many new accounts from your network; try again in {max(1, round(wait))} seconds.")


def count_signup(session: Session, client: str) -> None:
    if client:
        _count(session, f"signup:{client[:300]}", signup_lock_seconds)


def record_failure(session: Session, email: str, client: str = "") -> None:
    _count(session, email, lock_seconds)
    if client:
        _count(session, client_key(client), client_lock_seconds)


def clear_failures(session: Session, email: str) -> None:
    session.execute(delete(SignInThrottleRow).where(SignInThrottleRow.email == email))


def device_key(session: Session) -> bytes:
    """The server-side key that signs device cookies (created once, shared by every web process)."""
    row = session.get(AppSecretRow, "device_key")
    if row is None:
        try:
            with session.begin_nested():
                session.add(AppSecretRow(name="device_key", value=secrets.token_hex(32)))
        except IntegrityError:
            pass
        row = session.get(AppSecretRow, "device_key")
        if row is None:  # neither our insert nor a concurrent one is visible: the database refused it
            raise RuntimeError("The device key could not be stored in the app_secrets table.")
    return bytes.fromhex(row.value)


def device_token(session: Session, user: UserRow) -> str:
    """A cookie value proving this browser signed in to `user` before. It names the account and
    is bound to the password hash, so a password change (or reset) revokes every old device."""
    mac = hmac.new(device_key(session), f"{user.id}:{user.password_hash}".encode(), "sha256").hexdigest()
    return f"{user.id}.{mac}"


def trusted_device(session: Session, user: UserRow | None, token: str | None) -> bool:
    if user is None or not token or not isinstance(token, str) or len(token) > 200:
        return False
    return hmac.compare_digest(device_token(session, user), token)


def authenticate(session: Session, email: str, password: str, client: str = "", device: str = "") -> UserRow:
    """The user whose email and password match; AuthError otherwise (same message for both).

    `client` is the caller's address (per-client limit); `device` the caller's device cookie."""
    try:
        email = normalise_email(email)
    except UserError:
        raise AuthError("Wrong email or password.") from None
    user = session.scalar(select(UserRow).where(UserRow.email == email))
    if client and _wait(session, client_key(client)) > 0:
        _count(session, client_key(client), client_lock_seconds)  # hammering while locked keeps it locked
    check_not_locked(session, email, client, trusted_device(session, user, device))
    # Hash even for an unknown email, so the response time does not reveal which emails exist
    # (the dummy is made on the first sign-in of either kind, so that one is no tell either).
    dummy = _dummy_hash()
    ok = verify_password(user.password_hash if user else dummy, password or "")
    if user is None or not ok:
        record_failure(session, email, client)
        raise AuthError("Wrong email or password.")
    if user.suspended:
        raise AuthError("This account is suspended; contact the studio's admin.")
    clear_failures(session, email)
    return user


@cache
def _dummy_hash() -> str:
    """Made on first use, not at import: hashing costs 0.3 s, paid by every process that imports this
    (each Dagster step) though only sign-in needs it."""
    return _HASHER.hash("not a password anyone has")
