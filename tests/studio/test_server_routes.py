"""The FastAPI routes around the studio: cookie-checked media, expiring share links, health."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import imageio_ffmpeg
import pytest
from fastapi.testclient import TestClient

from studio.compose import open_studio
from studio.domain import sharing
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store.media import asset_dir, write_manifest
from studio.web.server import SESSION_COOKIE, create_app

SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    return open_studio(Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster"))


def publish_final_cut(service: StudioService, film_id: str) -> None:
    """Lay out a final_cut and trailer the way the media IO manager publishes them, with a real MP4."""
    folder = asset_dir(service.settings.media_root, film_id, "final_cut")
    folder.mkdir(parents=True)
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(
        [ffmpeg, "-v", "error", "-f", "lavfi", "-i", "color=c=blue:s=64x64:d=1", "-c:v", "libx264",
         "-pix_fmt", "yuv420p", str(folder / "film.mp4")],
        check=True,
    )  # fmt: skip
    subprocess.run(
        [ffmpeg, "-v", "error", "-i", str(folder / "film.mp4"), "-frames:v", "1", str(folder / "thumbnail_1.jpg")],
        check=True,
    )
    (folder / "film.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nGood morning.\n")
    (folder / "film.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nGood morning.\n")
    write_manifest(folder, {"film": "film.mp4", "srt": "film.srt", "vtt": "film.vtt", "breakdown": "breakdown.json",
                            "thumbnails": ["thumbnail_1.jpg"], "duration": 1.0, "cues": 1})  # fmt: skip
    trailer = asset_dir(service.settings.media_root, film_id, "trailer")
    trailer.mkdir(parents=True)
    (trailer / "trailer.mp4").write_bytes((folder / "film.mp4").read_bytes())
    write_manifest(trailer, {"file": "trailer.mp4", "duration": 1.0, "moments": []})


@pytest.fixture
def world(service: StudioService) -> dict:
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    owner = service.sign_up("c@example.com", "password two", "Creator")
    other = service.sign_up("o@example.com", "password three", "Other")
    film_id = service.create_film(owner, SHORT, {})
    publish_final_cut(service, film_id)
    return {
        "admin": admin,
        "owner": owner,
        "other": other,
        "film": film_id,
        "client": TestClient(create_app(service, ui=False)),
    }


def get(world: dict, url: str, who: str | None) -> object:
    client: TestClient = world["client"]
    client.cookies.clear()
    if who:
        client.cookies.set(SESSION_COOKIE, world[who])
    return client.get(url)


def test_health(world: dict) -> None:
    assert get(world, "/healthz", None).json() == {"ok": True}


def test_media_is_served_only_to_the_films_owner(world: dict) -> None:
    film = world["film"]
    for name, kind in (
        ("mp4", "video/mp4"),
        ("film.mp4", "video/mp4"),
        ("vtt", "text/vtt"),
        ("thumbnail_1.jpg", "image/jpeg"),
    ):
        response = get(world, f"/media/{film}/{name}", "owner")
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
    assert get(world, f"/media/{film}/mp4", "owner").content[4:8] == b"ftyp"
    zipped = get(world, f"/media/{film}/zip", "owner")
    assert zipped.status_code == 200 and zipped.content[:2] == b"PK"
    assert get(world, f"/media/{film}/mp4", "other").status_code == 403
    assert get(world, f"/media/{film}/mp4", None).status_code == 401
    assert get(world, f"/media/{film}/mp4", "admin").status_code == 200


@pytest.mark.parametrize("url", ["/media/abcdef123456/mp4", "/media/..%2F..%2Fetc/passwd", "/media/{film}/..%2F..%2Fstudio.db",
                                 "/media/{film}/manifest.json", "/media/{film}/nope.mp4"])  # fmt: skip
def test_unknown_or_hostile_media_urls_are_not_found(world: dict, url: str) -> None:
    assert get(world, url.format(film=world["film"]), "owner").status_code == 404


def test_bearer_tokens_work_for_api_clients(world: dict) -> None:
    client: TestClient = world["client"]
    client.cookies.clear()
    response = client.get(f"/media/{world['film']}/srt", headers={"Authorization": f"Bearer {world['owner']}"})
    assert response.status_code == 200 and "Good morning" in response.text


def test_sign_in_route_sets_the_session_cookie(world: dict) -> None:
    client: TestClient = world["client"]
    client.cookies.clear()
    assert client.post("/auth/sign-in", data={"email": "c@example.com", "password": "wrong one"}).status_code == 401
    response = client.post("/auth/sign-in", data={"email": "c@example.com", "password": "password two"})
    assert response.status_code == 200 and SESSION_COOKIE in response.cookies
    assert client.get(f"/media/{world['film']}/mp4").status_code == 200
    client.post("/auth/sign-out")
    assert client.get(f"/media/{world['film']}/mp4").status_code == 401


def test_share_links_play_until_they_expire(service: StudioService, world: dict) -> None:
    link = service.share_link(world["owner"], world["film"], hours=1)
    page = get(world, link, None)
    assert page.status_code == 200 and "<video" in page.text and "Tiny Talk" in page.text
    assert get(world, f"{link}/mp4", None).content[4:8] == b"ftyp"
    assert get(world, f"{link}/srt", None).status_code == 200
    assert get(world, f"{link}/zip", None).status_code == 404  # a share shows the film, not every file
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    assert get(world, tampered, None).status_code == 410
    token = link.removeprefix("/share/")
    later = time.time() + 2 * 3600
    with pytest.raises(sharing.ShareLinkInvalid, match="expired"):
        sharing.verify(service.film_service.share_secret(), token, now=later)
    expired = sharing.sign(service.film_service.share_secret(), world["film"], 1, now=time.time() - 7200)
    assert get(world, f"/share/{expired}", None).status_code == 410
    with pytest.raises(Exception, match="another account"):
        service.share_link(world["other"], world["film"])
    with pytest.raises(Exception, match="between"):
        service.share_link(world["owner"], world["film"], hours=0)
