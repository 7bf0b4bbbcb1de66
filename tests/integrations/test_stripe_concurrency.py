"""Fifty webhook deliveries for one user at once, on PostgreSQL, duplicated and out of order."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from studio.store.accounts import LedgerRow, UserRow
from studio.store.billing import CreditLotRow, StripeEventRow


def test_fifty_concurrent_deliveries_leave_the_ledger_consistent(pg_shop) -> None:
    shop = pg_shop
    events, refunds = [], []
    for n in range(16):  # 16 purchases of 10 credits; 9 of them refunded in full
        url = shop.billing.buy(shop.token, "p10")
        completed = shop.fake.complete_checkout(url.rsplit("/", 1)[-1], deliver=False)[0]
        events.append(completed)
        if n < 9:
            refunds += shop.fake.refund(completed["data"]["object"]["payment_intent"], deliver=False)
    deliveries = (events + refunds) * 2  # every event twice; a refund often before its purchase
    random.Random(7).shuffle(deliveries)
    assert len(deliveries) == 50
    start = threading.Barrier(50)

    def deliver(event: dict) -> str:
        start.wait()
        return shop.fake.deliver(event).json()["outcome"]

    with ThreadPoolExecutor(50) as pool:
        outcomes = list(pool.map(deliver, deliveries))
    assert outcomes.count("applied") == 25 and outcomes.count("duplicate") == 25
    assert shop.balance() == 3 + 16 * 10 - 9 * 10
    with shop.service.store.session() as session:
        user_id = shop.user_id
        rows = list(
            session.execute(
                select(LedgerRow.amount, LedgerRow.balance_after, LedgerRow.reason)
                .where(LedgerRow.user_id == user_id)
                .order_by(LedgerRow.id)
            )
        )
        balance = session.get(UserRow, user_id).balance
        lots = session.scalar(select(func.sum(CreditLotRow.remaining)).where(CreditLotRow.user_id == user_id))
        stored = session.scalar(select(func.count()).select_from(StripeEventRow))
    running = 0
    for amount, after, _reason in rows:  # every row's balance_after is the running sum: no lost update
        running += amount
        assert after == running >= 0
    assert running == balance == 73 and lots == 70
    assert [r[2] for r in rows].count("purchase") == 16 and [r[2] for r in rows].count("refund clawback") == 9
    assert stored == 25


def test_a_delivery_waits_for_the_users_row_lock_so_a_refund_cannot_miss_its_purchase(pg_shop) -> None:
    """The race the lock prevents: a refund that finds no purchase yet while that purchase, in a
    concurrent transaction, finds no refund yet. Every handler takes the user's row lock first."""
    from sqlalchemy import text

    shop = pg_shop
    url = shop.billing.buy(shop.token, "p10")
    completed = shop.fake.complete_checkout(url.rsplit("/", 1)[-1], deliver=False)[0]
    refund = shop.fake.refund(completed["data"]["object"]["payment_intent"], deliver=False)[0]
    outcome: list[str] = []
    with shop.service.store.engine.connect() as holder:
        holder.begin()
        holder.execute(text("SELECT id FROM users WHERE id = :id FOR UPDATE"), {"id": shop.user_id})
        worker = threading.Thread(target=lambda: outcome.append(shop.fake.deliver(refund).json()["outcome"]))
        worker.start()
        worker.join(3)
        assert worker.is_alive() and not outcome, "the refund was applied without taking the user's lock"
        holder.rollback()
    worker.join(60)
    assert outcome == ["applied"]
    assert shop.fake.deliver(completed).json()["outcome"] == "applied"
    assert shop.balance() == 3
