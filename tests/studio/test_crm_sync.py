"""Salesforce sync through the outbox, against a local TLS server speaking Salesforce's REST and
Bulk API 2.0 through the real simple-salesforce client."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from studio.compose import open_studio
from studio.services import credits, crm
from studio.services.accounts import now
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store.accounts import UserRow
from studio.store.publishing import CrmOutboxRow
from tests.fakes.salesforce_server import FakeSalesforce

SCRIPT = "Title: Lamp\n\nASHA: The lamp is lit.\n"


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeSalesforce]:
    server = FakeSalesforce(tmp_path / "tls").start()
    yield server
    server.stop()


def _settings(tmp_path: Path, url: str, fake: FakeSalesforce) -> Settings:
    return Settings(tmp_path / "home", url, tmp_path / "home" / "dagster", salesforce_instance_url=fake.url,
                    salesforce_client_id=fake.client_id, salesforce_client_secret=fake.client_secret,
                    salesforce_ca_bundle=str(fake.cert))  # fmt: skip


@pytest.fixture
def service(tmp_path: Path, store_url: str, fake: FakeSalesforce) -> StudioService:
    return open_studio(_settings(tmp_path, store_url, fake))  # SQLite and PostgreSQL


def _user(service: StudioService, email: str) -> str:
    token = service.sign_up(email, "correct horse battery", email.split("@")[0])
    return service.user(token).id


def _drain(service: StudioService, moment=None, **kwargs) -> crm.DrainResult:
    return crm.drain(service.store, service.settings, crm.client_factory(service.settings), moment, **kwargs)


def _pending(service: StudioService) -> list[CrmOutboxRow]:
    with service.store.session() as session:
        return list(session.scalars(select(CrmOutboxRow).where(CrmOutboxRow.state == "pending")))


def test_changes_reach_salesforce_through_the_outbox(service: StudioService, fake: FakeSalesforce) -> None:
    admin = _user(service, "owner@example.com")
    creator = _user(service, "asha@example.com")
    film = service.store.create_film("Lamp", SCRIPT, "dialogue", {"culture": "indian"}, owner_id=creator)
    result = _drain(service)
    assert result.sent >= 3 and result.dead == 0
    project = fake.records["AI_Project__c"][film.id]
    assert (project["Title__c"], project["User_Email__c"], project["Status__c"]) == (
        "Lamp",
        "asha@example.com",
        "draft",
    )
    assert project["Script__c"] == SCRIPT and project["Cultural_Context__c"] == "indian"
    credit = fake.records["AI_Credit__c"][creator]
    assert (credit["Tier__c"], credit["Balance__c"], credit["Purchased__c"]) == ("free", 3, 3)
    assert fake.records["AI_Credit__c"][admin]["Tier__c"] == "enterprise"
    # A status change and a charge are each one more outbox row, sent on the next drain.
    service.store.set_status(film.id, "ready")
    with service.store.session() as session:
        credits.charge(session, session.get(UserRow, creator), 2, "render", film.id, None)
    assert {(r.kind, r.event) for r in _pending(service)} == {("project", "film.ready"), ("credit", "credits.render")}
    assert _drain(service).sent == 2
    assert fake.records["AI_Project__c"][film.id]["Status__c"] == "ready"
    assert (fake.records["AI_Credit__c"][creator]["Balance__c"], fake.records["AI_Credit__c"][creator]["Used__c"]) == (
        1,
        2,
    )
    assert _drain(service).sent == 0  # nothing is sent twice


def test_outbox_row_is_written_in_the_same_transaction(service: StudioService) -> None:
    _user(service, "owner@example.com")
    creator = _user(service, "asha@example.com")
    before = len(_pending(service))
    with pytest.raises(credits.InsufficientCredits):
        with service.store.session() as session:
            user = session.get(UserRow, creator)
            user.tier = "pro"  # changed, then the charge fails: both roll back, the outbox row too
            credits.charge(session, user, 99, "render", "x", None)
    assert len(_pending(service)) == before
    with service.store.session() as session:
        assert session.get(UserRow, creator).tier == "free"


def test_outbox_survives_an_outage_and_drains_after_it(service: StudioService, fake: FakeSalesforce) -> None:
    _user(service, "owner@example.com")
    creator = _user(service, "asha@example.com")
    fake.down = True
    # Salesforce being down blocks nothing: films are created and credits charged as usual.
    film = service.store.create_film("Lamp", SCRIPT, "dialogue", {}, owner_id=creator)
    with service.store.session() as session:
        credits.charge(session, session.get(UserRow, creator), 1, "render", film.id, None)
    moment = now()
    first = _drain(service, moment)
    assert first.sent == 0 and first.retrying == len(_pending(service)) > 0
    assert all(r.attempts == 1 and crm.aware(r.next_attempt_at) > moment for r in _pending(service))
    assert "SERVER_UNAVAILABLE" not in str(fake.records) and "AI_Project__c" not in fake.records
    # Still down a backoff later; the next attempt waits twice as long (exponential backoff).
    second = _drain(service, moment + timedelta(seconds=31))
    assert second.retrying == first.retrying
    waits = {
        round((crm.aware(r.next_attempt_at) - (moment + timedelta(seconds=31))).total_seconds())
        for r in _pending(service)
    }
    assert waits == {60}
    assert _drain(service, moment + timedelta(seconds=40)).retrying == 0  # not due yet: no request at all
    fake.down = False
    service.store.set_status(film.id, "rendering")  # a change during the outage's tail
    result = _drain(service, moment + timedelta(seconds=200))
    assert result.sent >= 3 and not _pending(service)
    assert fake.records["AI_Project__c"][film.id]["Status__c"] == "rendering"
    assert fake.records["AI_Credit__c"][creator]["Balance__c"] == 2


def test_dead_letter_after_n_failures_is_listed_for_admins(service: StudioService, fake: FakeSalesforce,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    _user(service, "owner@example.com")
    fake.down = True
    moment = now()
    for attempt in range(3):
        _drain(service, moment + timedelta(hours=attempt * 2), max_attempts=3)
    assert not _pending(service)
    dead = crm.outbox(service.store, "dead")
    assert dead and all(e.attempts == 3 and "503" in (e.last_error or "") for e in dead)
    # The admin listing on the command line shows them; retry puts them back and they drain.
    from studio.cli.main import main

    monkeypatch.setenv("STUDIO_HOME", str(service.settings.home))
    monkeypatch.setenv("STUDIO_DATABASE_URL", service.settings.database_url)
    out = CliRunner().invoke(main, ["crm", "outbox", "--dead"])
    assert out.exit_code == 0 and "dead" in out.output and "HTTP 503" in out.output
    fake.down = False
    out = CliRunner().invoke(main, ["crm", "retry", "--all"])
    assert out.exit_code == 0 and f"{len(dead)} row" in out.output
    assert _drain(service).sent == len(dead)
    assert "owner@example.com" in {r["User_Email__c"] for r in fake.records["AI_Credit__c"].values()}


def test_validation_error_is_logged_and_dead_lettered(service: StudioService, fake: FakeSalesforce,
                                                      caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    creator = _user(service, "asha@example.com")
    bad = service.store.create_film("   ", SCRIPT, "dialogue", {}, owner_id=creator)  # Salesforce requires a title
    good = service.store.create_film("Lamp", SCRIPT, "dialogue", {}, owner_id=creator)
    with caplog.at_level(logging.ERROR, logger="studio.services.crm"):
        result = _drain(service)
    assert result.dead == 1 and result.sent >= 2
    assert bad.id not in fake.records["AI_Project__c"] and good.id in fake.records["AI_Project__c"]
    assert any("REQUIRED_FIELD_MISSING" in r.getMessage() and bad.id in r.getMessage() for r in caplog.records)
    (entry,) = crm.outbox(service.store, "dead")
    assert entry.key == bad.id and "Title__c" in (entry.last_error or "")


def test_wrong_credentials_keep_rows_pending(tmp_path: Path, sqlite_url: str, fake: FakeSalesforce) -> None:
    settings = replace(_settings(tmp_path, sqlite_url, fake), salesforce_client_secret="wrong")
    service = open_studio(settings)
    _user(service, "owner@example.com")
    result = _drain(service)
    assert result.sent == 0 and result.retrying > 0 and "refused the token" in result.errors[0]
    assert not fake.records


def test_bulk_backfill_upserts_existing_data(service: StudioService, fake: FakeSalesforce) -> None:
    users = [_user(service, f"user{i}@example.com") for i in range(3)]
    films = [service.store.create_film(f"Film {i}", SCRIPT, "dialogue", {}, owner_id=users[i % 3]) for i in range(5)]
    client = crm.client_factory(service.settings)()
    totals = crm.backfill(service.store, service.settings, client, wait=0.05)
    assert (
        totals["AI_Project__c"]["numberRecordsProcessed"] == 5 and totals["AI_Credit__c"]["numberRecordsProcessed"] == 3
    )
    assert totals["AI_Project__c"]["numberRecordsFailed"] == 0
    assert {f.id for f in films} == set(fake.records["AI_Project__c"])
    assert fake.records["AI_Project__c"][films[4].id]["Title__c"] == "Film 4"
    assert set(users) == set(fake.records["AI_Credit__c"])
    # Bulk API 2.0 protocol: create job, upload CSV, close (UploadComplete), poll.
    steps = [job["steps"][:4] for job in fake.jobs.values()]
    assert steps and all(s == ["created", "uploaded", "UploadComplete", "polled"] for s in steps)
    assert not any("/sobjects/" in path for _, path in fake.requests)  # no single-record calls


def test_not_configured_says_so(tmp_path: Path, sqlite_url: str) -> None:
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster")
    assert not crm.configured(settings)
    with pytest.raises(crm.SalesforceUnavailable, match="not configured"):
        crm.client_factory(settings)


def test_admin_page_shows_the_dead_letter(service: StudioService, fake: FakeSalesforce) -> None:
    from studio.domain.errors import UserError
    from studio_ui import crm_panel

    admin_token = service.sign_up("owner@example.com", "correct horse battery", "Owner")
    creator_token = service.sign_up("asha@example.com", "correct horse battery", "Asha")
    service.store.create_film("", SCRIPT, "dialogue", {}, owner_id=service.user(creator_token).id)
    _drain(service)
    summary, rows = crm_panel.outbox_view(service, admin_token)
    assert "configured · 0 pending · 1 in the dead letter" in summary
    assert rows[0][1] == "project" and "REQUIRED_FIELD_MISSING" in rows[0][6]
    with pytest.raises(UserError, match="Only admin"):
        crm_panel.outbox_view(service, creator_token)
    assert "1 row(s) queued again" in crm_panel.retry_all(service, admin_token)
    assert "1 pending · 0 in the dead letter" in crm_panel.outbox_view(service, admin_token)[0]


def test_the_dagster_sensor_drains_and_the_backfill_job_runs(service: StudioService, fake: FakeSalesforce,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import dagster as dg

    from dagster_project.sensors_crm import crm_outbox, salesforce_backfill

    creator = _user(service, "asha@example.com")
    monkeypatch.setenv("STUDIO_DATABASE_URL", service.settings.database_url)
    monkeypatch.setenv("STUDIO_HOME", str(service.settings.home))
    for name in ("STUDIO_SALESFORCE_INSTANCE_URL", "STUDIO_SALESFORCE_CLIENT_ID", "STUDIO_SALESFORCE_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    skipped = crm_outbox(dg.build_sensor_context())
    assert "not configured" in skipped.skip_message and _pending(service)
    monkeypatch.setenv("STUDIO_SALESFORCE_INSTANCE_URL", fake.url)
    monkeypatch.setenv("STUDIO_SALESFORCE_CLIENT_ID", fake.client_id)
    monkeypatch.setenv("STUDIO_SALESFORCE_CLIENT_SECRET", fake.client_secret)
    monkeypatch.setenv("STUDIO_SALESFORCE_CA_BUNDLE", str(fake.cert))
    tick = crm_outbox(dg.build_sensor_context())
    assert tick.skip_message.startswith("sent ") and not _pending(service)
    assert fake.records["AI_Credit__c"][creator]["User_Email__c"] == "asha@example.com"
    fake.records.clear()
    assert salesforce_backfill.execute_in_process().success
    assert creator in fake.records["AI_Credit__c"] and fake.jobs
