"""Billing: credit top-ups and the Pro subscription through Stripe, and the Stripe webhook.

The app never changes a balance when a Checkout page opens or a button is pressed: credits and
tier changes come only from webhook events whose signature verifies with the endpoint secret.
Each event is applied exactly once: its id is stored in the same database transaction as the
ledger change it causes (a replay, or a second delivery racing the first, finds it and changes
nothing). Every handler locks the user's row first, so deliveries for one user serialise, and
each ledger change carries an idempotency key derived from its Stripe object, so events that
describe the same change (checkout completed / first invoice paid / subscription active) apply
it once in whatever order they arrive. Subscription state keeps the `created` time of the event
it came from; an older event never overwrites it, and `canceled` is final.

Packages: $5 = 10 credits, $15 = 35, $40 = 100, $90 = 250 (purchased credits expire a year after
purchase). Pro: $29 a month or $278 a year, 30 credits a period; upgrading takes effect at once
(credits reset to 30), downgrading or cancelling at the period's end. Enterprise: an admin sets it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import desc, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.services import accounts, credits
from studio.store.accounts import LedgerRow, UserRow
from studio.store.billing import (
    BillingCustomerRow,
    BillingSubscriptionRow,
    CreditLotRow,
    LedgerStripeLinkRow,
    StripeEventRow,
    StripeRefundRow,
)

if TYPE_CHECKING:
    from integrations.stripe_billing import StripeBilling
    from studio.services.studio_service import StudioService

log = logging.getLogger(__name__)

LOW_BALANCE = 5  # fewer credits than this shows the low-balance banner
PRO_CREDITS = 30
PRO_PRICES = {"month": 2900, "year": 27800}  # cents; the year is 20 % off twelve months


@dataclass(frozen=True)
class Package:
    key: str
    credits: int
    cents: int

    @property
    def label(self) -> str:
        return f"{self.credits} credits for ${self.cents / 100:g}"


PACKAGES = {
    p.key: p
    for p in (Package("p10", 10, 500), Package("p35", 35, 1500), Package("p100", 100, 4000), Package("p250", 250, 9000))
}


class BillingNotConfigured(UserError):
    """Stripe settings are missing: the page says so instead of failing."""


@dataclass(frozen=True)
class Lot:
    credits: int
    remaining: int
    purchased_at: datetime
    expires_at: datetime | None
    stripe_object: str | None


@dataclass(frozen=True)
class Overview:
    configured: bool
    tier: str
    balance: int | None  # None: unlimited
    tier_credits: int
    lots: list[Lot] = field(default_factory=list)
    subscription: dict[str, Any] | None = None  # id, interval, status, cancel_at_period_end, current_period_end

    @property
    def low(self) -> bool:
        return self.balance is not None and self.balance < LOW_BALANCE


@dataclass(frozen=True)
class WebhookResult:
    status: int  # HTTP status for Stripe: 400 makes it retry a bad delivery, 200 settles it
    outcome: str  # applied|duplicate|ignored|unknown_user|refused|bad_signature|not_configured
    message: str


def _ts(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), UTC) if isinstance(value, (int, float)) and value else None


def _invoice_subscription(invoice: dict[str, Any]) -> str | None:
    """The invoice's subscription: `parent.subscription_details` (API 2025+) or the old top-level field."""
    parent = invoice.get("parent") or {}
    details = parent.get("subscription_details") or {}
    sub = details.get("subscription") or invoice.get("subscription")
    return sub if isinstance(sub, str) else (sub or {}).get("id") if isinstance(sub, dict) else None


def _sub_period_end(sub: dict[str, Any]) -> datetime | None:
    items = (sub.get("items") or {}).get("data") or [{}]
    return _ts(items[0].get("current_period_end") or sub.get("current_period_end"))


def _sub_interval(sub: dict[str, Any]) -> str | None:
    items = (sub.get("items") or {}).get("data") or [{}]
    recurring = (items[0].get("price") or {}).get("recurring") or {}
    interval = recurring.get("interval") or str((sub.get("metadata") or {}).get("plan", "")).removeprefix("pro-")
    return interval if interval in PRO_PRICES else None


