"""The audit log: one entry per mutating service call, append-only in the database, readable by the right people."""

from __future__ import annotations

import csv
import inspect
import io
import json
import socket
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from studio.compose import open_studio
from studio.domain.views import Forbidden
from studio.services import account_tokens, audit, organisations
from studio.services.account_service import TwoFactorRequired
from studio.services.studio_service import StudioService
from studio.settings import Settings, SmtpSettings
from studio.store.production import AuditRow
from tests.entry_env import export_settings

SCRIPT = "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\nScene 2\nALEX: Rain.\nSAM: Walk.\n"
# Public methods that change nothing a person would call a change (reads, status syncs, file exports).
READ_ONLY = {
    "admin_runs", "admin_users", "approval_queue", "audit_log", "daily_stats", "device_cookie", "email_status",
    "estimate", "export_audit", "export_my_data", "film", "film_locks", "films", "ledger", "media", "media_file",
    "my_projects", "parse", "progress", "project", "script_diff", "script_versions", "share_link", "shared_file",
    "storyboard", "templates", "tiers", "two_factor_status", "user", "voice_choices",
    "organisations", "usage", "usage_report", "api_keys", "webhooks", "plan", "cutdowns", "asset_file",
    "media_url", "media_links", "shared_url", "cast_sheet", "scene_edit_quote", "timeline_quote", "subtitle_languages",
}  # fmt: skip


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens after this: mail fails fast and is logged


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    smtp = SmtpSettings(host="127.0.0.1", port=_closed_port(), sender="studio@example.com", tls="none")
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster", smtp=smtp)
    export_settings(monkeypatch, settings)
    return open_studio(settings)


def _audited_methods() -> dict[str, str]:
    return {name: fn.__audit_action__ for name, fn in inspect.getmembers(StudioService, inspect.isfunction)
            if hasattr(fn, "__audit_action__")}  # fmt: skip


def test_every_public_service_method_is_audited_or_read_only() -> None:
    public = {name for name, _ in inspect.getmembers(StudioService, inspect.isfunction) if not name.startswith("_")}
    audited = set(_audited_methods())
    assert not audited & READ_ONLY
    assert public - audited - READ_ONLY == set(), "a new service method must be @audited or listed as read-only"


