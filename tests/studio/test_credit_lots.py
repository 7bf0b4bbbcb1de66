"""Purchased credit lots: spent after the tier's credits, soonest expiry first; expiring a year
after purchase, oldest first; untouched by the tier's monthly reset."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from studio.compose import open_studio
from studio.services import credits
from studio.services.accounts import now
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store.accounts import LedgerRow, UserRow
from studio.store.billing import CreditLotRow


@pytest.fixture
def service(tmp_path: Path, store_url: str) -> StudioService:
    home = tmp_path / "home"
    service = open_studio(Settings(home=home, database_url=store_url, dagster_home=home / "dagster"))
    yield service
    service.store.engine.dispose()


def bought(service: StudioService, user_id: str, amount: int, days_ago: int, ref: str) -> None:
    """A top-up as the webhook records it, bought `days_ago` days ago."""
    with service.store.session() as session:
        when = now() - timedelta(days=days_ago)
        session.add(
            CreditLotRow(
                user_id=user_id,
                source="purchase",
                credits=amount,
                remaining=amount,
                purchased_at=when,
                expires_at=when + credits.PURCHASE_LIFETIME,
                stripe_object=ref,
                amount_cents=0,
                clawed_back=0,
                shortfall=0,
            )
        )
        session.flush()
        credits.credit(session, user_id, amount, "purchase", ref, f"purchase:{ref}")


def lots(service: StudioService, user_id: str) -> dict[str, int]:
    with service.store.session() as session:
        return {
            lot.stripe_object: lot.remaining
            for lot in session.scalars(select(CreditLotRow).where(CreditLotRow.user_id == user_id))
        }


def spend(service: StudioService, user_id: str, amount: int, key: str) -> None:
    with service.store.session() as session:
        credits.charge(session, session.get(UserRow, user_id), amount, "render", key, key)


def test_spending_and_expiry_take_the_oldest_purchase_first(service: StudioService) -> None:
    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    bought(service, user_id, 10, days_ago=300, ref="cs_old")
    bought(service, user_id, 35, days_ago=10, ref="cs_new")
    assert service.user(token).balance == 3 + 45
    spend(service, user_id, 7, "render:a")  # the tier's 3 first, then 4 of the oldest purchase
    assert lots(service, user_id) == {"cs_old": 6, "cs_new": 35}
    with service.store.session() as session:  # 70 days on, the old purchase is 370 days old
        assert credits.expire_lots(session, user_id, now() + timedelta(days=70)) == 6
    assert lots(service, user_id) == {"cs_old": 0, "cs_new": 35}
    assert service.user(token).balance == 35
    with service.store.session() as session:
        last = session.scalars(
            select(LedgerRow).where(LedgerRow.user_id == user_id).order_by(LedgerRow.id.desc())
        ).first()
        assert (last.amount, last.reason, last.reference, last.balance_after) == (-6, "expired", "cs_old", 35)
        assert credits.expire_lots(session, user_id, now() + timedelta(days=70)) == 0  # once only


def test_an_expired_lot_cannot_pay_for_a_render(service: StudioService) -> None:
    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    bought(service, user_id, 10, days_ago=366, ref="cs_stale")
    with pytest.raises(credits.InsufficientCredits, match="your balance is 3"):
        spend(service, user_id, 5, "render:b")
    spend(service, user_id, 3, "render:c")
    assert service.user(token).balance == 0


def test_the_monthly_reset_leaves_bought_and_granted_credits_alone(service: StudioService) -> None:
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    bought(service, user_id, 10, days_ago=5, ref="cs_fresh")
    service.grant(admin, user_id, 4, "apology")
    spend(service, user_id, 2, "render:d")  # from the tier's 3
    with service.store.session() as session:
        user = session.get(UserRow, user_id)
        moment = credits.next_reset(user.period_start) + timedelta(hours=1)
        assert credits.grant_monthly(session, user, moment) == 2  # the tier back to 3, lots untouched
    assert service.user(token).balance == 3 + 10 + 4
    spend(service, user_id, 5, "render:e")  # 3 of the tier, 2 of the purchase (it expires, the grant never)
    assert lots(service, user_id)["cs_fresh"] == 8


def test_a_refunded_render_puts_bought_credits_back_in_their_lot(service: StudioService) -> None:
    from studio.store.accounts import RenderRequestRow

    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    bought(service, user_id, 10, days_ago=1, ref="cs_used")
    with service.store.session() as session:  # a 5-credit render: the tier's 3, then 2 bought
        entry = credits.charge(session, session.get(UserRow, user_id), 5, "render", "film r", "render:req-1")
        session.add(
            RenderRequestRow(
                key="req-1",
                user_id=user_id,
                film_id="f1",
                run_id="run-1",
                cost=5,
                charged=-entry.amount,
                state="submitted",
                created_at=now(),
            )
        )
    assert lots(service, user_id) == {"cs_used": 8}
    with service.store.session() as session:  # the render failed for a system reason
        credits.credit(session, user_id, 5, "refund", "run-1", "refund:run-1")
    assert lots(service, user_id) == {"cs_used": 10}
    with service.store.session() as session:
        assert credits.tier_part(session, user_id) == 3
        user = session.get(UserRow, user_id)
        credits.grant_monthly(session, user, credits.next_reset(user.period_start) + timedelta(hours=1))
    assert service.user(token).balance == 13, "the next reset must not swallow the bought credits"
