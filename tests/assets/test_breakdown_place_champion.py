"""A promotion in MLflow changes which place matcher the pipeline's scene_breakdown uses, and the
run's metadata says which one and why."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from assets.breakdown import scene_breakdown
from dagster_project.resources import film_resources
from integrations.bench_runs import CHAMPION, champion_backend, log_bench_run, registered_model_name
from integrations.tracking import _mlflow
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

# No word of the place lexicon: only the meaning of the sentences says "library".
STORY = (
    "Brother Anselm copied the old manuscripts by candlelight, among shelves of bound volumes and scrolls.\n\n"
    '"Another page," he sighed, and he dipped his quill.'
)


def promote(uri: str, backend: str) -> None:
    run_id = log_bench_run(
        uri,
        bench="understanding",
        role="place_matcher",
        backend=backend,
        backend_version="test",
        half="heldout",
        metrics={"location": 0.9},
    )
    client = _mlflow().MlflowClient(uri)
    model = registered_model_name("place_matcher")
    if not client.search_registered_models(f"name = '{model}'"):
        client.create_registered_model(model)
    version = client.create_model_version(model, source=f"runs:/{run_id}", run_id=run_id, tags={"backend": backend})
    client.set_registered_model_alias(model, CHAMPION, version.version)


def materialize_breakdown(home: Path, film_id: str, instance: dg.DagsterInstance) -> dict:
    result = dg.materialize(
        [scene_breakdown], partition_key=film_id, instance=instance,
        resources=film_resources(str(home)),
    )  # fmt: skip
    assert result.success
    event = result.asset_materializations_for_node("scene_breakdown")[0]
    return {key: value.value for key, value in event.metadata.items()}


def test_promoting_the_embedding_matcher_changes_the_rendered_place(tmp_path: Path) -> None:
    uri = f"sqlite:///{(tmp_path / 'mlflow.db').resolve()}"
    store = FilmStore(f"sqlite:///{tmp_path / 'studio.db'}")
    store.migrate()
    film = store.create_film("Scriptorium", STORY, "prose", FilmFormat().to_dict())
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [film.id])

    assert champion_backend(uri, "place_matcher", "keyword")[0] == "keyword"  # no store yet
    before = materialize_breakdown(tmp_path, film.id, instance)
    assert before["place_matcher"].startswith("keyword (default")
    assert "| s01 | - |" in before["scene_places"]  # no place word: no place

    promote(uri, "embedding")
    after = materialize_breakdown(tmp_path, film.id, instance)
    assert after["place_matcher"] == "embedding (studio-place-matcher@champion = version 1)"
    assert "| s01 | LIBRARY | meaning: " in after["scene_places"]
