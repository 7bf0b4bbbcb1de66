"""`studio apikey`, `studio org` and `studio usage` from the shell, against the same store as the API."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from orgs_support import World, make_world

from studio.cli.main import main
from studio.services.accounts import now
from studio.services.studio_service import Forbidden
from studio.store.accounts import RenderRequestRow


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    home = tmp_path / "home"
    for name in ("STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STUDIO_HOME", str(home))
    return make_world(home, f"sqlite:///{home / 'studio.db'}")


def studio(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_apikey_create_list_revoke(world: World) -> None:
    code, out, err = studio("apikey", "create", "a2@example.com", "--org", "acme", "--name", "deploy bot")
    assert code == 0 and "not shown again" in err
    key = out.strip()
    assert world.api("GET", "/api/v1/films", key=key).json()[0]["id"] == world.films["a"]
    prefix = key.split("_")[1]
    code, out, _ = studio("apikey", "list", "--email", "a2@example.com")
    assert code == 0 and prefix in out and "acme" in out and "deploy bot" in out and key not in out
    assert studio("apikey", "revoke", prefix)[0] == 0
    assert world.api("GET", "/api/v1/films", key=key).status_code == 401
    code, _, err = studio("apikey", "revoke", prefix)
    assert code == 2 and "already revoked" in err
    code, out, err = studio("apikey", "create", "b@example.com", "--org", "acme")
    assert code == 2 and "not a member" in err and out == ""
    code, _, err = studio("apikey", "create", "nobody@example.com")
    assert code == 2 and "No account" in err
    assert studio("apikey", "create", "a@example.com", "--org", "x" * 10_000)[0] == 2


def test_org_commands_manage_members_and_the_pool(world: World) -> None:
    code, _, _ = studio("org", "create", "initech", "--name", "Initech", "--owner", "b@example.com")
    assert code == 0
    code, _, err = studio("org", "create", "initech")
    assert code == 2 and "already" in err
    code, _, err = studio("org", "create", "Not A Slug!")
    assert code == 2 and "lower-case" in err
    code, out, _ = studio("org", "grant", "acme", "50", "--reason", "annual plan")
    assert code == 0 and "50 credits" in out
    for bad in ("0", "-5000000"):  # a negative amount follows "--", as click requires
        code, _, err = studio("org", "grant", "acme", "--reason", "oops", "--", bad)
        assert code == 2 and "whole number" in err
    assert studio("org", "grant", "acme", "many", "--reason", "x")[0] == 2
    code, out, _ = studio("org", "list")
    assert "acme  50 credits  2 member(s)" in out and "initech  0 credits  1 member(s)" in out
    assert studio("org", "add", "initech", "a@example.com")[0] == 0
    assert {o.slug for o in world.service.organisations(world.tokens["a"])} == {"acme", "initech"}
    assert studio("org", "remove", "acme", "a2@example.com")[0] == 0
    assert world.service.films(world.tokens["a2"]) == []  # no longer a member: the film is out of sight


def test_usage_report_and_csv(world: World, tmp_path: Path) -> None:
    user_id = world.service.user(world.tokens["a"]).id
    with world.service.store.session() as session:  # one finished render of acme's 90 s film
        session.add(
            RenderRequestRow(
                key=f"{user_id}:k",
                user_id=user_id,
                film_id=world.films["a"],
                run_id="run-1",
                cost=5,
                charged=0,
                state="done",
                created_at=now(),
            )
        )
    out_csv = tmp_path / "usage.csv"
    code, out, _ = studio("usage", "--csv", str(out_csv))
    assert code == 0 and "acme" in out and "globex" in out
    rows = {r["organisation"]: r for r in csv.DictReader(io.StringIO(out_csv.read_text()))}
    assert rows["acme"]["month"] == now().strftime("%Y-%m")
    assert (rows["acme"]["renders"], rows["acme"]["video_minutes"], rows["acme"]["films_created"]) == ("1", "1.5", "1")
    assert (rows["globex"]["renders"], rows["globex"]["video_minutes"]) == ("0", "0.0")
    assert float(rows["acme"]["storage_mb"]) > 0
    assert world.service.usage(world.tokens["a"])["renders"] == 1
    assert world.service.usage(world.tokens["b"])["renders"] == 0
    code, _, err = studio("usage", "--month", "2027-13")
    assert code == 2 and "no month" in err
    code, out, _ = studio("usage", "--month", "2001-01", "--org", "acme", "--csv", "-")
    assert code == 0 and out.splitlines()[1].startswith("acme,2001-01,0,0,0.0,")
    with pytest.raises(Forbidden):
        world.service.usage_report(world.tokens["a"])  # the all-organisations report is for admins
