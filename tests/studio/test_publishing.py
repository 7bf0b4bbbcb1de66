"""YouTube publishing end to end against the local Google OAuth + YouTube Data API server:
connect (OAuth code flow, state checked), tokens sealed at rest, refresh and revocation, and a
release with generated metadata, chapters, thumbnail, playlist and schedule, resumed after failures."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.services import publishing
from studio.services.accounts import now
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store.publishing import CrmOutboxRow, OAuthStateRow, YouTubeConnectionRow, YouTubeReleaseRow
from studio.web.server import SESSION_COOKIE, create_app
from tests.fakes.youtube_server import FakeYouTube

SCRIPT = "Title: The Lamp\n\nASHA: The lamp is lit.\nRAVI: Then the river will see us home.\n"
FAST = {"chunk_size": 64 * 1024, "backoff_seconds": 0.0, "timeout": 3.0}


@pytest.fixture
def fake() -> Iterator[FakeYouTube]:
    server = FakeYouTube().start()
    yield server
    server.stop()


def _settings(tmp_path: Path, url: str, fake: FakeYouTube, key: str) -> Settings:
    return Settings(tmp_path / "home", url, tmp_path / "home" / "dagster", youtube_client_id=fake.client_id,
                    youtube_client_secret=fake.client_secret, youtube_auth_uri=f"{fake.url}/o/oauth2/auth",
                    youtube_token_uri=f"{fake.url}/token", youtube_api_base=fake.url, token_key=key)  # fmt: skip


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, fake: FakeYouTube, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the local Google speaks plain http
    return open_studio(_settings(tmp_path, sqlite_url, fake, Fernet.generate_key().decode()))


@pytest.fixture
def any_service(tmp_path: Path, store_url: str, fake: FakeYouTube, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    """The same studio on SQLite and on PostgreSQL."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    return open_studio(_settings(tmp_path, store_url, fake, Fernet.generate_key().decode()))


def _account(service: StudioService, email: str) -> tuple[str, str]:
    token = service.sign_up(email, "correct horse battery", email.split("@")[0])
    return token, service.user(token).id


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (128, 72), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def _finished_film(service: StudioService, owner: str | None, status: str = "ready") -> str:
    film = service.store.create_film("The Lamp", SCRIPT, "dialogue", {}, owner_id=owner)
    service.store.set_status(film.id, status)
    folder = service.settings.media_root / film.id / "final_cut"
    folder.mkdir(parents=True)
    (folder / "film.mp4").write_bytes(os.urandom(300_000))
    for number, colour in enumerate(((200, 30, 30), (30, 200, 30), (30, 30, 200)), 1):
        (folder / f"thumbnail_{number}.jpg").write_bytes(_jpeg(colour))
    scenes = [("s01", "INT. TEMPLE - DAWN", "TEMPLE", 1.0), ("s02", "EXT. GHAT - DAY", "GHAT", 14.0),
              ("s03", "EXT. BOAT - DAY", "BOAT", 18.0), ("s04", "EXT. RIVER - NIGHT", "RIVER", 31.0)]  # fmt: skip
    breakdown = {"title": "The Lamp", "format": "dialogue", "culture": "indian",
                 "characters": [{"name": "ASHA"}, {"name": "RAVI"}],
                 "scenes": [{"scene_id": sid, "heading": heading, "location": place, "mood": "calm", "culture": "indian",
                             "lines": [{"speaker": "ASHA", "text": "The lamp is lit.", "start": start, "end": start + 2}]}
                            for sid, heading, place, start in scenes]}  # fmt: skip
    (folder / "breakdown.json").write_text(json.dumps(breakdown))
    (folder / "manifest.json").write_text(json.dumps({"film": "film.mp4", "breakdown": "breakdown.json",
                                                      "thumbnails": ["thumbnail_1.jpg", "thumbnail_2.jpg", "thumbnail_3.jpg"],
                                                      "duration": 45.0}))  # fmt: skip
    return film.id


def _connect(service: StudioService, fake: FakeYouTube, token: str) -> TestClient:
    client = TestClient(create_app(service, ui=False))
    client.cookies.set(SESSION_COOKIE, token)
    start = client.get("/oauth/youtube/start", follow_redirects=False)
    assert start.status_code == 303 and start.headers["location"].startswith(fake.url + "/o/oauth2/auth")
    consent = requests.get(start.headers["location"], allow_redirects=False, timeout=5)  # Google's consent page
    back = urlparse(consent.headers["Location"])
    assert back.path == "/oauth/youtube/callback"
    done = client.get(f"{back.path}?{back.query}")
    assert done.status_code == 200 and "YouTube connected: Asha Films" in done.text, done.text
    return client


