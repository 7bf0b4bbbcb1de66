"""The public API: key authentication, rate limits, body limits, bad input, renders and the credit pool."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from orgs_support import SHORT, World, make_world
from sqlalchemy import func, select

from studio.services import organisations
from studio.store import FilmRow
from studio.store.organisations import OrganisationRow, WebhookRow
from studio.web.rate_limit import TokenBuckets
from tests.entry_env import export_settings


@pytest.fixture
def world(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    world = make_world(tmp_path / "home", sqlite_url, api_burst=1000, api_rate_per_minute=6000, api_max_body=300_000)
    export_settings(monkeypatch, world.service.settings)
    return world


@pytest.fixture
def limited(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    world = make_world(tmp_path / "home", sqlite_url, api_burst=5, api_rate_per_minute=1)
    export_settings(monkeypatch, world.service.settings)
    return world


def _films(world: World) -> int:
    with world.service.store.session() as session:
        return session.scalar(select(func.count()).select_from(FilmRow))


def _pool(world: World) -> int:
    with world.service.store.session() as session:
        return session.scalar(select(OrganisationRow.balance).where(OrganisationRow.slug == "acme"))


def test_the_openapi_document_describes_the_api(world: World) -> None:
    doc = world.client.get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "Film Studio API"
    assert {
        "/films",
        "/films/{film_id}",
        "/films/{film_id}/renders",
        "/films/{film_id}/renders/current",
        "/films/{film_id}/plan",
        "/films/{film_id}/cutdowns",
        "/usage",
        "/webhooks",
    } <= set(doc["paths"])
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_missing_malformed_unknown_and_revoked_keys_get_401(world: World) -> None:
    a = world.films["a"]
    assert world.api("GET", "/api/v1/films").status_code == 401
    real = world.keys["a"]
    forged = real[:-1] + ("B" if real.endswith("A") else "A")  # one character off (never the key itself)
    for bad in ("nonsense", "fsk_zz_short", forged, "fsk_00000000_" + "a" * 43, "x" * 10_000):
        answer = world.api("GET", "/api/v1/films", key=bad)
        assert answer.status_code == 401 and "error" in answer.json(), bad[:30]
    assert world.api("GET", f"/api/v1/films/{a}", "a").status_code == 200
    prefix = world.keys["a"].split("_")[1]
    listed = {k.prefix: k for k in world.service.api_keys(world.tokens["a"])}
    assert listed[prefix].org_slug == "acme" and listed[prefix].revoked_at is None
    world.service.revoke_api_key(world.tokens["a"], prefix)
    revoked = world.api("GET", f"/api/v1/films/{a}", "a")
    assert revoked.status_code == 401 and "sign in" in revoked.json()["error"].lower()
    assert world.api("GET", f"/media/{a}/mp4", "a").status_code == 401  # media URLs refuse it too
    with pytest.raises(Exception, match="already revoked"):
        world.service.revoke_api_key(world.tokens["a"], prefix)


def test_a_key_over_its_rate_gets_429_with_retry_after_and_other_keys_are_unaffected(limited: World) -> None:
    world = limited
    answers = [world.api("GET", "/api/v1/films", "a") for _ in range(7)]
    assert [r.status_code for r in answers[:5]] == [200] * 5  # the burst
    limited = answers[5]
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert "Too many requests" in limited.json()["error"]
    assert world.api("GET", "/api/v1/films", "b").status_code == 200


def test_redis_buckets_are_shared_between_limiters() -> None:
    """Two web processes (two limiters) on one Redis share each key's bucket."""
    prefix = f"test:{uuid.uuid4().hex}:"
    first = TokenBuckets(1, 3, "redis://127.0.0.1:6379/0", prefix)
    second = TokenBuckets(1, 3, "redis://127.0.0.1:6379/0", prefix)
    decisions = [first.take("k"), second.take("k"), first.take("k"), second.take("k")]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert 1 <= decisions[-1].retry_after <= 60
    assert second.take("other").allowed