def test_each_mutating_service_call_writes_one_entry(service: StudioService) -> None:
    s, seen = service, {}
    actions = _audited_methods()

    def step(name: str, call, actor: str | None = None, target: str | None = None):  # noqa: ANN001, ANN202
        with s.store.session() as session:
            before = session.scalar(select(func.count()).select_from(AuditRow))
        result = call()
        with s.store.session() as session:
            rows = session.scalars(select(AuditRow).order_by(AuditRow.id).offset(before)).all()
        assert [r.action for r in rows] == [actions[name]], name
        row = rows[0]
        if actor is not None:
            assert row.actor_email == actor, name
        if target is not None:
            assert row.target_id == target, name
        assert row.before is not None or row.after is not None or row.target_id == "erased", name
        seen[name] = row
        return result

    pw = "password one"
    admin = step("sign_up", lambda: s.sign_up("admin@example.com", pw, "Admin"), "admin@example.com")
    admin_id = s.user(admin).id
    user = step("register", lambda: s.register("u@example.com", pw, "U"), "u@example.com").token
    uid = s.user(user).id
    user = step("sign_in", lambda: s.sign_in("u@example.com", pw), "u@example.com", uid)
    step("update_profile", lambda: s.update_profile(user, "Una"), "u@example.com", uid)
    assert seen["update_profile"].before["name"] == "U" and seen["update_profile"].after["name"] == "Una"
    step("change_password", lambda: s.change_password(user, pw, "password two"), "u@example.com")
    uri = step("two_factor_begin", lambda: s.two_factor_begin(user), "u@example.com")
    secret = parse_qs(urlparse(uri).query)["secret"][0]
    codes = step("two_factor_confirm", lambda: s.two_factor_confirm(user, pyotp.TOTP(secret).now()), "u@example.com")
    assert seen["two_factor_confirm"].after["two_factor"] is True and "secret" not in json.dumps(
        seen["two_factor_confirm"].after
    )
    with pytest.raises(TwoFactorRequired) as required:
        s.sign_in("u@example.com", "password two")
    user = step(
        "sign_in_second_factor", lambda: s.sign_in_second_factor(required.value.challenge, codes[0]), "u@example.com"
    )
    step("two_factor_disable", lambda: s.two_factor_disable(user, codes[1]), "u@example.com")
    step("resend_verification", lambda: s.resend_verification("u@example.com"), "", "u@example.com")
    step("request_password_reset", lambda: s.request_password_reset("u@example.com"), "", "u@example.com")
    with s.store.session() as session:
        reset, verify = account_tokens.issue(session, uid, "reset"), account_tokens.issue(session, uid, "verify")
    step("reset_password", lambda: s.reset_password(reset, "password three"), "u@example.com", uid)
    user = step("verify_email", lambda: s.verify_email(verify), "u@example.com", uid)
    step("suspend", lambda: s.suspend(admin, uid, True), "admin@example.com", uid)
    assert seen["suspend"].before["suspended"] is False and seen["suspend"].after["suspended"] is True
    s.suspend(admin, uid, False)
    step("grant", lambda: s.grant(admin, uid, 20, "renders"), "admin@example.com", uid)
    step("take_back", lambda: s.take_back(admin, uid, 5, "too many"), "admin@example.com", uid)
    step("set_tier", lambda: s.set_tier(admin, uid, "pro"), "admin@example.com", uid)
    step("set_role", lambda: s.set_role(admin, uid, "producer"), "admin@example.com", uid)
    user = s.sign_in("u@example.com", "password three")
    key, _ = step("create_api_key", lambda: s.create_api_key(admin, name="ci"), "admin@example.com", admin_id)
    step("revoke_api_key", lambda: s.revoke_api_key(admin, key.prefix), "admin@example.com", admin_id)
    with s.store.session() as session:
        organisations.create(session, "acme", "Acme Films")
    hook = step("add_webhook", lambda: s.add_webhook(admin, "http://127.0.0.1:9/hook", "acme"), "admin@example.com")
    step("remove_webhook", lambda: s.remove_webhook(admin, hook["id"], "acme"), "admin@example.com", admin_id)

    film = step("create_film", lambda: s.create_film(user, SCRIPT, {}), "u@example.com")
    assert seen["create_film"].target_id == film and seen["create_film"].after["script_version"] == 1
    step("render", lambda: s.render(user, film, "r1"), "u@example.com", film)
    assert (seen["render"].before["status"], seen["render"].after["status"]) == ("draft", "queued")
    step("cancel", lambda: s.cancel(user, film), "u@example.com", film)
    step("edit_scene", lambda: s.edit_scene(user, film, "s02", "Scene 2\nALEX: Sun.\n", "r2"), "u@example.com", film)
    assert (seen["edit_scene"].before["script_version"], seen["edit_scene"].after["script_version"]) == (1, 2)
    s.cancel(user, film)
    step("restore_script", lambda: s.restore_script(user, film, 1), "u@example.com", film)
    step("save_script", lambda: s.save_script(user, film, SCRIPT.replace("Rain.", "Snow.")), "u@example.com", film)
    alex = s.cast_sheet(user, film)[0]["name"]
    step("recast", lambda: s.recast(user, film, alex, gender="female"), "u@example.com", film)
    step("edit_timeline", lambda: s.edit_timeline(user, film, ["s02", "s01"], "r3"), "u@example.com", film)
    s.cancel(user, film)
    project = step("create_project", lambda: s.create_project(user, "Rooms"), "u@example.com")
    step(
        "set_project_member", lambda: s.set_project_member(user, project, "admin@example.com", "viewer"), target=project
    )
    assert [m["email"] for m in seen["set_project_member"].after["members"]] == ["u@example.com", "admin@example.com"]
    step("add_film_to_project", lambda: s.add_film_to_project(user, project, film), target=project)
    step("remove_project_member", lambda: s.remove_project_member(user, project, admin_id), target=project)
    first = step("request_approval", lambda: s.request_approval(user, film, "scene", "s01"), "u@example.com")
    step("approve", lambda: s.approve(user, first, "ok"), "u@example.com", str(first))
    assert seen["approve"].film_id == film and seen["approve"].project_id == project
    step("unlock", lambda: s.unlock(user, first, "again"), "u@example.com", str(first))
    second = s.request_approval(user, film, "scene", "s02")
    step("reject", lambda: s.reject(user, second, "no"), "u@example.com", str(second))
    assert (seen["reject"].before["state"], seen["reject"].after["state"]) == ("pending", "rejected")
    step("sign_out", lambda: s.sign_out(user), "u@example.com", uid)
    user = s.sign_in("u@example.com", "password three")
    # The right to erasure: the deletion is logged (what and when) but not who, and the person's
    # earlier entries are redacted in the same transaction (studio/services/privacy.py).
    with s.store.session() as session:
        theirs = session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.actor_id == uid))
    assert theirs > 10
    step("delete_account", lambda: s.delete_account(user, "password three"), "", "erased")
    assert seen["delete_account"].before is None and seen["delete_account"].after is None
    with s.store.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.actor_id == uid)) == 0
        assert session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.target_id == "erased")) > theirs

    assert set(seen) == set(actions), f"not exercised: {set(actions) - set(seen)}"
    # Refused calls change nothing and write nothing.
    with s.store.session() as session:
        count = session.scalar(select(func.count()).select_from(AuditRow))
    with pytest.raises(Forbidden):
        s.grant(s.sign_up("c@example.com", pw, "C"), admin_id, 5, "no")
    with s.store.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditRow)) == count + 1  # only C's sign-up


