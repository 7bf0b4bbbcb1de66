"""The pages' handlers over HTTP (Gradio's own event API, as the browser calls it) and the page
helpers directly: errors come back as messages in the page, never as tracebacks or 500s."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from studio_ui.uploads import check_music, check_references

SCRIPT = "Title: Tea\n\nASHA: The tea is ready.\nRAVI: Then let us drink it on the roof.\n"


def new_user(studio: Any, gradio_call: Any) -> tuple[str, dict[str, str]]:
    """A new account signed up through /auth/sign-up (what the page's button posts to)."""
    email = f"user-{uuid.uuid4().hex[:8]}@example.com"
    with httpx.Client(base_url=studio.url, timeout=120) as client:
        response = client.post(
            "/auth/sign-up", data={"name": "Handler Test", "email": email, "password": "a-long-password"}
        )
        token = client.cookies.get("studio_session")
    assert response.status_code == 200 and token, response.text
    return email, {"studio_session": token}


def test_sign_in_with_a_wrong_password_is_a_message(studio: Any, gradio_call: Any) -> None:
    # Sign-in is the server's /auth/sign-in route (the page's button posts there): a message, no cookie.
    email, _ = new_user(studio, gradio_call)
    with httpx.Client(base_url=studio.url, timeout=60) as client:
        refused = client.post("/auth/sign-in", data={"email": email, "password": "wrong-password"})
        assert refused.status_code == 401 and "Wrong email or password" in refused.json()["error"]
        assert "studio_session" not in client.cookies
        accepted = client.post("/auth/sign-in", data={"email": email, "password": "a-long-password"})
        assert accepted.status_code == 200 and client.cookies.get("studio_session")
        assert "httponly" in accepted.headers["set-cookie"].lower()


def test_estimate_shows_words_length_and_cost(studio: Any, gradio_call: Any) -> None:
    _, cookies = new_user(studio, gradio_call)
    summary, _cast = gradio_call(studio.url, "estimate", [SCRIPT, "auto", "auto", 0], cookies)
    assert "12 words" in summary and "2 character(s)" in summary and "costs **1 credit**" in summary, summary
    # Signed out: the page says to sign in instead of failing.
    summary, _ = gradio_call(studio.url, "estimate", [SCRIPT, "auto", "auto", 0])
    assert summary.startswith("⚠") and "Sign in" in summary


def test_estimate_of_a_bad_duration_is_a_message(studio: Any, gradio_call: Any) -> None:
    _, cookies = new_user(studio, gradio_call)
    summary, _ = gradio_call(studio.url, "estimate", [SCRIPT, "auto", "auto", 3], cookies)
    assert summary.startswith("⚠") and "Traceback" not in summary


def test_a_creator_cannot_use_the_admin_page(studio: Any, gradio_call: Any) -> None:
    _, cookies = new_user(studio, gradio_call)
    outputs = gradio_call(studio.url, "admin", [], cookies)
    assert outputs[0].startswith("⚠"), outputs[0]
    assert outputs[1]["visible"] is False, "a creator was shown the admin controls"
    assert not outputs[2]["data"], "a creator was shown the user list"


def test_new_account_has_a_ledger_and_no_films(studio: Any, gradio_call: Any) -> None:
    _, cookies = new_user(studio, gradio_call)
    balance, ledger = gradio_call(studio.url, "ledger", [], cookies)
    assert "3 credits" in balance and "**Free** plan" in balance, balance
    who, films = gradio_call(studio.url, "home", [], cookies)
    assert "Signed in as" in who and "No films yet" in films


def test_pages_answer_and_media_needs_a_session(studio: Any) -> None:
    for page in ("/", "/create", "/storyboard", "/render", "/watch", "/credits", "/admin", "/account"):
        assert httpx.get(studio.url + page, timeout=60).status_code == 200, page
    assert httpx.get(studio.url + "/media/0123456789ab/mp4", timeout=60).status_code == 401


def test_uploads_are_checked_with_a_clear_reason(tmp_path: Path) -> None:
    fake_song = tmp_path / "song.mp3"
    fake_song.write_text("these are not sounds")
    with pytest.raises(ValueError, match="song.mp3"):
        check_music(fake_song)
    fake_picture = tmp_path / "face.png"
    fake_picture.write_bytes(b"GIF89a not a png at all")
    with pytest.raises(ValueError, match="face.png"):
        check_references([fake_picture])