def test_a_body_over_the_limit_gets_413_and_creates_nothing(world: World) -> None:
    before = _films(world)
    big = {"script": SHORT + "ALEX: " + "la " * 110_000}
    declared = world.api("POST", "/api/v1/films", "a", json=big)
    assert declared.status_code == 413 and "limit" in declared.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(40):
            yield b"x" * 10_000

    chunked = world.api("POST", "/api/v1/films", "a", content=chunks(), headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413
    assert _films(world) == before


def test_ten_thousand_character_strings_get_a_clear_4xx_and_change_nothing(world: World) -> None:
    long = "x" * 10_000
    a = world.films["a"]
    before = _films(world)
    answers = {
        "request_key": world.api("POST", f"/api/v1/films/{a}/renders", "a", json={"request_key": long}),
        "webhook": world.api("POST", "/api/v1/webhooks", "a", json={"url": "https://example.com/" + long}),
        "org": world.api("POST", "/api/v1/films", "a", json={"script": SHORT, "org": long}),
        "month": world.api("GET", "/api/v1/usage", "a", params={"month": long}),
        "film id": world.api("GET", f"/api/v1/films/{long}", "a"),
        "file": world.api("GET", f"/api/v1/films/{a}/plan/files/{long}", "a"),
    }
    for name, answer in answers.items():
        assert 400 <= answer.status_code < 500, name
        assert answer.json().get("error") or answer.json().get("detail"), name
    script = world.api("POST", "/api/v1/films", "a", json={"script": "\x00" * 10_000})
    assert script.status_code == 400 and "not a text script" in script.json()["error"]
    bad_month = world.api("GET", "/api/v1/usage", "a", params={"month": "2027-13"})
    assert bad_month.status_code == 400 and "no month" in bad_month.json()["error"]
    assert _films(world) == before
    with world.service.store.session() as session:
        assert session.scalar(select(func.count()).select_from(WebhookRow)) == 0
    assert world.service.progress(world.tokens["a"], a).run_id is None


def test_renders_are_paid_from_the_pool_and_can_be_followed_and_cancelled(world: World) -> None:
    a = world.films["a"]
    balance = world.service.user(world.tokens["a"]).balance
    empty = world.api("POST", f"/api/v1/films/{a}/renders", "a", json={"request_key": "r1"})
    assert empty.status_code == 402 and "pool" in empty.json()["error"]
    with world.service.store.session() as session:
        organisations.grant(session, organisations.by_slug(session, "acme"), 10, "test pool")
    started = world.api("POST", f"/api/v1/films/{a}/renders", "a", json={"request_key": "r1"})
    assert started.status_code == 202, started.text
    run_id = started.json()["run_id"]
    again = world.api("POST", f"/api/v1/films/{a}/renders", "a", json={"request_key": "r1"})
    assert again.json()["run_id"] == run_id  # the same request key: the same run, charged once
    progress = world.api("GET", f"/api/v1/films/{a}/renders/current", "a").json()
    assert (progress["status"], progress["run_id"]) == ("queued", run_id)
    pool = _pool(world)
    assert pool == 10 - world.service.estimate(world.tokens["a"], SHORT, {}).credits  # from the pool
    assert world.service.user(world.tokens["a"]).balance == balance  # the member's own credits untouched
    cancelled = world.api("DELETE", f"/api/v1/films/{a}/renders/current", "a")
    assert cancelled.status_code == 200 and cancelled.json()["cancelled"] is True
    assert world.api("GET", f"/api/v1/films/{a}", "a").json()["status"] == "cancelled"
    assert world.api("DELETE", f"/api/v1/films/{a}/renders/current", "a").status_code == 400  # not rendering
    # A render that fails for a system reason, past its retry budget (retries themselves:
    # tests/studio/test_renders_survive.py), gives its credits back to the pool, once.
    failed = world.api("POST", f"/api/v1/films/{a}/renders", "a", json={"request_key": "r2"}).json()["run_id"]
    assert _pool(world) == pool - (10 - pool)
    world.service.runs.instance.add_run_tags(failed, {"dagster/max_retries": "0"})
    world.service.runs.instance.report_run_failed(world.service.runs.instance.get_run_by_id(failed))
    world.api("GET", "/api/v1/films", "a")  # reads settle finished renders
    world.api("GET", "/api/v1/films", "a")
    assert _pool(world) == pool
    assert world.service.user(world.tokens["a"]).balance == balance


def test_plan_and_usage_through_the_api(world: World) -> None:
    a = world.films["a"]
    plan = world.api("GET", f"/api/v1/films/{a}/plan", "a").json()
    assert plan["scenes"] == 1 and len(plan["days"]) == 1 and plan["totals"]["Total"] > 0
    cut = world.api("GET", f"/api/v1/films/{a}/cutdowns", "a").json()
    assert cut == {"film_id": a, "cutdowns": [], "skipped": [], "teaser": None, "press_kit": None}
    usage = world.api("GET", "/api/v1/usage", "a").json()
    assert usage["organisation"] == "acme" and usage["films_created"] == 1 and usage["storage_mb"] > 0


def test_keys_made_in_the_app_are_shown_once_and_cannot_make_more_keys(world: World) -> None:
    view, key = world.service.create_api_key(world.tokens["a2"], org="acme", name="laptop")
    assert key.startswith(f"fsk_{view.prefix}_") and view.org_slug == "acme"
    assert all(key not in repr(k) for k in world.service.api_keys(world.tokens["a2"]))  # listed by prefix only
    assert world.api("GET", "/api/v1/films", key=key).json()[0]["id"] == world.films["a"]
    from studio.services.studio_service import Forbidden

    with pytest.raises(Forbidden):
        world.service.create_api_key(key, org="acme")  # a leaked key cannot mint others
    from studio.services.core import NoSuchThing

    with pytest.raises(NoSuchThing):
        world.service.create_api_key(world.tokens["b"], org="acme")  # not a member
    with pytest.raises(Exception, match="No API key"):
        world.service.revoke_api_key(world.tokens["b"], view.prefix)  # nor another member's key
    assert world.api("GET", "/api/v1/films", key=key).status_code == 200


def test_cutdown_files_download_for_the_films_organisation_only(world: World) -> None:
    from studio.store.media import asset_dir, write_manifest

    a = world.films["a"]
    folder = asset_dir(world.service.settings.media_root, a, "social_cutdowns")
    folder.mkdir(parents=True)
    (folder / "vertical_15s.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    write_manifest(
        folder,
        {
            "cutdowns": [{"file": "vertical_15s.mp4", "length": 15, "platform": "vertical"}],
            "skipped": [{"reason": "the film is shorter than 60 s"}],
            "teaser": {"file": "teaser.mp4"},
        },
    )
    listed = world.api("GET", f"/api/v1/films/{a}/cutdowns", "a").json()
    assert listed["cutdowns"] == [{"file": "vertical_15s.mp4", "length": 15, "platform": "vertical"}]
    assert listed["skipped"] == ["the film is shorter than 60 s"]
    got = world.api("GET", f"/api/v1/films/{a}/cutdowns/files/vertical_15s.mp4", "a")
    assert got.status_code == 200 and got.content[4:8] == b"ftyp"
    assert world.api("GET", f"/api/v1/films/{a}/cutdowns/files/vertical_15s.mp4", "b").status_code == 404
    assert world.api("GET", f"/api/v1/films/{a}/cutdowns/files/manifest.json", "a").status_code == 404
    assert world.api("GET", f"/api/v1/films/{a}/cutdowns/files/..%2Ffinal_cut%2Ffilm.mp4", "a").status_code == 404
