"""The film store on SQLite and PostgreSQL: migrations, films, breakdowns, cascades."""

from __future__ import annotations

import pytest

from models.breakdown import Breakdown, Character, Line, Scene
from studio.store import FilmNotFound, FilmStore


def _breakdown(title: str = "The Keeper") -> Breakdown:
    return Breakdown(
        title=title,
        format="fountain",
        culture="western",
        characters=[Character(name="MAYA", gender="female", age_band="adult"), Character(name="ELI", age=12)],
        scenes=[
            Scene(
                scene_id="s01",
                heading="INT. LIGHTHOUSE - NIGHT",
                lines=[Line("MAYA", "Hold the lamp."), Line("ELI", "It's heavy!")],
            ),
            Scene(scene_id="s02", heading="EXT. COAST - DAWN", lines=[Line("MAYA", "Look, the boat.")]),
        ],
    )


def test_film_round_trip_with_breakdown_and_voices(store_url: str) -> None:
    store = FilmStore(store_url)
    store.migrate()
    store.migrate()  # idempotent: a second upgrade is a no-op
    film = store.create_film("Draft", "INT. X - DAY", "fountain", {"duration": 30.0, "aspect": "16:9"})
    store.save_breakdown(film.id, _breakdown())
    store.set_voices(film.id, {"MAYA": "flite-slt", "ELI": "espeak-en-boy"})

    loaded = store.get_film(film.id)
    assert loaded.title == "The Keeper"
    assert loaded.settings == {"duration": 30.0, "aspect": "16:9"}
    assert [s.heading for s in loaded.scenes] == ["INT. LIGHTHOUSE - NIGHT", "EXT. COAST - DAWN"]
    assert [(line.speaker, line.text) for line in loaded.scenes[0].lines] == [
        ("MAYA", "Hold the lamp."),
        ("ELI", "It's heavy!"),
    ]
    assert {c.name: c.voice_id for c in loaded.characters} == {"MAYA": "flite-slt", "ELI": "espeak-en-boy"}


def test_saving_a_new_breakdown_replaces_the_old_one(store_url: str) -> None:
    store = FilmStore(store_url)
    store.migrate()
    film = store.create_film("Draft", "script", "fountain", {})
    store.save_breakdown(film.id, _breakdown())
    shorter = _breakdown("Second cut")
    shorter.scenes = shorter.scenes[:1]
    store.save_breakdown(film.id, shorter)
    loaded = store.get_film(film.id)
    assert loaded.title == "Second cut"
    assert [s.scene_key for s in loaded.scenes] == ["s01"]


def test_status_and_delete_cascade(store_url: str) -> None:
    from sqlalchemy import func, select

    from studio.store import LineRow

    store = FilmStore(store_url)
    store.migrate()
    film = store.create_film("Draft", "script", "fountain", {})
    store.save_breakdown(film.id, _breakdown())
    store.set_status(film.id, "failed", "voice_tracks: espeak-ng is not installed")
    assert store.get_film(film.id).error == "voice_tracks: espeak-ng is not installed"
    with pytest.raises(ValueError, match="Unknown film status"):
        store.set_status(film.id, "exploded")

    store.delete_film(film.id)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(LineRow)) == 0
    assert store.list_films() == []


def test_unknown_film_is_a_clear_error(store_url: str) -> None:
    store = FilmStore(store_url)
    store.migrate()
    with pytest.raises(FilmNotFound, match="No film with id 'abc123'"):
        store.get_film("abc123")


def test_hostile_strings_are_stored_verbatim(store_url: str) -> None:
    store = FilmStore(store_url)
    store.migrate()
    title = "Robert'); DROP TABLE films;-- \u202e\U0001f3ac"
    film = store.create_film(title, "x", "prose", {})
    assert store.get_film(film.id).title == title
    assert len(store.list_films()) == 1
