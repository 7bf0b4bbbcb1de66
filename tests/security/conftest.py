"""A real studio web server (uvicorn + FastAPI + the mounted Gradio app) for the security tests,
on a free 127.0.0.1 port with its own STUDIO_HOME under .tmp/tests, and accounts made through
the same store: an admin (the first account), a victim with a film and media, and an attacker."""

from __future__ import annotations

import json
import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from accounts_support import start_smtp

from studio.compose import open_studio
from studio.services.studio_service import StudioService
from studio.settings import Settings
from tests.studio_ui.conftest import _free_port, _stop

ROOT = Path(__file__).resolve().parents[2]
TMP = ROOT / ".tmp" / "tests" / "security"
START_SECONDS = 300  # cold imports of gradio, dagster and spaCy on a busy 2-core machine
SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


@dataclass
class Server:
    url: str
    home: Path
    gradio_dir: Path  # where Gradio stores uploads (GRADIO_TEMP_DIR)
    service: StudioService  # the same store, opened by the test process
    admin: str
    victim: str
    attacker: str
    victim_film: str
    victim_secret: Path  # a file of the victim's film the attacker must not reach

    def client(self, token: str | None = None, timeout: float = 120) -> httpx.Client:
        cookies = {"studio_session": token} if token else {}
        return httpx.Client(base_url=self.url, cookies=cookies, timeout=timeout)


@pytest.fixture
def smtp():
    """A local SMTP server (aiosmtpd on 127.0.0.1) and the inbox of what it received."""
    controller, inbox = start_smtp()
    yield controller, inbox
    controller.stop()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    home = TMP / uuid.uuid4().hex[:10]
    (home / "dagster").mkdir(parents=True)
    gradio_dir = home / "gradio"
    port = _free_port()
    env = {
        **os.environ, "STUDIO_HOME": str(home), "DAGSTER_HOME": str(home / "dagster"),
        "STUDIO_DATABASE_URL": f"sqlite:///{home / 'studio.db'}", "GRADIO_TEMP_DIR": str(gradio_dir),
        "PYTHONUNBUFFERED": "1",
    }  # fmt: skip
    settings = Settings.from_env(env)
    service = open_studio(settings)
    admin = service.sign_up("admin@example.com", "password zero", "Admin")
    victim = service.sign_up("victim@example.com", "password one", "Victim")
    attacker = service.sign_up("attacker@example.com", "password two", "Attacker")
    film = service.create_film(victim, SHORT.replace("Tiny Talk", "Victim Secret Title"), {})
    secret = settings.media_root / film / "mix" / "mix.wav"
    secret.parent.mkdir(parents=True)
    secret.write_bytes(wav_bytes(seconds=2.0))
    log = home / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "uvicorn"), "studio.web.server:app_from_env", "--factory", "--host", "127.0.0.1",
             "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, log.read_text()[-4000:]
            assert time.monotonic() < deadline, log.read_text()[-4000:]
            try:
                if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        yield Server(url, home, gradio_dir, service, admin, victim, attacker, film, secret)
    finally:
        _stop(process)
        service.store.engine.dispose()


def wav_bytes(seconds: float, rate: int = 16000, width: int = 2) -> bytes:
    """A mono PCM WAV of a quiet tone, built by hand (no encoder between the test and the bytes)."""
    import math
    import struct

    frames = int(seconds * rate)
    if width == 1:
        data = bytes(128 + int(40 * math.sin(i / 5)) for i in range(frames))
    else:
        data = b"".join(struct.pack("<h", int(3000 * math.sin(i / 5))) for i in range(frames))
    header = (
        b"RIFF"
        + struct.pack("<I", 36 + len(data))
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * width, width, width * 8)
        + b"data"
        + struct.pack("<I", len(data))
    )
    return header + data


def queue_call(
    server: Server, fn_index: int, data: list[Any], token: str | None, timeout: float = 120
) -> tuple[int, Any]:
    """Call a function of the app by index through the queue, as the browser does.

    Returns (HTTP status of the join, outputs or the error message); a refused join returns its body.
    """
    session_hash = uuid.uuid4().hex[:11]
    with server.client(token, timeout) as client:
        joined = client.post("/gradio_api/queue/join", json={
            "data": data, "fn_index": fn_index, "session_hash": session_hash, "trigger_id": None, "event_data": None,
        })  # fmt: skip
        if joined.status_code != 200:
            return joined.status_code, joined.text
        with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session_hash}) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    output = message.get("output") or {}
                    return 200, output.get("data") if message.get("success") else output.get("error")
    return 200, None
