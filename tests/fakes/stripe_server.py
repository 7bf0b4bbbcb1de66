"""A small Stripe API server on 127.0.0.1 for the tests, written for this project.

It speaks the wire protocol the official `stripe` SDK uses (form-encoded requests with nested
`a[b][0][c]` keys, JSON objects back, Stripe's error envelope, bearer-key auth) for the endpoints
the studio calls: Customers, Checkout Sessions, Subscriptions (retrieve, update
`cancel_at_period_end`, cancel), Invoices (list, retrieve). It also serves a local "hosted
Checkout" page (`GET /pay/<session>`, a Pay button posting back) that completes the session and
delivers its webhooks, signed with `stripe.WebhookSignature.generate_signature_header` exactly as
Stripe signs them, before redirecting to the session's `success_url`.

Test helpers drive what Stripe would do on its own: `complete_checkout`, `renew` (a paid or failed
renewal invoice), `end_period` (a subscription set to cancel ends), `refund` (charge.refunded).
Each returns the events it made; `deliver` posts one (optionally tampered, stale or unsigned).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import stripe

API_VERSION = stripe.api_version
PERIOD = {"month": 30 * 86400, "year": 365 * 86400}


def decode_form(body: str) -> dict[str, Any]:
    """Stripe's form encoding (`line_items[0][price_data][currency]=usd`) back into nested dicts/lists."""
    root: dict[str, Any] = {}
    for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True):
        parts = [key.split("[", 1)[0]] + [p.rstrip("]") for p in key.split("[")[1:]]
        node: Any = root
        for part, following in zip(parts, parts[1:] + [None]):
            if following is None:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        node = {k: _lists(v) for k, v in node.items()}
        if node and all(k.isdigit() for k in node):
            return [node[k] for k in sorted(node, key=int)]
    return node


class StripeError(Exception):
    def __init__(
        self, status: int, message: str, code: str = "resource_missing", kind: str = "invalid_request_error"
    ) -> None:
        super().__init__(message)
        self.status, self.body = status, {"error": {"type": kind, "code": code, "message": message}}


