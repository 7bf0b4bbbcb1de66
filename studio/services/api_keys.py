"""API keys of the public API (`/api/v1`): made, listed and revoked by their owner or an admin.

A key reads `fsk_<prefix>_<secret>`: the prefix (8 hex) names it in lists and logs, the secret
carries 256 bits. Only the SHA-256 of the whole key is stored, so the key is shown once, when it
is made. A key acts for its user, inside its organisation when it has one: every film query of a
request made with it is limited to that organisation (`studio.services.org_service`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.services.accounts import aware, now
from studio.store.accounts import UserRow
from studio.store.organisations import ApiKeyRow, OrganisationRow, OrgMemberRow

KEY_PREFIX = "fsk_"
_KEY = re.compile(r"^fsk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$")
SCOPE_ATTR = "_studio_api_scope"  # set on the UserRow of a request made with a key
_TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often (one write per request is waste)


@dataclass(frozen=True)
class ApiScope:
    """Who is calling through the API: the key's id and prefix, and its organisation (None: personal)."""

    key_id: int
    prefix: str
    org_id: str | None


@dataclass(frozen=True)
class ApiKeyView:
    id: int
    prefix: str
    name: str
    user_email: str
    org_slug: str | None
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def looks_like_key(token: object) -> bool:
    return isinstance(token, str) and token.startswith(KEY_PREFIX)


def prefix_of(token: str) -> str | None:
    match = _KEY.match(token) if isinstance(token, str) else None
    return match.group(1) if match else None


def create(session: Session, user: UserRow, org: OrganisationRow | None, name: str = "") -> tuple[ApiKeyRow, str]:
    """A new key for `user` (a member of `org` when given); returns the row and the key, shown once."""
    label = " ".join((name or "").split())
    if len(label) > 100:
        raise UserError("A key's name is at most 100 characters.")
    if org is not None and session.get(OrgMemberRow, (org.id, user.id)) is None:
        raise UserError(f"{user.email} is not a member of {org.slug}; add them first.")
    while True:
        prefix = secrets.token_hex(4)
        if session.scalar(select(ApiKeyRow.id).where(ApiKeyRow.prefix == prefix)) is None:
            break
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiKeyRow(prefix=prefix, key_hash=hash_key(key), user_id=user.id, org_id=org.id if org else None,
                    name=label, created_at=now())  # fmt: skip
    session.add(row)
    session.flush()
    return row, key


def user_for_key(session: Session, token: str) -> UserRow | None:
    """The user a live key acts for, with its ApiScope attached; None for a malformed, unknown or revoked
    key, a suspended user, or one no longer in the key's organisation."""
    if not _KEY.match(token):
        return None
    row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.key_hash == hash_key(token)))
    if row is None or row.revoked_at is not None:
        return None
    user = session.get(UserRow, row.user_id)
    if user is None or user.suspended:
        return None
    if row.org_id is not None and session.get(OrgMemberRow, (row.org_id, user.id)) is None:
        return None
    moment = now()
    if row.last_used_at is None or moment - aware(row.last_used_at) > _TOUCH_EVERY:
        row.last_used_at = moment
    setattr(user, SCOPE_ATTR, ApiScope(row.id, row.prefix, row.org_id))
    return user


def scope_of(user: UserRow) -> ApiScope | None:
    """The API scope of a request made with a key; None for a browser session."""
    return getattr(user, SCOPE_ATTR, None)


def _view(session: Session, row: ApiKeyRow) -> ApiKeyView:
    email = session.scalar(select(UserRow.email).where(UserRow.id == row.user_id)) or ""
    slug = session.scalar(select(OrganisationRow.slug).where(OrganisationRow.id == row.org_id)) if row.org_id else None
    return ApiKeyView(row.id, row.prefix, row.name, email, slug, aware(row.created_at),
                      aware(row.revoked_at) if row.revoked_at else None,
                      aware(row.last_used_at) if row.last_used_at else None)  # fmt: skip


def listing(session: Session, user_id: str | None = None) -> list[ApiKeyView]:
    """Keys, newest first: one user's, or every key (None)."""
    query = select(ApiKeyRow).order_by(ApiKeyRow.id.desc())
    if user_id is not None:
        query = query.where(ApiKeyRow.user_id == user_id)
    return [_view(session, row) for row in session.scalars(query)]


def revoke(session: Session, prefix: object, user_id: str | None = None) -> ApiKeyView:
    """Revoke a key by its prefix (only the user's own, given `user_id`); revoking twice is refused."""
    text = str(prefix or "").removeprefix(KEY_PREFIX)[:8]
    row = (
        session.scalar(select(ApiKeyRow).where(ApiKeyRow.prefix == text))
        if re.fullmatch(r"[0-9a-f]{8}", text)
        else None
    )
    if row is None or (user_id is not None and row.user_id != user_id):
        raise UserError(f"No API key {str(prefix)[:20]!r}.")
    if row.revoked_at is not None:
        raise UserError(f"The key {row.prefix} is already revoked.")
    row.revoked_at = now()
    session.flush()
    return _view(session, row)
