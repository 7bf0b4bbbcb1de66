"""Finding 4: two clicks on Render for one film charged twice and queued two runs.

Concurrent calls over several processes (threads in each) click Render on one film at once, against
PostgreSQL; exactly one run is queued and one charge taken. Then a render is settled on the
length it actually rendered, not on the estimate.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studio.compose import open_studio
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store.accounts import LedgerRow, RenderRequestRow, UserRow
from studio.store.media import asset_dir, write_manifest
from tests.entry_env import export_settings

SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"
# 200 calls: 4 processes x 10 threads, each clicking 5 times with 50 request keys among them (the
# old code queued 3 runs for one film with only 20). About 4 minutes on a busy 2-core machine.
PROCESSES, THREADS, CLICKS = 4, 10, 5


@pytest.fixture
def service(tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    settings = Settings(tmp_path / "home", postgres_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)
    service = open_studio(settings)
    yield service
    service.store.engine.dispose()


def _charges(service: StudioService, user_id: str) -> list[tuple[int, str]]:
    with service.store.session() as session:
        return list(
            session.execute(
                select(LedgerRow.amount, LedgerRow.reason).where(LedgerRow.user_id == user_id).order_by(LedgerRow.id)
            ).tuples()
        )


def test_concurrent_render_clicks_over_several_processes_charge_once_and_queue_one_run(service: StudioService) -> None:
    from render_race_worker import race

    service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    film_id = service.create_film(token, SHORT, {})
    # Create the Dagster instance's SQLite storage once, as `studio up` does before any click: worker
    # processes creating it at the same moment would race on its own schema migrations.
    assert service.runs.instance is not None
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(PROCESSES)
    outcomes = context.Queue()
    home = str(service.settings.home)
    workers = [
        context.Process(
            target=race, args=(home, service.settings.database_url, token, film_id, n, THREADS, CLICKS, ready, outcomes)
        )
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    results = [r for _ in workers for r in outcomes.get(timeout=600)]
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert len(results) == PROCESSES * THREADS * CLICKS
    runs = {r for r in results if r.startswith("run:")}
    refusals = {r for r in results if not r.startswith("run:")}
    assert len(runs) == 1, f"{len(runs)} runs queued for one film"
    assert refusals <= {"refused:This film is already rendering; wait for it to finish or cancel it."}, refusals
    assert [r.run_id for r in service.runs.instance.get_runs()] == [next(iter(runs))[4:]]
    with service.store.session() as session:
        requests = session.scalar(select(func.count()).select_from(RenderRequestRow))
        balance = session.get(UserRow, user_id).balance
    assert requests == 1
    assert _charges(service, user_id) == [(3, "signup"), (-1, "render")]
    assert balance == 2


def _finish(service: StudioService, run_id: str, film_id: str, seconds: float) -> None:
    """The run succeeded and published a final cut of `seconds` (as the media IO manager writes it)."""
    folder = asset_dir(service.settings.media_root, film_id, "final_cut")
    folder.mkdir(parents=True, exist_ok=True)
    write_manifest(folder, {"film": "film.mp4", "duration": seconds})
    run = service.runs.instance.get_run_by_id(run_id)
    from dagster._core.storage.dagster_run import DagsterRunStatus

    service.runs.instance.handle_run_event(run_id, _success_event(run))
    assert service.runs.instance.get_run_by_id(run_id).status == DagsterRunStatus.SUCCESS


def _success_event(run: object):  # the event the run worker writes when a run ends well
    from dagster._core.events import DagsterEvent, DagsterEventType

    return DagsterEvent(event_type_value=DagsterEventType.RUN_SUCCESS.value, job_name=run.job_name)


@pytest.mark.parametrize(("asked", "rendered", "expected"), [
    (None, 20.0, -1),   # estimated 1 credit, rendered 20 s: 1 credit, nothing moves
    (None, 50.0, -3),   # estimated 1, rendered 50 s: 3 credits, the remainder of 2 is charged
    (None, 200.0, -3),  # rendered past the free plan's minute: charged at the limit (3), not 10
    (60.0, 20.0, -1),   # asked for 60 s (3 credits up front), rendered 20 s: 2 refunded
])  # fmt: skip
def test_a_render_is_settled_on_its_rendered_length(
    service: StudioService, asked: float | None, rendered: float, expected: int
) -> None:
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    user_id = service.user(token).id
    service.grant(admin, user_id, 20, "room to settle")
    film_id = service.create_film(token, SHORT, {"duration": asked} if asked else {})
    run_id = service.render(token, film_id, "click-1")
    _finish(service, run_id, film_id, rendered)
    service.ledger(token)  # reading settles finished renders
    service.ledger(token)  # and settling twice changes nothing
    charges = _charges(service, user_id)
    assert sum(a for a, reason in charges if reason in ("render", "refund")) == expected
    assert service.user(token).balance == 23 + expected
    assert len([a for a, reason in charges if reason in ("render", "refund")]) == (
        1 if expected == -1 and asked is None else 2
    )