def _link(session: Session, row: LedgerRow | None, stripe_object: str, event_id: str) -> None:
    if row is not None:
        session.add(LedgerStripeLinkRow(ledger_id=row.id, stripe_object=stripe_object, event_id=event_id))


class BillingService:
    """Checkout, subscription changes, invoices and the webhook, on top of a `StudioService`."""

    def __init__(self, service: StudioService, stripe_billing: StripeBilling | None = None) -> None:
        self.service = service
        self.store = service.store
        settings = service.settings
        if stripe_billing is None and settings.billing_configured:
            from integrations.stripe_billing import StripeBilling

            stripe_billing = StripeBilling(
                settings.stripe_secret_key or "", settings.stripe_webhook_secret or "", settings.stripe_api_base
            )
        self.stripe = stripe_billing

    @property
    def configured(self) -> bool:
        return self.stripe is not None

    def _stripe(self) -> StripeBilling:
        if self.stripe is None:
            raise BillingNotConfigured(
                "Billing is not configured on this studio (STUDIO_STRIPE_SECRET_KEY and "
                "STUDIO_STRIPE_WEBHOOK_SECRET are unset); ask the studio's admin for credits."
            )
        return self.stripe

    # ----- what the Credits page shows -----------------------------------------------------------
    def overview(self, token: str) -> Overview:
        user_id = self.service.user(token).id
        with self.store.session() as session:
            credits.expire_lots(session, user_id)
            user = session.get(UserRow, user_id)
            if user is None:  # signed in a moment ago: only an account deleted meanwhile gets here
                raise UserError("This account no longer exists.")
            session.refresh(user)
            lots = [
                Lot(
                    lot.credits,
                    lot.remaining,
                    accounts.aware(lot.purchased_at),
                    accounts.aware(lot.expires_at) if lot.expires_at else None,
                    lot.stripe_object,
                )
                for lot in session.scalars(
                    select(CreditLotRow)
                    .where(CreditLotRow.user_id == user_id, CreditLotRow.remaining > 0)
                    .order_by(CreditLotRow.expires_at.is_(None), CreditLotRow.expires_at)
                )
            ]
            sub = self._current_subscription(session, user_id)
            unlimited = credits.unlimited(user)
            return Overview(
                configured=self.configured,
                tier=user.tier,
                balance=None if unlimited else int(user.balance),
                tier_credits=credits.tier_part(session, user_id),
                lots=lots,
                subscription=None
                if sub is None
                else {
                    "id": sub.id,
                    "interval": sub.interval,
                    "status": sub.status,
                    "cancel_at_period_end": sub.cancel_at_period_end,
                    "current_period_end": accounts.aware(sub.current_period_end) if sub.current_period_end else None,
                },
            )

    @staticmethod
    def _current_subscription(session: Session, user_id: str) -> BillingSubscriptionRow | None:
        return session.scalar(
            select(BillingSubscriptionRow)
            .where(BillingSubscriptionRow.user_id == user_id, BillingSubscriptionRow.status != "canceled")
            .order_by(desc(BillingSubscriptionRow.updated_at))
            .limit(1)
        )

    def invoices(self, token: str) -> list[dict[str, Any]]:
        """The user's Stripe invoices, newest first: number, date, amount, status, url."""
        user_id = self.service.user(token).id
        stripe_billing = self._stripe()
        with self.store.session() as session:
            customer = session.get(BillingCustomerRow, user_id)
        if customer is None:
            return []
        rows = []
        for invoice in stripe_billing.invoices(customer.customer_id):
            created = _ts(invoice.get("created"))
            rows.append(
                {
                    "number": invoice.get("number") or invoice.get("id"),
                    "date": created,
                    "amount": f"${(invoice.get('amount_paid') or invoice.get('amount_due') or 0) / 100:.2f}",
                    "status": invoice.get("status") or "",
                    "url": invoice.get("hosted_invoice_url") or "",
                    "description": invoice.get("description") or invoice.get("billing_reason") or "",
                }
            )
        return rows

    # ----- buying -------------------------------------------------------------------------------
    def _customer(self, user_id: str, email: str) -> str:
        with self.store.session() as session:
            row = session.get(BillingCustomerRow, user_id)
            if row is not None:
                return row.customer_id
        customer_id = self._stripe().create_customer(email, user_id)  # outside any transaction
        try:
            with self.store.session() as session:
                session.add(BillingCustomerRow(user_id=user_id, customer_id=customer_id, created_at=accounts.now()))
        except IntegrityError:  # a second click won the race: use its customer
            with self.store.session() as session:
                row = session.get(BillingCustomerRow, user_id)
                if row is None:
                    raise RuntimeError(f"The Stripe customer of {user_id} could not be stored.") from None
                return row.customer_id
        return customer_id

    @staticmethod
    def _urls(return_base: str) -> tuple[str, str]:
        base = (return_base or "").rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise UserError(
                "The studio's address is unknown, so Checkout could not return here (set STUDIO_STRIPE_RETURN_URL)."
            )
        return (
            f"{base}/credits?checkout=success&session_id={{CHECKOUT_SESSION_ID}}",
            f"{base}/credits?checkout=cancelled",
        )

    def _return_base(self, return_base: str | None) -> str:
        return self.service.settings.stripe_return_url or return_base or ""

    def buy(self, token: str, package_key: str, return_base: str | None = None) -> str:
        """Open a Stripe Checkout Session for a credit package; returns the URL to send the browser to."""
        package = PACKAGES.get(package_key) if isinstance(package_key, str) else None
        if package is None:
            raise UserError(f"Choose one of the packages: {', '.join(p.label for p in PACKAGES.values())}.")
        user = self.service.user(token)
        stripe_billing = self._stripe()
        if user.balance is None:
            raise UserError(f"The {user.tier} plan has unlimited credits; there is nothing to buy.")
        success, cancel = self._urls(self._return_base(return_base))
        customer = self._customer(user.id, user.email)
        link = stripe_billing.checkout_top_up(
            customer, user.id, package.key, package.credits, package.cents, success, cancel
        )
        log.info("checkout %s opened for %s (%s)", link.session_id, user.id, package.label)
        return link.url

    def subscribe(self, token: str, interval: str, return_base: str | None = None) -> str:
        """Open a Checkout Session for Pro (interval month|year); the upgrade applies when it is paid."""
        if interval not in PRO_PRICES:
            raise UserError("Pro is billed every month ($29) or every year ($278).")
        user = self.service.user(token)
        stripe_billing = self._stripe()
        if user.tier == "enterprise":
            raise UserError("You are on Enterprise; its terms are set with us, not here.")
        with self.store.session() as session:
            if self._current_subscription(session, user.id) is not None:
                raise UserError("You already have a Pro subscription; manage it below.")
        success, cancel = self._urls(self._return_base(return_base))
        customer = self._customer(user.id, user.email)
        link = stripe_billing.checkout_subscription(customer, user.id, interval, PRO_PRICES[interval], success, cancel)
        return link.url

    def set_cancel(self, token: str, cancel: bool) -> str:
        """Downgrade to Free / cancel at the period's end (True), or keep Pro after all (False).
        The page's state follows the `customer.subscription.updated` webhook Stripe sends."""
        user = self.service.user(token)
        stripe_billing = self._stripe()
        with self.store.session() as session:
            sub = self._current_subscription(session, user.id)
            if sub is None:
                raise UserError("You have no Pro subscription to change.")
            sub_id = sub.id
        updated = stripe_billing.set_cancel_at_period_end(sub_id, cancel)
        end = _sub_period_end(updated)
        when = f" on {end:%Y-%m-%d}" if end else " at the end of the period"
        return f"Pro ends{when}; you keep its credits until then." if cancel else "Your Pro subscription continues."

    # ----- admin --------------------------------------------------------------------------------
    def attention(self, token: str, limit: int = 50) -> list[dict[str, Any]]:
        """Webhook events that changed nothing for a reason an admin should see (admin only)."""
        with self.store.session() as session:
            me = self.service.core.me(session, token)
            self.service.core.require(me, "admin")
            rows = session.scalars(
                select(StripeEventRow)
                .where(StripeEventRow.outcome.in_(("unknown_user", "refused")))
                .order_by(desc(StripeEventRow.received_at))
                .limit(limit)
            )
            shortfalls = session.scalars(select(CreditLotRow).where(CreditLotRow.shortfall > 0))
            return [
                {
                    "event": r.id,
                    "type": r.type,
                    "outcome": r.outcome,
                    "note": r.note or "",
                    "when": accounts.aware(r.received_at),
                }
                for r in rows
            ] + [
                {
                    "event": lot.stripe_object or "",
                    "type": "refund shortfall",
                    "outcome": "shortfall",
                    "note": f"{lot.shortfall} refunded credits were already spent by user {lot.user_id}",
                    "when": accounts.aware(lot.purchased_at),
                }
                for lot in shortfalls
            ]

    # ----- the webhook --------------------------------------------------------------------------
    def handle_webhook(self, payload: bytes, signature: str | None) -> WebhookResult:
        """Verify and apply one delivery. Bad signatures: 400 and nothing changes."""
        if self.stripe is None:
            return WebhookResult(503, "not_configured", "Billing is not configured on this studio.")
        from integrations.stripe_billing import BadSignature

        try:
            event = self.stripe.verify(payload, signature)
        except BadSignature as error:
            log.warning("stripe webhook refused: %s", error)
            return WebhookResult(400, "bad_signature", str(error))
        event_id, kind = event["id"][:255], event["type"][:100]
        created = event.get("created")
        # Stripe's `created` is Unix seconds; anything else orders as oldest (and fits the column).
        valid = isinstance(created, int) and not isinstance(created, bool) and 0 <= created < 2**31
        event["created"] = created = created if valid else 0
        try:
            with self.store.session() as session:
                if session.get(StripeEventRow, event_id) is not None:
                    return WebhookResult(200, "duplicate", f"{event_id} was already processed.")
                row = StripeEventRow(
                    id=event_id, type=kind, created=created, received_at=accounts.now(), outcome="applied"
                )
                session.add(row)
                session.flush()  # a concurrent delivery of the same event waits here, then fails
                outcome, user_id, note = self._apply(session, event)
                row.outcome, row.user_id, row.note = outcome, user_id, note
        except IntegrityError:
            with self.store.session() as session:
                seen = session.get(StripeEventRow, event_id) is not None
            if seen:
                return WebhookResult(200, "duplicate", f"{event_id} was already processed.")
            log.exception("stripe event %s could not be stored; Stripe will retry it", event_id)
            return WebhookResult(500, "retry", "The event could not be stored; please retry.")
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, DataError) as error:
            note = f"malformed {kind} event: {error!r}"
            log.warning("stripe event %s refused: %s", event_id, note)
            with self.store.session() as session:
                if session.get(StripeEventRow, event_id) is None:
                    session.add(
                        StripeEventRow(
                            id=event_id,
                            type=kind,
                            created=created,
                            received_at=accounts.now(),
                            outcome="refused",
                            note=note,
                        )
                    )
            return WebhookResult(200, "refused", note)
        level = logging.WARNING if outcome in ("unknown_user", "refused") else logging.INFO
        log.log(level, "stripe event %s (%s): %s - %s", event_id, kind, outcome, note)
        return WebhookResult(200, outcome, note)

    def _apply(self, session: Session, event: dict[str, Any]) -> tuple[str, str | None, str]:
        kind = event["type"]
        handler = self._handlers().get(kind)
        if handler is None:
            return "ignored", None, f"{kind} events are not used by the studio"
        obj = event["data"]["object"]
        user_id = self._user_for(session, obj)
        if user_id is None:
            return (
                "unknown_user",
                None,
                (
                    f"no studio user for customer {obj.get('customer')!r} "
                    f"(metadata user {(obj.get('metadata') or {}).get('user_id')!r})"
                ),
            )
        credits.lock_user(session, user_id)  # serialise every change of this user's balance
        user = session.get(UserRow, user_id)
        session.refresh(user)
        outcome, note = handler(session, user, event, obj)
        return outcome, user_id, note

    def _handlers(self) -> dict[str, Callable[..., tuple[str, str]]]:
        return {
            "checkout.session.completed": self._checkout_completed,
            "invoice.paid": self._invoice_paid,
            "invoice.payment_failed": self._invoice_failed,
            "customer.subscription.created": self._subscription_updated,
            "customer.subscription.updated": self._subscription_updated,
            "customer.subscription.deleted": self._subscription_deleted,
            "charge.refunded": self._charge_refunded,
        }

    @staticmethod
    def _user_for(session: Session, obj: dict[str, Any]) -> str | None:
        """The customer we created decides; a user id in our own metadata is the fallback."""
        customer = obj.get("customer")
        customer = customer.get("id") if isinstance(customer, dict) else customer
        if isinstance(customer, str):
            user_id = session.scalar(
                select(BillingCustomerRow.user_id).where(BillingCustomerRow.customer_id == customer)
            )
            if user_id is not None:
                return user_id
        meta_user = (obj.get("metadata") or {}).get("user_id")
        if isinstance(meta_user, str) and len(meta_user) <= 32 and session.get(UserRow, meta_user) is not None:
            if customer is None or session.get(BillingCustomerRow, meta_user) is None:
                return meta_user
        return None

    # --- top-ups ---
    def _checkout_completed(self, session: Session, user: UserRow, event: dict, obj: dict) -> tuple[str, str]:
        if obj.get("mode") == "subscription":
            sub_id = obj.get("subscription")
            sub_id = sub_id.get("id") if isinstance(sub_id, dict) else sub_id
            if not isinstance(sub_id, str):
                raise ValueError("a subscription checkout without a subscription")
            interval = str((obj.get("metadata") or {}).get("plan", "pro-month")).removeprefix("pro-")
            sub = self._subscription_row(session, user.id, sub_id, interval if interval in PRO_PRICES else "month")
            return self._activate(session, user, sub, event)
        if obj.get("payment_status") != "paid":
            return "ignored", f"checkout {obj['id']} is not paid yet ({obj.get('payment_status')})"
        package = PACKAGES.get(str((obj.get("metadata") or {}).get("package")))
        if package is None or obj.get("amount_total") != package.cents or obj.get("currency", "usd") != "usd":
            return "refused", (
                f"checkout {obj['id']} does not match a credit package "
                f"({(obj.get('metadata') or {}).get('package')!r}, {obj.get('amount_total')} cents)"
            )
        if session.scalar(select(CreditLotRow.id).where(CreditLotRow.stripe_object == obj["id"])) is not None:
            return "applied", f"checkout {obj['id']} was already credited"
        bought = _ts(event.get("created")) or accounts.now()
        lot = CreditLotRow(
            user_id=user.id,
            source="purchase",
            credits=package.credits,
            remaining=package.credits,
            purchased_at=bought,
            expires_at=bought + credits.PURCHASE_LIFETIME,
            stripe_object=obj["id"],
            payment_intent=obj.get("payment_intent"),
            amount_cents=package.cents,
            clawed_back=0,
            shortfall=0,
        )
        session.add(lot)
        session.flush()
        row = credits.credit(session, user.id, package.credits, "purchase", obj["id"], f"purchase:{obj['id']}")
        _link(session, row, obj["id"], event["id"])
        note = f"{package.credits} credits bought ({package.label})"
        if lot.payment_intent:  # a refund that arrived before this purchase
            note += self._claw_back(session, lot, event["id"])
        return "applied", note

    def _charge_refunded(self, session: Session, user: UserRow, event: dict, obj: dict) -> tuple[str, str]:
        charge_id = obj["id"]
        intent = obj.get("payment_intent")
        intent = intent.get("id") if isinstance(intent, dict) else intent
        refund = session.get(StripeRefundRow, charge_id)
        refunded = int(obj.get("amount_refunded") or 0)
        if refund is None:
            session.add(
                StripeRefundRow(
                    charge_id=charge_id, payment_intent=intent, amount=int(obj["amount"]), amount_refunded=refunded
                )
            )
        else:  # partial refunds arrive in any order: the largest total refunded is the truth
            refund.amount_refunded = max(refund.amount_refunded, refunded)
        session.flush()
        lot = session.scalar(select(CreditLotRow).where(CreditLotRow.payment_intent == intent)) if intent else None
        if lot is None:
            return "applied", f"refund of {charge_id} recorded; its purchase has not arrived yet"
        return "applied", f"refund of {charge_id}" + self._claw_back(session, lot, event["id"], charge_id)

    def _claw_back(self, session: Session, lot: CreditLotRow, event_id: str, charge_id: str | None = None) -> str:
        refunded = sum(
            session.scalars(
                select(StripeRefundRow.amount_refunded).where(StripeRefundRow.payment_intent == lot.payment_intent)
            )
        )
        if not refunded or not lot.amount_cents:
            return ""
        target = min(lot.credits, lot.credits * min(refunded, lot.amount_cents) // lot.amount_cents)
        owed = target - lot.clawed_back - lot.shortfall
        if owed <= 0:
            return "; nothing more to take back"
        taken = min(owed, lot.remaining)
        lot.clawed_back += taken
        lot.shortfall += owed - taken
        reference = charge_id or lot.stripe_object or ""
        row = credits.take_from_lot(
            session, lot, taken, "refund clawback", reference, f"clawback:{lot.id}:{lot.clawed_back + lot.shortfall}"
        )
        _link(session, row, reference, event_id)
        if owed > taken:
            log.warning("refund of %s: %s credits were already spent (user %s)", reference, owed - taken, lot.user_id)
            return f"; {taken} credits taken back, {owed - taken} already spent (shortfall recorded)"
        return f"; {taken} credits taken back"

    # --- subscriptions ---
    @staticmethod
    def _subscription_row(session: Session, user_id: str, sub_id: str, interval: str) -> BillingSubscriptionRow:
        sub = session.get(BillingSubscriptionRow, sub_id)
        if sub is None:
            sub = BillingSubscriptionRow(
                id=sub_id,
                user_id=user_id,
                interval=interval,
                status="active",
                cancel_at_period_end=False,
                last_event_created=0,
                updated_at=accounts.now(),
            )
            session.add(sub)
            session.flush()
        return sub

    def _activate(self, session: Session, user: UserRow, sub: BillingSubscriptionRow, event: dict) -> tuple[str, str]:
        """The upgrade: Pro at once with its credits reset to 30 (once per subscription)."""
        if sub.status == "canceled":
            return "ignored", f"{sub.id} has already ended"
        if user.tier == "enterprise":
            return "ignored", "the user is on Enterprise; the subscription does not change the tier"
        user.tier = "pro"
        row = credits.reset_tier_credits(session, user.id, PRO_CREDITS, "upgrade", sub.id, f"upgrade:{sub.id}")
        if row is None:
            return "applied", f"{sub.id} was already active"
        user.period_start = _ts(event.get("created")) or accounts.now()
        _link(session, row, sub.id, event["id"])
        return "applied", f"upgraded to Pro ({sub.interval}ly); credits reset to {PRO_CREDITS}"

    def _invoice_paid(self, session: Session, user: UserRow, event: dict, obj: dict) -> tuple[str, str]:
        sub_id = _invoice_subscription(obj)
        if sub_id is None:
            return "ignored", f"invoice {obj['id']} is a one-off; its credits come with the checkout"
        line = ((obj.get("lines") or {}).get("data") or [{}])[0]
        interval = (
            ((line.get("pricing") or {}).get("price_details") or {}).get("interval")
            or ((line.get("price") or {}).get("recurring") or {}).get("interval")
            or "month"
        )
        sub = self._subscription_row(session, user.id, sub_id, interval if interval in PRO_PRICES else "month")
        if obj.get("billing_reason") == "subscription_create":
            return self._activate(session, user, sub, event)
        if obj.get("billing_reason") != "subscription_cycle":
            return "ignored", f"invoice {obj['id']} ({obj.get('billing_reason')}) changes no credits"
        if sub.status == "canceled":
            return "ignored", f"{sub_id} has ended; its late invoice changes nothing"
        if user.tier == "enterprise":
            return "ignored", "the user is on Enterprise"
        if event.get("created", 0) >= sub.last_event_created:
            sub.status = "active"
        user.tier = "pro"
        row = credits.reset_tier_credits(session, user.id, PRO_CREDITS, "renewal", obj["id"], f"renewal:{obj['id']}")
        if row is None:
            return "applied", f"invoice {obj['id']} was already applied"
        period_start = _ts((line.get("period") or {}).get("start")) or _ts(obj.get("period_end"))
        if period_start is not None:
            user.period_start = period_start
        _link(session, row, obj["id"], event["id"])
        return "applied", f"Pro renewed; credits reset to {PRO_CREDITS}"

    def _invoice_failed(self, session: Session, user: UserRow, event: dict, obj: dict) -> tuple[str, str]:
        sub_id = _invoice_subscription(obj)
        if sub_id is None:
            return "ignored", f"invoice {obj['id']} is a one-off"
        sub = self._subscription_row(session, user.id, sub_id, "month")
        if sub.status != "canceled" and event.get("created", 0) >= sub.last_event_created:
            sub.status, sub.last_event_created, sub.updated_at = (
                "past_due",
                int(event.get("created") or 0),
                accounts.now(),
            )
        return "applied", f"payment of {obj['id']} failed; no credits granted until it is paid"

    def _subscription_updated(self, session: Session, user: UserRow, event: dict, obj: dict) -> tuple[str, str]:
        sub = self._subscription_row(session, user.id, obj["id"], _sub_interval(obj) or "month")
        created = int(event.get("created") or 0)
        if sub.status == "canceled":
            return "ignored", f"{sub.id} has ended; a late update changes nothing"
        if created < sub.last_event_created:
            return "ignored", f"an older state of {sub.id} than the one applied"
        sub.status = str(obj.get("status") or sub.status)[:30]
        sub.cancel_at_period_end = bool(obj.get("cancel_at_period_end"))
        sub.current_period_end = _sub_period_end(obj) or sub.current_period_end
        sub.interval = _sub_interval(obj) or sub.interval
        sub.last_event_created, sub.updated_at = created, accounts.now()
        if sub.status in ("active", "trialing") and user.tier == "free":
            outcome, note = self._activate(session, user, sub, event)
            return outcome, f"{sub.id} is {sub.status}; {note}"
        return "applied", f"{sub.id} is {sub.status}" + (
            ", ends at the period's end" if sub.cancel_at_period_end else ""
        )

    def _subscription_deleted(self, session: Session, user: UserRow, event: dict, obj: dict) -> tuple[str, str]:
        sub = self._subscription_row(session, user.id, obj["id"], _sub_interval(obj) or "month")
        sub.status, sub.cancel_at_period_end = "canceled", False
        sub.last_event_created, sub.updated_at = int(event.get("created") or 0), accounts.now()
        session.flush()
        if user.tier != "pro" or self._current_subscription(session, user.id) is not None:
            return "applied", f"{sub.id} ended"
        user.tier = "free"
        user.period_start = _ts(event.get("created")) or accounts.now()
        allowance = credits.tier("free").monthly_credits or 0
        row = credits.reset_tier_credits(session, user.id, allowance, "downgrade", sub.id, f"downgrade:{sub.id}")
        _link(session, row, sub.id, event["id"])
        return "applied", f"{sub.id} ended; back on Free with {allowance} credits a month"


def billing_of(service: StudioService) -> BillingService:
    """The service's one BillingService (made on first use, so StudioService needs no change)."""
    billing = service.__dict__.get("_billing")
    if billing is None:
        billing = service.__dict__.setdefault("_billing", BillingService(service))
    return billing
