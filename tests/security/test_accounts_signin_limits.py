"""Finding 6 (sign-in limits): 30 different emails could be tried in 21 s from one client (no
per-client limit), and anyone could keep a known account locked (the lock refused the right
password from everywhere). Now one client is slowed whatever emails it tries, and an account's
lock never stops its owner: a browser that signed in before, or a reset link, still gets in."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from accounts_support import client_for, make_service

from studio.services import accounts
from studio.store.accounts import SignInThrottleRow
from studio.web.auth_routes import DEVICE_COOKIE, SESSION_COOKIE


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, smtp):
    controller, _ = smtp
    service = make_service(tmp_path, sqlite_url, controller.port, verification=False)
    service.sign_up("owner@example.com", "password one", "Owner")
    service.sign_up("victim@example.com", "victim password", "Victim")
    return service


def lock_out(service, email: str) -> None:
    """An attacker guesses from many addresses until the account is locked, and keeps at it (the
    lock is stretched to 15 minutes so the test does not race its expiry)."""
    for i in range(4):
        client_for(service, f"203.0.113.{i}").post("/auth/sign-in", data={"email": email, "password": f"guess {i}"})
    with service.store.session() as session:
        row = session.get(SignInThrottleRow, email)
        assert row.failures >= accounts.FREE_FAILURES and row.locked_until is not None
        row.locked_until = accounts.now() + timedelta(minutes=15)


def test_one_client_cannot_try_many_emails(service) -> None:
    attacker = client_for(service, "203.0.113.9")
    codes = [
        attacker.post("/auth/sign-in", data={"email": f"guess{i}@example.com", "password": "password1"}).status_code
        for i in range(30)
    ]
    assert codes[: accounts.CLIENT_FREE_FAILURES] == [401] * accounts.CLIENT_FREE_FAILURES
    assert set(codes[accounts.CLIENT_FREE_FAILURES :]) == {429}  # slowed after ten, whatever the email
    locked = attacker.post("/auth/sign-in", data={"email": "victim@example.com", "password": "victim password"})
    assert locked.status_code == 429 and "from your network" in locked.json()["error"]
    # Another client is not affected by this one's lock.
    other = client_for(service, "198.51.100.7")
    assert (
        other.post("/auth/sign-in", data={"email": "victim@example.com", "password": "victim password"}).status_code
        == 200
    )


def test_a_quiet_window_forgives_old_failures(service) -> None:
    for _ in range(2):
        with pytest.raises(accounts.AuthError):
            service.sign_in("victim@example.com", "wrong guess", "192.0.2.1")
    with service.store.session() as session:  # fifteen quiet minutes later
        for row in session.query(SignInThrottleRow):
            row.locked_until = accounts.now() - timedelta(minutes=16)
    with pytest.raises(accounts.AuthError, match="Wrong email"):
        service.sign_in("victim@example.com", "wrong guess", "192.0.2.1")
    with service.store.session() as session:
        assert session.get(SignInThrottleRow, "victim@example.com").failures == 1


def test_an_attacker_cannot_lock_the_owner_out(service, smtp) -> None:
    _, inbox = smtp
    victim = client_for(service, "198.51.100.20")
    assert (
        victim.post("/auth/sign-in", data={"email": "victim@example.com", "password": "victim password"}).status_code
        == 200
    )
    assert victim.cookies.get(DEVICE_COOKIE)  # this browser is now known to the account
    victim.post("/auth/sign-out")
    # The attacker locks the account from many addresses (so the per-client limit never bites).
    lock_out(service, "victim@example.com")
    fresh_browser = client_for(service, "198.51.100.21")
    refused = fresh_browser.post("/auth/sign-in", data={"email": "victim@example.com", "password": "victim password"})
    assert refused.status_code == 429 and "browser you used before" in refused.json()["error"]
    # The owner's own browser still signs in with the right password during the lock...
    again = victim.post("/auth/sign-in", data={"email": "victim@example.com", "password": "victim password"})
    assert again.status_code == 200 and victim.cookies.get(SESSION_COOKIE)
    # ...while a wrong password from that browser is still just wrong.
    assert (
        victim.post("/auth/sign-in", data={"email": "victim@example.com", "password": "nope nope"}).status_code == 401
    )
    # From a new browser, an emailed reset link gets the owner in and clears the lock.
    assert fresh_browser.post("/auth/forgot", data={"email": "victim@example.com"}).status_code == 200
    link = inbox.link("victim@example.com", "/auth/reset")
    token = link.split("token=")[1]
    assert fresh_browser.post("/auth/reset", data={"token": token, "password": "a new password"}).status_code == 200
    assert (
        fresh_browser.post(
            "/auth/sign-in", data={"email": "victim@example.com", "password": "a new password"}
        ).status_code
        == 200
    )


def test_a_stolen_or_forged_device_cookie_does_not_bypass_the_lock(service) -> None:
    lock_out(service, "victim@example.com")
    forger = client_for(service, "203.0.113.99")
    with service.store.session() as session:
        victim_id = session.query(accounts.UserRow).filter_by(email="victim@example.com").one().id
    forger.cookies.set(DEVICE_COOKIE, f"{victim_id}.{'0' * 64}", path="/auth")
    assert (
        forger.post("/auth/sign-in", data={"email": "victim@example.com", "password": "victim password"}).status_code
        == 429
    )
    # A device cookie of another account does not help either.
    owner = client_for(service, "203.0.113.100")
    owner.post("/auth/sign-in", data={"email": "owner@example.com", "password": "password one"})
    assert (
        owner.post("/auth/sign-in", data={"email": "victim@example.com", "password": "victim password"}).status_code
        == 429
    )
