"""Billing end to end: the real `stripe` SDK against the local fake Stripe, webhooks signed as
Stripe signs them and delivered over HTTP to the studio's `POST /webhooks/stripe`."""

from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import func, select

from studio.domain.errors import UserError
from studio.services import credits
from studio.store.accounts import LedgerRow, UserRow
from studio.store.billing import (
    BillingSubscriptionRow,
    CreditLotRow,
    LedgerStripeLinkRow,
    StripeEventRow,
)


def pay(shop, url: str) -> httpx.Response:
    """The buyer opens the Checkout page Stripe sent them to and presses Pay."""
    page = httpx.get(url, timeout=30)
    assert page.status_code == 200 and "Pay $" in page.text
    return httpx.post(url, timeout=60, follow_redirects=False)


def session_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def ledger(shop) -> list[tuple[int, str, str | None, int]]:
    with shop.service.store.session() as session:
        rows = session.scalars(select(LedgerRow).where(LedgerRow.user_id == shop.user_id).order_by(LedgerRow.id))
        return [(r.amount, r.reason, r.reference, r.balance_after) for r in rows]


def links(shop) -> dict[str, str]:
    """reason of each billing ledger row -> the Stripe object it links to."""
    with shop.service.store.session() as session:
        rows = session.execute(
            select(LedgerRow.reason, LedgerStripeLinkRow.stripe_object)
            .join(LedgerStripeLinkRow, LedgerStripeLinkRow.ledger_id == LedgerRow.id)
            .where(LedgerRow.user_id == shop.user_id)
            .order_by(LedgerRow.id)
        )
        return {reason: obj for reason, obj in rows}


def consistent(shop) -> int:
    with shop.service.store.session() as session:
        total = session.scalar(select(func.sum(LedgerRow.amount)).where(LedgerRow.user_id == shop.user_id))
        balance = session.get(UserRow, shop.user_id).balance
        rows = list(
            session.execute(
                select(LedgerRow.amount, LedgerRow.balance_after)
                .where(LedgerRow.user_id == shop.user_id)
                .order_by(LedgerRow.id)
            )
        )
        lots = session.scalar(
            select(func.coalesce(func.sum(CreditLotRow.remaining), 0)).where(CreditLotRow.user_id == shop.user_id)
        )
    running = 0
    for amount, after in rows:
        running += amount
        assert after == running >= 0
    assert total == balance >= lots >= 0
    return balance


def test_a_purchase_through_checkout_and_the_webhook_adds_credits_once(shop) -> None:
    url = shop.billing.buy(shop.token, "p35")
    assert url.startswith(shop.fake.url + "/pay/cs_")
    assert shop.balance() == 3, "opening Checkout adds nothing"
    redirect = pay(shop, url)
    assert redirect.status_code == 303
    assert (
        redirect.headers["location"] == f"http://studio.invalid/credits?checkout=success&session_id={session_id(url)}"
    )
    assert shop.balance() == 3 + 35
    assert ledger(shop)[-1] == (35, "purchase", session_id(url), 38)
    assert links(shop)["purchase"] == session_id(url)
    invoices = shop.billing.invoices(shop.token)
    assert [(i["amount"], i["status"]) for i in invoices] == [("$15.00", "paid")]
    assert "$15.00, paid" in httpx.get(invoices[0]["url"], timeout=30).text
    # Stripe retries deliveries: a replay of every event changes nothing.
    for event in list(shop.fake.events):
        assert shop.fake.deliver(event).json()["outcome"] == "duplicate"
    assert shop.balance() == 38 and consistent(shop) == 38
    overview = shop.billing.overview(shop.token)
    assert [(lot.remaining, lot.stripe_object) for lot in overview.lots] == [(35, session_id(url))]
    assert (overview.lots[0].expires_at - overview.lots[0].purchased_at).days == 365


@pytest.mark.parametrize("how", ["tampered", "wrong secret", "stale", "unsigned", "garbage header"])
def test_bad_signatures_are_refused_and_change_nothing(shop, how: str) -> None:
    url = shop.billing.buy(shop.token, "p10")
    event = shop.fake.complete_checkout(session_id(url), deliver=False)[0]
    assert event["type"] == "checkout.session.completed"
    if how == "garbage header":
        response = httpx.post(shop.fake.webhook_url, content=b"{}", headers={"Stripe-Signature": "t=1,v1=abc"})
    else:
        response = shop.fake.deliver(
            event,
            tamper=how == "tampered",
            signed=how != "unsigned",
            secret="whsec_someone_else" if how == "wrong secret" else None,
            timestamp=int(time.time()) - 600 if how == "stale" else None,
        )
    assert response.status_code == 400
    assert response.json()["outcome"] == "bad_signature"
    assert shop.balance() == 3
    with shop.service.store.session() as session:
        assert session.scalar(select(func.count()).select_from(StripeEventRow)) == 0
    # The genuine delivery afterwards is still applied (a refused forgery did not burn its id).
    assert shop.fake.deliver(event).json()["outcome"] == "applied"
    assert shop.balance() == 13


