"""Approvals lock what they approve: a locked scene is never edited or rendered again until a producer unlocks it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from studio.cli.render import RenderRequest, prepare
from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.domain.formats import FilmFormat
from studio.domain.views import Forbidden
from studio.services.approvals import Locked
from studio.services.characters import CharacterVersions
from studio.services.studio_service import StudioService
from studio.settings import Settings
from tests.entry_env import export_settings
from tests.studio.production_support import reads

TWO_SCENES = (
    "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\n"
    "Scene 2\nALEX: The sun is out today.\nSAM: Then let us walk.\n"
)
HOSTILE = "<script>alert('x')</script> =HYPERLINK(\"http://evil\") '; DROP TABLE approvals; --"


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)
    return open_studio(settings)


@pytest.fixture
def film(service: StudioService) -> dict:
    admin = service.sign_up("admin@example.com", "password one", "Admin")
    owner = service.sign_up("owner@example.com", "password one", "Owner")
    writer = service.sign_up("writer@example.com", "password one", "Writer")
    service.grant(admin, service.user(owner).id, 20, "renders")
    film_id = service.create_film(owner, TWO_SCENES, {})
    project = service.create_project(owner, "Rooms")
    service.add_film_to_project(owner, project, film_id)
    service.set_project_member(owner, project, "writer@example.com", "writer")
    return {"admin": admin, "owner": owner, "writer": writer, "id": film_id}


def _runs(service: StudioService, film_id: str) -> int:
    from dagster import RunsFilter

    return len(service.runs.instance.get_runs(RunsFilter(tags={"dagster/partition": film_id})))


def test_a_locked_scene_is_not_edited_or_rendered_again(service: StudioService, film: dict) -> None:
    owner, film_id = film["owner"], film["id"]
    request = service.request_approval(film["writer"], film_id, "scene", "s02", "final wording")
    service.approve(owner, request, "Approved for picture lock.")
    assert service.film_locks(owner, film_id) == ["scene:s02"]
    script, balance, versions = (
        service.store.get_film(film_id).script,
        service.user(owner).balance,
        service.script_versions(owner, film_id),
    )

    with pytest.raises(Locked, match="Scene s02 is approved and locked"):
        service.edit_scene(owner, film_id, "s02", "Scene 2\nALEX: It is raining.\nSAM: Stay in.\n", "k1")
    with pytest.raises(Locked, match="Scene s02 is approved and locked"):  # the writer's edit, same refusal
        service.edit_scene(film["writer"], film_id, "s02", "Scene 2\nALEX: Rain.\n", "k2")
    # The command line's re-render (`studio render SCRIPT --film ID`) goes through the same gate.
    edited = service.settings.home / "edited.fountain"
    edited.write_text(TWO_SCENES.replace("The sun is out today.", "Clouds again."))
    stored = FilmFormat.from_dict(service.store.get_film(film_id).settings)
    with pytest.raises(Locked, match="Scene s02 is approved and locked"):
        prepare(RenderRequest(edited, service.settings.home / "out", stored, film_id), service.settings)
    # New settings would draw every scene again, the locked one too.
    same = service.settings.home / "same.fountain"
    same.write_text(TWO_SCENES)
    with pytest.raises(Locked, match="changing the render settings"):
        prepare(RenderRequest(same, service.settings.home / "out", dataclasses.replace(stored, resolution="480p"),
                              film_id), service.settings)  # fmt: skip

    film_row = service.store.get_film(film_id)
    assert film_row.script == script and film_row.status == "draft"
    assert service.user(owner).balance == balance and _runs(service, film_id) == 0  # nothing rendered or charged
    assert service.script_versions(owner, film_id) == versions

    # Scene 1 is not locked: editing it renders, and the locked scene's text stays byte for byte.
    service.edit_scene(owner, film_id, "s01", "Scene 1\nALEX: Good evening, Sam.\nSAM: Hello Alex.\n", "k3")
    assert _runs(service, film_id) == 1
    assert service.store.get_film(film_id).script.endswith(
        "\nScene 2\nALEX: The sun is out today.\nSAM: Then let us walk.\n"
    )
    service.cancel(owner, film_id)

    service.unlock(owner, request, "Reopened for a rewrite.")
    service.edit_scene(owner, film_id, "s02", "Scene 2\nALEX: It is raining.\nSAM: Stay in.\n", "k4")
    assert "It is raining." in reads(service, film_id) and _runs(service, film_id) == 2


def test_an_approved_cut_locks_the_whole_film(service: StudioService, film: dict) -> None:
    owner, film_id = film["owner"], film["id"]
    with pytest.raises(UserError, match="no final cut yet"):
        service.request_approval(owner, film_id, "cut", "final")
    media = service.settings.media_root / film_id / "final_cut"
    media.mkdir(parents=True)
    (media / "film.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")  # a cut on disk is all the request needs
    (media / "manifest.json").write_text('{"film": "film.mp4"}')
    request = service.request_approval(owner, film_id, "cut", "final")
    service.approve(owner, request, "")
    with pytest.raises(Locked, match="final cut of this film is approved"):
        service.render(owner, film_id, "r1")
    with pytest.raises(Locked, match="final cut of this film is approved"):
        service.edit_scene(owner, film_id, "s01", "Scene 1\nALEX: Bye.\n", "r2")
    assert _runs(service, film_id) == 0


def test_a_locked_character_keeps_its_version(service: StudioService, film: dict) -> None:
    owner, film_id = film["owner"], film["id"]
    versions = CharacterVersions(service.store)
    versions.ensure_concepts(film_id, {"ALEX": {"hair_colour": "#101010"}, "SAM": {"hair_colour": "#a03020"}})
    request = service.request_approval(owner, film_id, "character", "ALEX")
    service.approve(owner, request, "Casting final.")
    with pytest.raises(Locked, match="character ALEX is approved and locked"):
        versions.add(film_id, "ALEX", {"hair_colour": "#e0c070"})
    assert [v.version for v in versions.list(film_id, "ALEX")] == [1]
    versions.add(film_id, "SAM", {"hair_colour": "#e0c070"})  # another character is free to change
    assert [v.version for v in versions.list(film_id, "SAM")] == [1, 2]


def test_bad_approvals_are_refused_and_change_nothing(service: StudioService, film: dict) -> None:
    owner, writer, film_id = film["owner"], film["writer"], film["id"]
    outsider = service.sign_up("out@example.com", "password one", "Out")
    with pytest.raises(UserError, match="no scene 's09'"):
        service.request_approval(owner, film_id, "scene", "s09")
    with pytest.raises(UserError, match="no character 'NOBODY'"):
        service.request_approval(owner, film_id, "character", "NOBODY")
    with pytest.raises(UserError, match="Items to approve are"):
        service.request_approval(owner, film_id, "budget", "all")
    with pytest.raises(UserError, match="No approval request"):
        service.approve(owner, 99999, "ok")
    with pytest.raises(UserError, match="No approval request"):
        service.approve(owner, "1; DROP TABLE approvals", "ok")
    with pytest.raises(Forbidden, match="another account"):
        service.request_approval(outsider, film_id, "scene", "s01")
    request = service.request_approval(writer, film_id, "scene", "s01")
    with pytest.raises(UserError, match="already has an open request"):
        service.request_approval(writer, film_id, "scene", "s01")
    with pytest.raises(Forbidden, match="another account"):
        service.approve(outsider, request, "mine now")
    with pytest.raises(UserError, match="control characters"):
        service.reject(owner, request, "bad\x00comment")
    with pytest.raises(UserError, match="text-direction override"):
        service.reject(owner, request, "approved \u202egnp.exe")
    with pytest.raises(UserError, match="at most 2000 characters"):
        service.reject(owner, request, "x" * 10_000)
    with pytest.raises(UserError, match="Say why"):
        service.reject(owner, request, "   ")
    with pytest.raises(UserError, match="only a approved one can be unlocked"):
        service.unlock(owner, request, "why not")
    assert service.approval_queue(owner)[0]["state"] == "pending" and service.film_locks(owner, film_id) == []

    service.reject(owner, request, HOSTILE)  # markup is kept as typed (and escaped where shown), never run
    row = service.approval_queue(owner, film_id, state=None)[0]
    assert (row["state"], row["comment"], row["requested_by"]) == ("rejected", HOSTILE, "writer@example.com")
    with pytest.raises(UserError, match="request is rejected"):
        service.approve(owner, request, "changed my mind")
    assert service.film_locks(owner, film_id) == []
