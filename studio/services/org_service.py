"""The organisation half of StudioService: tenant scoping of every film query, the credit pool,
usage, API keys, webhook subscriptions, and the plan and cut-down reads the public API offers.

Scoping lives here, in `_film_row` and `films`, which every film method of `FilmsMixin` goes
through, so the app, the CLI's service calls, `/media` URLs and `/api/v1` share one rule:
- a request made with an organisation's API key sees that organisation's films and nothing else;
  any other film, or an unknown one, is "No film with id …" (404, the same answer: no oracle);
- in the app, a member sees their organisations' films besides their own; an organisation's film
  is refused to everyone else (a platform admin still reads everything, as before).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.domain.views import FilmView, Forbidden
from studio.services import api_keys, projects
from studio.services import organisations as orgs
from studio.services.api_keys import ApiKeyView
from studio.services.audit import audited
from studio.store import FilmRow
from studio.store.accounts import UserRow
from studio.store.organisations import OrganisationRow, WebhookRow

if TYPE_CHECKING:
    from models.breakdown import Breakdown
    from studio.settings import Settings
    from studio.store import FilmStore

_FILM_ID = re.compile(r"^[0-9a-f]{6,32}$")
_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


class NoSuchFilm(UserError):
    """Unknown film, or one the caller's organisation does not own (the same words for both)."""


class NoSuchThing(UserError):
    """Unknown organisation, file, key or webhook (or one the caller may not know of)."""