def test_unknown_events_and_unknown_customers_change_no_balance_and_are_shown_to_admins(shop) -> None:
    odd = shop.fake._event("customer.tax_id.created", {"id": "txi_1", "object": "tax_id", "customer": "cus_x"})
    answer = shop.fake.deliver(odd)
    assert (answer.status_code, answer.json()["outcome"]) == (200, "ignored")
    stranger = shop.fake._event(
        "checkout.session.completed",
        {
            "id": "cs_stranger",
            "object": "checkout.session",
            "mode": "payment",
            "payment_status": "paid",
            "customer": "cus_nobody",
            "amount_total": 9000,
            "currency": "usd",
            "metadata": {"user_id": "not-a-user", "package": "p250"},
        },
    )
    answer = shop.fake.deliver(stranger)
    assert (answer.status_code, answer.json()["outcome"]) == (200, "unknown_user")
    assert shop.balance() == 3
    seen = shop.billing.attention(shop.admin)
    assert [(e["event"], e["outcome"]) for e in seen] == [(stranger["id"], "unknown_user")]
    assert "cus_nobody" in seen[0]["note"]
    with pytest.raises(UserError):
        shop.billing.attention(shop.token)  # creators cannot read it


def test_a_checkout_whose_amount_does_not_match_its_package_adds_nothing(shop) -> None:
    url = shop.billing.buy(shop.token, "p10")
    event = shop.fake.complete_checkout(session_id(url), deliver=False)[0]
    event["data"]["object"]["metadata"]["package"] = "p250"  # signed by "Stripe", but $5 is not 250 credits
    assert shop.fake.deliver(event).json()["outcome"] == "refused"
    assert shop.balance() == 3


def test_a_refund_claws_back_what_is_left_and_records_the_shortfall(shop) -> None:
    url = shop.billing.buy(shop.token, "p10")
    pay(shop, url)
    assert shop.balance() == 13
    with shop.service.store.session() as session:  # 11 credits spent: the 3 of the tier, then 8 bought
        credits.charge(session, session.get(UserRow, shop.user_id), 11, "render", "film f", "render:f")
    with shop.service.store.session() as session:
        lot = session.scalar(select(CreditLotRow))
        intent = lot.payment_intent
        assert lot.remaining == 2
    refund = shop.fake.refund(intent)[0]
    assert shop.balance() == 0
    amount, reason, reference, after = ledger(shop)[-1]
    assert (amount, reason, after) == (-2, "refund clawback", 0) and reference.startswith("ch_")
    assert links(shop)["refund clawback"] == reference
    with shop.service.store.session() as session:
        lot = session.scalar(select(CreditLotRow))
        assert (lot.clawed_back, lot.shortfall, lot.remaining) == (2, 8, 0)
    assert any(
        e["outcome"] == "shortfall" and "8 refunded credits" in e["note"] for e in shop.billing.attention(shop.admin)
    )
    assert shop.fake.deliver(refund).json()["outcome"] == "duplicate"
    assert consistent(shop) == 0


def test_a_refund_that_arrives_before_its_purchase_still_takes_the_credits_back(shop) -> None:
    url = shop.billing.buy(shop.token, "p100")
    completed = shop.fake.complete_checkout(session_id(url), deliver=False)
    intent = completed[0]["data"]["object"]["payment_intent"]
    refund = shop.fake.refund(intent, cents=2000, deliver=False)[0]  # half of $40
    assert shop.fake.deliver(refund).json()["outcome"] == "applied"
    assert shop.balance() == 3
    for event in reversed(completed):
        shop.fake.deliver(event)
    assert shop.balance() == 3 + 100 - 50
    assert [r[:2] for r in ledger(shop)[-2:]] == [(100, "purchase"), (-50, "refund clawback")]
    assert consistent(shop) == 53


