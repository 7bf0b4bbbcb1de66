"""Character versions on SQLite and PostgreSQL: concept, casting, final, rollback, and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from studio.cli.main import main
from studio.domain.errors import UserError
from studio.services.characters import CharacterVersions
from studio.store import FilmNotFound, FilmStore

LOOK = {"name": "MAYA", "top": "#f5cf2a", "hair_colour": "#1f1c1e", "mode": "avatar"}


def _film(url: str, settings: dict | None = None) -> tuple[FilmStore, str]:
    store = FilmStore(url)
    store.migrate()
    film = store.create_film("The Lamp", "INT. X - DAY", "fountain", settings or {})
    return store, film.id


def test_versions_history_and_rollback(store_url: str) -> None:
    store, film_id = _film(store_url)
    history = CharacterVersions(store)
    history.ensure_concepts(film_id, {"MAYA": LOOK, "ELI": {"name": "ELI"}})
    history.ensure_concepts(film_id, {"MAYA": {"name": "changed"}})  # idempotent: the concept stays
    concept = history.list(film_id, "MAYA")
    assert [(v.version, v.stage, v.active, v.look["top"]) for v in concept] == [(1, "concept", True, "#f5cf2a")]

    casting = history.add(film_id, "MAYA", {"top": "#2F6FD0"}, note="blue reads better at night")
    final = history.add(film_id, "MAYA", {"hair_style": "bun"}, stage="final", mode="mascot")
    assert (casting.version, final.version) == (2, 3)
    assert final.traits == {"top": "#2f6fd0", "hair_style": "bun"}  # builds on the active version
    assert final.look["top"] == "#2f6fd0" and final.mode == "mascot"
    assert history.active(film_id)["MAYA"].version == 3
    assert history.active(film_id)["ELI"].version == 1

    rolled = history.rollback(film_id, "MAYA", 1)
    assert rolled.version == 1 and rolled.traits == {}
    assert [v.active for v in history.list(film_id, "MAYA")] == [True, False, False]  # history kept
    promoted = history.promote(film_id, "MAYA", 2)
    assert (promoted.version, promoted.stage, promoted.active) == (2, "final", True)
    alternate = history.add(film_id, "MAYA", {"accessories": ["hat"]}, stage="alternate", activate=False)
    assert history.active(film_id)["MAYA"].version == 2 and not alternate.active


def test_bad_requests_change_nothing(store_url: str) -> None:
    store, film_id = _film(store_url)
    history = CharacterVersions(store)
    history.ensure_concepts(film_id, {"MAYA": LOOK})
    for call, message in [
        (lambda: history.add(film_id, "MAYA", {"wings": 2}), "Unknown character trait"),
        (lambda: history.add(film_id, "MAYA", {"top": "blue"}), "colour like"),
        (lambda: history.add(film_id, "MAYA", {}, stage="premiere"), "Stage must be"),
        (lambda: history.add(film_id, "MAYA", {}, mode="robot"), "Mode must be"),
        (lambda: history.add(film_id, "MAYA", {}, mode="actor"), "needs a reference photo"),
        (lambda: history.add(film_id, "NOBODY", {}), "no character named 'NOBODY'"),
        (lambda: history.rollback(film_id, "MAYA", 7), "has no version 7"),
    ]:
        with pytest.raises(UserError, match=message):
            call()
    with pytest.raises(FilmNotFound):
        history.list("nope")
    assert [(v.version, v.active) for v in history.list(film_id)] == [(1, True)]


def test_actor_mode_needs_the_films_character_reference(sqlite_url: str, tmp_path: Path) -> None:
    photo = tmp_path / "maya.png"
    Image.new("RGB", (32, 32), (200, 150, 120)).save(photo)
    store, film_id = _film(sqlite_url, {"references": [{"path": str(photo), "role": "character", "character": "maya"}]})
    history = CharacterVersions(store)
    history.ensure_concepts(film_id, {"MAYA": LOOK})
    assert history.add(film_id, "MAYA", {}, mode="actor").mode == "actor"


def test_characters_command_lists_adds_and_rolls_back(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_DATABASE_URL", sqlite_url)
    store, film_id = _film(sqlite_url)
    CharacterVersions(store).ensure_concepts(film_id, {"MAYA": LOOK})
    runner = CliRunner()
    listed = runner.invoke(main, ["characters", film_id])
    assert listed.exit_code == 0 and "MAYA" in listed.output and "v1" in listed.output and "concept" in listed.output
    added = runner.invoke(
        main,
        [
            "characters",
            film_id,
            "--add",
            "MAYA",
            "--trait",
            "top=#2f6fd0",
            "--trait",
            "accessories=hat,glasses",
            "--stage",
            "casting",
        ],
    )
    assert added.exit_code == 0, added.output
    assert "added v2" in added.output and "top=#2f6fd0" in added.output
    rolled = runner.invoke(main, ["characters", film_id, "--rollback", "MAYA", "1"])
    assert rolled.exit_code == 0 and "v1 (concept) is now active" in rolled.output
    assert CharacterVersions(store).active(film_id)["MAYA"].version == 1
    for args, message in [
        (["--rollback", "MAYA", "9"], "has no version 9"),
        (["--rollback", "MAYA", "two"], "must be a number"),
        (["--trait", "top=#000000"], "need --add"),
        (["--add", "MAYA", "--trait", "height=tall"], "takes a number"),
    ]:
        failed = runner.invoke(main, ["characters", film_id, *args])
        assert failed.exit_code == 2 and message in failed.output, failed.output
    missing = runner.invoke(main, ["characters", "nofilm"])
    assert missing.exit_code == 2 and "No film with id 'nofilm'" in missing.output


def test_render_refuses_bad_references_and_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("STUDIO_HOME", str(home))
    monkeypatch.delenv("STUDIO_DATABASE_URL", raising=False)
    script = Path(__file__).resolve().parents[2] / "samples" / "lighthouse.fountain"
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"GIF89a" + b"\x00" * 64)
    good = tmp_path / "eli.png"
    Image.new("RGB", (64, 64), (150, 100, 80)).save(good)
    runner = CliRunner()
    for reference, message in [
        (str(fake), "is not an image"),
        (f"NOBODY={good}", "unknown character 'NOBODY'"),
        (str(tmp_path / "missing.png"), "not found"),
    ]:
        result = runner.invoke(main, ["render", str(script), "--out", str(tmp_path / "out"), "--reference", reference])
        assert result.exit_code == 2 and message in result.output, result.output
    too_many = [arg for _ in range(21) for arg in ("--reference", str(good))]
    result = runner.invoke(main, ["render", str(script), "--out", str(tmp_path / "out"), *too_many])
    assert result.exit_code == 2 and "at most 20" in result.output
    assert not (tmp_path / "out").exists() and not (home / "uploads").exists()