def test_connect_stores_the_channel_and_sealed_tokens(service: StudioService, fake: FakeYouTube) -> None:
    token, user = _account(service, "asha@example.com")
    assert publishing.status(service.store, service.settings, user).connected is False
    _connect(service, fake, token)
    status = publishing.status(service.store, service.settings, user)
    assert (status.connected, status.channel_id, status.channel_title) == (True, fake.channel["id"], "Asha Films")
    (refresh,) = fake.refresh_tokens
    with service.store.session() as session:
        link = session.get(YouTubeConnectionRow, user)
        sealed = link.refresh_token_enc
        outbox = {(r.kind, r.event) for r in session.scalars(select(CrmOutboxRow))}
    assert (
        refresh not in sealed
        and Fernet(service.settings.token_key.encode()).decrypt(sealed.encode()).decode() == refresh
    )
    assert ("youtube", "youtube.connected") in outbox


def test_wrong_or_replayed_state_is_refused_and_nothing_is_stored(service: StudioService, fake: FakeYouTube) -> None:
    token, user = _account(service, "asha@example.com")
    client = TestClient(create_app(service, ui=False))
    client.cookies.set(SESSION_COOKIE, token)
    start = client.get("/oauth/youtube/start", follow_redirects=False)
    consent = requests.get(start.headers["location"], allow_redirects=False, timeout=5)
    query = parse_qs(urlparse(consent.headers["Location"]).query)
    forged = client.get("/oauth/youtube/callback", params={"state": "forged-state", "code": query["code"][0]})
    assert forged.status_code == 400 and "invalid or has expired" in forged.text
    # Someone else's browser cannot finish this user's authorisation either.
    other_token, _ = _account(service, "mallory@example.com")
    other = TestClient(create_app(service, ui=False))
    other.cookies.set(SESSION_COOKIE, other_token)
    stolen = other.get("/oauth/youtube/callback", params={"state": query["state"][0], "code": query["code"][0]})
    assert stolen.status_code == 400
    with service.store.session() as session:
        assert session.get(YouTubeConnectionRow, user) is None  # neither attempt stored anything
        assert session.scalar(select(YouTubeConnectionRow.user_id)) is None
    args = {"state": query["state"][0], "code": query["code"][0]}
    assert client.get("/oauth/youtube/callback", params=args).status_code == 200  # the rightful user finishes
    replay = client.get("/oauth/youtube/callback", params=args)
    assert replay.status_code == 400  # a state works once
    with service.store.session() as session:
        assert not list(session.scalars(select(OAuthStateRow)))
    assert client.get("/oauth/youtube/callback").status_code == 400  # no state at all


def test_publish_with_metadata_thumbnail_playlist_schedule_resuming_twice(service: StudioService,
                                                                           fake: FakeYouTube) -> None:  # fmt: skip
    token, user = _account(service, "asha@example.com")
    _connect(service, fake, token)
    film = _finished_film(service, user)
    when = now() + timedelta(days=3)
    options = publishing.PublishOptions("public", when, "Ganga Stories", thumbnail=2)
    fake.faults = {2: "drop", 3: "drop", 5: "503"}  # a dropped connection (twice over) and a 5xx mid-upload
    release = publishing.request_release(service.store, service.settings, user, film, options)
    result = publishing.perform_release(service.store, service.settings, release, **FAST)
    video = fake.videos[result["video_id"]]
    mp4 = service.settings.media_root / film / "final_cut" / "film.mp4"
    assert video["bytes"] == mp4.read_bytes()
    assert any(e.startswith("drop") for e in fake.log) and any(e.startswith("503") for e in fake.log)
    snippet, status = video["snippet"], video["status"]
    assert snippet["title"] == "The Lamp" and snippet["categoryId"] == "1"
    assert {"Asha", "Ravi", "Temple", "Ghat", "River", "indian", "short film"} <= set(snippet["tags"])
    # Chapters from scene starts: the boat scene starts 4 s after the ghat one, so it folds into it.
    assert "0:00 Int. Temple - Dawn\n0:14 Ext. Ghat - Day\n0:31 Ext. River - Night" in snippet["description"]
    assert snippet["description"].startswith("The lamp is lit.")
    assert status["privacyStatus"] == "private" and status["publishAt"] == when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    thumbnail = service.settings.media_root / film / "final_cut" / "thumbnail_2.jpg"
    assert fake.thumbnails[result["video_id"]] == thumbnail.read_bytes()
    (playlist,) = fake.playlists
    assert playlist["snippet"]["title"] == "Ganga Stories" and result["playlist_created"] is True
    assert fake.playlist_items[0]["snippet"] == {
        "playlistId": playlist["id"],
        "resourceId": {"kind": "youtube#video", "videoId": result["video_id"]},
    }
    # Publishing again into the same playlist reuses it.
    fake.faults = {}
    again = publishing.request_release(service.store, service.settings, user, film,
                                       publishing.PublishOptions("unlisted", None, "ganga stories"))  # fmt: skip
    second = publishing.perform_release(service.store, service.settings, again, **FAST)
    assert len(fake.playlists) == 1 and second["playlist_id"] == playlist["id"] and not second["playlist_created"]
    assert fake.videos[second["video_id"]]["status"] == {"privacyStatus": "unlisted", "selfDeclaredMadeForKids": False,
                                                         "uploadStatus": "uploaded"}  # fmt: skip
    with service.store.session() as session:
        states = [r.state for r in session.scalars(select(YouTubeReleaseRow).order_by(YouTubeReleaseRow.id))]
        published = list(session.scalars(select(CrmOutboxRow).where(CrmOutboxRow.event == "film.published")))
    assert states == ["done", "done"] and published and published[0].key == film


