""" "Download my data" carries the production records too: the user's projects and roles, the changes
they made (audit entries), and each film's script versions and approvals."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from studio.compose import open_studio
from studio.settings import Settings
from tests.entry_env import export_settings

SCRIPT = "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\nScene 2\nALEX: Rain.\nSAM: Walk.\n"


def test_the_export_holds_projects_versions_approvals_and_my_changes(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)  # this test process submits a render itself
    service = open_studio(settings)
    me = service.sign_up("me@example.com", "password one", "Me")
    other = service.sign_up("other@example.com", "password two", "Other")
    film = service.create_film(me, SCRIPT, {})
    service.edit_scene(me, film, "s02", "Scene 2\nALEX: Sun.\n", "r1")
    service.cancel(me, film)
    service.restore_script(me, film, 1)
    project = service.create_project(me, "Rooms & Halls")
    service.add_film_to_project(me, project, film)
    approval = service.request_approval(me, film, "scene", "s01")
    service.approve(me, approval, "looks right")
    service.update_profile(other, "Someone Else")  # not mine: must not be in my export

    with zipfile.ZipFile(service.export_my_data(me)) as archive:
        projects = json.loads(archive.read("projects.json"))
        audit = json.loads(archive.read("audit.json"))
        versions = json.loads(archive.read(f"films/{film}/script_versions.json"))
        approvals = json.loads(archive.read(f"films/{film}/approvals.json"))
    assert [(p["name"], p["role"]) for p in projects] == [("Rooms & Halls", "producer")]
    assert [v["number"] for v in versions] == [1, 2, 3]  # created, the scene edit, the restore
    assert versions[0]["script"] == versions[2]["script"] == SCRIPT and "Sun." in versions[1]["script"]
    assert [(a["item_key"], a["state"], a["comment"]) for a in approvals] == [("s01", "approved", "looks right")]
    actions = [a["action"] for a in audit]
    assert "project.create" in actions and "film.create" in actions
    assert all(a["actor_email"] == "me@example.com" for a in audit)
