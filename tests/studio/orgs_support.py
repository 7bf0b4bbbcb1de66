"""Two organisations with a member, a key and a film each, for the isolation and API tests."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
from fastapi.testclient import TestClient

from studio.compose import open_studio
from studio.services import api_keys, organisations
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store.accounts import UserRow
from studio.store.media import asset_dir, write_manifest
from studio.web.server import create_app

SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


@dataclass
class World:
    service: StudioService
    client: TestClient
    tokens: dict[str, str]  # app session tokens by user name
    keys: dict[str, str]  # API keys: a (acme), b (globex)
    films: dict[str, str]  # film ids: a (acme), b (globex)

    def api(self, method: str, path: str, who: str | None = None, key: str | None = None, **kwargs: object):
        headers = dict(kwargs.pop("headers", {}) or {})  # type: ignore[arg-type]
        secret = key if key is not None else (self.keys[who] if who else None)
        if secret is not None:
            headers["Authorization"] = f"Bearer {secret}"
        self.client.cookies.clear()
        return self.client.request(method, path, headers=headers, **kwargs)


def publish_final_cut(service: StudioService, film_id: str) -> None:
    """A final_cut laid out as the media IO manager publishes it, with a real one-second MP4."""
    folder = asset_dir(service.settings.media_root, film_id, "final_cut")
    folder.mkdir(parents=True)
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "color=c=blue:s=64x64:d=1",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", str(folder / "film.mp4")], check=True)  # fmt: skip
    (folder / "film.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nGood morning.\n")
    write_manifest(folder, {"film": "film.mp4", "vtt": "film.vtt", "thumbnails": [], "duration": 90.0})


def make_world(home: Path, database_url: str, **limits: int) -> World:
    settings = Settings(home, database_url, home / "dagster", **limits)  # type: ignore[arg-type]
    service = open_studio(settings)
    service.sign_up("root@example.com", "password zero", "Root")  # the first account is the admin
    tokens = {name: service.sign_up(f"{name}@example.com", f"password {name}!", name.upper())
              for name in ("a", "a2", "b")}  # fmt: skip
    keys = {}
    with service.store.session() as session:
        users = {u.email.split("@")[0]: u for u in session.query(UserRow)}
        acme, globex = organisations.create(session, "acme", "Acme Films"), organisations.create(session, "globex")
        organisations.add_member(session, acme, users["a"], "owner")
        organisations.add_member(session, acme, users["a2"], "member")
        organisations.add_member(session, globex, users["b"], "owner")
        keys["a"] = api_keys.create(session, users["a"], acme, "ci")[1]
        keys["b"] = api_keys.create(session, users["b"], globex)[1]
    films = {"a": service.create_film(tokens["a"], SHORT, {}), "b": service.create_film(tokens["b"], SHORT, {})}
    for film_id in films.values():
        publish_final_cut(service, film_id)
    return World(service, TestClient(create_app(service, ui=False)), tokens, keys, films)
