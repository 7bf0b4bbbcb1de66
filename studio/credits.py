"""Credits: tiers, the cost of a film, and the ledger (charges, refunds, grants).

Every change of a balance and its ledger row are written in one transaction, and a charge is a
conditional `UPDATE users SET balance = balance - cost WHERE id = ? AND balance >= cost`: the
database row lock serialises concurrent charges, so two renders racing for the last credits can
never both win. Ledger rows carry an optional unique `key`, which makes refunds (per run) and
monthly grants (per user and period) idempotent even when two processes reconcile at once.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from studio.accounts import aware, now
from studio.errors import UserError
from studio.store.accounts import LedgerRow, UserRow

CREDITS_PER_MINUTE = 3
RESOLUTION_ORDER = ("480p", "720p", "1080p")


@dataclass(frozen=True)
class Tier:
    name: str
    monthly_credits: int | None  # None: unlimited
    max_minutes: float
    max_resolution: str
    watermark: bool
    priority: int  # Dagster's `dagster/priority` run tag: higher leaves the queue first
    priority_label: str

    def to_dict(self) -> dict:
        return asdict(self)


TIERS: dict[str, Tier] = {
    "free": Tier("free", 3, 1.0, "720p", True, -1, "low"),
    "pro": Tier("pro", 30, 5.0, "1080p", False, 0, "normal"),
    "enterprise": Tier("enterprise", None, 10.0, "1080p", False, 1, "high"),
}


class InsufficientCredits(UserError):
    """The balance does not cover the cost; nothing was charged."""


def tier(name: str) -> Tier:
    try:
        return TIERS[name]
    except KeyError:
        raise UserError(f"Unknown tier {name!r}; choose one of {', '.join(TIERS)}.") from None


def cost_for(seconds: float) -> int:
    """ceil(minutes × 3) credits, at least 1 for any film."""
    return max(1, math.ceil(round(seconds / 60.0 * CREDITS_PER_MINUTE, 6)))


def unlimited(user: UserRow) -> bool:
    return tier(user.tier).monthly_credits is None


def _entry(session: Session, user_id: str, amount: int, reason: str, reference: str | None, key: str | None) -> LedgerRow:
    balance = session.scalar(select(UserRow.balance).where(UserRow.id == user_id))
    row = LedgerRow(
        user_id=user_id, created_at=now(), amount=amount, reason=reason, reference=reference,
        balance_after=int(balance), key=key,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def charge(session: Session, user: UserRow, cost: int, reason: str, reference: str | None, key: str | None) -> LedgerRow:
    """Take `cost` credits atomically (free for unlimited tiers: a zero-amount row records the use)."""
    if cost <= 0:
        raise ValueError("A charge must be positive.")
    if unlimited(user):
        return _entry(session, user.id, 0, reason, reference, key)
    taken = session.execute(
        update(UserRow)
        .where(UserRow.id == user.id, UserRow.balance >= cost)
        .values(balance=UserRow.balance - cost)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        balance = session.scalar(select(UserRow.balance).where(UserRow.id == user.id))
        raise InsufficientCredits(
            f"This render costs {cost} credit{'s' * (cost != 1)} and your balance is {balance}. "
            "Shorten the film, or ask for more credits."
        )
    return _entry(session, user.id, -cost, reason, reference, key)


def credit(session: Session, user_id: str, amount: int, reason: str, reference: str | None, key: str | None) -> LedgerRow | None:
    """Add credits (a refund or a grant). With a `key` already used, nothing happens and None returns.

    A negative amount takes credits back, never below zero.
    """
    if key is not None and session.scalar(select(LedgerRow.id).where(LedgerRow.key == key)) is not None:
        return None
    if amount < 0:
        balance = session.scalar(select(UserRow.balance).where(UserRow.id == user_id).with_for_update())
        amount = -min(-amount, int(balance or 0))
    # A racing process may insert the same key between the check and the insert: its unique
    # index makes this transaction fail as a whole (balance included), so nothing happens twice.
    session.execute(
        update(UserRow)
        .where(UserRow.id == user_id)
        .values(balance=UserRow.balance + amount)
        .execution_options(synchronize_session=False)
    )
    return _entry(session, user_id, amount, reason, reference, key)


def next_reset(period_start: datetime) -> datetime:
    """The tier's reset date: the same day of the next month (clamped to the month's last day)."""
    start = aware(period_start)
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    for day in (start.day, 30, 29, 28):
        try:
            return start.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return start + timedelta(days=28)


def grant_monthly(session: Session, user: UserRow, moment: datetime | None = None) -> int:
    """Grant every monthly allowance due by `moment`; idempotent per user and period. Returns credits granted."""
    moment = moment or now()
    granted = 0
    allowance = tier(user.tier).monthly_credits
    while next_reset(user.period_start) <= moment:
        user.period_start = next_reset(user.period_start)
        if allowance:
            period = aware(user.period_start).strftime("%Y-%m-%d")
            if credit(session, user.id, allowance, "monthly", f"{user.tier} {period}", f"monthly:{user.id}:{period}"):
                granted += allowance
    session.flush()
    return granted


def grant_all_due(session: Session, moment: datetime | None = None) -> int:
    """Run `grant_monthly` for every user (the daily Dagster schedule calls this)."""
    total = 0
    for user in session.scalars(select(UserRow)):
        total += grant_monthly(session, user, moment)
    return total


def check_resolution(tier_name: str, resolution: str) -> None:
    limit = tier(tier_name)
    if RESOLUTION_ORDER.index(resolution) > RESOLUTION_ORDER.index(limit.max_resolution):
        raise UserError(
            f"The {limit.name} plan renders up to {limit.max_resolution}; choose {limit.max_resolution} or lower."
        )


def check_length(tier_name: str, seconds: float) -> None:
    limit = tier(tier_name)
    if seconds > limit.max_minutes * 60 + 1e-6:
        raise UserError(
            f"This film runs about {seconds / 60:.1f} minutes; the {limit.name} plan allows up to "
            f"{limit.max_minutes:g} minute{'s' * (limit.max_minutes != 1)}. Shorten the script or the duration."
        )
