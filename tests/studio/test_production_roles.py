"""Projects: members act on the project's films by their role, and the service layer enforces it."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.domain.views import Forbidden
from studio.services.studio_service import StudioService
from studio.settings import Settings
from tests.entry_env import export_settings
from tests.studio.production_support import reads

TWO_SCENES = (
    "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\n"
    "Scene 2\nALEX: The sun is out today.\nSAM: Then let us walk.\n"
)
ROLES = ("writer", "director", "producer", "editor", "viewer")


@pytest.fixture
def service(tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    settings = Settings(tmp_path / "home", store_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)
    return open_studio(settings)


@pytest.fixture
def team(service: StudioService) -> dict:
    """An admin, the film's owner (producer of the project), one member per role, and an outsider."""
    admin = service.sign_up("admin@example.com", "password one", "Admin")
    owner = service.sign_up("owner@example.com", "password one", "Owner")
    people = {role: service.sign_up(f"{role}@example.com", "password one", role.title()) for role in ROLES}
    outsider = service.sign_up("out@example.com", "password one", "Out")
    for token in (owner, *people.values()):
        service.grant(admin, service.user(token).id, 20, "a few renders")
    project_id = service.create_project(owner, "Two Rooms production")
    film_id = service.create_film(owner, TWO_SCENES, {})
    service.add_film_to_project(owner, project_id, film_id)
    for role in ROLES:
        service.set_project_member(owner, project_id, f"{role}@example.com", role)
    return {"admin": admin, "owner": owner, "outsider": outsider, "project": project_id, "film": film_id, **people}


def test_members_see_the_project_film_and_outsiders_do_not(service: StudioService, team: dict) -> None:
    for role in ROLES:
        assert [f.id for f in service.films(team[role])] == [team["film"]]
        assert service.storyboard(team[role], team["film"])["title"] == "Two Rooms"
    assert service.films(team["outsider"]) == []
    with pytest.raises(Forbidden, match="another account"):
        service.storyboard(team["outsider"], team["film"])
    project = service.project(team["viewer"], team["project"])
    assert [(m["email"], m["role"]) for m in project["members"]][:2] == [
        ("owner@example.com", "producer"), ("writer@example.com", "writer")]  # fmt: skip
    assert project["films"] == [{"id": team["film"], "title": "Two Rooms"}]
    with pytest.raises(Forbidden, match="not a member"):
        service.project(team["outsider"], team["project"])


def test_viewers_cannot_edit_or_render(service: StudioService, team: dict) -> None:
    before = service.store.get_film(team["film"]).script
    with pytest.raises(Forbidden, match="can edit script"):
        service.edit_scene(team["viewer"], team["film"], "s02", "Scene 2\nALEX: Mine.\n", "v1")
    with pytest.raises(Forbidden, match="can render"):
        service.render(team["viewer"], team["film"], "v2")
    with pytest.raises(Forbidden, match="can edit script"):
        service.restore_script(team["viewer"], team["film"], 1)
    assert service.store.get_film(team["film"]).script == before
    assert [e.reason for e in service.ledger(team["viewer"])] == ["grant", "signup"]  # nothing charged


def test_writers_edit_but_cannot_approve_and_editors_render_but_cannot_edit(service: StudioService, team: dict) -> None:
    service.edit_scene(team["writer"], team["film"], "s02", "Scene 2\nALEX: It rains.\nSAM: We stay in.\n", "w1")
    assert "It rains." in reads(service, team["film"])
    service.cancel(team["owner"], team["film"])
    request = service.request_approval(team["writer"], team["film"], "scene", "s01", "ready for review")
    with pytest.raises(Forbidden, match="director or producer can approve"):
        service.approve(team["writer"], request, "looks good")
    with pytest.raises(Forbidden, match="can approve"):
        service.approve(team["editor"], request, "looks good")
    with pytest.raises(Forbidden, match="can approve"):
        service.reject(team["viewer"], request, "no")
    with pytest.raises(Forbidden, match="can request approval"):
        service.request_approval(team["viewer"], team["film"], "scene", "s02")
    with pytest.raises(Forbidden, match="can edit script"):
        service.edit_scene(team["editor"], team["film"], "s01", "Scene 1\nALEX: Hi.\n", "e1")
    assert service.approval_queue(team["owner"])[0]["state"] == "pending"  # all refusals changed nothing
    service.approve(team["director"], request, "lovely")
    with pytest.raises(Forbidden, match="producer can unlock"):
        service.unlock(team["director"], request, "one more pass")
    service.unlock(team["producer"], request, "one more pass")
    assert service.film_locks(team["owner"], team["film"]) == []


def test_only_producers_manage_the_team_and_a_project_keeps_one(service: StudioService, team: dict) -> None:
    with pytest.raises(Forbidden, match="producer can manage members"):
        service.set_project_member(team["director"], team["project"], "out@example.com", "viewer")
    with pytest.raises(UserError, match="Project roles are"):
        service.set_project_member(team["owner"], team["project"], "out@example.com", "superuser")
    with pytest.raises(UserError, match="No account with the email"):
        service.set_project_member(team["owner"], team["project"], "nobody@example.com", "viewer")
    owner_id = service.user(team["owner"]).id
    service.remove_project_member(team["owner"], team["project"], service.user(team["producer"]).id)
    with pytest.raises(UserError, match="at least one producer"):
        service.remove_project_member(team["owner"], team["project"], owner_id)
    with pytest.raises(UserError, match="at least one producer"):
        service.set_project_member(team["owner"], team["project"], "owner@example.com", "viewer")
    assert service.project(team["owner"], team["project"])["role"] == "producer"
    with pytest.raises(UserError, match="A project needs a name"):
        service.create_project(team["owner"], "  \n ")
    with pytest.raises(UserError, match="No project"):
        service.project(team["owner"], "../etc")


def test_only_the_owner_puts_a_film_in_a_project(service: StudioService, team: dict) -> None:
    theirs = service.create_film(team["outsider"], TWO_SCENES, {})
    with pytest.raises(Forbidden, match="another account"):
        service.add_film_to_project(team["owner"], team["project"], theirs)
    other = service.create_project(team["outsider"], "Elsewhere")
    with pytest.raises(Forbidden, match="not a member"):
        service.add_film_to_project(team["outsider"], team["project"], theirs)
    service.add_film_to_project(team["outsider"], other, theirs)
    assert service.project(team["outsider"], other)["films"][0]["id"] == theirs
    assert [f.id for f in service.films(team["viewer"])] == [team["film"]]
