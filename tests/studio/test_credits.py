"""Credits: costs, tier limits, the ledger, monthly grants, and refusals that charge nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.services import credits
from studio.services.credits import TIERS, cost_for, grant_all_due, next_reset
from studio.services.studio_service import NotEnoughCredits, StudioService
from studio.settings import Settings
from studio.store import FilmRow
from studio.store.accounts import LedgerRow, RenderRequestRow, UserRow
from tests.entry_env import export_settings

SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


def long_script(lines: int) -> str:
    body = "\n".join(
        f"{'ALEX' if i % 2 else 'SAM'}: This is line number {i} of a conversation that goes on for a long time."
        for i in range(lines)
    )
    return f"Title: Long Talk\n\n{body}\n"


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)
    return open_studio(settings)


def ledger_matches_balance(service: StudioService, user_id: str) -> None:
    with service.store.session() as session:
        total = session.scalar(select(func.coalesce(func.sum(LedgerRow.amount), 0)).where(LedgerRow.user_id == user_id))
        balance = session.get(UserRow, user_id).balance
        last = session.scalar(
            select(LedgerRow.balance_after).where(LedgerRow.user_id == user_id).order_by(LedgerRow.id.desc()).limit(1)
        )
    assert total == balance == (last if last is not None else 0)
    assert balance >= 0


def test_cost_is_three_credits_a_minute_rounded_up() -> None:
    assert [cost_for(s) for s in (5, 20, 20.01, 40, 60, 61, 300, 600)] == [1, 1, 2, 2, 3, 4, 15, 30]
    assert (TIERS["free"].monthly_credits, TIERS["free"].max_minutes, TIERS["free"].max_resolution) == (3, 1, "720p")
    assert (TIERS["pro"].monthly_credits, TIERS["pro"].max_minutes, TIERS["pro"].watermark) == (30, 5, False)
    assert TIERS["enterprise"].monthly_credits is None and TIERS["enterprise"].max_minutes == 10
    assert TIERS["enterprise"].priority > TIERS["pro"].priority > TIERS["free"].priority


def test_tiers_are_described_for_the_credits_page(service: StudioService) -> None:
    tiers = service.tiers()
    assert tiers["free"] == {"monthly_credits": 3, "max_minutes": 1.0, "max_resolution": "720p", "watermark": True,
                             "priority": "low", "credits_per_minute": 3}  # fmt: skip
    assert tiers["enterprise"]["monthly_credits"] is None and tiers["enterprise"]["priority"] == "high"


def test_estimate_and_free_tier_format(service: StudioService) -> None:
    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    estimate = service.estimate(token, SHORT, {})
    assert estimate.script_format == "dialogue" and estimate.scenes == 1 and estimate.credits == 1
    assert estimate.words == 11 and 2 < estimate.seconds < 20
    assert {c["name"] for c in estimate.characters} == {"ALEX", "SAM"} and all(c["voice"] for c in estimate.characters)
    film_id = service.create_film(token, SHORT, {"watermark": False, "resolution": "480p"})
    with service.store.session() as session:
        settings = session.get(FilmRow, film_id).settings
    assert settings["watermark"] is True and settings["resolution"] == "480p"  # free films carry the mark


@pytest.mark.parametrize(
    ("script", "options", "message"),
    [
        (long_script(40), {}, "free plan allows up to 1 minute"),
        (SHORT, {"duration": 120}, "free plan allows up to 1 minute"),
        (SHORT, {"duration": 4000}, "Duration must be between"),
        (SHORT, {"resolution": "1080p"}, "renders up to 720p"),
        (SHORT, {"aspect": "4:3"}, "Aspect must be one of"),
        (SHORT, {"voices": {"NOBODY": "piper-joe"}}, "No character named"),
        (SHORT, {"voices": {"ALEX": "no-such-voice"}}, "Unknown voice"),
        (SHORT, {"music_file": "/etc/passwd"}, "upload step"),
        ("", {}, "empty"),
        ("ALEX: hi\x00\x01\x02\x03\x04\x05", {}, "not a text script"),
        ("x" * 200_001, {}, "limit is 200,000 bytes"),
    ],
)
def test_bad_requests_create_and_charge_nothing(
    service: StudioService, script: str, options: dict, message: str
) -> None:
    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    with pytest.raises(UserError, match=message):
        service.create_film(token, script, options)
    with service.store.session() as session:
        assert session.scalar(select(func.count()).select_from(FilmRow)) == 0
    assert service.user(token).balance == 3
    assert [e.reason for e in service.ledger(token)] == ["signup"]


def test_pro_tier_allows_longer_films(service: StudioService) -> None:
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    service.set_tier(admin, service.user(token).id, "pro")
    film_id = service.create_film(token, long_script(40), {"resolution": "1080p"})
    assert service.film(token, film_id).status == "draft"
    with pytest.raises(UserError, match="pro plan allows up to 5 minutes"):
        service.create_film(token, long_script(400), {})


def test_not_enough_credits_charges_nothing_and_queues_nothing(service: StudioService) -> None:
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    cost = service.estimate(token, long_script(8), {}).credits
    assert cost >= 2
    film_id = service.create_film(token, long_script(8), {})
    service.take_back(admin, user_id, 3 - (cost - 1), "test: spend most of the allowance")
    with pytest.raises(NotEnoughCredits, match=f"costs {cost} credits and your balance is {cost - 1}"):
        service.render(token, film_id, "click-1")
    assert service.user(token).balance == cost - 1
    with service.store.session() as session:
        assert session.scalar(select(func.count()).select_from(RenderRequestRow)) == 0
    assert service.runs.instance.get_runs() == []
    assert service.film(token, film_id).status == "draft"
    ledger_matches_balance(service, user_id)


def test_admin_grants_and_takes_back_never_below_zero(service: StudioService) -> None:
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    entry = service.grant(admin, user_id, 10, "launch promotion")
    assert (entry.amount, entry.reason, entry.reference, entry.balance_after) == (10, "grant", "launch promotion", 13)
    taken = service.take_back(admin, user_id, 50, "correction")
    assert (taken.amount, taken.reason, taken.balance_after) == (-13, "taken back", 0)
    assert service.user(token).balance == 0
    refused = ((0, "x", "from 1 to 100000"), (-5, "x", "from 1 to 100000"), (1.5, "x", "whole number"),
               (10**6, "x", "from 1 to 100000"), (5, "  ", "Say why"))  # fmt: skip
    for amount, reason, words in refused:
        for call in (service.grant, service.take_back):
            with pytest.raises(UserError, match=words):
                call(admin, user_id, amount, reason)
    assert service.user(token).balance == 0 and len(service.ledger(token)) == 3  # sign-up, grant, take-back
    with pytest.raises(UserError, match="unlimited"):
        service.grant(admin, service.user(admin).id, 5, "to myself")
    ledger_matches_balance(service, user_id)
    stats = service.daily_stats(admin, days=3)
    assert len(stats) == 3 and stats[-1]["credits_granted"] == 13  # sign-up 3 + grant 10


def test_monthly_grants_follow_the_reset_date_once_per_period(service: StudioService) -> None:
    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    start = datetime(2026, 1, 31, 12, tzinfo=UTC)
    with service.store.session() as session:
        session.get(UserRow, user_id).period_start = start
    assert next_reset(start) == datetime(2026, 2, 28, 12, tzinfo=UTC)  # clamped to February
    with service.store.session() as session:
        assert grant_all_due(session, start + timedelta(days=10)) == 0
    with service.store.session() as session:  # two of the sign-up's three credits spent
        credits.charge(session, session.get(UserRow, user_id), 2, "render", "film x", "render:x")
    with service.store.session() as session:
        # The tier's credits reset to its allowance each period: +2 in February, +0 in March.
        assert grant_all_due(session, datetime(2026, 4, 1, tzinfo=UTC)) == 2
    with service.store.session() as session:  # the daemon's sensor running again changes nothing
        assert grant_all_due(session, datetime(2026, 4, 1, tzinfo=UTC)) == 0
    with service.store.session() as session:
        reasons = list(
            session.scalars(select(LedgerRow.reference).where(LedgerRow.reason == "monthly").order_by(LedgerRow.id))
        )
    assert reasons == ["free 2026-02-28", "free 2026-03-28"]
    assert service.user(token).balance == 3  # unused tier credits lapse: the allowance, not a pile
    ledger_matches_balance(service, user_id)
