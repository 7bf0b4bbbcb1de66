"""A file the app sends to one session (a handler's output) is served from Gradio's cache to that
session only: other sessions and strangers get the same 404 as for a file that does not exist."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import gradio as gr
import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from studio.web.web_guard import SESSION_COOKIE, GradioGuard

SESSIONS = {"token-alice": "free", "token-bob": "free"}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    with gr.Blocks() as blocks:
        button = gr.Button("Speak")
        audio = gr.Audio()
        tone = (np.sin(np.arange(8000) / 3) * 8000).astype(np.int16)
        button.click(lambda: (8000, tone), None, audio)
    app = FastAPI()
    gr.mount_gradio_app(app, blocks, path="/")
    app.add_middleware(GradioGuard, tier_of=SESSIONS.get, public_names=set)
    return app


def _speak(client: TestClient, token: str) -> str:
    """Run the button's function through the queue as the browser does; the output file's path."""
    session_hash = uuid.uuid4().hex[:11]
    client.cookies.set(SESSION_COOKIE, token)
    joined = client.post(
        "/gradio_api/queue/join",
        json={"data": [], "fn_index": 0, "session_hash": session_hash, "trigger_id": None, "event_data": None},
    )
    assert joined.status_code == 200, joined.text
    with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session_hash}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:") and json.loads(line[5:]).get("msg") == "process_completed":
                return json.loads(line[5:])["output"]["data"][0]["path"]
    raise AssertionError("the function never completed")


def test_an_output_file_is_served_to_its_session_only(app: FastAPI) -> None:
    with TestClient(app) as client:
        path = _speak(client, "token-alice")
        assert client.get(f"/gradio_api/file={path}").status_code == 200  # alice hears her preview
        answers = []
        for token in ("token-bob", "forged", None):
            client.cookies.clear()
            if token:
                client.cookies.set(SESSION_COOKIE, token)
            for route in (f"/gradio_api/file={path}", f"/gradio_api/file={path}.missing"):
                answer = client.get(route)
                answers.append((answer.status_code, answer.text))
        assert set(answers) == {(404, '{"detail": "Not Found"}')}
