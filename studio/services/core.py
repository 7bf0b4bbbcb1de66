"""ServiceCore: what every part of the studio's service shares, handed to each part explicitly.

The settings, the store, the render engine (`RenderRuns`), the script parser, the media store; and the
two questions every call asks first: who is calling (`me`), and may they open this film (`film_row`)
or act in this organisation (`org_for`). Tenant scoping lives in `film_row`, so the app, the CLI's
service calls, `/media` URLs and `/api/v1` share one rule:
- a request made with an organisation's API key sees that organisation's films and nothing else;
  any other film, or an unknown one, is "No film with id …" (404, the same answer: no oracle);
- in the app, a member sees their organisations' films besides their own; an organisation's film
  is refused to everyone else (a platform admin still reads everything);
- a film in a project is governed by the project's roles (studio/services/projects.py).
"""

from __future__ import annotations

import copy
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.breakdown import Breakdown
from studio.domain.errors import UserError
from studio.domain.validation import preflight
from studio.domain.views import Forbidden, NotSignedIn, Suspended
from studio.services import accounts, api_keys, credits, projects
from studio.services import organisations as orgs
from studio.services.ports import RenderRuns
from studio.settings import Settings
from studio.store import FilmRow, FilmStore
from studio.store.accounts import UserRow
from studio.store.media_store import MediaStore, open_media_store
from studio.store.organisations import OrganisationRow

_FILM_ID = re.compile(r"^[0-9a-f]{6,32}$")
READERS = ("admin", "producer")  # may open films that have no owner (made with the CLI)
PARSED_KEPT = 16  # breakdowns kept (a few pages' scripts and their edits)


class NoSuchFilm(UserError):
    """Unknown film, or one the caller's organisation does not own (the same words for both)."""


class NoSuchThing(UserError):
    """Unknown organisation, file, key or webhook (or one the caller may not know of)."""


