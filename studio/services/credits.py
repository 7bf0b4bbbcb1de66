"""Credits: tiers, the cost of a film, and the ledger (charges, refunds, grants).

Every change of a balance and its ledger row are written in one transaction, and a charge is a
conditional `UPDATE users SET balance = balance - cost WHERE id = ? AND balance >= cost`: the
database row lock serialises concurrent charges, so two renders racing for the last credits can
never both win. Ledger rows carry an optional unique `key`, which makes refunds (per run) and
monthly grants (per user and period) idempotent even when two processes reconcile at once.

The balance has two parts. The tier's credits reset each period (the monthly grant sets them to
the tier's allowance; unused ones lapse). Credit lots (`studio.store.billing.CreditLotRow`) do
not reset: top-ups bought through Stripe expire one year after purchase, admin grants never.
A charge uses the tier's credits first, then the lots, the one expiring soonest first; a lot's
unused credits leave the balance when it expires. Lot bookkeeping always happens while the
user's row is locked (the charge's UPDATE, or `lock_user`), so concurrent writers serialise.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.services.accounts import aware, now
from studio.store.accounts import LedgerRow, RenderRequestRow, UserRow
from studio.store.billing import BillingSubscriptionRow, CreditLotRow, CreditLotUseRow

PURCHASE_LIFETIME = timedelta(days=365)

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


def _entry(
    session: Session, user_id: str, amount: int, reason: str, reference: str | None, key: str | None
) -> LedgerRow:
    balance = session.scalar(select(UserRow.balance).where(UserRow.id == user_id))
    if balance is None:
        raise LookupError(f"No user {user_id!r} to record credits for.")
    row = LedgerRow(
        user_id=user_id, created_at=now(), amount=amount, reason=reason, reference=reference,
        balance_after=int(balance), key=key,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def charge(
    session: Session, user: UserRow, cost: int, reason: str, reference: str | None, key: str | None
) -> LedgerRow:
    """Take `cost` credits atomically (free for unlimited tiers: a zero-amount row records the use)."""
    if cost <= 0:
        raise ValueError("A charge must be positive.")
    if unlimited(user):
        return _entry(session, user.id, 0, reason, reference, key)
    if _has_due_lots(session, user.id, now()):
        expire_lots(session, user.id)
    # an UPDATE/DELETE gives a CursorResult (rowcount); SQLAlchemy types execute() as Result
    taken = cast(
        CursorResult[Any],
        session.execute(
            update(UserRow)
            .where(UserRow.id == user.id, UserRow.balance >= cost)
            .values(balance=UserRow.balance - cost)
            .execution_options(synchronize_session=False)
        ),
    ).rowcount
    if taken != 1:
        balance = session.scalar(select(UserRow.balance).where(UserRow.id == user.id))
        raise InsufficientCredits(
            f"This render costs {cost} credit{'s' * (cost != 1)} and your balance is {balance}. "
            "Shorten the film, or buy more credits on the Credits page."
        )
    _consume(session, user.id, cost, key)
    return _entry(session, user.id, -cost, reason, reference, key)


def credit(
    session: Session, user_id: str, amount: int, reason: str, reference: str | None, key: str | None
) -> LedgerRow | None:
    """Add credits (a refund or a grant). With a `key` already used, nothing happens and None returns.

    A negative amount takes credits back, never below zero.
    """
    if key is not None and session.scalar(select(LedgerRow.id).where(LedgerRow.key == key)) is not None:
        return None
    if amount < 0:
        balance = session.scalar(select(UserRow.balance).where(UserRow.id == user_id).with_for_update())
        amount = -min(-amount, int(balance or 0))
    elif amount > 0 and reason == "grant":  # an admin's grant does not lapse at the next reset
        lock_user(session, user_id)
        session.add(
            CreditLotRow(
                user_id=user_id,
                source="grant",
                credits=amount,
                remaining=amount,
                purchased_at=now(),
                expires_at=None,
                amount_cents=0,
                clawed_back=0,
                shortfall=0,
            )
        )
    # A racing process may insert the same key between the check and the insert: its unique
    # index makes this transaction fail as a whole (balance included), so nothing happens twice.
    session.execute(
        update(UserRow)
        .where(UserRow.id == user_id)
        .values(balance=UserRow.balance + amount)
        .execution_options(synchronize_session=False)
    )
    if amount < 0:
        _consume(session, user_id, -amount)
    elif amount > 0 and reason == "refund" and key is not None and key.startswith("refund:"):
        _restore_lots(session, key.removeprefix("refund:"), amount)
    return _entry(session, user_id, amount, reason, reference, key)


def _restore_lots(session: Session, run_id: str, amount: int) -> None:
    """A refunded render gives back the bought credits it used to their lots (unless expired or
    clawed back since); the rest returns to the tier's credits."""
    request_key = session.scalar(select(RenderRequestRow.key).where(RenderRequestRow.run_id == run_id))
    if request_key is None:
        return
    moment = now()
    for use in session.scalars(
        select(CreditLotUseRow)
        .where(CreditLotUseRow.ledger_key == f"render:{request_key}")
        .order_by(CreditLotUseRow.id.desc())
    ):
        lot = session.get(CreditLotRow, use.lot_id)
        if lot is None or (lot.expires_at is not None and aware(lot.expires_at) <= moment):
            continue
        back = min(use.amount, amount, lot.credits - lot.clawed_back - lot.shortfall - lot.remaining)
        if back > 0:
            lot.remaining += back
            amount -= back
        if amount <= 0:
            break
    session.flush()


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
    """Reset the tier's credits to its allowance for every period begun by `moment` (unused ones
    lapse; lots are untouched); idempotent per user and period. Expired lots are taken out first.
    Returns the net change of the balance by the resets. Pro subscriptions billed monthly by
    Stripe are reset by their paid invoice instead (studio/services/billing.py), so a failed renewal
    grants nothing."""
    moment = moment or now()
    expire_lots(session, user.id, moment)
    granted = 0
    allowance = tier(user.tier).monthly_credits
    stripe_billed = _billed_monthly_by_stripe(session, user.id)
    while next_reset(user.period_start) <= moment:
        user.period_start = next_reset(user.period_start)
        if allowance and not stripe_billed:
            period = aware(user.period_start).strftime("%Y-%m-%d")
            row = reset_tier_credits(
                session, user.id, allowance, "monthly", f"{user.tier} {period}", f"monthly:{user.id}:{period}"
            )
            if row is not None:
                granted += row.amount
    session.flush()
    return granted


