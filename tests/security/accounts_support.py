"""Shared pieces of the accounts security tests: a local SMTP server (aiosmtpd on 127.0.0.1) that
keeps what it receives, and a studio service and FastAPI client wired to it."""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage as Message
from pathlib import Path

from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from studio.compose import open_studio
from studio.services.studio_service import StudioService
from studio.settings import Settings, SmtpSettings
from studio.web.server import create_app

ORIGIN = "http://testserver"  # what a browser on the studio's own pages sends


@dataclass
class Inbox:
    """Messages the local SMTP server accepted."""

    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]

    def link(self, address: str, path: str) -> str:
        """The last link to `path` mailed to `address` (path and query)."""
        for message in reversed(self.to(address)):
            found = re.search(rf"https?://[^/\s]+({re.escape(path)}\?token=[\w\-]+)", message.get_content())
            if found:
                return found.group(1)
        raise AssertionError(f"no {path} link was mailed to {address}: {[m['Subject'] for m in self.to(address)]}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_smtp() -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, inbox


def make_service(
    tmp_path: Path, database_url: str, smtp_port: int | None, verification: bool | None = None
) -> StudioService:
    smtp = (
        SmtpSettings(host="127.0.0.1", port=smtp_port, sender="studio@example.com", tls="none") if smtp_port else None
    )
    settings = Settings(
        tmp_path / "home",
        database_url,
        tmp_path / "home" / "dagster",
        smtp=smtp,
        public_url="http://studio.example.com",
        require_verification=smtp is not None if verification is None else verification,
    )
    return open_studio(settings)


def client_for(service: StudioService, address: str = "testclient") -> TestClient:
    """A browser-like client: same-origin `Origin` header on every request, its own address."""
    return TestClient(create_app(service, ui=False), headers={"Origin": ORIGIN}, client=(address, 50000))