def test_the_audit_log_refuses_updates_and_deletes(tmp_path: Path, store_url: str) -> None:
    service = open_studio(Settings(tmp_path / "home", store_url, tmp_path / "home" / "dagster"))
    admin = service.sign_up("admin@example.com", "password one", "Admin")
    service.update_profile(admin, "Boss")
    with service.store.engine.connect() as connection:
        for statement in ("UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"):
                with connection.begin():
                    connection.execute(text(statement))
        if connection.dialect.name == "postgresql":
            with pytest.raises(DBAPIError, match="append-only"):
                with connection.begin():
                    connection.execute(text("TRUNCATE audit_log"))
    assert [e["action"] for e in service.audit_log(admin)] == ["account.update_profile", "account.sign_up"]
    assert not any(hasattr(audit, name) for name in ("update", "delete", "remove", "purge"))
    # Only an account deletion's own transaction may redact the entries about that person.
    creator = service.sign_up("c@example.com", "password two", "Cleo")
    service.update_profile(creator, "Cleo Two")
    service.delete_account(creator, "password two")
    entries = service.audit_log(admin)
    assert [e["action"] for e in entries][:3] == ["account.delete", "account.update_profile", "account.sign_up"]
    assert "c@example.com" not in json.dumps(entries, default=str) and "Cleo" not in json.dumps(entries, default=str)
    with service.store.engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
        with connection.begin():
            connection.execute(text("DELETE FROM audit_log"))


def test_who_reads_the_log_and_the_exports_parse_back(service: StudioService) -> None:
    admin = service.sign_up("admin@example.com", "password one", "Admin")
    producer = service.sign_up("p@example.com", "password one", "P")
    creator = service.sign_up("c@example.com", "password one", "C")
    project = service.create_project(producer, '=HYPERLINK("http://evil")')
    mine = service.create_film(producer, SCRIPT, {})
    service.add_film_to_project(producer, project, mine)
    service.create_film(creator, SCRIPT, {})
    with pytest.raises(Forbidden, match="Only admins and producers"):
        service.audit_log(creator)
    with pytest.raises(Forbidden, match="Only admins and producers"):
        service.export_audit(creator)
    seen = service.audit_log(producer)  # a project producer: their project's entries and its films'
    assert {e["action"] for e in seen} == {"project.create", "film.create", "project.add_film"}
    assert all(e["project_id"] == project or e["film_id"] == mine for e in seen)
    assert len(service.audit_log(admin)) == len(service.audit_log(admin, limit=10_000)) > len(seen)

    rows = list(csv.DictReader(io.StringIO(service.export_audit(admin, "csv"))))
    assert [r["action"] for r in rows][:3] == ["account.sign_up"] * 3 and rows[-1]["action"] == "film.create"
    created = next(r for r in rows if r["action"] == "project.create")
    assert json.loads(created["after"])["name"] == '=HYPERLINK("http://evil")'
    lines = service.export_audit(admin, "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [int(r["id"]) for r in rows]
    hostile = audit.to_csv([{**seen[0], "actor_email": "=cmd|' /C calc'!A0", "target_id": "+1"}])
    cells = next(csv.DictReader(io.StringIO(hostile)))
    assert cells["actor_email"] == "'=cmd|' /C calc'!A0" and cells["target_id"] == "'+1"  # text, not a formula
    with pytest.raises(Exception, match="csv or jsonl"):
        service.export_audit(admin, "xlsx")


def test_studio_audit_export_writes_the_whole_log(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from studio.cli.main import main

    home = tmp_path / "home"
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    service = open_studio(Settings(home, url, home / "dagster"))
    admin = service.sign_up("admin@example.com", "password one", "Admin")
    film = service.create_film(admin, SCRIPT, {})
    env = {"STUDIO_HOME": str(home), "STUDIO_DATABASE_URL": url, "DAGSTER_HOME": str(home / "dagster")}
    result = CliRunner().invoke(main, ["audit", "export"], env=env)
    assert result.exit_code == 0, result.output
    assert [r["action"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["account.sign_up", "film.create"]
    out = tmp_path / "audit.jsonl"
    result = CliRunner().invoke(
        main, ["audit", "export", "--format", "jsonl", "--film", film, "--out", str(out)], env=env
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["target_id"] for line in out.read_text().splitlines()] == [film]
    result = CliRunner().invoke(main, ["audit", "export", "--out", str(tmp_path)], env=env)
    assert result.exit_code == 2 and "is a folder" in result.output
