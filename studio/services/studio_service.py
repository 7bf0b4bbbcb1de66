"""StudioService: the one door the Gradio pages, the FastAPI routes and the CLI call.

It owns nothing but the wiring: one `ServiceCore` (settings, store, render engine, who is calling, which
films they may open) handed explicitly to each part, and a door per public call that says which part
answers it. Every call takes the caller's opaque session token (except the public catalogue ones), checks
who they are and what their role allows, and returns frozen view objects. Bad input raises a `UserError`
subclass whose message is fit to show in the page; nothing is created or charged.

Where a new call goes: its part's module (accounts, films, storyboard, production, organisations, admin),
then one door line here. Billing is `studio.services.billing.billing_of(service)`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from models.breakdown import Breakdown
from studio.domain.views import (
    Estimate,
    FilmView,
    Forbidden,
    LedgerEntry,
    NotEnoughCredits,
    NotSignedIn,
    Progress,
    Suspended,
    UserView,
)
from studio.services.account_service import AccountService
from studio.services.admin_service import AdminService
from studio.services.core import ServiceCore
from studio.services.film_service import FilmService
from studio.services.org_service import OrganisationService
from studio.services.ports import RenderRuns
from studio.services.production_service import ProductionService
from studio.services.storyboard_service import RenderQuote, StoryboardService
from studio.settings import Settings
from studio.store import FilmStore
from studio.store.media_store import MediaStore

__all__ = [
    "Estimate", "FilmView", "Forbidden", "LedgerEntry", "NotEnoughCredits", "NotSignedIn", "Progress",
    "RenderQuote", "StudioService", "Suspended", "UserView",
]  # fmt: skip

P = ParamSpec("P")
R = TypeVar("R")


def _door(part: str, method: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[StudioService, P], R]:
    """A facade method that calls `method` on the facade's `part`; it keeps the method's name, docstring
    and audit action (`studio.services.audit`), so the facade reads like the methods it opens onto."""

    @functools.wraps(method)
    def door(self: StudioService, *args: P.args, **kwargs: P.kwargs) -> R:
        return method(getattr(self, part), *args, **kwargs)

    return door


class StudioService:
    """Accounts, films, renders (as Dagster runs), storyboard edits, production, organisations, credits
    and admin, behind one object.

    Thread-safe: every call opens its own database transaction; renders go through `runs` (see `studio.compose`).
    """

    def __init__(self, settings: Settings, runs: RenderRuns) -> None:
        self.core = ServiceCore(settings, runs)
        self.accounts = AccountService(self.core)
        self.film_service = FilmService(self.core)
        self.storyboard_service = StoryboardService(self.core, self.film_service)
        self.production = ProductionService(self.core, self.film_service)
        self.orgs = OrganisationService(self.core)
        self.admin = AdminService(self.core, self.film_service)

    @property
    def settings(self) -> Settings:
        return self.core.settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        """New settings (a mail server or a cookie policy changed) for every part from the next call on."""
        self.core.settings = settings

    @property
    def store(self) -> FilmStore:
        return self.core.store

    @property
    def runs(self) -> RenderRuns:
        return self.core.runs

    @property
    def media_store(self) -> MediaStore:
        return self.core.media_store

    @property
    def parser(self) -> Callable[[str, float | None], Breakdown] | None:
        """Script -> Breakdown; None parses in process (the web server installs a bounded parser)."""
        return self.core.parser

    @parser.setter
    def parser(self, parser: Callable[[str, float | None], Breakdown] | None) -> None:
        self.core.parser = parser

    # ----- accounts (account_service.py) ----------------------------------------------------
    email_status = _door("accounts", AccountService.email_status)
    sign_up = _door("accounts", AccountService.sign_up)
    register = _door("accounts", AccountService.register)
    resend_verification = _door("accounts", AccountService.resend_verification)
    verify_email = _door("accounts", AccountService.verify_email)
    sign_in = _door("accounts", AccountService.sign_in)
    sign_in_second_factor = _door("accounts", AccountService.sign_in_second_factor)
    device_cookie = _door("accounts", AccountService.device_cookie)
    request_password_reset = _door("accounts", AccountService.request_password_reset)
    reset_password = _door("accounts", AccountService.reset_password)
    two_factor_begin = _door("accounts", AccountService.two_factor_begin)
    two_factor_confirm = _door("accounts", AccountService.two_factor_confirm)
    two_factor_disable = _door("accounts", AccountService.two_factor_disable)
    two_factor_status = _door("accounts", AccountService.two_factor_status)
    export_my_data = _door("accounts", AccountService.export_my_data)
    sign_out = _door("accounts", AccountService.sign_out)
    user = _door("accounts", AccountService.user)
    update_profile = _door("accounts", AccountService.update_profile)
    change_password = _door("accounts", AccountService.change_password)
    delete_account = _door("accounts", AccountService.delete_account)

    # ----- films (film_service.py) ----------------------------------------------------------
    templates = _door("film_service", FilmService.templates)
    voice_choices = _door("film_service", FilmService.voice_choices)
    estimate = _door("film_service", FilmService.estimate)
    create_film = _door("film_service", FilmService.create_film)
    render = _door("film_service", FilmService.render)
    edit_scene = _door("film_service", FilmService.edit_scene)
    progress = _door("film_service", FilmService.progress)
    cancel = _door("film_service", FilmService.cancel)
    films = _door("film_service", FilmService.films)
    film = _door("film_service", FilmService.film)
    storyboard = _door("film_service", FilmService.storyboard)
    media_url = _door("film_service", FilmService.media_url)
    media_links = _door("film_service", FilmService.media_links)
    media = _door("film_service", FilmService.media)
    media_file = _door("film_service", FilmService.media_file)
    share_link = _door("film_service", FilmService.share_link)
    shared_file = _door("film_service", FilmService.shared_file)
    shared_url = _door("film_service", FilmService.shared_url)

    # ----- storyboard edits (storyboard_service.py) -----------------------------------------
    scene_edit_quote = _door("storyboard_service", StoryboardService.scene_edit_quote)
    timeline_quote = _door("storyboard_service", StoryboardService.timeline_quote)
    edit_timeline = _door("storyboard_service", StoryboardService.edit_timeline)
    cast_sheet = _door("storyboard_service", StoryboardService.cast_sheet)
    recast = _door("storyboard_service", StoryboardService.recast)

    # ----- production (production_service.py) -----------------------------------------------
    create_project = _door("production", ProductionService.create_project)
    my_projects = _door("production", ProductionService.my_projects)
    project = _door("production", ProductionService.project)
    set_project_member = _door("production", ProductionService.set_project_member)
    remove_project_member = _door("production", ProductionService.remove_project_member)
    add_film_to_project = _door("production", ProductionService.add_film_to_project)
    request_approval = _door("production", ProductionService.request_approval)
    approve = _door("production", ProductionService.approve)
    reject = _door("production", ProductionService.reject)
    unlock = _door("production", ProductionService.unlock)
    approval_queue = _door("production", ProductionService.approval_queue)
    film_locks = _door("production", ProductionService.film_locks)
    script_versions = _door("production", ProductionService.script_versions)
    script_diff = _door("production", ProductionService.script_diff)
    restore_script = _door("production", ProductionService.restore_script)
    save_script = _door("production", ProductionService.save_script)
    audit_log = _door("production", ProductionService.audit_log)
    export_audit = _door("production", ProductionService.export_audit)

    # ----- organisations and the public API's reads (org_service.py) ------------------------
    organisations = _door("orgs", OrganisationService.organisations)
    usage = _door("orgs", OrganisationService.usage)
    usage_report = _door("orgs", OrganisationService.usage_report)
    create_api_key = _door("orgs", OrganisationService.create_api_key)
    api_keys = _door("orgs", OrganisationService.api_keys)
    revoke_api_key = _door("orgs", OrganisationService.revoke_api_key)
    add_webhook = _door("orgs", OrganisationService.add_webhook)
    webhooks = _door("orgs", OrganisationService.webhooks)
    remove_webhook = _door("orgs", OrganisationService.remove_webhook)
    plan = _door("orgs", OrganisationService.plan)
    cutdowns = _door("orgs", OrganisationService.cutdowns)
    asset_file = _door("orgs", OrganisationService.asset_file)

    # ----- credits and admin (admin_service.py) ---------------------------------------------
    ledger = _door("admin", AdminService.ledger)
    tiers = _door("admin", AdminService.tiers)
    subtitle_languages = _door("admin", AdminService.subtitle_languages)
    admin_users = _door("admin", AdminService.admin_users)
    suspend = _door("admin", AdminService.suspend)
    grant = _door("admin", AdminService.grant)
    take_back = _door("admin", AdminService.take_back)
    set_tier = _door("admin", AdminService.set_tier)
    set_role = _door("admin", AdminService.set_role)
    admin_runs = _door("admin", AdminService.admin_runs)
    daily_stats = _door("admin", AdminService.daily_stats)
