"""Concurrent spending on PostgreSQL: no overspend, no negative balance, the ledger sums to the balance."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studio.compose import open_studio
from studio.services import credits
from studio.services.studio_service import NotEnoughCredits, StudioService
from studio.settings import Settings
from studio.store.accounts import LedgerRow, RenderRequestRow, UserRow
from tests.entry_env import export_settings

SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


@pytest.fixture
def service(tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    settings = Settings(tmp_path / "home", postgres_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)
    service = open_studio(settings)
    yield service
    service.store.engine.dispose()


def ledger_invariant(service: StudioService, user_id: str) -> int:
    with service.store.session() as session:
        total = session.scalar(select(func.sum(LedgerRow.amount)).where(LedgerRow.user_id == user_id))
        balance = session.get(UserRow, user_id).balance
        afters = list(
            session.scalars(select(LedgerRow.balance_after).where(LedgerRow.user_id == user_id).order_by(LedgerRow.id))
        )
        amounts = list(
            session.scalars(select(LedgerRow.amount).where(LedgerRow.user_id == user_id).order_by(LedgerRow.id))
        )
    assert total == balance >= 0
    running = 0
    for amount, after in zip(amounts, afters):  # each row's balance_after is the running sum at that row
        running += amount
        assert after == running >= 0
    return balance


def test_threads_racing_to_spend_never_overspend(service: StudioService) -> None:
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    service.grant(admin, user_id, 22, "race fund")  # 3 + 22 = 25 credits: twelve charges of 2, one left
    start = threading.Barrier(12)
    lowest: list[int] = []
    stop = threading.Event()

    def spend(worker: int) -> int:
        start.wait()
        made = 0
        while True:
            try:
                with service.store.session() as session:
                    user = session.get(UserRow, user_id)
                    credits.charge(session, user, 2, "render", f"worker {worker}", key=f"race:{worker}:{made}")
                made += 1
            except credits.InsufficientCredits:
                return made

    def watch() -> None:
        while not stop.is_set():
            with service.store.session() as session:
                lowest.append(session.scalar(select(UserRow.balance).where(UserRow.id == user_id)))

    watcher = threading.Thread(target=watch)
    watcher.start()
    with ThreadPoolExecutor(12) as pool:
        made = list(pool.map(spend, range(12)))
    stop.set()
    watcher.join()
    assert sum(made) == 12
    assert min(lowest) >= 0
    assert ledger_invariant(service, user_id) == 1


def test_a_double_click_charges_once_and_queues_one_run(service: StudioService) -> None:
    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    film_id = service.create_film(token, SHORT, {})
    service.runs.instance  # noqa: B018 - open Dagster before the race, as a running server would have
    start = threading.Barrier(6)

    def click(_: int) -> str:
        start.wait()
        return service.render(token, film_id, "render-button-7f3a")

    with ThreadPoolExecutor(6) as pool:
        run_ids = set(pool.map(click, range(6)))
    assert len(run_ids) == 1
    assert [r.run_id for r in service.runs.instance.get_runs()] == list(run_ids)
    with service.store.session() as session:
        charges = session.scalar(select(func.count()).select_from(LedgerRow).where(LedgerRow.reason == "render"))
        requests = session.scalar(select(func.count()).select_from(RenderRequestRow))
    assert (charges, requests) == (1, 1)
    assert ledger_invariant(service, user_id) == 3 - 1


def test_renders_of_different_films_race_for_the_last_credits(service: StudioService) -> None:
    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    films = [service.create_film(token, SHORT, {}) for _ in range(5)]  # 1 credit each, 3 credits in all
    service.runs.instance  # noqa: B018
    start = threading.Barrier(5)

    def click(film_id: str) -> str:
        start.wait()
        try:
            return service.render(token, film_id, f"click-{film_id}")
        except NotEnoughCredits:
            return "refused"

    with ThreadPoolExecutor(5) as pool:
        outcomes = list(pool.map(click, films))
    assert outcomes.count("refused") == 2
    assert len(service.runs.instance.get_runs()) == 3
    assert ledger_invariant(service, user_id) == 0