def lock_user(session: Session, user_id: str) -> int | None:
    """Lock the user's row for the rest of the transaction (PostgreSQL; SQLite serialises writers) and
    return the balance: every change of a user's lots happens under this lock."""
    return session.scalar(select(UserRow.balance).where(UserRow.id == user_id).with_for_update())


def lots_total(session: Session, user_id: str) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(CreditLotRow.remaining), 0)).where(CreditLotRow.user_id == user_id)
        )
        or 0
    )


def tier_part(session: Session, user_id: str) -> int:
    """The credits of the balance that belong to the tier (the rest sits in lots)."""
    balance = int(session.scalar(select(UserRow.balance).where(UserRow.id == user_id)) or 0)
    return max(0, balance - lots_total(session, user_id))


def _consume(session: Session, user_id: str, amount: int, key: str | None = None) -> None:
    """Account for `amount` credits that just left the balance (the row is locked by the caller's
    UPDATE): the tier's credits go first, then lots, soonest expiry first, admin grants last."""
    balance_now = int(session.scalar(select(UserRow.balance).where(UserRow.id == user_id)) or 0)
    in_lots = lots_total(session, user_id)
    from_tier = min(amount, max(0, balance_now + amount - in_lots))
    rest = amount - from_tier
    if rest <= 0:
        return
    lots = session.scalars(
        select(CreditLotRow)
        .where(CreditLotRow.user_id == user_id, CreditLotRow.remaining > 0)
        .order_by(CreditLotRow.expires_at.is_(None), CreditLotRow.expires_at, CreditLotRow.id)
    )
    for lot in lots:
        used = min(rest, lot.remaining)
        lot.remaining -= used
        rest -= used
        if key is not None:
            session.add(CreditLotUseRow(ledger_key=key, lot_id=lot.id, amount=used))
        if rest == 0:
            break
    session.flush()