def test_upgrade_at_once_then_a_failed_renewal_then_cancel_at_period_end(shop) -> None:
    pay(shop, shop.billing.buy(shop.token, "p10"))  # bought credits survive every reset below
    url = shop.billing.subscribe(shop.token, "month")
    pay(shop, url)
    user = shop.service.user(shop.token)
    assert (user.tier, user.balance) == ("pro", 30 + 10)
    with shop.service.store.session() as session:
        sub_id = session.scalar(select(BillingSubscriptionRow.id))
    assert links(shop)["upgrade"] == sub_id
    with pytest.raises(UserError, match="already have a Pro subscription"):
        shop.billing.subscribe(shop.token, "year")
    with shop.service.store.session() as session:
        credits.charge(session, session.get(UserRow, shop.user_id), 12, "render", "film g", "render:g")
    assert shop.balance() == 28  # 18 of the tier left, the 10 bought untouched
    shop.fake.renew(sub_id, paid=False)
    assert shop.balance() == 28, "a declined renewal grants nothing"
    assert shop.billing.overview(shop.token).subscription["status"] == "past_due"
    renewal = shop.fake.renew(sub_id, paid=True)
    assert shop.balance() == 30 + 10
    assert links(shop)["renewal"] == renewal[0]["data"]["object"]["id"]
    assert shop.billing.overview(shop.token).subscription["status"] == "active"
    message = shop.billing.set_cancel(shop.token, True)
    assert message.startswith("Pro ends on ")
    deadline = time.monotonic() + 20  # Stripe's customer.subscription.updated arrives on its own
    while not shop.billing.overview(shop.token).subscription["cancel_at_period_end"]:
        assert time.monotonic() < deadline, "the cancellation's webhook never arrived"
        time.sleep(0.1)
    assert shop.service.user(shop.token).tier == "pro", "cancelling keeps Pro until the period ends"
    stale_update = renewal[1]  # an older "active" state delivered late, after the end
    shop.fake.end_period(sub_id)
    user = shop.service.user(shop.token)
    assert (user.tier, user.balance) == ("free", 3 + 10)
    assert shop.fake.deliver({**stale_update, "id": stale_update["id"] + "_late"}).json()["outcome"] == "ignored"
    assert shop.service.user(shop.token).tier == "free"
    assert consistent(shop) == 13


def test_events_of_an_upgrade_in_any_order_upgrade_once(shop) -> None:
    url = shop.billing.subscribe(shop.token, "year")
    events = shop.fake.complete_checkout(session_id(url), deliver=False)
    for event in reversed(events + events):
        assert shop.fake.deliver(event).status_code == 200
    user = shop.service.user(shop.token)
    assert (user.tier, user.balance) == ("pro", 30)
    assert [r[1] for r in ledger(shop)].count("upgrade") == 1
    assert shop.billing.overview(shop.token).subscription["interval"] == "year"


def test_billing_without_settings_says_not_configured(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from studio.compose import open_studio
    from studio.services.billing import BillingNotConfigured, billing_of
    from studio.settings import Settings
    from studio.web.server import create_app

    home = tmp_path / "bare"
    service = open_studio(Settings.from_env({"STUDIO_HOME": str(home)}))
    token = service.sign_up("solo@example.com", "password one", "Solo")
    billing = billing_of(service)
    assert not billing.configured and not billing.overview(token).configured
    with pytest.raises(BillingNotConfigured, match="STUDIO_STRIPE_SECRET_KEY"):
        billing.buy(token, "p10", "http://127.0.0.1")
    response = TestClient(create_app(service, ui=False)).post("/webhooks/stripe", content=b"{}")
    assert response.status_code == 503


def test_unknown_packages_and_plans_are_refused_before_stripe_is_called(shop) -> None:
    for bad in ("p11", "", None, "p10; drop table"):
        with pytest.raises(UserError, match="Choose one of the packages"):
            shop.billing.buy(shop.token, bad)
    with pytest.raises(UserError, match="every month"):
        shop.billing.subscribe(shop.token, "week")
    assert not [o for o in shop.fake.objects.values() if o["object"] == "checkout.session"]


def test_a_signed_but_malformed_event_is_refused_logged_and_changes_nothing(shop) -> None:
    url = shop.billing.buy(shop.token, "p10")
    event = shop.fake.complete_checkout(session_id(url), deliver=False)[0]
    broken = {
        **event,
        "id": event["id"] + "_broken",
        "created": "yesterday",
        "data": {"object": {k: v for k, v in event["data"]["object"].items() if k != "id"}},
    }
    answer = shop.fake.deliver(broken)
    assert (answer.status_code, answer.json()["outcome"]) == (200, "refused")
    assert shop.balance() == 3
    assert [e["outcome"] for e in shop.billing.attention(shop.admin)] == ["refused"]
    assert shop.fake.deliver(event).json()["outcome"] == "applied"  # the genuine event still counts
    assert shop.balance() == 13


def test_stripe_being_down_is_a_clear_message_and_changes_nothing(shop) -> None:
    from integrations.stripe_billing import StripeUnavailable

    shop.fake.stop()
    with pytest.raises(StripeUnavailable, match="Stripe could not open a checkout|Stripe could not create a customer"):
        shop.billing.buy(shop.token, "p10")
    assert shop.balance() == 3
    with shop.service.store.session() as session:
        assert session.scalar(select(func.count()).select_from(CreditLotRow)) == 0