@dataclass
class FakeStripe:
    """State of the fake account, the HTTP server, and the webhook endpoint it delivers to."""

    api_key: str = "sk_test_fake_studio"
    webhook_secret: str = "whsec_fake_studio"
    webhook_url: str | None = None
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[tuple[str, int]] = field(default_factory=list)  # (event id, HTTP status)
    clock: int = field(default_factory=lambda: int(time.time()))

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None

    # ----- lifecycle --------------------------------------------------------------------------
    def start(self) -> FakeStripe:
        fake = self

        class Handler(_Handler):
            stripe_fake = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-stripe").start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # ----- objects ----------------------------------------------------------------------------
    def _id(self, prefix: str) -> str:
        return f"{prefix}_test_{next(self._ids):06d}{int(time.time() * 1000) % 100000:05d}"

    def _now(self) -> int:
        self.clock = max(self.clock + 1, int(time.time()))  # strictly increasing `created`
        return self.clock

    def get(self, object_id: str, kind: str | None = None) -> dict[str, Any]:
        obj = self.objects.get(object_id)
        if obj is None or (kind and obj["object"] != kind):
            raise StripeError(404, f"No such {kind or 'object'}: '{object_id}'")
        return obj

    def _event(self, kind: str, obj: dict[str, Any]) -> dict[str, Any]:
        event = {
            "id": self._id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": self._now(),
            "type": kind,
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None},
            "data": {"object": json.loads(json.dumps(obj))},
        }
        self.events.append(event)
        return event

    def create_customer(self, params: dict[str, Any]) -> dict[str, Any]:
        customer = {
            "id": self._id("cus"),
            "object": "customer",
            "created": self._now(),
            "livemode": False,
            "email": params.get("email"),
            "metadata": params.get("metadata") or {},
        }
        self.objects[customer["id"]] = customer
        return customer

    def create_session(self, params: dict[str, Any]) -> dict[str, Any]:
        mode = params.get("mode")
        if mode not in ("payment", "subscription"):
            raise StripeError(400, "Invalid mode: must be payment or subscription", "parameter_invalid_empty")
        for required in ("success_url", "line_items"):
            if not params.get(required):
                raise StripeError(400, f"Missing required param: {required}.", "parameter_missing")
        if params.get("customer"):
            self.get(params["customer"], "customer")
        items = params["line_items"]
        total = sum(int(i["price_data"]["unit_amount"]) * int(i.get("quantity", 1)) for i in items)
        recurring = (items[0]["price_data"].get("recurring") or {}).get("interval")
        if mode == "subscription" and recurring not in PERIOD:
            raise StripeError(400, "A subscription checkout needs a recurring price.", "parameter_invalid")
        session_id = self._id("cs")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "created": self._now(),
            "livemode": False,
            "mode": mode,
            "status": "open",
            "payment_status": "unpaid",
            "customer": params.get("customer"),
            "client_reference_id": params.get("client_reference_id"),
            "metadata": params.get("metadata") or {},
            "amount_total": total,
            "amount_subtotal": total,
            "currency": items[0]["price_data"]["currency"],
            "success_url": params["success_url"],
            "cancel_url": params.get("cancel_url"),
            "url": f"{self.url}/pay/{session_id}",
            "payment_intent": None,
            "subscription": None,
            "invoice": None,
            "_line_items": items,
            "_subscription_data": params.get("subscription_data") or {},
            "_invoice_creation": str((params.get("invoice_creation") or {}).get("enabled")) == "true",
        }
        self.objects[session_id] = session
        return session

    def _invoice(
        self, customer: str, cents: int, reason: str, sub: dict | None, paid: bool, description: str
    ) -> dict[str, Any]:
        invoice_id = self._id("in")
        start = sub["items"]["data"][0]["current_period_start"] if sub else self.clock
        end = sub["items"]["data"][0]["current_period_end"] if sub else self.clock
        interval = sub["items"]["data"][0]["price"]["recurring"]["interval"] if sub else None
        invoice = {
            "id": invoice_id,
            "object": "invoice",
            "created": self._now(),
            "livemode": False,
            "customer": customer,
            "number": f"FS-{len([o for o in self.objects.values() if o['object'] == 'invoice']) + 1:04d}",
            "status": "paid" if paid else "open",
            "amount_due": cents,
            "amount_paid": cents if paid else 0,
            "currency": "usd",
            "billing_reason": reason,
            "description": description,
            "hosted_invoice_url": f"{self.url}/invoice/{invoice_id}",
            "period_start": start,
            "period_end": end,
            "parent": {
                "type": "subscription_details",
                "quote_details": None,
                "subscription_details": {"subscription": sub["id"], "metadata": sub["metadata"]},
            }
            if sub
            else None,
            "lines": {
                "object": "list",
                "has_more": False,
                "data": [
                    {
                        "id": self._id("il"),
                        "object": "line_item",
                        "amount": cents,
                        "description": description,
                        "period": {"start": start, "end": end},
                        "pricing": {"type": "price_details", "price_details": {"interval": interval}}
                        if interval
                        else None,
                    }
                ],
            },
        }
        self.objects[invoice_id] = invoice
        return invoice

    def complete_checkout(self, session_id: str, deliver: bool = True) -> list[dict[str, Any]]:
        """What Stripe does when the customer pays: the objects, then the webhook events, in order."""
        with self._lock:
            session = self.get(session_id, "checkout.session")
            if session["status"] != "open":
                raise StripeError(400, f"Checkout session {session_id} is {session['status']}.", "session_expired")
            session.update(status="complete", payment_status="paid")
            events = []
            price = session["_line_items"][0]["price_data"]
            if session["mode"] == "payment":
                intent, charge = self._id("pi"), self._id("ch")
                self.objects[charge] = {
                    "id": charge,
                    "object": "charge",
                    "created": self._now(),
                    "customer": session["customer"],
                    "payment_intent": intent,
                    "amount": session["amount_total"],
                    "amount_refunded": 0,
                    "refunded": False,
                    "currency": session["currency"],
                    "paid": True,
                    "status": "succeeded",
                }
                self.objects[intent] = {
                    "id": intent,
                    "object": "payment_intent",
                    "amount": session["amount_total"],
                    "customer": session["customer"],
                    "status": "succeeded",
                    "latest_charge": charge,
                }
                session["payment_intent"] = intent
                if session["_invoice_creation"]:
                    invoice = self._invoice(
                        session["customer"],
                        session["amount_total"],
                        "manual",
                        None,
                        True,
                        price["product_data"]["name"],
                    )
                    session["invoice"] = invoice["id"]
                    events.append(self._event("invoice.paid", invoice))
                events.insert(0, self._event("checkout.session.completed", self._public(session)))
            else:
                interval = price["recurring"]["interval"]
                now = self.clock
                sub_id = self._id("sub")
                sub = {
                    "id": sub_id,
                    "object": "subscription",
                    "created": now,
                    "customer": session["customer"],
                    "status": "active",
                    "cancel_at_period_end": False,
                    "canceled_at": None,
                    "ended_at": None,
                    "metadata": session["_subscription_data"].get("metadata") or {},
                    "items": {
                        "object": "list",
                        "data": [
                            {
                                "id": self._id("si"),
                                "object": "subscription_item",
                                "quantity": 1,
                                "current_period_start": now,
                                "current_period_end": now + PERIOD[interval],
                                "price": {
                                    "id": self._id("price"),
                                    "object": "price",
                                    "currency": "usd",
                                    "unit_amount": int(price["unit_amount"]),
                                    "recurring": {"interval": interval, "interval_count": 1},
                                },
                            }
                        ],
                    },
                }
                self.objects[sub_id] = sub
                invoice = self._invoice(
                    session["customer"], int(price["unit_amount"]), "subscription_create", sub, True, "Film Studio Pro"
                )
                session.update(subscription=sub_id, invoice=invoice["id"])
                events = [
                    self._event("customer.subscription.created", sub),
                    self._event("invoice.paid", invoice),
                    self._event("checkout.session.completed", self._public(session)),
                ]
        if deliver:
            for event in events:
                self.deliver(event)
        return events

    def renew(self, sub_id: str, paid: bool = True, deliver: bool = True) -> list[dict[str, Any]]:
        """The next period's invoice: paid (invoice.paid) or declined (invoice.payment_failed, past_due)."""
        with self._lock:
            sub = self.get(sub_id, "subscription")
            item = sub["items"]["data"][0]
            interval = item["price"]["recurring"]["interval"]
            item["current_period_start"] = item["current_period_end"]
            item["current_period_end"] += PERIOD[interval]
            invoice = self._invoice(
                sub["customer"], item["price"]["unit_amount"], "subscription_cycle", sub, paid, "Film Studio Pro"
            )
            sub["status"] = "active" if paid else "past_due"
            events = [
                self._event("invoice.paid" if paid else "invoice.payment_failed", invoice),
                self._event("customer.subscription.updated", sub),
            ]
        if deliver:
            for event in events:
                self.deliver(event)
        return events

    def end_period(self, sub_id: str, deliver: bool = True) -> list[dict[str, Any]]:
        """The period ends: a subscription set to cancel (or unpaid) is deleted."""
        with self._lock:
            sub = self.get(sub_id, "subscription")
            if not sub["cancel_at_period_end"] and sub["status"] == "active":
                return self.renew(sub_id, deliver=deliver)
            sub.update(status="canceled", canceled_at=self._now(), ended_at=self.clock)
            events = [self._event("customer.subscription.deleted", sub)]
        if deliver:
            for event in events:
                self.deliver(event)
        return events

    def refund(self, payment_intent: str, cents: int | None = None, deliver: bool = True) -> list[dict[str, Any]]:
        with self._lock:
            intent = self.get(payment_intent, "payment_intent")
            charge = self.get(intent["latest_charge"], "charge")
            cents = charge["amount"] - charge["amount_refunded"] if cents is None else cents
            charge["amount_refunded"] += cents
            charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
            events = [self._event("charge.refunded", charge)]
        if deliver:
            for event in events:
                self.deliver(event)
        return events

    @staticmethod
    def _public(obj: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in obj.items() if not k.startswith("_")}

    # ----- webhooks ---------------------------------------------------------------------------
    def sign(self, payload: str, secret: str | None = None, timestamp: int | None = None) -> str:
        return stripe.WebhookSignature.generate_signature_header(
            payload, secret or self.webhook_secret, timestamp=timestamp
        )

    def deliver(
        self,
        event: dict[str, Any],
        *,
        secret: str | None = None,
        timestamp: int | None = None,
        signed: bool = True,
        tamper: bool = False,
    ) -> httpx.Response:
        """POST one event to the endpoint as Stripe does (raw JSON, `Stripe-Signature` header)."""
        assert self.webhook_url, "set webhook_url to deliver events"
        payload = json.dumps(event, separators=(",", ":"))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        }
        if signed:
            headers["Stripe-Signature"] = self.sign(payload, secret, timestamp)
        if tamper:  # the body changes after signing: 10 credits become 250
            payload = payload.replace('"amount_total":500', '"amount_total":9000').replace('"p10"', '"p250"')
        response = httpx.post(self.webhook_url, content=payload.encode(), headers=headers, timeout=60)
        with self._lock:
            self.deliveries.append((event["id"], response.status_code))
        return response