class OrganisationsMixin:
    """Expects `store`, `settings`, `_me`, `_require`, `_views`, `_settle_mine` and the FilmsMixin methods."""

    if TYPE_CHECKING:  # defined by StudioService and FilmsMixin, which StudioService mixes in with this class
        store: FilmStore
        settings: Settings

        def _me(self, session: Session, token: str) -> UserRow: ...
        @staticmethod
        def _require(user: UserRow, *roles: str) -> None: ...
        def _views(self, rows: Sequence[Sequence[Any]]) -> list[FilmView]: ...
        def _settle_mine(self, token: str) -> None: ...
        def parse(self, text: str, duration: float | None) -> Breakdown: ...

    # ----- scoping --------------------------------------------------------------------------
    def _film_row(
        self, session: Session, user: UserRow, film_id: object, write: bool = False, action: str | None = None
    ) -> FilmRow:
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
            return film  # a film in a project is governed by the project's roles (studio/services/projects.py)
        try:
            if org_id is not None and not (user.role == "admin" and not write):
                raise Forbidden("This film belongs to another organisation.")
            return super()._film_row(session, user, film_id, write, action)  # type: ignore[misc]
        except Forbidden:
            if scope is not None:  # through the API nobody learns that a film they may not see exists
                raise NoSuchFilm(f"No film with id {film_id!r}.") from None
            raise

    def films(self, token: str) -> list[FilmView]:
        """The caller's films, newest first: with an organisation's key, that organisation's films; in
        the app, one's own films and those of one's organisations (producers and admins also see CLI films)."""
        self._settle_mine(token)
        with self.store.session() as session:
            user = self._me(session, token)
            scope = api_keys.scope_of(user)
            if scope is not None and scope.org_id is not None:
                where: ColumnElement[bool] = FilmRow.id.in_(orgs.film_ids(session, [scope.org_id]))
            else:
                member_of = [org.id for org, _ in orgs.memberships(session, user.id)]
                foreign = orgs.film_ids(session, [o for o in self._all_org_ids(session) if o not in member_of])
                where = (FilmRow.owner_id == user.id) | FilmRow.id.in_(orgs.film_ids(session, member_of))
                where = where | FilmRow.id.in_(projects.member_films(user.id))  # films of the user's projects
                if user.role in ("admin", "producer"):
                    where = where | FilmRow.owner_id.is_(None)
                if user.role != "admin" and foreign:  # an organisation's film stays in it
                    where = where & FilmRow.id.not_in(foreign)
            rows = session.execute(
                select(FilmRow.id, FilmRow.title, FilmRow.status, FilmRow.created_at, FilmRow.owner_id)
                .where(where)
                .order_by(FilmRow.created_at.desc())
            ).all()
        return self._views([tuple(row) for row in rows])

    @staticmethod
    def _all_org_ids(session: Session) -> list[str]:
        return list(session.scalars(select(OrganisationRow.id)))

    def _org_for(self, session: Session, user: UserRow, org: str | None, write: bool = False) -> OrganisationRow:
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

    # ----- films in organisations -----------------------------------------------------------
    @audited("film.create", "film", target="result")
    def create_film(self, token: str, script: str, options: dict, org: str | None = None) -> str:
        """Create a draft film (see FilmsMixin.create_film) in the caller's organisation: the key's, the
        one named, or the creator's only one; a creator in no organisation makes a personal film."""
        with self.store.session() as session:
            user = self._me(session, token)
            scope = api_keys.scope_of(user)
            org_id = None
            if org or (scope is not None and scope.org_id) or len(orgs.memberships(session, user.id)) == 1:
                org_id = self._org_for(session, user, org).id
        film_id = super().create_film(token, script, options)  # type: ignore[misc]
        if org_id is not None:
            with self.store.session() as session:
                orgs.attach_film(session, org_id, film_id)
        return film_id

    def _charge_render(
        self, session: Session, user: UserRow, film: FilmRow, cost: int, reference: str, key: str
    ) -> Any:
        """An organisation's film is paid from its pool (the member's own balance is untouched)."""
        org_id = orgs.org_of_film(session, film.id)
        if org_id is None:
            return super()._charge_render(session, user, film, cost, reference, key)  # type: ignore[misc]
        orgs.charge(session, org_id, user.id, cost, reference, f"render:{key}")
        return _Paid(0)  # nothing left the member's balance, so a refund goes to the pool (studio.orchestration.runs)

    def organisations(self, token: str) -> list[orgs.OrgView]:
        """The organisations the caller belongs to, with their role and the pool's balance."""
        with self.store.session() as session:
            user = self._me(session, token)
            scope = api_keys.scope_of(user)
            return [orgs.view(o, role) for o, role in orgs.memberships(session, user.id)
                    if scope is None or scope.org_id in (None, o.id)]  # fmt: skip

    # ----- usage ----------------------------------------------------------------------------
    def usage(self, token: str, month: str | None = None, org: str | None = None) -> dict:
        """One organisation's usage in a month (YYYY-MM, default this month): films, renders, video
        minutes, storage and pool credits; any member may read it."""
        from studio.services.usage import org_usage, parse_month

        start = parse_month(month)
        with self.store.session() as session:
            row = self._org_for(session, self._me(session, token), org)
            return org_usage(session, self.settings.media_root, row, start)

    def usage_report(self, token: str, month: str | None = None) -> list[dict]:
        """Every organisation's usage in a month (admin only)."""
        from studio.services.usage import parse_month, usage_rows

        start = parse_month(month)
        with self.store.session() as session:
            self._require(self._me(session, token), "admin")
            return usage_rows(session, self.settings.media_root, start)

    # ----- API keys -------------------------------------------------------------------------
    @audited("apikey.create", "user")
    def create_api_key(self, token: str, org: str | None = None, name: str = "") -> tuple[ApiKeyView, str]:
        """A new API key for the caller (in `org` when named); the key itself is returned only now."""
        with self.store.session() as session:
            user = self._me(session, token)
            if api_keys.scope_of(user) is not None:
                raise Forbidden("API keys are made in the app or with `studio apikey create`, not with a key.")
            row_org = self._org_for(session, user, org) if org else None
            row, key = api_keys.create(session, user, row_org, name)
            return api_keys._view(session, row), key

    def api_keys(self, token: str) -> list[ApiKeyView]:
        with self.store.session() as session:
            return api_keys.listing(session, self._me(session, token).id)

    @audited("apikey.revoke", "user")
    def revoke_api_key(self, token: str, prefix: str) -> ApiKeyView:  # `api_keys` is a method here
        with self.store.session() as session:
            user = self._me(session, token)
            return api_keys.revoke(session, prefix, None if user.role == "admin" else user.id)

    # ----- webhooks -------------------------------------------------------------------------
    @audited("webhook.add", "user")
    def add_webhook(self, token: str, url: str, org: str | None = None) -> dict:
        """Subscribe `url` to "film.finished" events of the organisation (owner or admin); the signing
        secret is returned only now."""
        from studio.services.webhooks import check_url, new_secret

        target = check_url(url)
        with self.store.session() as session:
            user = self._me(session, token)
            row = self._org_for(session, user, org, write=True)
            if len(list(session.scalars(select(WebhookRow.id).where(WebhookRow.org_id == row.id)))) >= 20:
                raise UserError("An organisation has at most 20 webhooks; remove one first.")
            hook = WebhookRow(org_id=row.id, url=target, secret=new_secret(), created_by=user.id)
            session.add(hook)
            session.flush()
            return {"id": hook.id, "url": hook.url, "events": ["film.finished"], "secret": hook.secret}

    def webhooks(self, token: str, org: str | None = None) -> list[dict]:
        with self.store.session() as session:
            row = self._org_for(session, self._me(session, token), org)
            hooks = session.scalars(select(WebhookRow).where(WebhookRow.org_id == row.id).order_by(WebhookRow.id))
            return [{"id": h.id, "url": h.url, "events": ["film.finished"]} for h in hooks]

    @audited("webhook.remove", "user")
    def remove_webhook(self, token: str, webhook_id: int, org: str | None = None) -> None:
        with self.store.session() as session:
            row = self._org_for(session, self._me(session, token), org, write=True)
            hook = session.get(WebhookRow, webhook_id) if isinstance(webhook_id, int) else None
            if hook is None or hook.org_id != row.id:
                raise NoSuchThing(f"No webhook {str(webhook_id)[:20]}.")
            session.delete(hook)

    # ----- plans and cut-downs --------------------------------------------------------------
    def plan(self, token: str, film_id: str) -> dict:
        """The film's pre-production plan in figures (scenes, shooting days, budget totals) and the
        files of its `production_plan` asset, once materialised."""
        from models.breakdown import Breakdown
        from models.errors import ScriptError
        from models.plan import PlanError, RateCard, make_plan
        from studio.store.media import asset_dir, read_manifest

        with self.store.session() as session:
            film = self._film_row(session, self._me(session, token), film_id)
            script, settings = film.script, dict(film.settings or {})
        media = self.settings.media_root
        folder = asset_dir(media, film_id, "scene_breakdown")
        try:
            if (folder / "manifest.json").is_file():
                breakdown = Breakdown.from_dict(read_manifest(folder)["breakdown"])
            else:
                breakdown = self.parse(script, settings.get("duration"))
            card = RateCard.from_dict(settings.get("rate_card") or {})
            start = (
                date.fromisoformat(settings["shoot_start"])
                if settings.get("shoot_start")
                else date.today() + timedelta(days=1)
            )
            result = make_plan(breakdown, card, start)
        except (PlanError, ScriptError, ValueError) as error:
            raise UserError(str(error).strip("'\"")) from None
        return {
            "film_id": film_id, "scenes": len(result.sheets), "currency": card.currency,
            "totals": {k: round(float(v), 2) for k, v in result.totals.items()},
            "days": [{"number": d.number, "date": d.day.isoformat(), "locations": d.locations,
                      "scenes": [s.sheet.scene_id for s in d.strips]} for d in result.days],
            "files": sorted(self._asset_files(film_id, "production_plan")),
        }  # fmt: skip

    def cutdowns(self, token: str, film_id: str) -> dict:
        """The film's social cut-downs, teaser and press kit (what `social_cutdowns` and `press_kit` made)."""
        from studio.store.media import asset_dir, read_manifest

        with self.store.session() as session:
            self._film_row(session, self._me(session, token), film_id)
        folder = asset_dir(self.settings.media_root, film_id, "social_cutdowns")
        manifest = read_manifest(folder) if (folder / "manifest.json").is_file() else {}
        kit = self._asset_files(film_id, "press_kit")
        return {
            "film_id": film_id,
            "cutdowns": [{k: v for k, v in c.items() if isinstance(v, (str, int, float, bool))}
                         for c in manifest.get("cutdowns", []) if isinstance(c, dict)],
            "skipped": [s.get("reason") for s in manifest.get("skipped", []) if isinstance(s, dict)],
            "teaser": manifest.get("teaser", {}).get("file") if isinstance(manifest.get("teaser"), dict) else None,
            "press_kit": "press_kit.zip" if "press_kit.zip" in kit else None,
        }  # fmt: skip

    def asset_file(self, token: str, film_id: str, asset: str, name: str) -> Path:
        """One file of a film's plan, cut-downs or press kit, for download."""
        if asset not in ("production_plan", "social_cutdowns", "press_kit"):
            raise NoSuchThing("No such kind of file.")
        with self.store.session() as session:
            self._film_row(session, self._me(session, token), film_id)
        files = self._asset_files(film_id, asset)
        if not isinstance(name, str) or not _FILE.match(name) or name not in files:
            raise NoSuchThing(f"This film has no file {str(name)[:60]!r}.")
        return files[name]

    def _asset_files(self, film_id: str, asset: str) -> dict[str, Path]:
        from studio.store.media import asset_dir

        folder = asset_dir(self.settings.media_root, film_id, asset)
        if not folder.is_dir():
            return {}
        return {p.name: p for p in folder.iterdir() if p.is_file() and p.name != "manifest.json"}


class _Paid:
    """What `_render` records as taken from the member's balance when the pool paid."""

    def __init__(self, amount: int) -> None:
        self.amount = amount
