"""Stripe through its official SDK (`stripe` 16): customers, Checkout Sessions for top-ups and the
Pro subscription, subscription changes, invoices, and webhook signature checks.

Only this module imports `stripe`. Responses of stripe 16 are StripeObjects, not dicts: fields are
read with `obj["field"]` and handed on as plain dicts (`to_dict()`). `api_base` points the SDK at
another host (the tests' local fake on 127.0.0.1); unset, it talks to api.stripe.com.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import stripe

# Stripe's default tolerance: a signature older than five minutes is refused (replays of old captures).
SIGNATURE_TOLERANCE_SECONDS = 300


class StripeUnavailable(ValueError):
    """Stripe could not be reached or refused the request; the message says which and why."""


class BadSignature(ValueError):
    """A webhook whose Stripe-Signature header is missing, malformed, stale or does not match."""


@dataclass(frozen=True)
class CheckoutLink:
    session_id: str
    url: str


class StripeBilling:
    """A thin, typed wrapper over `stripe.StripeClient` for what the studio needs."""

    def __init__(
        self, secret_key: str, webhook_secret: str, api_base: str | None = None, timeout_retries: int = 1
    ) -> None:
        if not secret_key or not webhook_secret:
            raise ValueError("Stripe needs STUDIO_STRIPE_SECRET_KEY and STUDIO_STRIPE_WEBHOOK_SECRET.")
        addresses: dict[str, str] = {"api": api_base.rstrip("/")} if api_base else {}
        self._client = stripe.StripeClient(
            secret_key,
            base_addresses=addresses,  # type: ignore[arg-type]
            max_network_retries=timeout_retries,
        )
        self._webhook_secret = webhook_secret

    # ----- calls ------------------------------------------------------------------------------
    def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        try:
            return fn(*args, **kwargs).to_dict()
        except stripe.StripeError as error:  # network, auth, invalid request: one clear sentence
            message = getattr(error, "user_message", None) or str(error) or type(error).__name__
            verb = "could not" if isinstance(error, stripe.APIConnectionError) else "refused to"
            raise StripeUnavailable(f"Stripe {verb} {what}: {message.splitlines()[0][:300]}") from error

    def create_customer(self, email: str, user_id: str) -> str:
        customer = self._call(
            "create a customer",
            self._client.v1.customers.create,
            params={"email": email, "metadata": {"user_id": user_id}},
        )
        return str(customer["id"])

    def checkout_top_up(
        self, customer_id: str, user_id: str, package: str, credits: int, cents: int, success_url: str, cancel_url: str
    ) -> CheckoutLink:
        """A one-off payment for a credit package; the credits are added by `checkout.session.completed`."""
        session = self._call(
            "open a checkout",
            self._client.v1.checkout.sessions.create,
            params={
                "mode": "payment",
                "customer": customer_id,
                "client_reference_id": user_id,
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "usd",
                            "unit_amount": cents,
                            "product_data": {"name": f"{credits} Film Studio credits"},
                        },
                    }
                ],
                "invoice_creation": {"enabled": True},  # so the purchase appears among the invoices
                "metadata": {"user_id": user_id, "kind": "top_up", "package": package, "credits": str(credits)},
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
        )
        return CheckoutLink(str(session["id"]), str(session["url"]))

    def checkout_subscription(
        self, customer_id: str, user_id: str, interval: str, cents: int, success_url: str, cancel_url: str
    ) -> CheckoutLink:
        """Pro billed every `interval` (month|year); the tier changes when the webhook says it is paid."""
        metadata = {"user_id": user_id, "kind": "subscription", "plan": f"pro-{interval}"}
        session = self._call(
            "open a checkout",
            self._client.v1.checkout.sessions.create,
            params={
                "mode": "subscription",
                "customer": customer_id,
                "client_reference_id": user_id,
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "usd",
                            "unit_amount": cents,
                            "recurring": {"interval": interval},
                            "product_data": {"name": "Film Studio Pro"},
                        },
                    }
                ],
                "subscription_data": {"metadata": metadata},
                "metadata": metadata,
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
        )
        return CheckoutLink(str(session["id"]), str(session["url"]))

    def set_cancel_at_period_end(self, subscription_id: str, cancel: bool) -> dict[str, Any]:
        """Downgrade/cancel (True) or resume (False) a subscription at the end of its period."""
        return self._call(
            "change the subscription",
            self._client.v1.subscriptions.update,
            subscription_id,
            params={"cancel_at_period_end": cancel},
        )

    def invoices(self, customer_id: str, limit: int = 24) -> list[dict[str, Any]]:
        listing = self._call(
            "list invoices", self._client.v1.invoices.list, params={"customer": customer_id, "limit": limit}
        )
        return list(listing.get("data") or [])

    # ----- webhooks ---------------------------------------------------------------------------
    def verify(self, payload: bytes, signature_header: str | None) -> dict[str, Any]:
        """The event as a dict, once its signature is checked with the endpoint secret."""
        if not signature_header:
            raise BadSignature("The Stripe-Signature header is missing.")
        try:
            stripe.Webhook.construct_event(
                payload, signature_header, self._webhook_secret, tolerance=SIGNATURE_TOLERANCE_SECONDS
            )
        except stripe.SignatureVerificationError as error:
            raise BadSignature(f"The Stripe signature does not verify: {error}") from None
        except ValueError as error:  # signed, but not JSON
            raise BadSignature(f"The webhook body is not a Stripe event: {error}") from None
        event = json.loads(payload)
        if (
            not isinstance(event, dict)
            or not isinstance(event.get("id"), str)
            or not isinstance(event.get("type"), str)
        ):
            raise BadSignature("The webhook body is not a Stripe event.")
        return event
