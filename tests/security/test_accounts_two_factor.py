"""TOTP two-factor sign-in (pyotp) with hashed single-use recovery codes; required for admins once on."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from accounts_support import client_for, make_service
from sqlalchemy import select

from studio.domain.errors import UserError
from studio.services.account_service import TwoFactorRequired
from studio.services.studio_service import NotSignedIn
from studio.store.accounts import RecoveryCodeRow


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str):
    service = make_service(tmp_path, sqlite_url, None)
    service.sign_up("admin@example.com", "admin password", "Admin")
    service.sign_up("c@example.com", "creator password", "Creator")
    return service


def enrol(service, email: str, password: str) -> tuple[pyotp.TOTP, list[str], str]:
    token = service.sign_in(email, password)
    uri = service.two_factor_begin(token)
    totp = pyotp.TOTP(parse_qs(urlsplit(uri).query)["secret"][0])
    with pytest.raises(UserError, match="not right"):
        service.two_factor_confirm(token, "000000" if totp.now() != "000000" else "111111")
    codes = service.two_factor_confirm(token, totp.now())
    return totp, codes, token


def test_two_factor_sign_in_through_the_routes(service) -> None:
    other_browser = service.sign_in("c@example.com", "creator password")
    totp, codes, token = enrol(service, "c@example.com", "creator password")
    assert len(codes) == 10 and len(set(codes)) == 10
    with pytest.raises(NotSignedIn):  # sessions opened without the second factor end
        service.user(other_browser)
    assert service.user(token).email == "c@example.com"
    with service.store.session() as session:  # only hashes are stored
        stored = list(session.scalars(select(RecoveryCodeRow.code_hash)))
    assert len(stored) == 10 and not set(codes) & set(stored)
    client = client_for(service)
    step = client.post("/auth/sign-in", data={"email": "c@example.com", "password": "creator password"})
    assert step.status_code == 200 and step.json()["second_factor"] and "studio_session" not in client.cookies
    wrong = client.post("/auth/sign-in/code", data={"challenge": step.json()["challenge"], "code": "12345x"})
    assert wrong.status_code == 401 and "studio_session" not in client.cookies
    # The wrong code used up the challenge: the right code on it no longer works.
    assert (
        client.post("/auth/sign-in/code", data={"challenge": step.json()["challenge"], "code": totp.now()}).status_code
        == 401
    )
    step = client.post("/auth/sign-in", data={"email": "c@example.com", "password": "creator password"})
    done = client.post("/auth/sign-in/code", data={"challenge": step.json()["challenge"], "code": totp.now()})
    assert done.status_code == 200 and client.cookies.get("studio_session")


def test_recovery_codes_work_once(service) -> None:
    _totp, codes, _ = enrol(service, "c@example.com", "creator password")
    with pytest.raises(TwoFactorRequired) as step:
        service.sign_in("c@example.com", "creator password")
    service.user(service.sign_in_second_factor(step.value.challenge, codes[0]))
    with pytest.raises(TwoFactorRequired) as step:
        service.sign_in("c@example.com", "creator password")
    with pytest.raises(UserError, match="not right"):
        service.sign_in_second_factor(step.value.challenge, codes[0])


def test_admins_keep_two_factor_on_creators_may_turn_it_off(service) -> None:
    totp, _, admin = enrol(service, "admin@example.com", "admin password")
    with pytest.raises(UserError, match="must keep"):
        service.two_factor_disable(admin, totp.now())
    assert service.two_factor_status(admin) == {"enabled": True, "recovery_codes_left": 10, "required": True}
    with pytest.raises(TwoFactorRequired):  # the password alone no longer signs the admin in
        service.sign_in("admin@example.com", "admin password")
    ctotp, _, creator = enrol(service, "c@example.com", "creator password")
    with pytest.raises(UserError, match="not right"):
        service.two_factor_disable(creator, "999999" if ctotp.now() != "999999" else "888888")
    service.two_factor_disable(creator, ctotp.now())
    assert service.user(service.sign_in("c@example.com", "creator password")).email == "c@example.com"
