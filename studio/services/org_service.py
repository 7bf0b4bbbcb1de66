"""OrganisationService: the organisations a caller belongs to, their usage, API keys, webhook
subscriptions, and the plan and cut-down reads the public API offers.

Tenant scoping (which films a key or a member may open) is in `ServiceCore.film_row` (core.py) and
`FilmService.films`, which every film call goes through.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from studio.domain.errors import UserError
from studio.domain.views import Forbidden
from studio.services import api_keys
from studio.services import organisations as orgs
from studio.services.api_keys import ApiKeyView
from studio.services.audit import audited
from studio.services.core import NoSuchThing, ServiceCore
from studio.store.organisations import WebhookRow

_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


class OrganisationService:
    """Organisations: membership views, usage, API keys, webhooks, and the plan and cut-down reads of the API."""

    def __init__(self, core: ServiceCore) -> None:
        self.core, self.store = core, core.store

    def organisations(self, token: str) -> list[orgs.OrgView]:
        """The organisations the caller belongs to, with their role and the pool's balance."""
        with self.store.session() as session:
            user = self.core.me(session, token)
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
            row = self.core.org_for(session, self.core.me(session, token), org)
            return org_usage(session, self.core.settings.media_root, row, start)

    def usage_report(self, token: str, month: str | None = None) -> list[dict]:
        """Every organisation's usage in a month (admin only)."""
        from studio.services.usage import parse_month, usage_rows

        start = parse_month(month)
        with self.store.session() as session:
            self.core.require(self.core.me(session, token), "admin")
            return usage_rows(session, self.core.settings.media_root, start)

    # ----- API keys -------------------------------------------------------------------------
    @audited("apikey.create", "user")
    def create_api_key(self, token: str, org: str | None = None, name: str = "") -> tuple[ApiKeyView, str]:
        """A new API key for the caller (in `org` when named); the key itself is returned only now."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            if api_keys.scope_of(user) is not None:
                raise Forbidden("API keys are made in the app or with `studio apikey create`, not with a key.")
            row_org = self.core.org_for(session, user, org) if org else None
            row, key = api_keys.create(session, user, row_org, name)
            return api_keys._view(session, row), key

    def api_keys(self, token: str) -> list[ApiKeyView]:
        with self.store.session() as session:
            return api_keys.listing(session, self.core.me(session, token).id)

    @audited("apikey.revoke", "user")
    def revoke_api_key(self, token: str, prefix: str) -> ApiKeyView:  # `api_keys` is a method here
        with self.store.session() as session:
            user = self.core.me(session, token)
            return api_keys.revoke(session, prefix, None if user.role == "admin" else user.id)

    # ----- webhooks -------------------------------------------------------------------------
    @audited("webhook.add", "user")
    def add_webhook(self, token: str, url: str, org: str | None = None) -> dict:
        """Subscribe `url` to "film.finished" events of the organisation (owner or admin); the signing
        secret is returned only now."""
        from studio.services.webhooks import check_url, new_secret

        target = check_url(url)
        with self.store.session() as session:
            user = self.core.me(session, token)
            row = self.core.org_for(session, user, org, write=True)
            if len(list(session.scalars(select(WebhookRow.id).where(WebhookRow.org_id == row.id)))) >= 20:
                raise UserError("An organisation has at most 20 webhooks; remove one first.")
            hook = WebhookRow(org_id=row.id, url=target, secret=new_secret(), created_by=user.id)
            session.add(hook)
            session.flush()
            return {"id": hook.id, "url": hook.url, "events": ["film.finished"], "secret": hook.secret}

    def webhooks(self, token: str, org: str | None = None) -> list[dict]:
        with self.store.session() as session:
            row = self.core.org_for(session, self.core.me(session, token), org)
            hooks = session.scalars(select(WebhookRow).where(WebhookRow.org_id == row.id).order_by(WebhookRow.id))
            return [{"id": h.id, "url": h.url, "events": ["film.finished"]} for h in hooks]

    @audited("webhook.remove", "user")
    def remove_webhook(self, token: str, webhook_id: int, org: str | None = None) -> None:
        with self.store.session() as session:
            row = self.core.org_for(session, self.core.me(session, token), org, write=True)
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
            film = self.core.film_row(session, self.core.me(session, token), film_id)
            script, settings = film.script, dict(film.settings or {})
        media = self.core.settings.media_root
        folder = asset_dir(media, film_id, "scene_breakdown")
        try:
            if (folder / "manifest.json").is_file():
                breakdown = Breakdown.from_dict(read_manifest(folder)["breakdown"])
            else:
                breakdown = self.core.parse(script, settings.get("duration"))
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
            self.core.film_row(session, self.core.me(session, token), film_id)
        folder = asset_dir(self.core.settings.media_root, film_id, "social_cutdowns")
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
            self.core.film_row(session, self.core.me(session, token), film_id)
        files = self._asset_files(film_id, asset)
        if not isinstance(name, str) or not _FILE.match(name) or name not in files:
            raise NoSuchThing(f"This film has no file {str(name)[:60]!r}.")
        return files[name]

    def _asset_files(self, film_id: str, asset: str) -> dict[str, Path]:
        from studio.store.media import asset_dir

        folder = asset_dir(self.core.settings.media_root, film_id, asset)
        if not folder.is_dir():
            return {}
        return {p.name: p for p in folder.iterdir() if p.is_file() and p.name != "manifest.json"}
