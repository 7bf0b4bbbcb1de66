"""Email through SMTP (issue 11, item 4) against a local aiosmtpd server: verification, password
reset by a single-use expiring link, notifications; SMTP down and email not configured."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from accounts_support import client_for, free_port, make_service
from sqlalchemy import update

from integrations.mailer import EmailFailed, EmailNotConfigured, Mailer, notify_film_ready, notify_low_balance
from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.services import accounts
from studio.services.studio_service import NotSignedIn
from studio.settings import Settings, SmtpSettings
from studio.store.accounts import AccountTokenRow


def test_mailer_delivers_and_notifications_reach_the_inbox(smtp) -> None:
    controller, inbox = smtp
    mailer = Mailer(SmtpSettings("127.0.0.1", controller.port, "studio@example.com", tls="none"))
    assert notify_film_ready(mailer, "c@example.com", "Tea on the Roof", "http://studio.example.com/watch?film=ab12cd")
    assert notify_low_balance(mailer, "c@example.com", 2, "http://studio.example.com/credits")
    subjects = [m["Subject"] for m in inbox.to("c@example.com")]
    assert subjects == ["Your film “Tea on the Roof” is ready", "Your Film Studio credits are running low"]
    assert "watch?film=ab12cd" in inbox.to("c@example.com")[0].get_content()
    assert "2 credits left" in inbox.to("c@example.com")[1].get_content()


def test_smtp_down_is_a_clear_log_line_and_sign_up_still_works(tmp_path: Path, sqlite_url: str, smtp, caplog) -> None:
    controller, inbox = smtp
    dead_port = free_port()  # nothing listens here
    mailer = Mailer(SmtpSettings("127.0.0.1", dead_port, "studio@example.com", tls="none", password="s3cret-pw"))
    with pytest.raises(EmailFailed, match=f"127.0.0.1:{dead_port}"):
        mailer.send("a@example.com", "hi", "body")
    assert notify_film_ready(mailer, "a@example.com", "T", "http://x") is False
    service = make_service(tmp_path, sqlite_url, dead_port)
    with caplog.at_level(logging.ERROR, logger="integrations.mailer"):
        answer = client_for(service).post(
            "/auth/sign-up", data={"name": "A", "email": "a@example.com", "password": "a password"}
        )
    assert answer.status_code == 200 and "Check your inbox" in answer.json()["message"]
    assert any(f"127.0.0.1:{dead_port}" in r.getMessage() for r in caplog.records)
    assert not any("s3cret-pw" in r.getMessage() or "a@example.com" in r.getMessage() for r in caplog.records)
    # The mail server comes back: the link is sent again on request and works.
    from dataclasses import replace

    service.settings = replace(service.settings, smtp=replace(service.settings.smtp, port=controller.port))
    client_for(service).post("/auth/resend", data={"email": "a@example.com"})
    link = inbox.link("a@example.com", "/auth/verify")
    assert client_for(service).get(link, follow_redirects=False).status_code == 303


def test_password_reset_link_is_single_use_and_expires(tmp_path: Path, sqlite_url: str, smtp) -> None:
    _, inbox = smtp
    service = make_service(tmp_path, sqlite_url, smtp[0].port, verification=False)
    old_session = service.sign_up("a@example.com", "old password", "A")
    client = client_for(service)
    unknown = client.post("/auth/forgot", data={"email": "nobody@example.com"})
    known = client.post("/auth/forgot", data={"email": "a@example.com"})
    assert unknown.json() == known.json()  # the same answer for any email
    assert inbox.to("nobody@example.com") == []
    token = inbox.link("a@example.com", "/auth/reset").split("token=")[1]
    form = client.get(f"/auth/reset?token={token}")
    assert form.status_code == 200 and "new password" in form.text.lower()
    assert client.post("/auth/reset", data={"token": token, "password": "short"}).status_code == 400
    assert client.post("/auth/reset", data={"token": token, "password": "brand new password"}).status_code == 200
    with pytest.raises(NotSignedIn):  # every session ended
        service.user(old_session)
    assert client.post("/auth/reset", data={"token": token, "password": "another password"}).status_code == 400
    with pytest.raises(accounts.AuthError):
        service.sign_in("a@example.com", "another password")
    assert service.user(service.sign_in("a@example.com", "brand new password")).email == "a@example.com"
    # An expired link is refused.
    client.post("/auth/forgot", data={"email": "a@example.com"})
    late = inbox.link("a@example.com", "/auth/reset").split("token=")[1]
    with service.store.session() as session:
        session.execute(
            update(AccountTokenRow).values(
                created_at=accounts.now() - timedelta(hours=1), expires_at=accounts.now() - timedelta(minutes=1)
            )
        )
    assert client.get(f"/auth/reset?token={late}").status_code == 410
    assert client.post("/auth/reset", data={"token": late, "password": "late password"}).status_code == 400


def test_without_email_settings_the_studio_still_runs(tmp_path: Path, sqlite_url: str, monkeypatch) -> None:
    settings = Settings.from_env({"STUDIO_HOME": str(tmp_path / "home")})
    assert settings.smtp is None and not settings.require_verification
    mailer = Mailer(None)
    with pytest.raises(EmailNotConfigured, match="not configured"):
        mailer.send("a@example.com", "s", "b")
    assert notify_low_balance(mailer, "a@example.com", 1, "http://x") is False
    service = make_service(tmp_path, sqlite_url, None)
    assert service.email_status() == "email not configured"
    token = service.sign_up("a@example.com", "password one", "A")  # a local install: signed in at once
    assert service.user(token).balance is None  # the first account: the admin, unlimited
    with pytest.raises(UserError, match="Email is not configured"):
        service.request_password_reset("a@example.com")


def test_cli_admin_skips_verification_where_it_is_required(tmp_path: Path, monkeypatch, smtp) -> None:
    from click.testing import CliRunner

    from studio.cli.main import main

    monkeypatch.setenv("STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("STUDIO_DATABASE_URL", raising=False)
    monkeypatch.setenv("STUDIO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("STUDIO_SMTP_PORT", str(smtp[0].port))
    monkeypatch.setenv("STUDIO_SMTP_TLS", "none")
    result = CliRunner().invoke(main, ["admin", "create", "boss@example.com", "--password", "boss password"])
    assert result.exit_code == 0, result.output
    service = open_studio(Settings.from_env())
    assert service.settings.require_verification
    assert service.user(service.sign_in("boss@example.com", "boss password")).role == "admin"
    with pytest.raises(ValueError, match="STUDIO_SMTP_TLS"):
        Settings.from_env({"STUDIO_SMTP_HOST": "x", "STUDIO_SMTP_TLS": "maybe"})