class ServiceCore:
    """Settings, store, render engine and parser, and the caller and film checks every part runs first.

    Thread-safe: every check runs in the caller's own transaction; the parse cache has its own lock.
    """

    def __init__(self, settings: Settings, runs: RenderRuns) -> None:
        self.settings = settings
        self.runs = runs  # the render engine (studio.compose wires in Dagster's)
        settings.ensure_dirs()
        self.store = FilmStore(settings.database_url)
        self.store.migrate()
        # Script -> Breakdown. In process by default (the CLI, tests); the web server installs a
        # `studio.services.bounded.BoundedParser`, so no request parses in the server's own interpreter.
        self.parser: Callable[[str, float | None], Breakdown] | None = None
        self._parsed: OrderedDict[tuple[str, float | None], Breakdown] = OrderedDict()
        self._parsed_lock = threading.Lock()

    @cached_property
    def media_store(self) -> MediaStore:
        """Where finished media is published (STUDIO_MEDIA_STORE); checked at start-up by `studio up`."""
        return open_media_store(self.settings.media_store, self.settings.media_root)

    def parse(self, text: str, duration: float | None) -> Breakdown:
        """The script's breakdown; the last few are kept, since one Storyboard page reads the same script
        several times (scenes, cast, a quote) and each read is a worker process on the server."""
        key = (text, duration)
        with self._parsed_lock:  # pages' handlers run in threads
            found = self._parsed.get(key)
            if found is not None:
                self._parsed.move_to_end(key)
        if found is None:
            found = (self.parser or preflight)(text, duration)
            with self._parsed_lock:
                self._parsed[key] = found
                while len(self._parsed) > PARSED_KEPT:
                    self._parsed.popitem(last=False)
        return copy.deepcopy(found)  # callers may change their copy

    # ----- who is calling -------------------------------------------------------------------
    def me(self, session: Session, token: str) -> UserRow:
        """The signed-in user of `token` (their monthly allowance granted when due); NotSignedIn or Suspended."""
        user = accounts.user_for_token(session, token)
        if user is None:
            if accounts.suspended_session(session, token):
                raise Suspended("Your account is suspended; contact the studio's admin.")
            raise NotSignedIn("Please sign in (your session may have expired).")
        if credits.next_reset(user.period_start) <= accounts.now():
            self._grant_months(user.id)
            session.refresh(user)
        return user

    def _grant_months(self, user_id: str) -> None:
        """The monthly allowance, in its own transaction: two requests of the same user may both
        find it due, and the ledger's unique key lets only one of them grant it."""
        try:
            with self.store.session() as session:
                user = session.get(UserRow, user_id)
                if user is not None:
                    credits.grant_monthly(session, user)
        except IntegrityError:
            pass

    @staticmethod
    def require(user: UserRow, *roles: str) -> None:
        if user.role not in roles:
            raise Forbidden(f"Only {' or '.join(roles)} accounts can do this.")

    @staticmethod
    def other_user(session: Session, user_id: str) -> UserRow:
        user = session.get(UserRow, user_id) if isinstance(user_id, str) and len(user_id) <= 32 else None
        if user is None:
            raise UserError(f"No user with id {user_id!r}.")
        return user

    # ----- what they may open ---------------------------------------------------------------
    def film_row(
        self, session: Session, user: UserRow, film_id: object, write: bool = False, action: str | None = None
    ) -> FilmRow:
        """The film if this user may see it (or change it, with `write`: render it, or do `action`, a
        permission of studio.services.projects); NoSuchFilm/Forbidden otherwise."""
        film = session.get(FilmRow, film_id) if isinstance(film_id, str) and _FILM_ID.match(film_id) else None
        if film is None:
            raise NoSuchFilm(f"No film with id {str(film_id)[:40]!r}.")
        org_id = orgs.org_of_film(session, film.id)
        scope = api_keys.scope_of(user)
        if scope is not None and scope.org_id is not None:  # an organisation's key: its films only
            if org_id != scope.org_id:
                raise NoSuchFilm(f"No film with id {film_id!r}.")
            return film
        in_project = projects.project_of_film(session, film.id) is not None
        if org_id is not None and orgs.role_in(session, org_id, user.id) is not None and not in_project:
            return film
        try:
            if org_id is not None and not (user.role == "admin" and not write):
                raise Forbidden("This film belongs to another organisation.")
            return _owned_film(session, user, film, write, action)
        except Forbidden:
            if scope is not None:  # through the API nobody learns that a film they may not see exists
                raise NoSuchFilm(f"No film with id {film_id!r}.") from None
            raise

    def org_for(self, session: Session, user: UserRow, org: str | None, write: bool = False) -> OrganisationRow:
        """The organisation a call acts in: the key's; else the one named (the caller must belong to
        it); else the caller's only one. With `write`, the caller must be its owner or admin."""
        scope = api_keys.scope_of(user)
        if scope is not None and scope.org_id is not None:
            row = session.get(OrganisationRow, scope.org_id)
            if row is None or org not in (None, "", row.slug):  # None: the key's organisation was deleted
                raise NoSuchThing(f"No organisation {str(org)[:60]!r}.")
        elif org:
            row = session.scalar(select(OrganisationRow).where(OrganisationRow.slug == str(org)[:60]))
            if row is None or (orgs.role_in(session, row.id, user.id) is None and user.role != "admin"):
                raise NoSuchThing(f"No organisation {str(org)[:60]!r}.")
        else:
            mine = orgs.memberships(session, user.id)
            if len(mine) != 1:
                raise UserError(
                    "Name the organisation (you belong to " + (", ".join(o.slug for o, _ in mine) or "none") + ")."
                )
            row = mine[0][0]
        if write and orgs.role_in(session, row.id, user.id) not in ("owner", "admin") and user.role != "admin":
            raise Forbidden("Only an owner or admin of the organisation can do this.")
        return row


def _owned_film(session: Session, user: UserRow, film: FilmRow, write: bool, action: str | None) -> FilmRow:
    """A film outside any organisation: its owner's; CLI films readable by producers and admins; else
    by the project's roles."""
    if film.owner_id == user.id:
        return film
    if film.owner_id is None and (user.role == "admin" or (user.role in READERS and not write and not action)):
        return film
    if user.role == "admin" and not write and not action:
        return film
    projects.require_film(session, user, film, action or ("render" if write else "view"))
    return film
