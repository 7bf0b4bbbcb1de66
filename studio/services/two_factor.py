"""TOTP two-factor sign-in (RFC 6238 through `pyotp`) and single-use recovery codes.

Enrolment is two steps: `begin` stores a fresh secret (not yet enforced) and returns the
otpauth:// URI for an authenticator app; `confirm` checks a code from the app, switches two-factor
on and returns ten recovery codes, shown once and stored only as SHA-256 hashes. A code from the
app or an unused recovery code completes a sign-in. An admin who has turned it on cannot turn it off.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, cast

import pyotp
from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.services.accounts import now
from studio.store.accounts import RecoveryCodeRow, UserRow

ISSUER = "Film Studio"
RECOVERY_CODES = 10


def _hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def enabled(user: UserRow) -> bool:
    return user.totp_enabled_at is not None and bool(user.totp_secret)


def begin(user: UserRow) -> str:
    """Start enrolment: a new secret; returns the provisioning URI (also shown as text to type in)."""
    if enabled(user):
        raise UserError("Two-factor sign-in is already on.")
    user.totp_secret = pyotp.random_base32()
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _totp_ok(user: UserRow, code: str) -> bool:
    code = (code or "").replace(" ", "")
    secret = user.totp_secret
    if not secret or not code.isdigit() or len(code) != 6:
        return False
    return bool(pyotp.TOTP(secret).verify(code, valid_window=1))


def confirm(session: Session, user: UserRow, code: str) -> list[str]:
    """Finish enrolment with a code from the app; returns the recovery codes (shown once)."""
    if enabled(user):
        raise UserError("Two-factor sign-in is already on.")
    if not user.totp_secret:
        raise UserError("Start setting up two-factor sign-in first.")
    if not _totp_ok(user, code):
        raise UserError("That code is not right; check the time on your phone and try the current code.")
    user.totp_enabled_at = now()
    return new_recovery_codes(session, user)


def new_recovery_codes(session: Session, user: UserRow) -> list[str]:
    session.execute(delete(RecoveryCodeRow).where(RecoveryCodeRow.user_id == user.id))
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    session.add_all(RecoveryCodeRow(user_id=user.id, code_hash=_hash(c)) for c in codes)
    return codes


def check(session: Session, user: UserRow, code: str) -> bool:
    """True if `code` is the current TOTP code or an unused recovery code (which is then used up)."""
    if not isinstance(code, str) or len(code) > 40:
        return False
    if _totp_ok(user, code):
        return True
    # an UPDATE/DELETE gives a CursorResult (rowcount); SQLAlchemy types execute() as Result
    done = cast(
        CursorResult[Any],
        session.execute(
            update(RecoveryCodeRow)
            .where(
                RecoveryCodeRow.user_id == user.id,
                RecoveryCodeRow.code_hash == _hash(code),
                RecoveryCodeRow.used_at.is_(None),
            )
            .values(used_at=now())
        ),
    )
    return done.rowcount == 1


def disable(session: Session, user: UserRow, code: str) -> None:
    """Turn two-factor off (with a current code); refused for admins, for whom it stays required."""
    if not enabled(user):
        raise UserError("Two-factor sign-in is not on.")
    if user.role == "admin":
        raise UserError("Admin accounts must keep two-factor sign-in on.")
    if not check(session, user, code):
        raise UserError("That code is not right; nothing changed.")
    user.totp_secret = None
    user.totp_enabled_at = None
    session.execute(delete(RecoveryCodeRow).where(RecoveryCodeRow.user_id == user.id))


def recovery_codes_left(session: Session, user: UserRow) -> int:
    return len(
        list(
            session.scalars(
                select(RecoveryCodeRow.id).where(RecoveryCodeRow.user_id == user.id, RecoveryCodeRow.used_at.is_(None))
            )
        )
    )
