"""AdminService: the credit ledger and tier table every user reads, and the admin's users, grants,
plans, roles, runs and daily figures.

Every admin call checks the caller's role first; a refused call changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from studio.domain.errors import UserError
from studio.domain.views import LedgerEntry, UserView
from studio.services import accounts, credits
from studio.services.account_service import user_view
from studio.services.audit import audited
from studio.store import FilmRow
from studio.store.accounts import LedgerRow, UserRow

if TYPE_CHECKING:
    from studio.services.core import ServiceCore
    from studio.services.film_service import FilmService


def ledger_view(row: LedgerRow) -> LedgerEntry:
    return LedgerEntry(
        id=row.id, created_at=accounts.aware(row.created_at), amount=row.amount, reason=row.reason,
        reference=row.reference, balance_after=row.balance_after,
    )  # fmt: skip


class AdminService:
    """Credits (ledger, tiers, subtitle languages) and the admin's controls."""

    def __init__(self, core: ServiceCore, films: FilmService) -> None:
        self.core, self.films, self.store, self.runs = core, films, core.store, core.runs

    # ----- credits --------------------------------------------------------------------------
    def ledger(self, token: str) -> list[LedgerEntry]:
        """The user's credit ledger, newest first (finished renders are settled first)."""
        self.films.settle_mine(token)
        with self.store.session() as session:
            user = self.core.me(session, token)
            rows = session.scalars(
                select(LedgerRow).where(LedgerRow.user_id == user.id).order_by(LedgerRow.id.desc()).limit(500)
            )
            return [ledger_view(row) for row in rows]

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
            self.core.require(self.core.me(session, token), "admin")
            return [user_view(u) for u in session.scalars(select(UserRow).order_by(UserRow.created_at))]

    @audited("admin.suspend", "user", target="user_id")
    def suspend(self, token: str, user_id: str, suspended: bool) -> None:
        """Suspend or reinstate a user (admin only). A suspended user can do nothing at once: their
        sessions are refused with "suspended" (kept only to tell them so); reinstating ends them."""
        with self.store.session() as session:
            me = self.core.me(session, token)
            self.core.require(me, "admin")
            user = self.core.other_user(session, user_id)
            if user.id == me.id:
                raise UserError("You cannot suspend your own account.")
            user.suspended = bool(suspended)
            if not user.suspended:  # no session from before the suspension comes back to life
                accounts.end_sessions(session, user.id)

    @audited("admin.grant", "user", target="user_id")
    def grant(self, token: str, user_id: str, amount: int | float, reason: str) -> LedgerEntry:
        """Give a user credits (admin only); `take_back` removes them. A whole float (a UI number field
        sends 5.0) counts as that integer; zero or a negative amount is refused."""
        return self._adjust(token, user_id, amount, reason, "grant")

    @audited("admin.take_back", "user", target="user_id")
    def take_back(self, token: str, user_id: str, amount: int | float, reason: str) -> LedgerEntry:
        """Take `amount` credits back from a user, never below zero (admin only); the entry says how many went."""
        return self._adjust(token, user_id, amount, reason, "taken back")

    def _adjust(self, token: str, user_id: str, amount: int | float, reason: str, kind: str) -> LedgerEntry:
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        verb = "Grant" if kind == "grant" else "Take back"
        if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= 100_000:
            raise UserError(f"{verb} a whole number of credits from 1 to 100000.")
        note = " ".join((reason or "").split())
        if not note or len(note) > 200:
            why = "you grant these credits" if kind == "grant" else "you take these credits back"
            raise UserError(f"Say why {why} (up to 200 characters).")
        with self.store.session() as session:
            self.core.require(self.core.me(session, token), "admin")
            user = self.core.other_user(session, user_id)
            if credits.unlimited(user):
                raise UserError(f"{user.email} is on the unlimited {user.tier} plan; credits do not apply.")
            row = credits.credit(session, user.id, amount if kind == "grant" else -amount, kind, note, None)
            assert row is not None  # no idempotency key: always written
            return ledger_view(row)

    @audited("admin.set_tier", "user", target="user_id")
    def set_tier(self, token: str, user_id: str, tier: str) -> UserView:
        """Move a user to another plan (admin only); the next monthly grant follows the new tier."""
        with self.store.session() as session:
            self.core.require(self.core.me(session, token), "admin")
            user = self.core.other_user(session, user_id)
            user.tier = credits.tier(tier).name
            return user_view(user)

    @audited("admin.set_role", "user", target="user_id")
    def set_role(self, token: str, user_id: str, role: str) -> UserView:
        """Make a user a creator, producer or admin (admin only)."""
        if role not in accounts.ROLES:
            raise UserError(f"Roles are {', '.join(accounts.ROLES)}, not {role!r}.")
        with self.store.session() as session:
            me = self.core.me(session, token)
            self.core.require(me, "admin")
            user = self.core.other_user(session, user_id)
            if user.id == me.id and role != "admin":
                raise UserError("You cannot remove your own admin role.")
            if user.role != role:  # privileges changed: sessions opened under the old role end
                accounts.end_sessions(session, user.id, keep_token=token if user.id == me.id else None)
            user.role = role
            return user_view(user)

    def admin_runs(self, token: str) -> list[dict]:
        """Recent render runs, newest first: run_id, film_id, title, user, status, created_at (admin or producer)."""
        with self.store.session() as session:
            self.core.require(self.core.me(session, token), "admin", "producer")
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
            self.core.require(self.core.me(session, token), "admin")
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
