"""Script version history: every change of a film's script is a version; diff two; restore one."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.domain.views import Forbidden
from studio.services.approvals import Locked
from studio.services.studio_service import StudioService
from studio.settings import Settings
from tests.entry_env import export_settings
from tests.studio.production_support import reads

TWO_SCENES = (
    "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\n"
    "Scene 2\nALEX: The sun is out <b>today</b>.\nSAM: Then let us walk.\n"
)
RAIN = "Scene 2\nALEX: It is raining now.\nSAM: Then we stay in.\n"


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)  # this test process submits renders itself
    return open_studio(settings)


@pytest.fixture
def owner(service: StudioService) -> str:
    admin = service.sign_up("admin@example.com", "password one", "Admin")
    token = service.sign_up("owner@example.com", "password one", "Owner")
    service.grant(admin, service.user(token).id, 20, "renders")
    return token


def test_versions_diff_and_restore(service: StudioService, owner: str) -> None:
    film_id = service.create_film(owner, TWO_SCENES, {})
    service.edit_scene(owner, film_id, "s02", RAIN, "k1")
    service.cancel(owner, film_id)
    versions = service.script_versions(owner, film_id)
    assert [(v["number"], v["author"]) for v in versions] == [(2, "owner@example.com"), (1, "owner@example.com")]

    diff = service.script_diff(owner, film_id, 1, 2)
    assert "-ALEX: The sun is out <b>today</b>.\n" in diff and "+ALEX: It is raining now.\n" in diff
    assert "-ALEX: Good morning" not in diff and "+ALEX: Good morning" not in diff  # scene 1 did not change
    table = service.script_diff(owner, film_id, 1, 2, as_html=True)
    assert "&lt;b&gt;today&lt;/b&gt;" in table and "<b>today" not in table  # the script's markup is escaped
    assert service.script_diff(owner, film_id, 2, 2) == ""

    assert service.restore_script(owner, film_id, 1) == 3
    assert service.store.get_film(film_id).script == TWO_SCENES
    assert service.script_versions(owner, film_id)[0]["note"] == "restored version 1"
    board = service.storyboard(owner, film_id)
    assert "The sun is out" in board["scenes"][1]["text"]  # the breakdown follows the restored script
    with pytest.raises(UserError, match="is the film's script already"):
        service.restore_script(owner, film_id, 3)


def test_restore_is_refused_for_others_unknown_versions_renders_and_locks(service: StudioService, owner: str) -> None:
    film_id = service.create_film(owner, TWO_SCENES, {})
    service.edit_scene(owner, film_id, "s02", RAIN, "k1")  # version 2, and a render in flight
    other = service.sign_up("other@example.com", "password one", "Other")
    theirs = service.create_film(other, TWO_SCENES, {})
    script = reads(service, film_id)

    with pytest.raises(Forbidden, match="another account"):
        service.restore_script(other, film_id, 1)
    with pytest.raises(Forbidden, match="another account"):
        service.script_versions(other, film_id)
    with pytest.raises(Forbidden, match="another account"):
        service.script_diff(other, film_id, 1, 2)
    with pytest.raises(Forbidden, match="another account"):  # a version number of one's own film does not help
        service.restore_script(owner, theirs, 1)
    for bad in (0, -1, 99, "1 OR 1=1", None, True, 2**40):
        with pytest.raises(UserError, match="no script version"):
            service.restore_script(owner, film_id, bad)
    with pytest.raises(UserError, match="This film is rendering"):
        service.restore_script(owner, film_id, 1)
    service.cancel(owner, film_id)

    request = service.request_approval(owner, film_id, "scene", "s02")
    service.approve(owner, request, "locked")
    with pytest.raises(Locked, match="Scene s02 is approved and locked"):
        service.restore_script(owner, film_id, 1)
    assert reads(service, film_id) == script
    assert [v["number"] for v in service.script_versions(owner, film_id)] == [2, 1]


def test_command_line_changes_are_versions_too(service: StudioService, owner: str) -> None:
    film = service.store.create_film("CLI", TWO_SCENES, "fountain", {})
    service.store.update_script(film.id, TWO_SCENES.replace("Sam", "Samira"), "fountain")
    service.store.update_script(film.id, TWO_SCENES.replace("Sam", "Samira"), "fountain")  # unchanged: no version
    admin = service.sign_in("admin@example.com", "password one")
    versions = service.script_versions(admin, film.id)
    assert [(v["number"], v["author"]) for v in versions] == [(2, "(command line)"), (1, "(command line)")]


def test_the_create_pages_saves_are_versions_and_bad_scripts_change_nothing(service: StudioService, owner: str) -> None:
    film_id = service.create_film(owner, TWO_SCENES, {})
    edited = TWO_SCENES.replace("Hello Alex.", "Hello again, Alex.")
    assert service.save_script(owner, film_id, edited, {"resolution": "480p"}, note="auto-saved") == 2
    assert service.save_script(owner, film_id, edited, None, note="auto-saved") == 2  # unchanged: no new version
    latest = service.script_versions(owner, film_id)[0]
    assert (latest["number"], latest["note"]) == (2, "auto-saved")
    assert service.store.get_film(film_id).settings["resolution"] == "480p"  # the form's options are kept too
    with pytest.raises(UserError):
        service.save_script(owner, film_id, "   ", None)
    with pytest.raises(UserError, match="[Ss]ubtitle"):  # a caption style the renderer would refuse later
        service.save_script(owner, film_id, edited, {"burn_subtitles": {"size": 5}})
    assert len(service.script_versions(owner, film_id)) == 2
    stranger = service.sign_up("stranger@example.com", "password one", "Stranger")
    with pytest.raises(UserError):
        service.save_script(stranger, film_id, TWO_SCENES, None)
    assert service.script_versions(owner, film_id)[0]["number"] == 2
