"""Renders survive real `kill -9`s: of the run worker mid-render, of `studio up` alone, and of every
process `studio up` started. Each test is bounded by its own deadlines and kills what it started.

Figures (steps reused by the retry, scenes reused from the cache) are printed; run with `-s` to see them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import psutil
import pytest

from studio.compose import open_studio
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store.media import asset_dir, read_manifest
from tests.entry_env import export_settings

ROOT = Path(__file__).resolve().parents[2]
TWO_SCENES = (
    "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\n"
    "Scene 2\nALEX: The sun is out today.\nSAM: Then let us walk.\n"
)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "STUDIO_HOME": str(home), "DAGSTER_HOME": str(home / "dagster")}
    env.pop("STUDIO_DATABASE_URL", None)
    return env


def _up(home: Path, log: Path) -> tuple[subprocess.Popen, int]:
    ui_port = _free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("studio")), "up", "--ui-port", str(ui_port), "--dagster-port", str(_free_port())],
        cwd=ROOT, env=_env(home), stdout=log.open("a"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    return process, ui_port


def _wait_for(predicate, timeout: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"{what} within {timeout:.0f} s\n" + (
            log.read_text()[-3000:] if log else ""
        )
        time.sleep(1.0)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _kill_tree(pid: int) -> list[psutil.Process]:
    """kill -9 of a process and every descendant at once (a crash of the whole machine's studio)."""
    root = psutil.Process(pid)
    tree = [*root.children(recursive=True), root]
    for process in tree:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(tree, timeout=20)
    return tree


def _service(home: Path, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    settings = Settings.from_env(_env(home))
    export_settings(monkeypatch, settings)  # this process submits the render, like the studio's server
    return open_studio(settings)


def _steps_done(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.STEP_SUCCESS).records
    return [r.event_log_entry.step_key for r in records]


def _wait_until_mid_render(service: StudioService, run_id: str, timeout: float = 600) -> None:
    """Until the run has finished its first steps (voices done) but not the final cut."""
    instance = service.runs.instance
    _wait_for(lambda: "voice_tracks" in _steps_done(instance, run_id) or instance.get_run_by_id(run_id).is_finished,
              timeout, "the render did not reach voice_tracks")  # fmt: skip
    assert not instance.get_run_by_id(run_id).is_finished, "the render finished before it could be killed"


def _finish_and_report(service: StudioService, token: str, film_id: str, first: str, timeout: float = 900) -> dict:
    """Wait for the film to be ready through its retries; the retry's reused steps and scenes."""
    _wait_for(lambda: service.progress(token, film_id).status in ("ready", "failed", "cancelled"), timeout,
              "the render did not finish")  # fmt: skip
    progress = service.progress(token, film_id)
    assert progress.status == "ready", progress.message
    instance = service.runs.instance
    group = sorted(instance.get_run_group(first)[1], key=lambda r: int(r.tags.get("dagster/retry_number", 0)))
    assert len(group) >= 2 and group[-1].status == dg.DagsterRunStatus.SUCCESS, [(r.run_id, r.status) for r in group]
    retry = group[-1]
    done_before = set(_steps_done(instance, first))
    executed = set(retry.step_keys_to_execute or [])
    lipsync = read_manifest(asset_dir(service.settings.media_root, film_id, "lipsync_clips"))
    report = {"attempts": len(group), "steps_reused": sorted(done_before - executed),
              "steps_rerun": sorted(executed), "scenes_reused": lipsync.get("scenes_reused", []),
              "scenes_recomputed": lipsync.get("scenes_recomputed", [])}  # fmt: skip
    print("retry report:", report)
    assert "scene_breakdown" in report["steps_reused"] and "voice_tracks" in report["steps_reused"]
    assert not done_before & executed  # a finished step is never run twice
    charges = [(e.reason, e.amount) for e in service.ledger(token) if e.reason in ("render", "refund")]
    assert charges == [("render", -1)], charges  # charged once, whatever the retries
    assert "mp4" in service.media(token, film_id)
    return report


def test_killing_studio_up_takes_its_children_and_a_second_up_refuses_while_one_lives(tmp_path: Path) -> None:
    home, log = tmp_path / "home", tmp_path / "up.log"
    first, ui_port = _up(home, log)
    started: list[subprocess.Popen] = [first]
    try:
        _wait_for(lambda: "The studio is ready." in log.read_text(), 300, "the first studio up was not ready", log)
        children = psutil.Process(first.pid).children()
        assert len(children) == 3
        second = subprocess.run(
            [str(Path(sys.executable).with_name("studio")), "up", "--ui-port", str(_free_port()), "--dagster-port",
             str(_free_port())], cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert second.returncode == 2 and f"(pid {first.pid})" in second.stdout, second.stdout + second.stderr
        os.kill(first.pid, signal.SIGKILL)  # the parent alone
        first.wait(timeout=30)
        _, alive = psutil.wait_procs(children, timeout=20)
        assert alive == [], [p.cmdline() for p in alive]  # daemon, webserver and web app died with it
        third, ui_port = _up(home, log)  # the stale lock file is taken over
        started.append(third)
        _wait_for(
            lambda: log.read_text().count("The studio is ready.") == 2, 300, "the next studio up was not ready", log
        )
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/healthz", timeout=5) as answer:
            assert answer.status == 200
        _stop(third)
        assert third.returncode == 0
    finally:
        for process in started:
            if process.poll() is None:
                _kill_tree(process.pid)
                process.wait()


def test_a_render_whose_worker_is_killed_resumes_from_its_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.orchestration.runs import worker_pid

    home, log = tmp_path / "home", tmp_path / "up.log"
    up, _ = _up(home, log)
    try:
        _wait_for(lambda: "The studio is ready." in log.read_text(), 300, "studio up was not ready", log)
        service = _service(home, monkeypatch)
        service.sign_up("owner@example.com", "password one", "Owner")
        token = service.sign_up("c@example.com", "password two", "Creator")
        film_id = service.create_film(token, TWO_SCENES, {"resolution": "480p"})
        first = service.render(token, film_id, "click-1")
        _wait_until_mid_render(service, first)
        pid = worker_pid(service.runs.instance, first)
        assert pid is not None and psutil.pid_exists(pid)
        killed = _kill_tree(pid)  # kill -9 of the run worker (and the step processes it started)
        print(
            f"killed the run worker {pid} and {len(killed) - 1} step process(es) after "
            f"{_steps_done(service.runs.instance, first)}"
        )
        _finish_and_report(service, token, film_id, first)
        assert up.poll() is None  # the studio itself never noticed
    finally:
        _stop(up)


def test_a_render_survives_kill_9_of_every_studio_up_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, log = tmp_path / "home", tmp_path / "up.log"
    up, _ = _up(home, log)
    started = [up]
    try:
        _wait_for(lambda: "The studio is ready." in log.read_text(), 300, "studio up was not ready", log)
        service = _service(home, monkeypatch)
        service.sign_up("owner@example.com", "password one", "Owner")
        token = service.sign_up("c@example.com", "password two", "Creator")
        film_id = service.create_film(token, TWO_SCENES, {"resolution": "480p"})
        first = service.render(token, film_id, "click-1")
        _wait_until_mid_render(service, first)
        killed = _kill_tree(up.pid)  # every process of the studio, at once
        up.wait()
        print(f"killed {len(killed)} studio processes after {_steps_done(service.runs.instance, first)}")
        assert service.runs.instance.get_run_by_id(first).status == dg.DagsterRunStatus.STARTED  # left in flight
        restarted, _ = _up(home, log)
        started.append(restarted)
        _wait_for(lambda: "will resume from where they stopped" in log.read_text(), 120, "no reconciliation", log)
        _finish_and_report(service, token, film_id, first)
    finally:
        for process in started:
            _stop(process)
