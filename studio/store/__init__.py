"""The film store: films, scenes, characters and lines in SQL (SQLite by default, PostgreSQL by URL)."""

from studio.store.repository import FilmNotFound, FilmStore
from studio.store.tables import Base, CharacterRow, FilmRow, LineRow, SceneRow

__all__ = ["Base", "CharacterRow", "FilmNotFound", "FilmRow", "FilmStore", "LineRow", "SceneRow"]
