"""SQLAlchemy tables of the film store. Alembic migrations in `studio/migrations` create them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class FilmRow(Base):
    __tablename__ = "films"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    script: Mapped[str] = mapped_column(Text)
    script_format: Mapped[str] = mapped_column(String(20))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft|queued|rendering|ready|failed|cancelled
    owner_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)  # None: made with the CLI
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)
    # An edited script waits here until the render of it (draft_run_id, its first attempt) succeeds.
    draft_script: Mapped[str | None] = mapped_column(Text, nullable=True)
    draft_run_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    scenes: Mapped[list[SceneRow]] = relationship(
        back_populates="film", cascade="all, delete-orphan", order_by="SceneRow.position"
    )
    characters: Mapped[list[CharacterRow]] = relationship(
        back_populates="film", cascade="all, delete-orphan", order_by="CharacterRow.position"
    )


class SceneRow(Base):
    __tablename__ = "scenes"
    __table_args__ = (UniqueConstraint("film_id", "scene_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    film_id: Mapped[str] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), index=True)
    scene_key: Mapped[str] = mapped_column(String(16))  # "s01"
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(String(500))
    location: Mapped[str] = mapped_column(String(300), default="")
    time_of_day: Mapped[str] = mapped_column(String(20), default="day")
    mood: Mapped[str] = mapped_column(String(20), default="calm")
    culture: Mapped[str] = mapped_column(String(30), default="western")
    target_seconds: Mapped[float] = mapped_column(Float, default=0.0)

    film: Mapped[FilmRow] = relationship(back_populates="scenes")
    lines: Mapped[list[LineRow]] = relationship(
        back_populates="scene", cascade="all, delete-orphan", order_by="LineRow.position"
    )


class CharacterRow(Base):
    __tablename__ = "characters"
    __table_args__ = (UniqueConstraint("film_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    film_id: Mapped[str] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    age_band: Mapped[str] = mapped_column(String(20), default="unknown")
    gender: Mapped[str] = mapped_column(String(20), default="unknown")
    description: Mapped[str] = mapped_column(Text, default="")
    voice_id: Mapped[str | None] = mapped_column(String(80), nullable=True)

    film: Mapped[FilmRow] = relationship(back_populates="characters")


class LineRow(Base):
    __tablename__ = "lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    scene_id: Mapped[int] = mapped_column(ForeignKey("scenes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    parenthetical: Mapped[str | None] = mapped_column(String(300), nullable=True)
    emotion: Mapped[str] = mapped_column(String(20), default="neutral")
    kind: Mapped[str] = mapped_column(String(20), default="dialogue")

    scene: Mapped[SceneRow] = relationship(back_populates="lines")
