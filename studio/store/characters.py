"""The character_versions table: every version of every character's locked identity.

A character's identity is derived deterministically from the script (models/image/look.py). A
version records the traits a person changed on top of that derivation (`traits`), the full look
it resolved to when it was made (`look`, for history), its stage in the casting process and
whether it is the one that renders. Exactly one version per (film, character) is active.
Rows are keyed by the character's name, not by CharacterRow.id, because a re-render replaces
the film's character rows while its casting history must survive.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.store.tables import Base

STAGES = ("concept", "casting", "final", "alternate")
MODES = ("avatar", "mascot", "actor")


def _now() -> datetime:
    return datetime.now(UTC)


class CharacterVersionRow(Base):
    __tablename__ = "character_versions"
    __table_args__ = (UniqueConstraint("film_id", "name", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    film_id: Mapped[str] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(20), default="concept")  # concept|casting|final|alternate
    mode: Mapped[str] = mapped_column(String(20), default="avatar")  # avatar|mascot|actor
    traits: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # overrides on the derived look
    look: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the resolved look, for history
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
