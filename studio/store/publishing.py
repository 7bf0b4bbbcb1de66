"""Tables of publishing and CRM sync: YouTube connections, OAuth states, releases, the CRM outbox.

`0003_publish` creates them. Tokens are stored only encrypted (Fernet, key from settings).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio.store.tables import Base


def _now() -> datetime:
    return datetime.now(UTC)


class YouTubeConnectionRow(Base):
    """One user's linked YouTube channel. `active` turns False when Google refuses the refresh token."""

    __tablename__ = "youtube_connections"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    channel_title: Mapped[str] = mapped_column(String(300))
    refresh_token_enc: Mapped[str] = mapped_column(Text)  # Fernet token
    access_token_enc: Mapped[str | None] = mapped_column(Text, nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    scopes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    connected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class OAuthStateRow(Base):
    """An authorisation in flight: the SHA-256 of its `state`, whose it is, and the PKCE verifier."""

    __tablename__ = "oauth_states"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_verifier: Mapped[str | None] = mapped_column(String(200), nullable=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class YouTubeReleaseRow(Base):
    """One request to publish a film, and what became of it (the `youtube_release` asset reads it)."""

    __tablename__ = "youtube_releases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    film_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    privacy: Mapped[str] = mapped_column(String(20))  # public|unlisted|private
    publish_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    playlist: Mapped[str | None] = mapped_column(String(150), nullable=True)
    thumbnail: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(20), default="requested")  # requested|uploading|done|failed
    video_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    playlist_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


class CrmOutboxRow(Base):
    """A domain change Salesforce must hear of, written in the transaction that made the change.

    `kind` names the record to upsert (project, credit, youtube) and `key` its id (film or user);
    the drain reads the current state when it sends, so a later change never loses to an older one.
    """

    __tablename__ = "crm_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(40))  # film.created, film.status, credits.changed, youtube.connected...
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)  # pending|done|dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
