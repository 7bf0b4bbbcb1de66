"""Accounts: argon2 hashes, expiring sessions, sign-in throttling in the database, roles, deletion."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.services.accounts import AuthError, SignInLocked, lock_seconds, now
from studio.services.studio_service import Forbidden, NotSignedIn, StudioService
from studio.settings import Settings
from studio.store import FilmRow
from studio.store.accounts import LedgerRow, SessionRow, SignInThrottleRow, UserRow

PODCAST = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


@pytest.fixture
def service(tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")  # restored afterwards: the service exports its own settings
    return open_studio(Settings(tmp_path / "home", store_url, tmp_path / "home" / "dagster"))


def test_first_user_is_admin_and_passwords_are_argon2(service: StudioService) -> None:
    admin = service.user(service.sign_up("Owner@Example.com", "correct horse", "Owner"))
    creator = service.user(service.sign_up("ann@example.com", "battery staple", "Ann"))
    assert (admin.role, admin.tier, admin.balance, admin.email) == ("admin", "enterprise", None, "owner@example.com")
    assert (creator.role, creator.tier, creator.balance) == ("creator", "free", 3)
    with service.store.session() as session:
        hashes = list(session.scalars(select(UserRow.password_hash)))
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any("correct horse" in h or "battery staple" in h for h in hashes)


@pytest.mark.parametrize(
    ("email", "password", "name", "message"),
    [
        ("not-an-email", "long enough", "A", "valid email"),
        ("a@example.com", "short", "A", "at least 8"),
        ("a@example.com", "long enough", "   ", "Enter your name"),
        ("a@example.com", "x" * 300, "A", "limited to"),
    ],
)
def test_bad_sign_up_is_refused_and_creates_nothing(
    service: StudioService, email: str, password: str, name: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        service.sign_up(email, password, name)
    with service.store.session() as session:
        assert session.scalar(select(func.count()).select_from(UserRow)) == 0


def test_duplicate_email_is_refused(service: StudioService) -> None:
    service.sign_up("a@example.com", "password one", "A")
    with pytest.raises(UserError, match="already exists"):
        service.sign_up("A@EXAMPLE.COM", "password two", "B")


def test_sessions_are_hashed_expire_and_end_on_sign_out(service: StudioService) -> None:
    token = service.sign_up("a@example.com", "password one", "A")
    with service.store.session() as session:
        stored = list(session.scalars(select(SessionRow.token_hash)))
    assert token not in stored and len(stored) == 1
    second = service.sign_in("a@example.com", "password one")
    assert service.user(second).email == "a@example.com"
    with service.store.session() as session:  # the first session's week is over
        session.execute(update(SessionRow).values(expires_at=now() - timedelta(seconds=1)))
    for expired in (token, second):
        with pytest.raises(NotSignedIn):
            service.user(expired)
    third = service.sign_in("a@example.com", "password one")
    service.sign_out(third)
    with pytest.raises(NotSignedIn):
        service.user(third)
    for bad in ("", "nonsense", "x" * 500):
        with pytest.raises(NotSignedIn):
            service.user(bad)


def test_failed_sign_ins_lock_the_email_in_the_database(service: StudioService, tmp_path: Path) -> None:
    service.sign_up("a@example.com", "password one", "A")
    for _ in range(3):
        with pytest.raises(AuthError, match="Wrong email or password"):
            service.sign_in("a@example.com", "wrong password")
    # The fourth try is refused before the password is even checked, the right one included...
    with pytest.raises(SignInLocked, match="try again in"):
        service.sign_in("a@example.com", "password one")
    # ...by another web process too: the count lives in the database, not in memory.
    other = open_studio(service.settings)
    with pytest.raises(SignInLocked):
        other.sign_in("a@example.com", "password one")
    with service.store.session() as session:
        row = session.get(SignInThrottleRow, "a@example.com")
        assert row.failures == 3
        row.locked_until = now() - timedelta(seconds=1)  # the lock-out has passed
    assert service.user(other.sign_in("a@example.com", "password one")).email == "a@example.com"
    with service.store.session() as session:
        assert session.get(SignInThrottleRow, "a@example.com") is None
    # Unknown emails are counted too, with the same message, so they reveal nothing.
    with pytest.raises(AuthError, match="Wrong email or password"):
        service.sign_in("nobody@example.com", "whatever123")
    assert [lock_seconds(n) for n in (1, 2, 3, 4, 5)] == [0, 0, 2.0, 4.0, 8.0]


def test_roles_gate_admin_actions(service: StudioService) -> None:
    admin = service.sign_up("admin@example.com", "password one", "Admin")
    creator = service.sign_up("c@example.com", "password two", "Creator")
    producer = service.sign_up("p@example.com", "password three", "Producer")
    producer_id = service.user(producer).id
    service.set_role(admin, producer_id, "producer")
    # A privilege change ends the sessions opened under the old role (rotation): sign in again.
    with pytest.raises(NotSignedIn):
        service.user(producer)
    producer = service.sign_in("p@example.com", "password three")
    for call in (
        lambda: service.admin_users(creator),
        lambda: service.grant(creator, producer_id, 5, "gift"),
        lambda: service.suspend(creator, producer_id, True),
        lambda: service.daily_stats(creator),
        lambda: service.admin_runs(creator),
        lambda: service.admin_users(producer),
    ):
        with pytest.raises(Forbidden):
            call()
    assert service.admin_runs(producer) == []  # producers read the runs
    assert len(service.admin_users(admin)) == 3
    with pytest.raises(UserError, match="No user"):
        service.suspend(admin, "no-such-user", True)
    with pytest.raises(UserError, match="Roles are"):
        service.set_role(admin, producer_id, "superuser")


def test_suspended_users_are_signed_out_and_cannot_sign_in(service: StudioService) -> None:
    admin = service.sign_up("admin@example.com", "password one", "Admin")
    creator = service.sign_up("c@example.com", "password two", "Creator")
    creator_id = service.user(creator).id
    service.suspend(admin, creator_id, True)
    with pytest.raises(NotSignedIn, match="suspended"):  # told why, not "your session may have expired"
        service.user(creator)
    with pytest.raises(AuthError, match="suspended"):
        service.sign_in("c@example.com", "password two")
    with pytest.raises(UserError, match="your own"):
        service.suspend(admin, service.user(admin).id, True)
    service.suspend(admin, creator_id, False)
    with pytest.raises(NotSignedIn, match="sign in"):  # the session from before the suspension stays ended
        service.user(creator)
    assert not service.user(service.sign_in("c@example.com", "password two")).suspended


def test_profile_and_password_changes(service: StudioService) -> None:
    token = service.sign_up("a@example.com", "password one", "A")
    other_browser = service.sign_in("a@example.com", "password one")
    assert service.update_profile(token, "  Asha   Rao ").name == "Asha Rao"
    with pytest.raises(UserError, match="current password is wrong"):
        service.change_password(token, "not it", "password two")
    service.change_password(token, "password one", "password two")
    assert service.user(token).name == "Asha Rao"  # this browser stays signed in
    with pytest.raises(NotSignedIn):
        service.user(other_browser)  # every other session ends
    with pytest.raises(AuthError):
        service.sign_in("a@example.com", "password one")
    service.sign_in("a@example.com", "password two")


def test_delete_account_removes_films_media_and_ledger(service: StudioService) -> None:
    service.sign_up("admin@example.com", "password one", "Admin")
    token = service.sign_up("c@example.com", "password two", "Creator")
    keeper = service.sign_up("k@example.com", "password three", "Keeper")
    user_id = service.user(token).id
    film_id = service.create_film(token, PODCAST, {})
    kept_film = service.create_film(keeper, PODCAST, {})
    media = service.settings.media_root / film_id / "final_cut"
    media.mkdir(parents=True)
    (media / "film.mp4").write_bytes(b"\x00")
    with pytest.raises(UserError, match="password is wrong"):
        service.delete_account(token, "nope")
    service.delete_account(token, "password two")
    with pytest.raises(NotSignedIn):
        service.user(token)
    assert not (service.settings.media_root / film_id).exists()
    with service.store.session() as session:
        assert session.get(FilmRow, film_id) is None
        assert session.get(FilmRow, kept_film) is not None
        assert session.scalar(select(func.count()).select_from(LedgerRow).where(LedgerRow.user_id == user_id)) == 0
        assert session.get(UserRow, user_id) is None
    with pytest.raises(AuthError):
        service.sign_in("c@example.com", "password two")


def test_studio_admin_create_makes_an_account_from_the_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from studio.cli.main import main

    monkeypatch.setenv("STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("STUDIO_DATABASE_URL", raising=False)
    runner = CliRunner()
    result = runner.invoke(main, ["admin", "create", "boss@example.com", "--name", "Boss", "--role", "producer"],
                           input="secret pass\nsecret pass\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    service = open_studio(Settings.from_env())
    user = service.user(service.sign_in("boss@example.com", "secret pass"))
    assert (user.role, user.tier, user.balance) == ("producer", "enterprise", None)
    again = runner.invoke(main, ["admin", "create", "boss@example.com", "--password", "secret pass"])
    assert again.exit_code == 2 and "already exists" in again.output