def test_an_expiring_token_is_refreshed_first(any_service: StudioService, fake: FakeYouTube) -> None:
    service = any_service
    token, user = _account(service, "asha@example.com")
    _connect(service, fake, token)
    with service.store.session() as session:
        link = session.get(YouTubeConnectionRow, user)
        old, link.expires_at = link.access_token_enc, now() + timedelta(minutes=2)  # inside the 5-minute margin
    fresh = publishing.access_token(service.store, service.settings, user, publishing.youtube_config(service.settings))
    assert fresh in fake.access
    with service.store.session() as session:
        link = session.get(YouTubeConnectionRow, user)
        assert link.access_token_enc != old and publishing._open(service.settings, link.access_token_enc) == fresh


def test_a_revoked_token_asks_the_user_to_reconnect(any_service: StudioService, fake: FakeYouTube) -> None:
    service = any_service
    token, user = _account(service, "asha@example.com")
    _connect(service, fake, token)
    film = _finished_film(service, user)
    release = publishing.request_release(
        service.store, service.settings, user, film, publishing.PublishOptions("private")
    )
    fake.revoke_all()  # the user removed the studio's access in their Google account
    with service.store.session() as session:
        session.get(YouTubeConnectionRow, user).expires_at = now()  # the access token has run out too
    with pytest.raises(publishing.ReconnectYouTube, match="connect YouTube again"):
        publishing.perform_release(service.store, service.settings, release, **FAST)
    assert not fake.videos
    status = publishing.status(service.store, service.settings, user)
    assert status.connected is False and "connect YouTube again" in status.message
    with pytest.raises(publishing.ReconnectYouTube):
        publishing.request_release(service.store, service.settings, user, film, publishing.PublishOptions("private"))
    with service.store.session() as session:
        assert [r.state for r in session.scalars(select(YouTubeReleaseRow))] == ["failed"]
    _connect(service, fake, token)  # reconnecting makes publishing work again
    assert publishing.status(service.store, service.settings, user).connected


def test_refusals_change_nothing(service: StudioService, fake: FakeYouTube, tmp_path: Path, sqlite_url: str) -> None:
    token, user = _account(service, "asha@example.com")
    _, other = _account(service, "ravi@example.com")
    _connect(service, fake, token)
    draft = _finished_film(service, user, status="rendering")
    theirs = _finished_film(service, other)
    mine = _finished_film(service, user)
    opts = publishing.PublishOptions("public")
    cases = [
        (draft, opts, "only a finished film"),
        (theirs, opts, "not yours"),
        ("f" * 40, opts, "No film"),
        (mine, publishing.PublishOptions("secret"), "Privacy must be one of"),
        (mine, publishing.PublishOptions("unlisted", now() + timedelta(days=1)), "public or private"),
        (mine, publishing.PublishOptions("public", thumbnail=7), "thumbnail 1 to 3"),
        (mine, publishing.PublishOptions("public", playlist="x" * 151), "at most 150"),
    ]
    for film, options, message in cases:
        with pytest.raises(UserError, match=message):
            publishing.request_release(service.store, service.settings, user, film, options)
    for text, message in (("yesterday", "not an ISO 8601"), ("2001-01-01T00:00:00Z", "in the future")):
        with pytest.raises(UserError, match=message):
            publishing.parse_publish_at(text)
    with service.store.session() as session:
        assert not list(session.scalars(select(YouTubeReleaseRow)))
    assert not fake.videos
    bare = open_studio(Settings(tmp_path / "bare", sqlite_url.replace("studio.db", "bare.db"), tmp_path / "bare" / "d"))
    assert "not configured" in publishing.status(bare.store, bare.settings, user).message
    with pytest.raises(publishing.NotConfigured, match="STUDIO_YOUTUBE_CLIENT_ID"):
        publishing.request_release(bare.store, bare.settings, user, mine, opts)
    assert TestClient(create_app(bare, ui=False)).get("/oauth/youtube/start").status_code == 401  # signed out


