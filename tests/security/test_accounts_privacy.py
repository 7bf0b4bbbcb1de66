"""Finding (compliance): "download my data" is a zip of the account, ledger, films, scripts and
media; "delete my account" left cached takes/plates, uploads and MLflow runs behind. This test
fills every store for two users, deletes one, and walks every store for what was theirs."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from accounts_support import make_service
from sqlalchemy import inspect, text, update

from models.film.scene_cache import SceneCache
from studio.store import FilmRow

SCRIPT_A = "Title: Monsoon Letters\n\nASHA: The monsoon letters arrived before dawn.\nRAVI: Read them aloud, slowly.\n"
SCRIPT_B = "Title: Harbour\n\nMARIA: The harbour lights are failing tonight.\nJON: Then we sail by the stars.\n"


def _cache_entry(cache: SceneCache, key: str, payload: bytes, films: list[Path]) -> Path:
    staging = cache.root.parent.parent / "staging" / key
    staging.mkdir(parents=True)
    name = f"take-{key[:4]}.wav"  # one file per scene, as the voice and image assets write them
    (staging / name).write_bytes(payload)
    cache.store(key, staging, [name], {"scene": key[:4]})
    for media in films:  # a render links the entry's files into the film's media (same inode)
        cache.fetch(key, media)
    return cache.root / key[:2] / key


def _asr_entry(home: Path, key: str, words: str) -> Path:
    path = home / "cache" / "asr" / key[:2] / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([[w, 0.1 * i, 0.1 * i + 0.1] for i, w in enumerate(words.split())]))
    return path


def _everything_in_the_database(service) -> str:
    with service.store.session() as session:
        tables = inspect(session.get_bind()).get_table_names()
        return "\n".join(str(row) for table in tables for row in session.execute(text(f'SELECT * FROM "{table}"')))


def _everything_in_mlflow(path: Path) -> str:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(str(row) for t in tables for row in db.execute(f'SELECT * FROM "{t}"'))


@pytest.fixture
def world(tmp_path: Path, sqlite_url: str) -> dict:
    service = make_service(tmp_path, sqlite_url, None)
    service.sign_up("admin@example.com", "admin password", "Admin")
    a = service.sign_up("asha@example.com", "asha password", "Asha")
    b = service.sign_up("maria@example.com", "maria password", "Maria")
    film_a, film_b = service.create_film(a, SCRIPT_A, {}), service.create_film(b, SCRIPT_B, {})
    home, media = service.settings.home, service.settings.media_root
    voice = SceneCache(home / "cache" / "voice_tracks")
    plates = SceneCache(home / "cache" / "scene_images")
    media_a, media_b = media / film_a / "voice_tracks", media / film_b / "voice_tracks"
    cache = {
        "a_only": _cache_entry(voice, "aa" * 32, b"asha's take", [media_a]),
        "a_plate": _cache_entry(plates, "ab" * 32, b"asha's plate", [media / film_a / "scene_images"]),
        "shared": _cache_entry(voice, "cc" * 32, b"same take for both", [media_a, media_b]),
        "b_only": _cache_entry(voice, "bb" * 32, b"maria's take", [media_b]),
        "a_asr": _asr_entry(home, "dd" * 32, "the monsoon letters arrived before dawn"),
        "b_asr": _asr_entry(home, "ee" * 32, "the harbour lights are failing tonight"),
    }
    uploads = home / "uploads" / "music"
    uploads.mkdir(parents=True)
    own_upload, shared_upload = uploads / ("1" * 64 + ".wav"), uploads / ("2" * 64 + ".wav")
    own_upload.write_bytes(b"RIFF asha"), shared_upload.write_bytes(b"RIFF both")
    with service.store.session() as session:
        session.execute(
            update(FilmRow)
            .where(FilmRow.id == film_a)
            .values(settings={"music_file": str(own_upload), "references": [str(shared_upload)]})
        )
        session.execute(update(FilmRow).where(FilmRow.id == film_b).values(settings={"music_file": str(shared_upload)}))
    (media / film_a / "final_cut").mkdir(parents=True)
    (media / film_a / "final_cut" / "film.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    from integrations.tracking import FilmRun, Tracker

    tracker = Tracker(service.settings.mlflow_uri, home / "mlartifacts")
    note_a, note_b = tmp_path / f"subtitles-{film_a}.srt", tmp_path / f"subtitles-{film_b}.srt"
    note_a.write_text("1\n00:00:00,000 --> 00:00:01,000\nThe monsoon letters\n"), note_b.write_text("harbour")
    run_a = tracker.log_film(
        FilmRun(
            film_a, "dagster-run-a", params={"title": "Monsoon Letters"}, metrics={"wer": 0.05}, artifacts=[str(note_a)]
        )
    )
    tracker.log_film(FilmRun(film_b, "dagster-run-b", metrics={"wer": 0.07}, artifacts=[str(note_b)]))
    return {
        "service": service,
        "a": a,
        "b": b,
        "film_a": film_a,
        "film_b": film_b,
        "cache": cache,
        "own_upload": own_upload,
        "shared_upload": shared_upload,
        "run_a": run_a,
        "user_a": service.user(a).id,
    }


def test_download_my_data_is_a_zip_of_account_ledger_films_and_media(world: dict) -> None:
    service, film_a = world["service"], world["film_a"]
    path = service.export_my_data(world["a"])
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        account = json.loads(archive.read("account.json"))
        ledger = json.loads(archive.read("ledger.json"))
        assert archive.read(f"films/{film_a}/script.txt").decode() == SCRIPT_A
        film = json.loads(archive.read(f"films/{film_a}/film.json"))
    assert account["email"] == "asha@example.com" and "password_hash" not in account and "totp_secret" not in account
    assert [(e["reason"], e["amount"]) for e in ledger] == [("signup", 3)]
    assert film["title"] == "Monsoon Letters" and film["scenes"] and film["scenes"][0]["lines"]
    assert f"films/{film_a}/media/final_cut/film.mp4" in names
    assert not any(world["film_b"] in n for n in names)  # nobody else's films
    client = __import__("accounts_support").client_for(service)
    assert client.get("/me/export").status_code == 401  # signed out
    client.cookies.set("studio_session", world["a"])
    download = client.get("/me/export")
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_deleting_an_account_leaves_nothing_of_theirs_in_any_store(world: dict) -> None:
    service, film_a, film_b, user_a = world["service"], world["film_a"], world["film_b"], world["user_a"]
    home = service.settings.home
    mlflow_db = home / "mlflow.db"
    # The walk sees the user everywhere before (so it can fail) ...
    assert user_a in _everything_in_the_database(service) and film_a in _everything_in_mlflow(mlflow_db)
    service.export_my_data(world["a"])
    service.delete_account(world["a"], "asha password")
    # ... and nowhere after: database rows, media, caches, uploads, MLflow, exports.
    database = _everything_in_the_database(service)
    for trace in (user_a, film_a, "asha@example.com", "Monsoon Letters"):
        assert trace not in database, trace
    assert not (service.settings.media_root / film_a).exists()
    cache = world["cache"]
    for mine in ("a_only", "a_plate", "a_asr"):
        assert not cache[mine].exists(), mine
    assert not world["own_upload"].exists()
    mlflow = _everything_in_mlflow(mlflow_db)
    assert film_a not in mlflow and world["run_a"] not in mlflow and "Monsoon Letters" not in mlflow
    assert not list(home.rglob(f"*{world['run_a']}*")) and not list(home.rglob(f"subtitles-{film_a}*"))
    assert not list((home / "exports").glob(f"{user_a}-*"))
    leftovers = [p for p in home.rglob("*") if user_a in p.name or film_a in p.name]
    assert leftovers == []
    # What another user still uses stays, so their re-renders keep working.
    for kept in ("shared", "b_only", "b_asr"):
        assert cache[kept].exists(), kept
    assert world["shared_upload"].exists()
    assert film_b in mlflow and film_b in database
    assert (service.settings.media_root / film_b / "voice_tracks" / "take-bbbb.wav").read_bytes() == b"maria's take"