def _has_due_lots(session: Session, user_id: str, moment: datetime) -> bool:
    return (
        session.scalar(
            select(CreditLotRow.id)
            .where(CreditLotRow.user_id == user_id, CreditLotRow.remaining > 0, CreditLotRow.expires_at <= moment)
            .limit(1)
        )
        is not None
    )


def expire_lots(session: Session, user_id: str, moment: datetime | None = None) -> int:
    """Take the unused credits of every lot expired by `moment` out of the balance, oldest first,
    one ledger row each (reason `expired`, reference the purchase's Stripe object). Returns credits removed."""
    moment = moment or now()
    if not _has_due_lots(session, user_id, moment):
        return 0
    lock_user(session, user_id)
    removed = 0
    due = session.scalars(
        select(CreditLotRow)
        .where(CreditLotRow.user_id == user_id, CreditLotRow.remaining > 0, CreditLotRow.expires_at <= moment)
        .order_by(CreditLotRow.expires_at, CreditLotRow.id)
    )
    for lot in list(due):
        amount, lot.remaining = lot.remaining, 0
        session.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(balance=UserRow.balance - amount)
            .execution_options(synchronize_session=False)
        )
        row = _entry(
            session, user_id, -amount, "expired", lot.stripe_object or f"lot {lot.id}", f"expired:lot:{lot.id}"
        )
        if lot.stripe_object:
            from studio.store.billing import LedgerStripeLinkRow

            session.add(LedgerStripeLinkRow(ledger_id=row.id, stripe_object=lot.stripe_object, event_id=None))
        removed += amount
    session.flush()
    return removed


def reset_tier_credits(
    session: Session, user_id: str, allowance: int, reason: str, reference: str | None, key: str | None
) -> LedgerRow | None:
    """Set the tier's part of the balance to `allowance` (lots are untouched); one ledger row with
    the difference, even when it is zero, so the reset is recorded. None if `key` was used."""
    if key is not None and session.scalar(select(LedgerRow.id).where(LedgerRow.key == key)) is not None:
        return None
    lock_user(session, user_id)
    delta = allowance - tier_part(session, user_id)
    # A negative delta takes only tier credits (it is at most the tier part), never a lot's.
    session.execute(
        update(UserRow)
        .where(UserRow.id == user_id)
        .values(balance=UserRow.balance + delta)
        .execution_options(synchronize_session=False)
    )
    return _entry(session, user_id, delta, reason, reference, key)


def _billed_monthly_by_stripe(session: Session, user_id: str) -> bool:
    return (
        session.scalar(
            select(BillingSubscriptionRow.id)
            .where(
                BillingSubscriptionRow.user_id == user_id,
                BillingSubscriptionRow.interval == "month",
                BillingSubscriptionRow.status.in_(("active", "past_due", "unpaid", "trialing", "incomplete")),
            )
            .limit(1)
        )
        is not None
    )


def take_from_lot(
    session: Session, lot: CreditLotRow, amount: int, reason: str, reference: str | None, key: str | None
) -> LedgerRow:
    """Take `amount` (at most what the lot has left) out of one lot and the balance: a refund's claw-back.
    The caller holds the user's lock."""
    amount = max(0, min(amount, lot.remaining))
    lot.remaining -= amount
    session.execute(
        update(UserRow)
        .where(UserRow.id == lot.user_id)
        .values(balance=UserRow.balance - amount)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return _entry(session, lot.user_id, -amount, reason, reference, key)


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
