"""The film store: films, scenes, characters and lines in SQL (SQLite by default, PostgreSQL by URL)."""

from studio.store import accounts as _accounts  # noqa: F401  (registers the account tables on Base)
from studio.store import organisations as _organisations  # noqa: F401  (tenants, API keys, webhooks)
from studio.store import outbox as _outbox  # noqa: F401  (the outbox table)
from studio.store import production as _production  # noqa: F401  (projects, approvals, script versions, audit)
from studio.store import publishing as _publishing  # noqa: F401  (YouTube, CRM outbox hook)
from studio.store.characters import CharacterVersionRow  # character versions (studio/services/characters.py)
from studio.store.repository import FilmNotFound, FilmStore
from studio.store.tables import Base, CharacterRow, FilmRow, LineRow, SceneRow

__all__ = ["Base", "CharacterRow", "CharacterVersionRow", "FilmNotFound", "FilmRow", "FilmStore", "LineRow", "SceneRow"]
