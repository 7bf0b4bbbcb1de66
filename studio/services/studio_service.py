"""StudioService: the one facade the Gradio pages and the FastAPI routes call.

Every method takes the caller's opaque session token (except the public catalogue ones), checks
who they are and what their role allows, and returns frozen view objects. Bad input raises a
`UserError` subclass whose message is fit to show in the page; nothing is created or charged.
Film methods (create, render, progress, storyboard, media, sharing) live in `studio.services.film_service`.
"""

from __future__ import annotations

import shutil

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
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
from studio.services import accounts, credits
from studio.services.account_service import AccountsMixin
from studio.services.audit import audited
from studio.services.film_service import FilmsMixin
from studio.services.org_service import OrganisationsMixin  # tenant scoping, pool, usage, API keys, webhooks
from studio.services.ports import RenderRuns
from studio.services.production_service import ProductionMixin
from studio.services.storyboard_service import RenderQuote, StoryboardMixin
from studio.settings import Settings
from studio.store import FilmRow, FilmStore
from studio.store.accounts import LedgerRow, RenderRequestRow, UserRow

__all__ = [
    "Estimate", "FilmView", "Forbidden", "LedgerEntry", "NotEnoughCredits", "NotSignedIn", "Progress",
    "RenderQuote", "StudioService", "Suspended", "UserView",
]  # fmt: skip


def _user_view(user: UserRow) -> UserView:
    unlimited = credits.unlimited(user)
    return UserView(
        id=user.id, email=user.email, name=user.name, role=user.role, tier=user.tier,
        balance=None if unlimited else int(user.balance), suspended=bool(user.suspended),
        created_at=accounts.aware(user.created_at),
    )  # fmt: skip


def _ledger_view(row: LedgerRow) -> LedgerEntry:
    return LedgerEntry(
        id=row.id, created_at=accounts.aware(row.created_at), amount=row.amount, reason=row.reason,
        reference=row.reference, balance_after=row.balance_after,
    )  # fmt: skip


