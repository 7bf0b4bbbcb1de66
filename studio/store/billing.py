"""Tables of billing: Stripe customers and subscriptions, purchased credit lots, refunds seen,
webhook events processed (exactly once) and the link from each billing ledger row to its Stripe
object. Created by the `0003_stripe` revision (branch `stripe`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio.store.tables import Base


def _now() -> datetime:
    return datetime.now(UTC)


class BillingCustomerRow(Base):
    """The Stripe customer of a user (created before their first Checkout Session)."""

    __tablename__ = "billing_customers"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class BillingSubscriptionRow(Base):
    """A Stripe subscription as the webhooks last described it (older events never overwrite newer)."""

    __tablename__ = "billing_subscriptions"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)  # sub_…
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    interval: Mapped[str] = mapped_column(String(10), default="month")  # month|year
    status: Mapped[str] = mapped_column(String(30), default="incomplete")  # Stripe's status; canceled is final
    cancel_at_period_end: Mapped[bool] = mapped_column(Boolean, default=False)
    current_period_end: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_event_created: Mapped[int] = mapped_column(Integer, default=0)  # `created` of the event applied last
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class CreditLotRow(Base):
    """Credits that do not reset with the tier: a top-up bought through Checkout (expires a year
    after purchase) or an admin grant (never expires). Charges use the tier's credits first, then
    lots, the one expiring soonest first."""

    __tablename__ = "credit_lots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # purchase|grant
    credits: Mapped[int] = mapped_column(Integer)
    remaining: Mapped[int] = mapped_column(Integer)
    purchased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)
    stripe_object: Mapped[str | None] = mapped_column(String(255), unique=True, nullable=True)  # cs_… of a purchase
    payment_intent: Mapped[str | None] = mapped_column(String(255), nullable=True, index=True)
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    clawed_back: Mapped[int] = mapped_column(Integer, default=0)  # credits taken back after refunds
    shortfall: Mapped[int] = mapped_column(Integer, default=0)  # refunded credits already spent


class StripeRefundRow(Base):
    """The refunded amount of a charge, kept even before its purchase is known (out-of-order events)."""

    __tablename__ = "stripe_refunds"

    charge_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    payment_intent: Mapped[str | None] = mapped_column(String(255), nullable=True, index=True)
    amount: Mapped[int] = mapped_column(Integer)
    amount_refunded: Mapped[int] = mapped_column(Integer)


class StripeEventRow(Base):
    """One webhook event, stored in the transaction that applied it: a replay finds it and does nothing."""

    __tablename__ = "stripe_events"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)  # evt_…
    type: Mapped[str] = mapped_column(String(100))
    created: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    outcome: Mapped[str] = mapped_column(String(30))  # applied|ignored|unknown_user|refused
    user_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class LedgerStripeLinkRow(Base):
    """Which Stripe object (and event) a billing ledger row came from."""

    __tablename__ = "ledger_stripe_links"

    ledger_id: Mapped[int] = mapped_column(ForeignKey("ledger.id", ondelete="CASCADE"), primary_key=True)
    stripe_object: Mapped[str] = mapped_column(String(255), index=True)  # cs_…, in_…, sub_…, ch_…
    event_id: Mapped[str | None] = mapped_column(String(255), nullable=True)


class CreditLotUseRow(Base):
    """How many credits of a lot a charge used, so refunding that render puts them back in the lot
    (bought credits keep their expiry instead of turning into the tier's credits, which reset)."""

    __tablename__ = "credit_lot_uses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ledger_key: Mapped[str] = mapped_column(String(200), index=True)  # the charge's ledger key
    lot_id: Mapped[int] = mapped_column(ForeignKey("credit_lots.id", ondelete="CASCADE"))
    amount: Mapped[int] = mapped_column(Integer)
