"""A real studio for the browser tests (the FastAPI + Gradio server and a dagster-daemon) on a free
127.0.0.1 port with its own STUDIO_HOME under .tmp/tests, and Debian's chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from studio.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TMP = ROOT / ".tmp" / "tests"
SCREENSHOTS = TMP / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
START_SECONDS = 300  # cold imports of dagster, gradio and torch on a busy 2-core machine
PASSWORD = "correct-horse-battery"


@dataclass(frozen=True)
class Studio:
    url: str
    home: Path
    admin_email: str  # the first account of an empty studio is its admin
    admin_password: str


def call_event(url: str, api_name: str, data: list[Any], cookies: dict[str, str] | None = None) -> list[Any]:
    """Call one of the pages' Gradio events over HTTP, as the browser's queue does; its outputs."""
    import json

    with httpx.Client(base_url=url, timeout=120, cookies=cookies or {}) as client:
        started = client.post(f"/gradio_api/call/{api_name}", json={"data": data})
        started.raise_for_status()
        event_id = started.json()["event_id"]
        event = None
        with client.stream("GET", f"/gradio_api/call/{api_name}/{event_id}") as stream:
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    assert event == "complete", f"{api_name} raised instead of showing a message: {line}"
                    return json.loads(line[5:])
    raise AssertionError(f"{api_name}: the event stream ended without a result")


def sign_up_over_http(url: str, name: str, email: str, password: str) -> str:
    """Sign up through the server's /auth/sign-up route (the sign-up page posts there) and return the
    session token from its HttpOnly cookie: the way the tests get a signed-in client."""
    with httpx.Client(base_url=url, timeout=120) as client:
        response = client.post("/auth/sign-up", data={"name": name, "email": email, "password": password})
        assert response.status_code == 200, response.text
        return client.cookies.get("studio_session") or ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the server did not answer at {url} within {START_SECONDS} s:\n{log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the whole process group (uvicorn, or the daemon and its run workers), then wait."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


@pytest.fixture(scope="session")
def studio() -> Iterator[Studio]:
    """A fresh studio: uvicorn serving studio/web/server.py (FastAPI + the Gradio pages) and a real
    `dagster-daemon` that dequeues the render runs, sharing one STUDIO_HOME under .tmp/tests."""
    home = TMP / "studio_ui" / uuid.uuid4().hex[:10]
    (home / "dagster").mkdir(parents=True)
    port = _free_port()
    env = {
        **os.environ, "STUDIO_HOME": str(home), "DAGSTER_HOME": str(home / "dagster"),
        # The embedded SQLite store, as a new user gets; the run workers read it through EnvVar.
        "STUDIO_DATABASE_URL": f"sqlite:///{home / 'studio.db'}", "PYTHONUNBUFFERED": "1",
    }  # fmt: skip
    Settings.from_env(env).export(env)  # every variable the run workers' resources read
    bin_dir = ROOT / ".venv" / "bin"
    server = _start(
        [
            str(bin_dir / "uvicorn"),
            "studio.web.server:app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env,
        home / "server.log",
    )
    daemon = None
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/healthz", server, home / "server.log")
        # The web process writes the instance's dagster.yaml (queued run coordinator) when it opens
        # the instance; the daemon must read that file, so it starts after it exists.
        config = home / "dagster" / "dagster.yaml"
        deadline = time.monotonic() + START_SECONDS
        while "run_coordinator" not in (config.read_text() if config.exists() else ""):
            assert time.monotonic() < deadline, "the server never wrote the Dagster instance config"
            time.sleep(0.5)
        daemon = _start(
            [str(bin_dir / "dagster-daemon"), "run", "-w", str(ROOT / "workspace.yaml")], env, home / "daemon.log"
        )
        print(f"studio at {url}, home {home}")
        admin_email = f"admin-{uuid.uuid4().hex[:6]}@example.com"
        token = sign_up_over_http(url, "Admin", admin_email, PASSWORD)
        assert token, "the first sign-up failed"
        yield Studio(url, home, admin_email, PASSWORD)
    finally:
        for process in (daemon, server):
            if process is not None:
                _stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright; Playwright never downloads a browser of its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {SCREENSHOTS}")
    return SCREENSHOTS


@pytest.fixture(scope="session")
def gradio_call() -> Callable[..., list[Any]]:
    return call_event
