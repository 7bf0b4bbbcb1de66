"""Fifty webhook deliveries for one user at once, on PostgreSQL, duplicated and out of order."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from studio.store.accounts import LedgerRow, UserRow
from studio.store.billing import CreditLotRow, StripeEventRow


def test_fifty_concurrent_deliveries_leave_the_ledger_consistent(pg_shop) -> None:
    shop = pg_shop
    events = []
    for _ in range(24):  # 24 purchases of 10 credits, each event delivered twice
        url = shop.billing.buy(shop.token, "p10")
        events.append(shop.fake.complete_checkout(url.rsplit("/", 1)[-1], deliver=False)[0])
    first_intent = events[0]["data"]["object"]["payment_intent"]
    refund = shop.fake.refund(first_intent, deliver=False)[0]  # the first purchase is refunded in full
    deliveries = events * 2 + [refund, refund]
    random.Random(7).shuffle(deliveries)  # the refund may well come before its purchase
    assert len(deliveries) == 50
    with ThreadPoolExecutor(50) as pool:
        outcomes = [r.json()["outcome"] for r in pool.map(shop.fake.deliver, deliveries)]
    assert outcomes.count("applied") == 25 and outcomes.count("duplicate") == 25
    assert shop.balance() == 3 + 24 * 10 - 10
    with shop.service.store.session() as session:
        user_id = shop.user_id
        rows = list(session.execute(select(LedgerRow.amount, LedgerRow.balance_after, LedgerRow.reason)
                                    .where(LedgerRow.user_id == user_id).order_by(LedgerRow.id)))
        balance = session.get(UserRow, user_id).balance
        lots = session.scalar(select(func.sum(CreditLotRow.remaining)).where(CreditLotRow.user_id == user_id))
        stored = session.scalar(select(func.count()).select_from(StripeEventRow))
    running = 0
    for amount, after, _reason in rows:  # every row's balance_after is the running sum: no lost update
        running += amount
        assert after == running >= 0
    assert running == balance == 233 and lots == 230
    assert [r[2] for r in rows].count("purchase") == 24 and [r[2] for r in rows].count("refund clawback") == 1
    assert stored == 25