class StudioService(OrganisationsMixin, AccountsMixin, FilmsMixin, ProductionMixin, StoryboardMixin):
    """Accounts, films, renders (as Dagster runs), credits and admin, behind one object.

    Thread-safe: every call opens its own database transaction; renders go through `runs` (see `studio.compose`).
    """

    def __init__(self, settings: Settings, runs: RenderRuns) -> None:
        self.settings = settings
        self.runs = runs  # the render engine (studio.compose wires in Dagster's)
        settings.ensure_dirs()
        self.store = FilmStore(settings.database_url)
        self.store.migrate()

    # ----- plumbing -------------------------------------------------------------------------
    def _me(self, session: Session, token: str) -> UserRow:
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
    def _require(user: UserRow, *roles: str) -> None:
        if user.role not in roles:
            raise Forbidden(f"Only {' or '.join(roles)} accounts can do this.")

    @staticmethod
    def _other_user(session: Session, user_id: str) -> UserRow:
        user = session.get(UserRow, user_id) if isinstance(user_id, str) and len(user_id) <= 32 else None
        if user is None:
            raise UserError(f"No user with id {user_id!r}.")
        return user

    # ----- accounts -------------------------------------------------------------------------
    # sign_up, register, verify_email, sign_in, two-factor, resets, export: studio/services/account_service.py

    @audited("account.sign_out", "user")
    def sign_out(self, token: str) -> None:
        """End the session (no error if it is already gone)."""
        if token and isinstance(token, str):
            from studio.store.accounts import SessionRow

            with self.store.session() as session:
                session.execute(delete(SessionRow).where(SessionRow.token_hash == accounts.hash_token(token)))

    def user(self, token: str) -> UserView:
        """The signed-in user; raises NotSignedIn for a missing, expired or unknown token."""
        with self.store.session() as session:
            return _user_view(self._me(session, token))

    @audited("account.update_profile", "user")
    def update_profile(self, token: str, name: str) -> UserView:
        """Change the display name."""
        with self.store.session() as session:
            user = self._me(session, token)
            user.name = accounts.check_name(name)
            return _user_view(user)

    @audited("account.change_password", "user")
    def change_password(self, token: str, old: str, new: str) -> None:
        """Change the password after checking the old one; the user's other sessions are ended."""
        with self.store.session() as session:
            user = self._me(session, token)
            if not accounts.verify_password(user.password_hash, old or ""):
                raise UserError("The current password is wrong.")
            user.password_hash = accounts.hash_password(accounts.check_password(new))
            accounts.end_sessions(session, user.id, keep_token=token)

    @audited("account.delete", "user", erases=True)
    def delete_account(self, token: str, password: str) -> None:
        """Delete the user, their films, media, renders and ledger rows, after checking the password."""
        with self.store.session() as session:
            user = self._me(session, token)
            if not accounts.verify_password(user.password_hash, password or ""):
                raise UserError("The password is wrong; nothing was deleted.")
            user_id = user.id
            # An organisation's films stay with the organisation when a member leaves the studio.
            from studio.store.organisations import OrgFilmRow

            film_ids = list(
                session.scalars(
                    select(FilmRow.id).where(FilmRow.owner_id == user_id, FilmRow.id.not_in(select(OrgFilmRow.film_id)))
                )
            )
            pending = list(
                session.scalars(
                    select(RenderRequestRow.run_id).where(
                        RenderRequestRow.user_id == user_id, RenderRequestRow.state == "submitted"
                    )
                )
            )
        for run_id in pending:  # stop renders that would write media for a deleted film
            try:
                self.runs.cancel(run_id)
            except Exception:  # noqa: BLE001 - a run that cannot be reached is deleted with the rest
                pass
        from studio.services.privacy import purge_user_files

        # Files first, while the store still says which films (and uploads) are whose.
        purge_user_files(self.store, self.settings, user_id, film_ids, self.runs)
        for film_id in film_ids:  # published copies too (S3); a store that fails stops before any row goes
            self.media_store.delete_film(film_id)
        with self.store.session() as session:
            for film_id in film_ids:
                film = session.get(FilmRow, film_id)
                if film is not None:
                    session.delete(film)
            session.delete(session.get(UserRow, user_id))  # cascades: sessions, ledger, render requests, tokens
        from studio.services.privacy import purge_user_rows

        purge_user_rows(self.store, user_id, film_ids)  # rows keyed by the user's ids without a foreign key
        for film_id in film_ids:
            shutil.rmtree(self.settings.media_root / film_id, ignore_errors=True)

    # ----- credits --------------------------------------------------------------------------
    def ledger(self, token: str) -> list[LedgerEntry]:
        """The user's credit ledger, newest first (finished renders are settled first)."""
        self._settle_mine(token)
        with self.store.session() as session:
            user = self._me(session, token)
            rows = session.scalars(
                select(LedgerRow).where(LedgerRow.user_id == user.id).order_by(LedgerRow.id.desc()).limit(500)
            )
            return [_ledger_view(row) for row in rows]

    def tiers(self) -> dict[str, dict]:
        """Tier name -> monthly_credits (None: unlimited), max_minutes, max_resolution, watermark, priority."""
        return {
            name: {
                "monthly_credits": t.monthly_credits,
                "max_minutes": t.max_minutes,
                "max_resolution": t.max_resolution,
                "watermark": t.watermark,
                "priority": t.priority_label,
                "credits_per_minute": credits.CREDITS_PER_MINUTE,
            }
            for name, t in credits.TIERS.items()
        }

    def subtitle_languages(self) -> list[tuple[str, str]]:
        """(language name, code) of each subtitle translation this installation can write."""
        from models.translate.base import LANGUAGE_NAMES, check_subtitle_languages

        usable = []
        for code, name in LANGUAGE_NAMES.items():
            try:
                check_subtitle_languages([code])
            except ValueError:
                continue  # no translator installed for it
            if code != "en":  # the script's own language needs no translation
                usable.append((name, code))
        return usable

    # ----- admin ----------------------------------------------------------------------------
    def admin_users(self, token: str) -> list[UserView]:
        """Every user, oldest first (admin only)."""
        with self.store.session() as session:
            self._require(self._me(session, token), "admin")
            return [_user_view(u) for u in session.scalars(select(UserRow).order_by(UserRow.created_at))]

    @audited("admin.suspend", "user", target="user_id")
    def suspend(self, token: str, user_id: str, suspended: bool) -> None:
        """Suspend or reinstate a user (admin only). A suspended user can do nothing at once: their
        sessions are refused with "suspended" (kept only to tell them so); reinstating ends them."""
        with self.store.session() as session:
            me = self._me(session, token)
            self._require(me, "admin")
            user = self._other_user(session, user_id)
            if user.id == me.id:
                raise UserError("You cannot suspend your own account.")
            user.suspended = bool(suspended)
            if not user.suspended:  # no session from before the suspension comes back to life
                accounts.end_sessions(session, user.id)

    @audited("admin.grant", "user", target="user_id")
    def grant(self, token: str, user_id: str, amount: int | float, reason: str) -> LedgerEntry:
        """Grant credits, or take them back with a negative amount (never below zero); admin only.
        A whole float (a UI number field sends 5.0) counts as that integer."""
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        if not isinstance(amount, int) or isinstance(amount, bool) or amount == 0 or abs(amount) > 100_000:
            raise UserError("Grant a whole number of credits between -100000 and 100000, not zero.")
        note = " ".join((reason or "").split())
        if not note or len(note) > 200:
            raise UserError("Say why you grant these credits (up to 200 characters).")
        with self.store.session() as session:
            self._require(self._me(session, token), "admin")
            user = self._other_user(session, user_id)
            if credits.unlimited(user):
                raise UserError(f"{user.email} is on the unlimited {user.tier} plan; credits do not apply.")
            row = credits.credit(session, user.id, amount, "grant", note, None)
            assert row is not None  # no idempotency key: always written
            return _ledger_view(row)

    @audited("admin.set_tier", "user", target="user_id")
    def set_tier(self, token: str, user_id: str, tier: str) -> UserView:
        """Move a user to another plan (admin only); the next monthly grant follows the new tier."""
        with self.store.session() as session:
            self._require(self._me(session, token), "admin")
            user = self._other_user(session, user_id)
            user.tier = credits.tier(tier).name
            return _user_view(user)

    @audited("admin.set_role", "user", target="user_id")
    def set_role(self, token: str, user_id: str, role: str) -> UserView:
        """Make a user a creator, producer or admin (admin only)."""
        if role not in accounts.ROLES:
            raise UserError(f"Roles are {', '.join(accounts.ROLES)}, not {role!r}.")
        with self.store.session() as session:
            me = self._me(session, token)
            self._require(me, "admin")
            user = self._other_user(session, user_id)
            if user.id == me.id and role != "admin":
                raise UserError("You cannot remove your own admin role.")
            if user.role != role:  # privileges changed: sessions opened under the old role end
                accounts.end_sessions(session, user.id, keep_token=token if user.id == me.id else None)
            user.role = role
            return _user_view(user)

    def admin_runs(self, token: str) -> list[dict]:
        """Recent render runs, newest first: run_id, film_id, title, user, status, created_at (admin or producer)."""
        with self.store.session() as session:
            self._require(self._me(session, token), "admin", "producer")
        rows = self.runs.summaries()
        with self.store.session() as session:
            ids = {r["film_id"] for r in rows}
            titles = dict(session.execute(select(FilmRow.id, FilmRow.title).where(FilmRow.id.in_(ids))).all())
            users = {r["user_id"] for r in rows if r["user_id"]}
            emails = dict(session.execute(select(UserRow.id, UserRow.email).where(UserRow.id.in_(users))).all())
        for row in rows:
            row["title"] = titles.get(row["film_id"], "(deleted)")
            row["user"] = emails.get(row["user_id"] or "", "(CLI or Dagster UI)")
        return rows

    def daily_stats(self, token: str, days: int = 30) -> list[dict]:
        """Per day, oldest first: date, films created, credits_spent (net of refunds), credits_granted (admin only)."""
        from datetime import timedelta

        days = max(1, min(int(days), 366))
        with self.store.session() as session:
            self._require(self._me(session, token), "admin")
            since = accounts.now() - timedelta(days=days - 1)
            first = since.date()
            stats = {
                (first + timedelta(days=i)).isoformat(): {"films": 0, "credits_spent": 0, "credits_granted": 0}
                for i in range(days)
            }
            cutoff = since.replace(hour=0, minute=0, second=0, microsecond=0)
            for (created,) in session.execute(select(FilmRow.created_at).where(FilmRow.created_at >= cutoff)):
                day = accounts.aware(created).date().isoformat()
                if day in stats:
                    stats[day]["films"] += 1
            for created, amount, reason in session.execute(
                select(LedgerRow.created_at, LedgerRow.amount, LedgerRow.reason).where(LedgerRow.created_at >= cutoff)
            ):
                totals = stats.get(accounts.aware(created).date().isoformat())
                if totals is None:
                    continue
                if reason == "render":
                    totals["credits_spent"] += -amount
                elif reason == "refund":
                    totals["credits_spent"] -= amount
                elif amount > 0:
                    totals["credits_granted"] += amount
        return [{"date": date, **values} for date, values in stats.items()]
