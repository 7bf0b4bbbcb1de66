"""Character versions: list them, add one with changed traits, promote or roll back.

Version 1 of every character is its **concept**: the look derived from the script, recorded the
first time the character_sheets asset runs. Later versions (casting, final, alternates) hold only
the traits a person changed (see models/image/identity.py) and, for history, the look they
resolved to. Exactly one version per character is active, and the active one is what renders:
rolling back is making an older version active again, so history is never rewritten.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from models.image.identity import MODES, check_traits
from models.image.references import character_reference
from studio.domain.errors import UserError
from studio.services.approvals import check_character_unlocked
from studio.store import FilmStore
from studio.store.characters import STAGES, CharacterVersionRow
from studio.store.repository import FilmNotFound
from studio.store.tables import FilmRow


@dataclass(frozen=True)
class CharacterVersion:
    name: str
    version: int
    stage: str
    mode: str
    traits: dict[str, Any]
    look: dict[str, Any]
    note: str
    active: bool

    @classmethod
    def of(cls, row: CharacterVersionRow) -> CharacterVersion:
        return cls(
            row.name,
            row.version,
            row.stage,
            row.mode,
            dict(row.traits or {}),
            dict(row.look or {}),
            row.note,
            row.active,
        )


class CharacterVersions:
    """Versions of a film's characters in the film store (SQLite or PostgreSQL)."""

    def __init__(self, store: FilmStore) -> None:
        self.store = store

    def _film(self, session: Any, film_id: str) -> FilmRow:
        film = session.get(FilmRow, film_id)
        if film is None:
            raise FilmNotFound(film_id)
        return film

    def list(self, film_id: str, name: str | None = None) -> list[CharacterVersion]:
        """Every version of the film's characters (or of one), oldest first per character."""
        with self.store.session() as session:
            self._film(session, film_id)
            query = select(CharacterVersionRow).where(CharacterVersionRow.film_id == film_id)
            if name is not None:
                query = query.where(CharacterVersionRow.name == name)
            rows = session.scalars(query.order_by(CharacterVersionRow.name, CharacterVersionRow.version))
            return [CharacterVersion.of(row) for row in rows]

    def active(self, film_id: str) -> dict[str, CharacterVersion]:
        return {v.name: v for v in self.list(film_id) if v.active}

    def ensure_concepts(
        self, film_id: str, looks: dict[str, dict[str, Any]], modes: dict[str, str] | None = None
    ) -> None:
        """Record version 1 (concept, active) for each character that has no version yet; `modes`
        names characters that start in another mode (actor, when the film has their photo)."""
        with self.store.session() as session:
            self._film(session, film_id)
            known = set(session.scalars(select(CharacterVersionRow.name).where(CharacterVersionRow.film_id == film_id)))
            for name, look in looks.items():
                if name not in known:
                    session.add(
                        CharacterVersionRow(
                            film_id=film_id,
                            name=name,
                            version=1,
                            stage="concept",
                            mode=(modes or {}).get(name, "avatar"),
                            traits={},
                            look=look,
                            note="derived from the script",
                            active=True,
                        )
                    )

    def add(
        self,
        film_id: str,
        name: str,
        traits: dict[str, Any],
        stage: str = "casting",
        mode: str | None = None,
        note: str = "",
        activate: bool = True,
    ) -> CharacterVersion:
        """A new version: the active version's traits with `traits` on top (and optionally a new mode)."""
        if stage not in STAGES:
            raise UserError(f"Stage must be one of {', '.join(STAGES)}, not {stage!r}.")
        if mode is not None and mode not in MODES:
            raise UserError(f"Mode must be one of {', '.join(MODES)}, not {mode!r}.")
        try:
            changed = check_traits(traits)
        except ValueError as error:
            raise UserError(str(error)) from None
        with self.store.session() as session:
            film = self._film(session, film_id)
            check_character_unlocked(session, film_id, name)  # an approved character keeps its version
            rows = self._rows(session, film_id, name)
            if mode == "actor":
                references = (film.settings or {}).get("references", [])
                if character_reference(references, name) is None:
                    raise UserError(
                        f"Actor-reference mode for {name} needs a reference photo: "
                        f"render with --reference {name}=PHOTO first."
                    )
            base = next((r for r in rows if r.active), rows[-1])
            number = (
                (
                    session.scalar(
                        select(func.max(CharacterVersionRow.version)).where(
                            CharacterVersionRow.film_id == film_id, CharacterVersionRow.name == name
                        )
                    )
                    or 0
                )  # `rows` is not empty, so there is a maximum
                + 1
            )
            if activate:
                for row in rows:
                    row.active = False
            row = CharacterVersionRow(
                film_id=film_id,
                name=name,
                version=number,
                stage=stage,
                mode=mode or base.mode,
                traits={**(base.traits or {}), **changed},
                look={**(base.look or {}), **changed},
                note=note,
                active=activate,
            )
            session.add(row)
            session.flush()
            return CharacterVersion.of(row)

    def activate(self, film_id: str, name: str, version: int, stage: str | None = None) -> CharacterVersion:
        """Make `version` the one that renders (a rollback when it is older); optionally set its stage."""
        if stage is not None and stage not in STAGES:
            raise UserError(f"Stage must be one of {', '.join(STAGES)}, not {stage!r}.")
        with self.store.session() as session:
            self._film(session, film_id)
            check_character_unlocked(session, film_id, name)
            rows = self._rows(session, film_id, name)
            chosen = next((r for r in rows if r.version == version), None)
            if chosen is None:
                have = ", ".join(str(r.version) for r in rows)
                raise UserError(f"{name} has no version {version}; versions: {have}.")
            for row in rows:
                row.active = row is chosen
            if stage is not None:
                chosen.stage = stage
            session.flush()
            return CharacterVersion.of(chosen)

    def rollback(self, film_id: str, name: str, version: int) -> CharacterVersion:
        return self.activate(film_id, name, version)

    def promote(self, film_id: str, name: str, version: int) -> CharacterVersion:
        """Mark `version` final and make it the active one."""
        return self.activate(film_id, name, version, stage="final")

    def record_look(self, film_id: str, name: str, version: int, look: dict[str, Any]) -> None:
        """Keep the look a version resolved to at render time (history shows what was drawn)."""
        with self.store.session() as session:
            for row in self._rows(session, film_id, name):
                if row.version == version:
                    row.look = look

    @staticmethod
    def _rows(session: Any, film_id: str, name: str) -> builtins.list[CharacterVersionRow]:  # `list` is a method here
        rows = list(
            session.scalars(
                select(CharacterVersionRow)
                .where(CharacterVersionRow.film_id == film_id, CharacterVersionRow.name == name)
                .order_by(CharacterVersionRow.version)
            )
        )
        if not rows:
            raise UserError(f"Film {film_id} has no character named {name!r} with versions.")
        return rows