def test_studio_publish_runs_the_youtube_release_asset(service: StudioService, fake: FakeYouTube,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import dagster as dg
    from click.testing import CliRunner

    from studio.cli.main import main

    token, user = _account(service, "asha@example.com")
    _connect(service, fake, token)
    film = _finished_film(service, user)
    unfinished = _finished_film(service, user, status="draft")
    settings = service.settings
    for name, value in {"STUDIO_HOME": str(settings.home), "STUDIO_DATABASE_URL": settings.database_url,
                        "DAGSTER_HOME": str(settings.dagster_home), "STUDIO_YOUTUBE_CLIENT_ID": fake.client_id,
                        "STUDIO_YOUTUBE_CLIENT_SECRET": fake.client_secret, "STUDIO_TOKEN_KEY": settings.token_key,
                        "STUDIO_YOUTUBE_AUTH_URI": settings.youtube_auth_uri,
                        "STUDIO_YOUTUBE_TOKEN_URI": settings.youtube_token_uri,
                        "STUDIO_YOUTUBE_API_BASE": settings.youtube_api_base,
                        "STUDIO_IMAGE_BACKEND": "illustrator", "STUDIO_SDXL_PATH": "",
                        "STUDIO_WHISPER_BASE_PATH": ""}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    refused = CliRunner().invoke(main, ["publish", unfinished, "--privacy", "public"])
    assert refused.exit_code == 2 and "only a finished film" in refused.output
    out = CliRunner().invoke(
        main, ["publish", film, "--privacy", "unlisted", "--playlist", "Shorts", "--thumbnail", "3"]
    )
    assert out.exit_code == 0, out.output
    (video_id,) = fake.videos
    assert f"Published: https://www.youtube.com/watch?v={video_id} (unlisted)" in out.output
    assert "Playlist: Shorts (created)" in out.output
    assert fake.videos[video_id]["bytes"] == (settings.media_root / film / "final_cut" / "film.mp4").read_bytes()
    instance = dg.DagsterInstance.get()
    event = instance.get_latest_materialization_event(dg.AssetKey("youtube_release"))
    assert event is not None and event.dagster_event.partition == film
    manifest = json.loads((settings.media_root / film / "youtube_release" / "manifest.json").read_text())
    assert manifest["video_id"] == video_id


def test_watch_panel_connects_and_publishes(service: StudioService, fake: FakeYouTube, tmp_path: Path,
                                            sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from studio_ui import publish_panel

    monkeypatch.setenv("DAGSTER_HOME", str(service.settings.dagster_home))
    monkeypatch.setenv("STUDIO_HOME", str(service.settings.home))
    monkeypatch.setenv("STUDIO_DATABASE_URL", service.settings.database_url)
    for name, value in {"STUDIO_YOUTUBE_CLIENT_ID": fake.client_id, "STUDIO_YOUTUBE_CLIENT_SECRET": fake.client_secret,
                        "STUDIO_TOKEN_KEY": service.settings.token_key, "STUDIO_YOUTUBE_API_BASE": fake.url,
                        "STUDIO_YOUTUBE_TOKEN_URI": service.settings.youtube_token_uri}.items():  # fmt: skip
        monkeypatch.setenv(name, value)  # the asset reads the settings the app exported
    token, user = _account(service, "asha@example.com")
    assert "[Connect YouTube](/oauth/youtube/start)" in publish_panel.status_text(service, token)
    _connect(service, fake, token)
    assert "Connected to **Asha Films**" in publish_panel.status_text(service, token)
    film = _finished_film(service, user)
    with pytest.raises(UserError, match="not an ISO 8601"):
        publish_panel.publish(service, token, film, "public", "next tuesday", "", 1)
    assert not fake.videos
    message = publish_panel.publish(service, token, film, "public", "", "Shorts", 2)
    (video_id,) = fake.videos
    assert message.startswith("✓ Published (public · playlist Shorts)") and video_id in message
    bare = open_studio(Settings(tmp_path / "bare", sqlite_url.replace("studio.db", "bare.db"), tmp_path / "bare" / "d"))
    bare_token, _ = _account(bare, "owner@example.com")
    assert "not configured" in publish_panel.status_text(bare, bare_token)