class _Handler(BaseHTTPRequestHandler):
    stripe_fake: FakeStripe
    protocol_version = "HTTP/1.1"

    def log_message(self, *_: Any) -> None:  # keep the test output quiet
        pass

    def _send(
        self, status: int, body: Any, content_type: str = "application/json", headers: dict | None = None
    ) -> None:
        data = (
            body
            if isinstance(body, bytes)
            else (json.dumps(body) if content_type == "application/json" else body).encode()
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", f"req_{int(time.time() * 1000)}")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> str:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode() if length else ""

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        fake = self.stripe_fake
        parsed = urllib.parse.urlsplit(self.path)
        parts = [p for p in parsed.path.split("/") if p]
        body = self._body()
        try:
            if parts[:1] == ["pay"] and len(parts) == 2:
                return self._checkout_page(method, parts[1])
            if parts[:1] == ["invoice"] and len(parts) == 2 and method == "GET":  # the hosted invoice page
                invoice = fake.get(parts[1], "invoice")
                return self._send(
                    200,
                    f"<!doctype html><title>Invoice {invoice['number']}</title>"
                    f"<h1>Invoice {invoice['number']}</h1><p>{invoice['description']}: "
                    f"${invoice['amount_due'] / 100:.2f}, {invoice['status']}</p>",
                    "text/html; charset=utf-8",
                )
            if parts[:1] != ["v1"]:
                raise StripeError(404, f"Unrecognized request URL ({method}: {parsed.path}).", "")
            if self.headers.get("Authorization") != f"Bearer {fake.api_key}":
                raise StripeError(401, "Invalid API Key provided.", "", "invalid_request_error")
            params = decode_form(body if method == "POST" else parsed.query)
            with fake._lock:
                self._send(200, FakeStripe._public(self._api(method, parts[1:], params)))
        except StripeError as error:
            self._send(error.status, error.body)

    def _api(self, method: str, parts: list[str], params: dict[str, Any]) -> dict[str, Any]:
        fake = self.stripe_fake
        route = (method, *parts[:2]) if parts[:1] != ["checkout"] else (method, "checkout", *parts[1:3])
        if route == ("POST", "customers"):
            return fake.create_customer(params)
        if route[:2] == ("GET", "customers") and len(parts) == 2:
            return fake.get(parts[1], "customer")
        if route == ("POST", "checkout", "sessions"):
            return fake.create_session(params)
        if route[:3] == ("GET", "checkout", "sessions") and len(parts) == 3:
            return fake.get(parts[2], "checkout.session")
        if route[:2] == ("GET", "subscriptions") and len(parts) == 2:
            return fake.get(parts[1], "subscription")
        if route[:2] == ("POST", "subscriptions") and len(parts) == 2:
            sub = fake.get(parts[1], "subscription")
            if sub["status"] == "canceled":
                raise StripeError(
                    400, "A canceled subscription can only update its cancellation_details.", "resource_invalid_state"
                )
            if "cancel_at_period_end" in params:
                sub["cancel_at_period_end"] = params["cancel_at_period_end"] == "true"
            event = fake._event("customer.subscription.updated", sub)
            if fake.webhook_url:  # Stripe delivers after answering: a thread, as it is asynchronous
                threading.Thread(target=fake.deliver, args=(event,), daemon=True).start()
            return sub
        if route[:2] == ("DELETE", "subscriptions") and len(parts) == 2:
            sub = fake.get(parts[1], "subscription")
            sub.update(status="canceled", canceled_at=fake._now(), ended_at=fake.clock)
            fake._event("customer.subscription.deleted", sub)
            return sub
        if route == ("GET", "invoices"):
            customer = params.get("customer")
            limit = int(params.get("limit") or 10)
            found = sorted(
                (
                    o
                    for o in fake.objects.values()
                    if o["object"] == "invoice" and (customer is None or o["customer"] == customer)
                ),
                key=lambda o: -o["created"],
            )
            return {"object": "list", "url": "/v1/invoices", "has_more": len(found) > limit, "data": found[:limit]}
        if route[:2] == ("GET", "invoices") and len(parts) == 2:
            return fake.get(parts[1], "invoice")
        raise StripeError(404, f"Unrecognized request URL ({method}: /v1/{'/'.join(parts)}).", "")

    def _checkout_page(self, method: str, session_id: str) -> None:
        """The hosted Checkout stand-in: a Pay button; paying completes the session, delivers its
        signed webhooks, then redirects to success_url like Stripe."""
        fake = self.stripe_fake
        session = fake.get(session_id, "checkout.session")
        if method == "GET":
            html = (
                f"<!doctype html><title>Checkout</title><h1>Pay ${session['amount_total'] / 100:.2f}</h1>"
                f"<p id='item'>{session['_line_items'][0]['price_data']['product_data']['name']}</p>"
                f"<form method='post'><button id='pay' type='submit'>Pay</button></form>"
                f"<a id='cancel' href='{session['cancel_url']}'>Cancel</a>"
            )
            return self._send(200, html, "text/html; charset=utf-8")
        fake.complete_checkout(session_id)
        target = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
        self._send(303, b"", "text/plain", {"Location": target})
