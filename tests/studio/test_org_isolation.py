"""Two organisations cannot see each other through any door: the service layer, the API, media URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from orgs_support import SHORT, World, make_world

from studio.domain.errors import UserError
from studio.services.core import NoSuchThing
from studio.services.studio_service import Forbidden
from tests.entry_env import export_settings


@pytest.fixture
def world(tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    world = make_world(tmp_path / "home", store_url)
    export_settings(monkeypatch, world.service.settings)
    return world


def test_the_service_layer_keeps_each_organisations_films_to_itself(world: World) -> None:
    service, t, films = world.service, world.tokens, world.films
    assert [f.id for f in service.films(t["a"])] == [films["a"]]
    assert [f.id for f in service.films(t["a2"])] == [films["a"]]  # a fellow member sees the organisation's film
    assert [f.id for f in service.films(t["b"])] == [films["b"]]
    assert service.storyboard(t["a2"], films["a"])["title"] == "Tiny Talk"
    for call in (service.film, service.storyboard, service.media, service.plan, service.cutdowns, service.progress):
        with pytest.raises(Forbidden):
            call(t["b"], films["a"])
    with pytest.raises(Forbidden):
        service.media_file(t["b"], films["a"], "mp4")
    with pytest.raises(Forbidden):
        service.edit_scene(t["b"], films["a"], "s01", "ALEX: Mine now.", "k1")
    assert service.usage(t["a"])["organisation"] == "acme"
    with pytest.raises(NoSuchThing):
        service.usage(t["b"], org="acme")  # not a member: the organisation is not even confirmed to exist
    assert service.storyboard(t["a"], films["a"])["scenes"][0]["lines"][0]["text"] == "Good morning and welcome."


def test_the_api_answers_another_organisations_film_exactly_as_an_unknown_one(world: World) -> None:
    a, b = world.films["a"], world.films["b"]
    listed = world.api("GET", "/api/v1/films", "a").json()
    assert [f["id"] for f in listed] == [a]
    assert world.api("GET", f"/api/v1/films/{a}", "a").json()["title"] == "Tiny Talk"
    unknown = "0123456789ab"
    for suffix in ("", "/downloads", "/plan", "/cutdowns", "/renders/current", "/plan/files/budget.csv"):
        theirs = world.api("GET", f"/api/v1/films/{a}{suffix}", "b")
        missing = world.api("GET", f"/api/v1/films/{unknown}{suffix}", "b")
        assert theirs.status_code == missing.status_code == 404, suffix
        assert theirs.json()["error"].replace(a, "X") == missing.json()["error"].replace(unknown, "X")
    started = world.api("POST", f"/api/v1/films/{a}/renders", "b", json={"request_key": "steal"})
    assert started.status_code == 404
    assert world.service.progress(world.tokens["a"], a).run_id is None  # nothing was queued or charged
    assert world.api("DELETE", f"/api/v1/films/{a}/renders/current", "b").status_code == 404
    assert world.api("GET", "/api/v1/usage", "b").json()["organisation"] == "globex"
    assert [o["slug"] for o in world.api("GET", "/api/v1/organisations", "b").json()] == ["globex"]
    assert world.api("GET", f"/api/v1/films/{b}", "b").status_code == 200


def test_media_urls_open_only_for_the_films_organisation(world: World) -> None:
    a = world.films["a"]
    links = world.api("GET", f"/api/v1/films/{a}/downloads", "a").json()["files"]
    assert set(links) >= {"mp4", "vtt", "zip"}
    own = world.api("GET", links["mp4"], "a")
    assert own.status_code == 200 and own.content[4:8] == b"ftyp"
    assert world.api("GET", links["mp4"], "b").status_code == 404  # another organisation's key
    world.client.cookies.clear()
    world.client.cookies.set("studio_session", world.tokens["b"])
    assert world.client.get(links["mp4"]).status_code == 403  # another organisation's member in the app
    world.client.cookies.set("studio_session", world.tokens["a2"])
    assert world.client.get(links["mp4"]).status_code == 200  # a fellow member in the app
    assert world.api("GET", "/me/export", "a").status_code == 401  # a key opens the API and media, not the account


def test_a_film_made_through_the_api_belongs_to_the_keys_organisation(world: World) -> None:
    made = world.api("POST", "/api/v1/films", "b", json={"script": SHORT, "options": {"duration": 20}})
    assert made.status_code == 201, made.text
    film_id = made.json()["id"]
    assert made.json()["status"] == "draft"
    assert film_id in [f["id"] for f in world.api("GET", "/api/v1/films", "b").json()]
    assert film_id not in [f["id"] for f in world.api("GET", "/api/v1/films", "a").json()]
    with pytest.raises(Forbidden):
        world.service.film(world.tokens["a"], film_id)
    refused = world.api("POST", "/api/v1/films", "b", json={"script": SHORT, "org": "acme"})
    assert refused.status_code == 404  # a globex key cannot make a film in acme
    with pytest.raises(UserError):
        world.service.create_film(world.tokens["b"], SHORT, {}, org="acme")


def test_an_organisations_film_outlives_the_member_who_made_it(world: World) -> None:
    second = world.service.create_film(world.tokens["b"], SHORT, {})  # b is in one organisation: globex's film
    world.service.delete_account(world.tokens["a"], "password a!")
    assert [f.id for f in world.service.films(world.tokens["a2"])] == [world.films["a"]]
    assert world.service.media_file(world.tokens["a2"], world.films["a"], "mp4").is_file()
    world.service.delete_account(world.tokens["b"], "password b!")  # globex loses its only member, not its films
    from studio.store import FilmRow

    with world.service.store.session() as session:
        assert session.get(FilmRow, world.films["b"]) is not None and session.get(FilmRow, second) is not None
