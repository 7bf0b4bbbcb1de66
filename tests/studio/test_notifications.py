"""Emails after a finished render, sent to a local SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from integrations.mailer import Mailer
from studio.services.notifications import finished_run_emails
from studio.settings import SmtpSettings
from studio.store import FilmStore
from studio.store.accounts import RenderRequestRow, UserRow


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def inbox():
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=_port())
    controller.start()
    yield box, SmtpSettings(host="127.0.0.1", port=controller.port, sender="studio@example.com", tls="none")
    controller.stop()


def _render(url: str, balance: int, charged: int, run_id: str) -> None:
    store = FilmStore(url)
    store.migrate()
    with store.session() as session:
        if session.get(UserRow, "u1") is None:
            session.add(UserRow(id="u1", email="maya@example.com", name="Maya", password_hash="x", balance=balance))
        else:
            session.get(UserRow, "u1").balance = balance
    film = store.create_film("Harbour Light", "MAYA: Hello.", "dialogue", {}, owner_id="u1")
    with store.session() as session:
        session.add(RenderRequestRow(key=f"u1:{run_id}", user_id="u1", film_id=film.id, run_id=run_id, cost=charged,
                                     charged=charged, state="done"))  # fmt: skip
    store.engine.dispose()


def test_ready_email_and_one_low_balance_warning_when_the_line_is_crossed(inbox, sqlite_url: str) -> None:
    box, smtp = inbox
    _render(sqlite_url, balance=3, charged=3, run_id="run-a")  # 6 -> 3: crossed the line of 5
    assert finished_run_emails(sqlite_url, "run-a", Mailer(smtp), "https://studio.example.com") == [
        "film_ready", "low_balance"]  # fmt: skip
    subjects = [m["Subject"] for m in box.messages]
    assert any("Harbour Light" in s and "ready" in s for s in subjects)
    assert any("running low" in s for s in subjects)
    ready = next(m for m in box.messages if "ready" in m["Subject"])
    assert ready["To"] == "maya@example.com" and "https://studio.example.com/watch" in ready.get_content()
    _render(sqlite_url, balance=1, charged=2, run_id="run-b")  # already low before: no second warning
    assert finished_run_emails(sqlite_url, "run-b", Mailer(smtp)) == ["film_ready"]


def test_mail_server_down_or_unknown_run_sends_nothing_and_raises_nothing(sqlite_url: str, tmp_path: Path) -> None:
    _render(sqlite_url, balance=3, charged=3, run_id="run-c")
    down = SmtpSettings(host="127.0.0.1", port=_port(), sender="studio@example.com", tls="none")
    assert finished_run_emails(sqlite_url, "run-c", Mailer(down)) == []
    assert finished_run_emails(sqlite_url, "run-c", Mailer(None)) == []  # email not configured
    assert finished_run_emails(sqlite_url, "no-such-run", Mailer(down)) == []
