"""Finding 6 (sign-up): sign-up revealed registered emails, had no verification (10 accounts and
30 free credits in 1.4 s), two concurrent first sign-ups could both become admin, and names took
right-to-left override characters. Replayed here against a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from accounts_support import client_for, make_service
from sqlalchemy import func, select

from studio.domain.errors import UserError
from studio.store.accounts import LedgerRow, UserRow
from studio.web.auth_routes import SESSION_COOKIE


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, smtp):
    service = make_service(tmp_path, sqlite_url, smtp[0].port)  # email configured: verification on
    service.sign_up("owner@example.com", "password one", "Owner")  # the studio's admin...
    link = smtp[1].link("owner@example.com", "/auth/verify")  # ...who confirms the address too
    service.verify_email(link.split("token=")[1])
    smtp[1].messages.clear()
    return service


def _balance(service, email: str) -> int:
    with service.store.session() as session:
        return session.scalar(select(UserRow.balance).where(UserRow.email == email))


def test_sign_up_does_not_reveal_registered_emails(service, smtp) -> None:
    _, inbox = smtp
    client = client_for(service, "198.51.100.1")
    taken = client.post("/auth/sign-up", data={"name": "X", "email": "owner@example.com", "password": "whatever123"})
    new = client.post("/auth/sign-up", data={"name": "New", "email": "new@example.com", "password": "whatever123"})
    assert (taken.status_code, taken.json()) == (new.status_code, new.json())
    assert SESSION_COOKIE not in client.cookies  # neither answer signs anybody in
    # The address owners learn the difference, by email, not the caller.
    assert [m["Subject"] for m in inbox.to("owner@example.com")] == ["Someone tried to sign up with your email"]
    assert [m["Subject"] for m in inbox.to("new@example.com")] == ["Confirm your Film Studio email"]
    with service.store.session() as session:  # the taken account is untouched
        assert session.scalar(select(UserRow.name).where(UserRow.email == "owner@example.com")) == "Owner"


def test_free_credits_wait_for_the_emailed_link_which_works_once(service, smtp) -> None:
    _, inbox = smtp
    client = client_for(service, "198.51.100.2")
    client.post("/auth/sign-up", data={"name": "Asha", "email": "asha@example.com", "password": "asha password"})
    assert _balance(service, "asha@example.com") == 0
    refused = client.post("/auth/sign-in", data={"email": "asha@example.com", "password": "asha password"})
    assert refused.status_code == 401 and "Confirm your email" in refused.json()["error"]
    link = inbox.link("asha@example.com", "/auth/verify")
    followed = client.get(link, follow_redirects=False)
    assert followed.status_code == 303 and "httponly" in followed.headers["set-cookie"].lower()
    assert _balance(service, "asha@example.com") == 3
    again = client_for(service, "198.51.100.3").get(link, follow_redirects=False)
    assert again.status_code == 410  # single-use
    assert _balance(service, "asha@example.com") == 3
    with service.store.session() as session:
        assert session.scalar(select(func.count()).select_from(LedgerRow).where(LedgerRow.reason == "signup")) == 1
    assert (
        client.post("/auth/sign-in", data={"email": "asha@example.com", "password": "asha password"}).status_code == 200
    )


def test_mass_sign_ups_get_no_credits_and_are_slowed(service) -> None:
    client = client_for(service, "203.0.113.50")
    codes = [
        client.post(
            "/auth/sign-up", data={"name": f"Bot {i}", "email": f"bot{i}@example.com", "password": "bot password"}
        ).status_code
        for i in range(32)
    ]
    assert codes[:30] == [200] * 30 and codes[-1] == 429
    with service.store.session() as session:
        assert session.scalar(select(func.sum(UserRow.balance)).where(UserRow.email.like("bot%"))) == 0


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2069", "\u200e", "\u200f"])
def test_names_refuse_bidi_controls(service, char: str) -> None:
    token = service.sign_in("owner@example.com", "password one")
    with pytest.raises(UserError, match="text-direction"):
        service.update_profile(token, f"Admin{char}nimda")
    with pytest.raises(UserError, match="text-direction"):
        service.sign_up("b@example.com", "password two", f"Bob{char}")
    response = client_for(service).post(
        "/auth/sign-up", data={"name": f"Eve{char}", "email": "eve@example.com", "password": "eve password"}
    )
    assert response.status_code == 400
    with service.store.session() as session:
        assert session.scalar(select(func.count()).select_from(UserRow)) == 1
    assert service.user(token).name == "Owner"


def _first_sign_up(url: str, home: str, index: int, barrier) -> str:
    """One process of the race: open a service on the shared store, wait for the others, sign up."""
    from studio.compose import open_studio
    from studio.settings import Settings

    service = open_studio(Settings(Path(home), url, Path(home) / "dagster"))
    barrier.wait(60)
    return service.user(service.sign_up(f"racer{index}@example.com", "race password", f"Racer {index}")).role


@pytest.mark.parametrize("trial", range(2))
def test_concurrent_first_sign_ups_make_one_admin_on_postgres(tmp_path: Path, postgres_url: str, trial: int) -> None:
    from studio.store import FilmStore

    FilmStore(postgres_url).migrate()  # migrated once, so the racers only sign up
    processes = 6
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(processes)
    with context.Pool(processes) as pool:
        roles = pool.starmap(
            _first_sign_up, [(postgres_url, str(tmp_path / "home"), i, barrier) for i in range(processes)]
        )
    assert sorted(roles) == ["admin"] + ["creator"] * (processes - 1)
