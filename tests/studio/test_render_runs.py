"""Renders are Dagster runs: queued with tier priority, progress from events, cancel, refunds.

One test starts a real `dagster-daemon`, which launches the queued run through the code location
in workspace.yaml and renders a tiny one-scene film (about a minute on an idle 2-core machine), then
cancels a re-render of it and reads the checks the Dagster UI shows through its GraphQL schema.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.domain.runs import TAG_PARTITION, TAG_PRIORITY, TAG_REQUEST, TAG_USER
from studio.orchestration.runs import settle_run
from studio.services.studio_service import StudioService
from studio.settings import Settings
from tests.dagster_ui_checks import RED, film_check_statuses
from tests.entry_env import export_settings

ROOT = Path(__file__).resolve().parents[2]
SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"
TWO_SCENES = (
    "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\n"
    "Scene 2\nALEX: The sun is out today.\nSAM: Then let us walk.\n"
)


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)
    return open_studio(settings)


def users(service: StudioService) -> tuple[str, str]:
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    return admin, service.sign_up("c@example.com", "password two", "Creator")


def test_render_queues_a_tagged_dagster_run(service: StudioService) -> None:
    admin, token = users(service)
    film_id = service.create_film(token, SHORT, {})
    run_id = service.render(token, film_id, "click-1")
    run = service.runs.instance.get_run_by_id(run_id)
    assert run.status.value == "QUEUED" and run.job_name == "render_film"
    assert run.tags[TAG_PARTITION] == film_id and run.tags[TAG_USER] == service.user(token).id
    assert run.tags[TAG_PRIORITY] == "-1" and run.tags[TAG_REQUEST] == "click-1"  # free tier: low priority
    assert run.remote_job_origin.location_name == "dagster_project.definitions:defs"  # the daemon's location
    assert film_id in service.runs.instance.get_dynamic_partitions("films")
    progress = service.progress(token, film_id)
    assert (progress.status, progress.run_id, progress.percent) == ("queued", run_id, 0.0)
    assert service.films(token)[0].status == "queued"
    restarted = open_studio(service.settings)  # the web process restarts: the queued run is still there
    assert (restarted.progress(token, film_id).run_id, restarted.films(token)[0].status) == (run_id, "queued")
    with pytest.raises(UserError, match="already rendering"):
        service.render(token, film_id, "click-2")
    admin_film = service.create_film(admin, SHORT, {})
    assert service.runs.instance.get_run_by_id(service.render(admin, admin_film, "a")).tags[TAG_PRIORITY] == "1"
    assert [r["film_id"] for r in service.admin_runs(admin)] == [admin_film, film_id]


def test_cancel_keeps_the_credits(service: StudioService) -> None:
    _, token = users(service)
    film_id = service.create_film(token, SHORT, {})
    run_id = service.render(token, film_id, "click-1")
    assert service.user(token).balance == 2
    service.cancel(token, film_id)
    assert service.runs.instance.get_run_by_id(run_id).status.value == "CANCELED"
    assert service.progress(token, film_id).status == "cancelled"
    assert settle_run(service.settings.database_url, service.runs.instance, run_id) == 0
    assert service.user(token).balance == 2
    assert [e.reason for e in service.ledger(token)] == ["render", "signup"]
    with pytest.raises(UserError, match="not rendering"):
        service.cancel(token, film_id)


def test_a_run_that_fails_for_a_system_reason_is_refunded_once(service: StudioService) -> None:
    _, token = users(service)
    film_id = service.create_film(token, SHORT, {})
    run_id = service.render(token, film_id, "click-1")
    # What Dagster records when a run worker crashes or a launch fails past the render's retry
    # budget (retries themselves: tests/studio/test_renders_survive.py): the run is marked failed.
    service.runs.instance.add_run_tags(run_id, {"dagster/max_retries": "0"})
    service.runs.instance.report_run_failed(service.runs.instance.get_run_by_id(run_id), "run worker lost")
    assert settle_run(service.settings.database_url, service.runs.instance, run_id) == 1  # the sensor's path
    assert settle_run(service.settings.database_url, service.runs.instance, run_id) == 0  # idempotent
    service.ledger(token)  # the app's own reconciliation finds nothing left to do
    entries = service.ledger(token)
    assert [(e.reason, e.amount, e.reference) for e in entries][:2] == [
        ("refund", 1, run_id),
        ("render", -1, f"film {film_id}"),
    ]
    assert service.user(token).balance == 3
    assert service.progress(token, film_id).status == "failed"


def test_a_second_user_cannot_see_or_render_the_film(service: StudioService) -> None:
    admin, token = users(service)
    other = service.sign_up("o@example.com", "password three", "Other")
    film_id = service.create_film(token, SHORT, {})
    for call in (service.film, service.progress, service.storyboard, service.media, service.share_link, service.cancel):
        with pytest.raises(UserError, match="another account"):
            call(other, film_id)
    with pytest.raises(UserError, match="another account"):
        service.render(other, film_id, "k")
    with pytest.raises(UserError, match="another account"):
        service.edit_scene(other, film_id, "s01", "ALEX: Mine now.", "k")
    assert service.films(other) == []
    assert service.film(admin, film_id).id == film_id  # admins can look, for support
    for bad in ("../../etc", "ZZZZZZ", "", "a" * 100):
        with pytest.raises(UserError, match="No film"):
            service.film(token, bad)


def test_cli_films_without_owner_are_visible_to_producers_only(service: StudioService) -> None:
    admin, token = users(service)
    film = service.store.create_film("CLI film", SHORT, "dialogue", {})
    assert [f.id for f in service.films(admin)] == [film.id]
    assert service.films(token) == []
    with pytest.raises(UserError, match="another account"):
        service.film(token, film.id)


def test_edit_scene_replaces_only_that_scene(service: StudioService) -> None:
    _, token = users(service)
    film_id = service.create_film(token, TWO_SCENES, {})
    board = service.storyboard(token, film_id)
    assert [s["id"] for s in board["scenes"]] == ["s01", "s02"]
    assert board["scenes"][1]["text"].startswith("Scene 2\nALEX: The sun is out today.")
    assert {c["name"] for c in board["characters"]} == {"ALEX", "SAM"}
    assert board["scenes"][0]["lines"][0] == {
        **board["scenes"][0]["lines"][0],
        "speaker": "ALEX",
        "text": "Good morning, Sam.",
    }
    with pytest.raises(UserError, match="No scene 's09'"):
        service.edit_scene(token, film_id, "s09", "ALEX: Hi.", "k0")
    with pytest.raises(UserError, match="needs some text"):
        service.edit_scene(token, film_id, "s02", "   ", "k0")
    service.edit_scene(token, film_id, "s02", "Scene 2\nALEX: It is raining now.\nSAM: Then we stay in.\n", "k1")
    script = service.store.get_film(film_id).draft_script  # the film's script until this render succeeds
    assert script.startswith(TWO_SCENES.split("Scene 2")[0])  # scene 1 and the title untouched, byte for byte
    assert "It is raining now." in script and "sun is out" not in script
    assert service.ledger(token)[0].reference == f"film {film_id} scene s02"


def _wait(service: StudioService, token: str, film_id: str, seen: set[str], timeout: float = 420) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = service.progress(token, film_id)
        seen.add(progress.status)
        if progress.status in ("ready", "failed", "cancelled"):
            assert progress.status == "ready", progress.message
            assert progress.percent == 100.0
            return
        time.sleep(1.0)
    raise AssertionError(f"the render did not finish in {timeout:.0f} s: {service.progress(token, film_id)}")


def test_a_real_daemon_renders_the_queued_run_and_a_cancelled_rerender_breaks_nothing(
    service: StudioService,
) -> None:
    _, token = users(service)
    film_id = service.create_film(token, SHORT, {"resolution": "480p"})
    service.render(token, film_id, "click-1")
    env = dict(os.environ)
    service.settings.export(env)
    daemon = subprocess.Popen(
        [str(Path(sys.executable).with_name("dagster-daemon")), "run", "-w", str(ROOT / "workspace.yaml")],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        seen: set[str] = set()
        _wait(service, token, film_id, seen)
        assert "rendering" in seen or "queued" in seen
        files = service.media(token, film_id)
        assert {"mp4", "srt", "vtt", "trailer", "zip"} <= set(files)
        assert files["mp4"].stat().st_size > 10_000
        zipped = service.media_file(token, film_id, "zip")  # built on its first download
        assert zipped == files["zip"] and "film.mp4" in zipfile.ZipFile(zipped).namelist()
        assert service.films(token)[0].duration and service.films(token)[0].thumbnail.is_file()
        assert service.store.get_film(film_id).status == "ready"
        before = film_check_statuses(service.runs.instance, film_id)
        assert len(before) >= 10 and set(before.values()) <= {"succeeded", "failed"}, before

        # A re-render cancelled as soon as it runs: no red check in the Dagster UI, the film still watchable.
        rerender = service.render(token, film_id, "click-2")
        deadline = time.monotonic() + 300
        while service.progress(token, film_id).status != "rendering":
            assert time.monotonic() < deadline, service.progress(token, film_id)
            time.sleep(0.2)
        service.cancel(token, film_id)
        while not service.runs.instance.get_run_by_id(rerender).is_finished:  # CANCELING, then CANCELED
            assert time.monotonic() < deadline, service.progress(token, film_id)
            time.sleep(1.0)
        assert service.runs.instance.get_run_by_id(rerender).status.value == "CANCELED"
        assert service.progress(token, film_id).status == "cancelled"
        after = film_check_statuses(service.runs.instance, film_id)
        newly_red = {check for check, status in after.items() if status in RED and before.get(check) != status}
        assert not newly_red, after
        assert "skipped" in after.values() or after == before, after  # the cancelled run's planned checks
        (view,) = service.films(token)
        assert view.watchable and files["mp4"].stat().st_size > 10_000
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait()


def test_the_daemon_sensors_refund_failures_and_grant_months(
    service: StudioService, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dagster as dg

    from dagster_project.sensors import monthly_credit_grants, refund_failed_renders

    daemon_env: dict[str, str] = {}
    service.settings.export(daemon_env)  # what `studio up` gives the daemon: the sensors read STUDIO_DATABASE_URL
    for name, value in daemon_env.items():
        monkeypatch.setenv(name, value)
    _, token = users(service)
    film_id = service.create_film(token, SHORT, {})
    run_id = service.render(token, film_id, "click-1")
    instance = service.runs.instance
    instance.add_run_tags(run_id, {"dagster/max_retries": "0"})  # past its retry budget
    instance.report_run_failed(instance.get_run_by_id(run_id), "launch failed")
    (record,) = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.RUN_FAILURE).records
    context = dg.build_run_status_sensor_context(
        "refund_failed_renders", record.event_log_entry.dagster_event, instance, instance.get_run_by_id(run_id)
    )
    refund_failed_renders(context.for_run_failure())
    refund_failed_renders(context.for_run_failure())  # evaluated twice: still one refund
    assert [e.reason for e in service.ledger(token)] == ["refund", "render", "signup"]
    assert service.user(token).balance == 3
    skipped = monthly_credit_grants(dg.build_sensor_context(instance=instance))
    assert "granted 0 credits" in skipped.skip_message


def test_existing_instances_get_the_queued_run_coordinator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.orchestration.execute import INSTANCE_YAML, open_instance

    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    settings = Settings(tmp_path / "home", f"sqlite:///{tmp_path / 'studio.db'}", tmp_path / "home" / "dagster")
    settings.dagster_home.mkdir(parents=True)
    (settings.dagster_home / "dagster.yaml").write_text(INSTANCE_YAML)  # written by an older studio
    assert type(open_instance(settings).run_coordinator).__name__ == "QueuedRunCoordinator"
    open_instance(settings)
    assert (settings.dagster_home / "dagster.yaml").read_text().count("run_coordinator:") == 1


def test_runs_interrupted_by_stopping_the_studio_are_failed_and_resumed(service: StudioService) -> None:
    import dagster as dg
    from dagster._core.storage.tags import GRPC_INFO_TAG

    from studio.orchestration.runs import fail_orphaned_runs

    _, token = users(service)
    launched, cli = service.create_film(token, SHORT, {}), service.store.create_film("CLI", SHORT, "dialogue", {})
    run_id = service.render(token, launched, "click-1")
    instance = service.runs.instance
    # What the daemon's launch and the run worker record: the server's address, then RUN_START.
    instance.add_run_tags(run_id, {GRPC_INFO_TAG: '{"host": "127.0.0.1", "port": 1}'})
    instance.report_dagster_event(
        dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name="render_film"), run_id=run_id
    )
    cli_run = instance.create_run_for_job(dg.GraphDefinition("noop").to_job(), tags={"dagster/partition": cli.id})
    instance.report_dagster_event(
        dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name="noop"), run_id=cli_run.run_id
    )
    assert service.progress(token, launched).status == "rendering"
    assert fail_orphaned_runs(instance) == [run_id]  # the in-process CLI run is not the daemon's
    # Failed, and retried from its failure by the daemon's run retries: not refunded (yet).
    assert instance.get_run_by_id(run_id).tags["dagster/will_retry"] == "true"
    assert service.progress(token, launched).status == "queued"
    assert service.user(token).balance == 2
    assert instance.get_run_by_id(cli_run.run_id).status.value == "STARTED"


def test_dagster_shows_a_cancelled_runs_checks_as_skipped_and_a_failed_runs_as_failed(service: StudioService) -> None:
    """The control for the test above: the same query sees red when a run planning the checks fails."""
    _, token = users(service)
    failing, cancelled = service.create_film(token, SHORT, {}), service.create_film(token, SHORT, {})
    instance = service.runs.instance
    for film_id, key in ((failing, "click-1"), (cancelled, "click-2")):
        run = instance.get_run_by_id(service.render(token, film_id, key))  # its checks are planned at submit
        if film_id == failing:
            instance.report_run_failed(run, "the worker crashed")
        else:
            instance.report_run_canceled(run, "the creator cancelled")
    failed_statuses, cancelled_statuses = (
        film_check_statuses(instance, failing),
        film_check_statuses(instance, cancelled),
    )
    assert len(failed_statuses) >= 10 and set(failed_statuses.values()) == {"execution failed"}, failed_statuses
    assert cancelled_statuses.keys() == failed_statuses.keys() and set(cancelled_statuses.values()) == {"skipped"}
