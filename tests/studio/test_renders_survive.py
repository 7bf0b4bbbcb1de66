"""Renders that survive: retries from failure charged once, start-up reconciliation, cancel without
a code server, the last finished version kept visible, edits kept as drafts, `studio films --json`.

These tests drive the Dagster instance the way the daemon, the code server and the run worker
write to it (failures, retries, starts); tests/studio/test_renders_killed.py kills real processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.orchestration.runs import settle_run
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store.media import asset_dir, write_manifest
from tests.entry_env import export_settings

SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"
TWO_SCENES = (
    "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\n"
    "Scene 2\nALEX: The sun is out today.\nSAM: Then let us walk.\n"
)
DEAD_SERVER = '{"host": "127.0.0.1", "port": 1}'  # where the killed studio's code server listened
TAG_GRPC_INFO = ".dagster/grpc_info"  # the daemon's launch records the code server of the run


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)
    return open_studio(settings)


def creator(service: StudioService) -> str:
    service.sign_up("owner@example.com", "password one", "Owner")
    return service.sign_up("c@example.com", "password two", "Creator")


def start(instance: dg.DagsterInstance, run_id: str, pid: int | None = None) -> None:
    """What the daemon's launch and the run worker record: the code server's address, then RUN_START."""
    instance.add_run_tags(run_id, {TAG_GRPC_INFO: DEAD_SERVER})
    event = dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name="render_film", pid=pid)
    instance.report_dagster_event(event, run_id=run_id)


def succeed(instance: dg.DagsterInstance, run_id: str) -> None:
    event = dg.DagsterEvent(dg.DagsterEventType.RUN_SUCCESS.value, job_name="render_film")
    instance.report_dagster_event(event, run_id=run_id)


def retry(instance: dg.DagsterInstance, failed_id: str) -> str:
    """What the daemon's run retries do with a failed run tagged to retry: a re-execution from the
    failure in the same run group, carrying the failed run's tags."""
    from dagster_project.definitions import render_film_job

    failed = instance.get_run_by_id(failed_id)
    assert failed.tags.get("dagster/will_retry") == "true", failed.tags
    root = failed.root_run_id or failed.run_id
    group = instance.get_run_group(root)[1]
    tags = {k: v for k, v in failed.tags.items() if k not in ("dagster/will_retry", "dagster/failure_reason")}
    tags |= {"dagster/root_run_id": root, "dagster/parent_run_id": failed_id, "dagster/retry_number": str(len(group))}
    run = instance.create_run_for_job(
        render_film_job(), tags=tags, root_run_id=root, parent_run_id=failed_id,
        remote_job_origin=failed.remote_job_origin, job_code_origin=failed.job_code_origin,
    )  # fmt: skip
    instance.add_run_tags(failed_id, {"dagster/auto_retry_run_id": run.run_id})
    return run.run_id


def publish_final_cut(service: StudioService, film_id: str, seconds: float = 20.0) -> None:
    """A finished render's published final cut (as the media IO manager writes it)."""
    folder = asset_dir(service.settings.media_root, film_id, "final_cut")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "film.mp4").write_bytes(b"\x00" * 2048)
    write_manifest(folder, {"film": "film.mp4", "duration": seconds})


def reasons(service: StudioService, token: str) -> list[tuple[str, int]]:
    return [(e.reason, e.amount) for e in service.ledger(token)]


def test_the_instance_monitors_runs_and_retries_renders_from_their_failure(service: StudioService) -> None:
    instance = service.runs.instance
    assert instance.run_monitoring_enabled and instance.run_retries_enabled
    assert instance.run_retries_max_retries == 2 and instance.run_monitoring_max_resume_run_attempts == 0
    token = creator(service)
    run = instance.get_run_by_id(service.render(token, service.create_film(token, SHORT, {}), "click-1"))
    assert run.tags["dagster/max_retries"] == "2" and run.tags["dagster/retry_strategy"] == "FROM_FAILURE"


def test_a_lost_worker_is_retried_and_the_request_charged_once(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SHORT, {})
    first = service.render(token, film_id, "click-1")
    instance = service.runs.instance
    start(instance, first)
    instance.report_run_failed(instance.get_run_by_id(first), "run worker lost")  # what the code server reports
    # Dagster will retry it: no refund, the film is still on its way, a second render is refused.
    assert settle_run(service.settings.database_url, instance, first, service.media_store) == 0
    progress = service.progress(token, film_id)
    assert progress.status == "queued" and "retried" in progress.message
    with pytest.raises(UserError, match="already rendering"):
        service.render(token, film_id, "click-2")
    second = retry(instance, first)
    start(instance, second)
    assert service.progress(token, film_id).status == "rendering"
    publish_final_cut(service, film_id)
    succeed(instance, second)
    assert settle_run(service.settings.database_url, instance, second, service.media_store) == 0
    assert service.progress(token, film_id).status == "ready"
    assert reasons(service, token) == [("render", -1), ("signup", 3)]  # one charge, no refund, whatever the retries
    assert service.user(token).balance == 2


