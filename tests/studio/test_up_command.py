"""`studio up` serves the studio and the Dagster UI, and stops every process it started on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx
import psutil

from studio.compose import open_studio
from studio.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


def test_studio_up_serves_both_and_stops_cleanly(tmp_path: Path) -> None:
    ui_port, dagster_port = free_port(), free_port()
    env = {**os.environ, "STUDIO_HOME": str(tmp_path / "home"), "DAGSTER_HOME": str(tmp_path / "home" / "dagster")}
    env.pop("STUDIO_DATABASE_URL", None)
    log = (tmp_path / "up.log").open("w")
    up = subprocess.Popen(
        [str(Path(sys.executable).with_name("studio")), "up", "--ui-port", str(ui_port), "--dagster-port", str(dagster_port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        urls = (f"http://127.0.0.1:{ui_port}/healthz", f"http://127.0.0.1:{ui_port}/",
                f"http://127.0.0.1:{dagster_port}/dagster/server_info")  # fmt: skip
        while not all(answers(url) for url in urls):
            assert up.poll() is None, (tmp_path / "up.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "up.log").read_text()
            time.sleep(2)
        children = psutil.Process(up.pid).children(recursive=True)
        names = " ".join(" ".join(c.cmdline()) for c in children)
        assert "dagster-daemon" in names and "dagster-webserver" in names and "uvicorn" in names
        printed = (tmp_path / "up.log").read_text()
        assert f"http://127.0.0.1:{ui_port}" in printed and f"http://127.0.0.1:{dagster_port}" in printed
        assert (tmp_path / "home" / "dagster" / "dagster.yaml").read_text().count("QueuedRunCoordinator") == 1
        # The Dagster UI listens on the loopback interface only, and the studio forwards /dagster to
        # it for admins and producers alone (security finding 7).
        assert f"-h 127.0.0.1 -p {dagster_port} --path-prefix /dagster" in names
        service = open_studio(Settings.from_env(env))
        admin, creator = (
            service.sign_up("a@example.com", "password one", "A"),
            service.sign_up("c@example.com", "password two", "C"),
        )
        through = f"http://127.0.0.1:{ui_port}/dagster/server_info"
        assert httpx.get(through).status_code == 401
        assert httpx.get(through, cookies={"studio_session": creator}).status_code == 403
        answer = httpx.get(through, cookies={"studio_session": admin})
        assert answer.status_code == 200 and "dagster_webserver_version" in answer.text
        service.store.engine.dispose()
        up.send_signal(signal.SIGTERM)
        assert up.wait(timeout=60) == 0
        _, alive = psutil.wait_procs(children, timeout=10)
        assert alive == [], [p.cmdline() for p in alive]
        assert not answers(urls[0]) and not answers(urls[2])
        assert "Stopped." in (tmp_path / "up.log").read_text()
    finally:
        if up.poll() is None:  # a failed assertion above: leave nothing running behind the test
            up.send_signal(signal.SIGTERM)
            try:
                up.wait(timeout=60)
            except subprocess.TimeoutExpired:
                up.kill()
                up.wait()
        log.close()
