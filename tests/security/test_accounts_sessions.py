"""Finding 6 (sessions): the session cookie was set by page JavaScript (readable by
`document.cookie`, never HttpOnly), lived 14 days for a 7-day session, had no Secure option, and
cross-site posts were not checked. Now the server sets it; these tests replay each point."""

from __future__ import annotations

from pathlib import Path

import pytest
from accounts_support import client_for, make_service
from sqlalchemy import select

from studio.services import accounts
from studio.services.studio_service import NotSignedIn
from studio.store.accounts import SessionRow
from studio.web.auth_routes import SESSION_COOKIE


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str):
    service = make_service(tmp_path, sqlite_url, None)
    service.sign_up("owner@example.com", "password one", "Owner")
    service.sign_up("c@example.com", "password two", "Creator")
    return service


def _cookie_header(response) -> str:
    headers = [v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith(SESSION_COOKIE)]
    assert len(headers) == 1, response.headers
    return headers[0]


def test_sign_in_sets_an_httponly_strict_cookie_that_lives_as_long_as_the_session(service) -> None:
    client = client_for(service)
    response = client.post("/auth/sign-in", data={"email": "c@example.com", "password": "password two"})
    assert response.status_code == 200 and "token" not in response.text  # no token for page scripts
    header = _cookie_header(response).lower()
    assert "httponly" in header and "samesite=strict" in header and "path=/" in header
    assert "secure" not in header  # plain http on a local install
    max_age = int(header.split("max-age=")[1].split(";")[0])
    with service.store.session() as session:
        row = session.scalars(select(SessionRow).order_by(SessionRow.created_at.desc())).first()
        lifetime = accounts.aware(row.expires_at) - accounts.aware(row.created_at)
    assert max_age == int(lifetime.total_seconds()) == 7 * 86400  # was 14 days against a 7-day session
    assert client.get("/me/export").status_code == 200  # the cookie signs the browser in


def test_secure_cookies_when_the_setting_says_https(tmp_path: Path, sqlite_url: str) -> None:
    from dataclasses import replace

    service = make_service(tmp_path, sqlite_url, None)
    service.settings = replace(service.settings, cookie_secure=True)
    service.sign_up("a@example.com", "password one", "A")
    response = client_for(service).post("/auth/sign-in", data={"email": "a@example.com", "password": "password one"})
    assert "secure" in _cookie_header(response).lower()


def test_the_pages_never_write_the_cookie_from_javascript() -> None:
    import studio_ui.session as session_module
    from studio_ui.pages import account

    source = Path(session_module.__file__).read_text() + Path(account.__file__).read_text()
    assert "document.cookie" not in source


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Origin": "null"}, {"Origin": "", "Referer": "https://evil.example/page"}],
)
def test_cross_site_posts_are_refused_before_any_route(service, headers: dict) -> None:
    client = client_for(service)
    token = service.sign_in("c@example.com", "password two")
    client.cookies.set(SESSION_COOKIE, token)
    for path, data in (
        ("/auth/sign-out", {}),
        ("/auth/sign-in", {"email": "c@example.com", "password": "x"}),
        ("/auth/sign-up", {"name": "N", "email": "n@example.com", "password": "password nine"}),
        ("/gradio_api/queue/join", {}),
    ):
        response = client.post(path, data=data, headers=headers)
        assert response.status_code == 403 and "Cross-site" in response.text, path
    assert service.user(token).email == "c@example.com"  # the cross-site sign-out did nothing
    with service.store.session() as session:  # the refused sign-in was not even counted
        assert session.get(accounts.SignInThrottleRow, "c@example.com") is None
    same_site = client.post("/auth/sign-out")  # the studio's own page
    assert same_site.status_code == 200
    with pytest.raises(NotSignedIn):
        service.user(token)


def test_sign_out_clears_the_cookie_and_ends_the_session(service) -> None:
    client = client_for(service)
    client.post("/auth/sign-in", data={"email": "c@example.com", "password": "password two"})
    token = client.cookies.get(SESSION_COOKIE)
    response = client.post("/auth/sign-out")
    assert (
        'studio_session=""' in response.headers["set-cookie"] or "max-age=0" in response.headers["set-cookie"].lower()
    )
    with pytest.raises(NotSignedIn):
        service.user(token)


def test_privilege_changes_rotate_sessions(service) -> None:
    admin = service.sign_in("owner@example.com", "password one")
    creator = service.sign_in("c@example.com", "password two")
    service.set_role(admin, service.user(creator).id, "producer")
    with pytest.raises(NotSignedIn):  # opened as a creator: ends when the role changes
        service.user(creator)
    assert service.user(service.sign_in("c@example.com", "password two")).role == "producer"
    assert service.user(admin).role == "admin"  # the admin's own session is untouched