def test_past_the_retry_budget_the_request_is_refunded_once(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SHORT, {})
    run_id = service.render(token, film_id, "click-1")
    instance = service.runs.instance
    attempts = [run_id]
    for number in range(3):  # the first attempt and its two retries all lose their worker
        start(instance, attempts[-1])
        instance.report_run_failed(instance.get_run_by_id(attempts[-1]), "run worker lost")
        settle_run(service.settings.database_url, instance, attempts[-1])
        if number < 2:
            assert service.user(token).balance == 2
            attempts.append(retry(instance, attempts[-1]))
    assert instance.get_run_by_id(attempts[-1]).tags["dagster/will_retry"] == "false"
    for attempt in attempts:  # the sensor fires for every failed attempt: still one refund
        settle_run(service.settings.database_url, instance, attempt)
    service.ledger(token)
    assert reasons(service, token) == [("refund", 1), ("render", -1), ("signup", 3)]
    assert service.progress(token, film_id).status == "failed"


def test_start_up_fails_runs_whose_worker_is_gone_and_leaves_live_ones_alone(service: StudioService) -> None:
    from studio.orchestration.runs import reconcile_runs

    token = creator(service)
    dead_film, live_film, cancelling_film = (service.create_film(token, SHORT, {}) for _ in range(3))
    service.grant(service.sign_in("owner@example.com", "password one"), service.user(token).id, 10, "room")
    dead, live, cancelling = (service.render(token, f, f"k-{f}") for f in (dead_film, live_film, cancelling_film))
    instance = service.runs.instance
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        time.sleep(0.2)
        start(instance, dead, gone.pid)
        start(instance, live, worker.pid)
        start(instance, cancelling, gone.pid)
        instance.report_run_canceling(instance.get_run_by_id(cancelling))
        outcome = reconcile_runs(instance)
        assert outcome == {"failed": [dead], "cancelled": [cancelling], "alive": [live]}
        assert instance.get_run_by_id(live).status == dg.DagsterRunStatus.STARTED  # a live run is never failed
        assert instance.get_run_by_id(dead).tags["dagster/will_retry"] == "true"  # resumed by the daemon
        assert instance.get_run_by_id(cancelling).status == dg.DagsterRunStatus.CANCELED
        statuses = {f.id: f.status for f in service.films(token)}
        assert statuses == {dead_film: "queued", live_film: "rendering", cancelling_film: "cancelled"}
    finally:
        worker.kill()
        worker.wait()


def test_cancel_works_when_the_code_server_is_gone(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SHORT, {})
    run_id = service.render(token, film_id, "click-1")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    start(service.runs.instance, run_id, gone.pid)  # the code server and its worker were killed
    service.cancel(token, film_id)
    assert service.runs.instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.CANCELED  # never left CANCELING
    assert service.progress(token, film_id).status == "cancelled"
    assert settle_run(service.settings.database_url, service.runs.instance, run_id) == 0
    assert reasons(service, token) == [("render", -1), ("signup", 3)]  # a cancel is the user's choice


def test_cancel_signals_a_worker_that_outlived_its_code_server(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SHORT, {})
    run_id = service.render(token, film_id, "click-1")
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        time.sleep(0.2)
        start(service.runs.instance, run_id, worker.pid)
        service.cancel(token, film_id)
        worker.wait(timeout=30)  # it would sleep for two minutes unless signalled
        assert service.runs.instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.CANCELED
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def test_the_finished_film_stays_visible_through_reruns_cancels_and_producer_runs(service: StudioService) -> None:
    token = creator(service)
    service.grant(service.sign_in("owner@example.com", "password one"), service.user(token).id, 10, "room")
    film_id = service.create_film(token, TWO_SCENES, {})
    first = service.render(token, film_id, "click-1")
    start(service.runs.instance, first)
    publish_final_cut(service, film_id)
    succeed(service.runs.instance, first)
    assert (service.film(token, film_id).status, service.film(token, film_id).watchable) == ("ready", True)
    # A producer re-materialises one asset of the film in the Dagster UI: the owner sees no change.
    producer = service.runs.instance.create_run_for_job(dg.GraphDefinition("trailer").to_job(),
                                                   tags={"dagster/partition": film_id})  # fmt: skip
    service.runs.instance.report_dagster_event(dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name="trailer"),
                                          run_id=producer.run_id)  # fmt: skip
    view = service.film(token, film_id)
    assert (view.status, view.watchable, view.run_id) == ("ready", True, first)
    service.runs.instance.report_dagster_event(dg.DagsterEvent(dg.DagsterEventType.RUN_SUCCESS.value, job_name="trailer"),
                                          run_id=producer.run_id)  # fmt: skip
    # A scene re-render runs: the film says so, and the finished version still plays.
    rerun = service.edit_scene(
        token, film_id, "s02", "Scene 2\nALEX: It is raining now.\nSAM: Then we stay in.\n", "k2"
    )
    start(service.runs.instance, rerun)
    view = service.film(token, film_id)
    assert (view.status, view.watchable) == ("rendering", True)
    assert "mp4" in service.media(token, film_id)
    service.cancel(token, film_id)
    view = service.film(token, film_id)
    assert (view.status, view.watchable) == ("cancelled", True)
    assert service.media(token, film_id)["mp4"].is_file()
    assert [r for r, _ in reasons(service, token)] == ["render", "render", "grant", "signup"]  # no refund


