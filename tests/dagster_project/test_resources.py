"""The resources open what is expensive once per run and let it go after: one film-store engine for
every asset of a run (each `store()` used to open a new one), closed when the run ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dagster as dg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from assets.breakdown import scene_breakdown
from assets.characters import character_sheets
from dagster_project.resources import ImageBackendResource, StudioResource, film_resources
from models.image.backends import BackendUnavailable, IllustratorBackend
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

SCRIPT = """\
Title: The Lamp

INT. LIGHTHOUSE - NIGHT

MAYA (40s), a keeper in a yellow raincoat, trims the wick.

MAYA
The storm is coming in fast.
"""


def test_a_run_shares_one_store_engine_and_disposes_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    setup = FilmStore(url)
    setup.migrate()
    film = setup.create_film("The Lamp", SCRIPT, "fountain", FilmFormat(resolution="480p").to_dict())
    setup.dispose()
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [film.id])
    connected: list[Engine] = []
    disposed: list[Engine] = []

    def on_connect(connection: Connection) -> None:
        if str(connection.engine.url) == url:
            connected.append(connection.engine)

    def on_dispose(engine: Engine) -> None:
        if str(engine.url) == url:
            disposed.append(engine)

    event.listen(Engine, "engine_connect", on_connect)
    event.listen(Engine, "engine_disposed", on_dispose)
    try:
        result = dg.materialize([scene_breakdown, character_sheets], partition_key=film.id, instance=instance,
                                resources=film_resources(str(tmp_path)))  # fmt: skip
    finally:
        event.remove(Engine, "engine_connect", on_connect)
        event.remove(Engine, "engine_disposed", on_dispose)
    assert result.success
    # Both assets read the film, save the breakdown, the character versions and the cast.
    assert len(connected) > 4
    engines = {id(engine) for engine in connected}
    assert len(engines) == 1, f"{len(engines)} engines opened for one run"
    assert [id(engine) for engine in disposed] == list(engines)
    after = FilmStore(url)
    # What the run wrote (the breakdown's cast, each with a voice) went through that one engine.
    assert {(c.name, bool(c.voice_id)) for c in after.get_film(film.id).characters} == {("MAYA", True)}
    after.dispose()


def test_a_resource_used_outside_a_run_keeps_one_store(tmp_path: Path) -> None:
    studio = StudioResource(home=str(tmp_path))
    assert studio.store() is studio.store()
    assert studio.store().url == f"sqlite:///{tmp_path / 'studio.db'}"


def test_the_image_backend_is_chosen_from_the_registry_and_built_once() -> None:
    image = ImageBackendResource()
    assert isinstance(image.create(), IllustratorBackend)
    assert image.create() is image.create()
    with pytest.raises(BackendUnavailable, match="available: illustrator, sdxl"):
        ImageBackendResource(backend="crayon").create()


def test_the_definitions_give_every_role_its_own_resource() -> None:
    from dagster_project.definitions import defs

    keys: Any = defs.resources
    assert {"studio", "image", "recogniser", "tracking", "media_io"} <= set(keys)
