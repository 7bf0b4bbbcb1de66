"""FilmStore: the one object the CLI, the assets and the app use to read and write films."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload, sessionmaker

from models.breakdown import Breakdown
from studio.store.production import track_script_versions
from studio.store.tables import CharacterRow, FilmRow, LineRow, SceneRow

FILM_STATUSES = ("draft", "queued", "rendering", "ready", "failed", "cancelled")


class FilmNotFound(LookupError):
    def __init__(self, film_id: str) -> None:
        super().__init__(f"No film with id {film_id!r}.")


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    # SQLite ignores ON DELETE CASCADE unless each connection turns foreign keys on.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def _existing(session: Session, film_id: str) -> FilmRow:
    film = session.get(FilmRow, film_id)
    if film is None:
        raise FilmNotFound(film_id)
    return film


class FilmStore:
    """Films and their breakdowns in a SQL database, schema managed by Alembic."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            _enable_sqlite_foreign_keys(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        track_script_versions(self._sessions)  # every change of a film's script becomes a version

    def dispose(self) -> None:
        """Close the engine's pooled connections; a later session opens new ones."""
        self.engine.dispose()

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        from studio.store.migrations.runner import upgrade_to_head

        upgrade_to_head(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def create_film(
        self, title: str, script: str, script_format: str, settings: dict[str, Any], owner_id: str | None = None
    ) -> FilmRow:
        film = FilmRow(
            id=uuid.uuid4().hex[:12], title=title, script=script, script_format=script_format, settings=settings,
            owner_id=owner_id,
        )  # fmt: skip
        with self.session() as session:
            session.add(film)
        return film

    def update_script(
        self, film_id: str, script: str, script_format: str, settings: dict[str, Any] | None = None
    ) -> None:
        """Replace an existing film's script (and optionally its settings) before a re-render."""
        with self.session() as session:
            film = _existing(session, film_id)
            film.script, film.script_format = script, script_format
            if settings is not None:
                film.settings = settings

    def get_film(self, film_id: str) -> FilmRow:
        with self.session() as session:
            film = session.scalar(
                select(FilmRow)
                .where(FilmRow.id == film_id)
                .options(selectinload(FilmRow.scenes).selectinload(SceneRow.lines), selectinload(FilmRow.characters))
            )
            if film is None:
                raise FilmNotFound(film_id)
            return film

    def list_films(self) -> list[FilmRow]:
        with self.session() as session:
            return list(session.scalars(select(FilmRow).order_by(FilmRow.created_at)))

    def set_status(self, film_id: str, status: str, error: str | None = None) -> None:
        if status not in FILM_STATUSES:
            raise ValueError(f"Unknown film status {status!r}.")
        with self.session() as session:
            film = _existing(session, film_id)
            film.status, film.error = status, error

    def delete_film(self, film_id: str) -> None:
        with self.session() as session:
            film = _existing(session, film_id)
            session.delete(film)

    def save_breakdown(self, film_id: str, breakdown: Breakdown) -> None:
        """Replace the film's scenes, characters and lines with those of `breakdown`."""
        with self.session() as session:
            film = _existing(session, film_id)
            film.title = breakdown.title
            film.scenes.clear()
            film.characters.clear()
            session.flush()
            for position, character in enumerate(breakdown.characters):
                film.characters.append(
                    CharacterRow(
                        position=position,
                        name=character.name,
                        age_band=character.age_band,
                        gender=character.gender,
                        description=character.description,
                    )
                )
            for position, scene in enumerate(breakdown.scenes):
                film.scenes.append(
                    SceneRow(
                        scene_key=scene.scene_id,
                        position=position,
                        heading=scene.heading,
                        location=scene.location,
                        time_of_day=scene.time_of_day,
                        mood=scene.mood,
                        culture=scene.culture,
                        target_seconds=scene.target_seconds,
                        lines=[
                            LineRow(
                                position=i,
                                speaker=line.speaker,
                                text=line.text,
                                parenthetical=line.parenthetical,
                                emotion=line.emotion,
                                kind=line.kind,
                            )
                            for i, line in enumerate(scene.lines)
                        ],
                    )
                )

    def set_voices(self, film_id: str, voices: dict[str, str]) -> None:
        """Record each character's cast voice."""
        with self.session() as session:
            film = _existing(session, film_id)
            for character in film.characters:
                character.voice_id = voices.get(character.name, character.voice_id)