def test_an_edited_script_is_a_draft_until_its_render_succeeds(service: StudioService) -> None:
    from studio.domain.runs import script_for_run

    token = creator(service)
    film_id = service.create_film(token, TWO_SCENES, {})
    service.grant(service.sign_in("owner@example.com", "password one"), service.user(token).id, 10, "room")
    edited = "Scene 2\nALEX: It is raining now.\nSAM: Then we stay in.\n"
    failed = service.edit_scene(token, film_id, "s02", edited, "k1")
    film = service.store.get_film(film_id)
    assert "sun is out" in film.script and "raining" in film.draft_script  # the finished film's script is kept
    assert "raining" in script_for_run(
        film, service.runs.instance.get_run_by_id(failed).tags, failed
    )  # its run renders the draft
    assert "sun is out" in script_for_run(film, {}, "a-producer-run")
    assert service.storyboard(token, film_id)["draft"] is True  # the editor still shows the edit
    start(service.runs.instance, failed)
    service.runs.instance.add_run_tags(failed, {"dagster/max_retries": "0"})
    service.runs.instance.report_run_failed(service.runs.instance.get_run_by_id(failed), "a backend broke")
    service.progress(token, film_id)
    assert "sun is out" in service.store.get_film(film_id).script  # a failed render changes nothing visible
    again = service.render(token, film_id, "k2")  # Render again renders the pending draft
    assert "raining" in script_for_run(
        service.store.get_film(film_id), service.runs.instance.get_run_by_id(again).tags, again
    )
    start(service.runs.instance, again)
    publish_final_cut(service, film_id)
    succeed(service.runs.instance, again)
    service.progress(token, film_id)
    film = service.store.get_film(film_id)
    assert (
        "raining" in film.script and film.draft_script is None and service.storyboard(token, film_id)["draft"] is False
    )


def test_studio_films_json_lists_status_and_latest_run(service: StudioService, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from studio.cli.main import main

    token = creator(service)
    ready, retrying = service.create_film(token, SHORT, {}), service.create_film(token, TWO_SCENES, {})
    cli_film = service.store.create_film("Made in the shell", SHORT, "dialogue", {})
    done = service.render(token, ready, "a")
    start(service.runs.instance, done)
    publish_final_cut(service, ready)
    succeed(service.runs.instance, done)
    lost = service.render(token, retrying, "b")
    start(service.runs.instance, lost)
    service.runs.instance.report_run_failed(service.runs.instance.get_run_by_id(lost), "run worker lost")
    env = {"STUDIO_HOME": str(service.settings.home), "STUDIO_DATABASE_URL": service.settings.database_url,
           "DAGSTER_HOME": str(service.settings.dagster_home)}  # fmt: skip
    result = CliRunner().invoke(main, ["films", "--json"], env=env)
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert rows[ready]["status"] == "ready" and rows[ready]["watchable"] is True
    assert rows[ready]["latest_run"] == {
        "run_id": done,
        "dagster_status": "SUCCESS",
        "retry_number": 0,
        "first_run_id": done,
    }
    assert rows[retrying]["status"] == "queued" and rows[retrying]["latest_run"]["dagster_status"] == "FAILURE"
    assert rows[cli_film.id] == {"id": cli_film.id, "title": "Made in the shell", "status": "draft", "watchable": False,
                                 "latest_run": None}  # fmt: skip
    plain = CliRunner().invoke(main, ["films"], env=env)
    assert plain.exit_code == 0 and f"{ready}  ready" in plain.output
