"""One-time account tokens: email verification links, password-reset links, second-factor challenges.

A token is 256 random bits handed to the user once (in an email link or a sign-in response); the
store keeps only its SHA-256, its purpose, its expiry and when it was used. `consume` marks it used
in the same transaction that acts on it, so a link works once even when clicked twice at once.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.services.accounts import aware, hash_token, now
from studio.store.accounts import AccountTokenRow

LIFETIMES = {  # how long each kind of token works
    "verify": timedelta(hours=48),
    "reset": timedelta(minutes=30),
    "mfa": timedelta(minutes=5),
}
MESSAGES = {
    "verify": "This confirmation link is invalid, already used or expired; ask for a new one.",
    "reset": "This password-reset link is invalid, already used or expired; ask for a new one.",
    "mfa": "The sign-in step expired; sign in again.",
}


class TokenInvalid(UserError):
    """Unknown, used, expired or of another purpose."""


def issue(session: Session, user_id: str, purpose: str) -> str:
    """A new token for `user_id`; earlier unused tokens of the same purpose stop working."""
    session.execute(
        delete(AccountTokenRow).where(AccountTokenRow.user_id == user_id, AccountTokenRow.purpose == purpose)
    )
    token = secrets.token_urlsafe(32)
    moment = now()
    session.add(
        AccountTokenRow(
            token_hash=hash_token(token),
            user_id=user_id,
            purpose=purpose,
            created_at=moment,
            expires_at=moment + LIFETIMES[purpose],
        )
    )
    session.flush()
    return token


def consume(session: Session, token: str, purpose: str) -> str:
    """Mark the token used and return its user id; TokenInvalid if it cannot be used."""
    if not token or not isinstance(token, str) or len(token) > 200:
        raise TokenInvalid(MESSAGES[purpose])
    digest = hash_token(token)
    row = session.get(AccountTokenRow, digest)
    if row is None or row.purpose != purpose or row.used_at is not None or aware(row.expires_at) <= now():
        raise TokenInvalid(MESSAGES[purpose])
    # Conditional update: of two concurrent uses only one changes a row.
    # an UPDATE/DELETE gives a CursorResult (rowcount); SQLAlchemy types execute() as Result
    done = cast(
        CursorResult[Any],
        session.execute(
            update(AccountTokenRow)
            .where(AccountTokenRow.token_hash == digest, AccountTokenRow.used_at.is_(None))
            .values(used_at=now())
        ),
    )
    if done.rowcount != 1:
        raise TokenInvalid(MESSAGES[purpose])
    return row.user_id


def peek(session: Session, token: str, purpose: str) -> str:
    """The user id of a usable token without using it (to show the reset form)."""
    row = session.get(AccountTokenRow, hash_token(token)) if token and len(token) <= 200 else None
    if row is None or row.purpose != purpose or row.used_at is not None or aware(row.expires_at) <= now():
        raise TokenInvalid(MESSAGES[purpose])
    return row.user_id
