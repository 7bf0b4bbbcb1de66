"""The compare_backends notebook, run top to bottom on a tiny set of real MLflow runs: it moves
the champion alias to the backend with the better figure, and moves it again when a newer run of
the other backend does better."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integrations.bench_runs import CHAMPION, log_bench_run, registered_model_name
from integrations.tracking import _mlflow

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "compare_backends.ipynb"


def run_notebook(parameters: dict[str, object]) -> None:
    """Exec every code cell in order, with `parameters` set right after the parameters cell."""
    notebook = json.loads(NOTEBOOK.read_text())
    assert notebook["nbformat"] == 4
    namespace: dict[str, object] = {"__name__": "__notebook__"}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        exec(compile("".join(cell["source"]), str(NOTEBOOK), "exec"), namespace)
        if "parameters" in cell["metadata"].get("tags", []):
            namespace.update(parameters)


def champion_backend(uri: str, role: str) -> str:
    client = _mlflow().MlflowClient(uri)
    version = client.get_model_version_by_alias(registered_model_name(role), CHAMPION)
    return version.tags["backend"]


def log(uri: str, backend: str, half: str, location: float) -> None:
    log_bench_run(
        uri,
        bench="understanding",
        role="place_matcher",
        backend=backend,
        backend_version="test",
        half=half,
        metrics={"location": location, "age": 0.9},
        details={"s01": {"location": location}},
    )


def test_the_notebook_promotes_the_better_backend_and_follows_new_runs(tmp_path: Path) -> None:
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    log(uri, "keyword", "heldout", 0.889)
    log(uri, "embedding", "heldout", 0.917)
    log(uri, "keyword", "tune", 0.99)  # the tuning half never decides
    params = {"TRACKING_URI": uri, "HALF": "heldout", "METRIC": "location"}
    run_notebook(params)
    assert champion_backend(uri, "place_matcher") == "embedding"
    assert (tmp_path / "mlartifacts" / "studio-benchmarks").is_dir()  # the per-script results

    log(uri, "keyword", "heldout", 0.95)  # a newer keyword run beats it
    run_notebook(params)
    assert champion_backend(uri, "place_matcher") == "keyword"


def test_the_notebook_says_what_is_missing_when_a_backend_has_no_run(tmp_path: Path) -> None:
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    log(uri, "keyword", "heldout", 0.889)
    with pytest.raises(SystemExit, match="No heldout run of backend 'embedding'"):
        run_notebook({"TRACKING_URI": uri})


def test_for_an_error_rate_the_lower_figure_wins(tmp_path: Path) -> None:
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    role = "voice-child-female-en"
    for voice, wer in (("kokoro_girl", 0.0), ("espeak_girl", 0.167)):
        log_bench_run(
            uri,
            bench="voice_wer",
            role=role,
            backend=voice,
            backend_version="test",
            half="heldout",
            metrics={"median_wer": wer},
        )
    run_notebook(
        {
            "TRACKING_URI": uri,
            "ROLE": role,
            "BACKENDS": ("espeak_girl", "kokoro_girl"),
            "METRIC": "median_wer",
            "HIGHER_IS_BETTER": False,
        }
    )
    assert champion_backend(uri, role) == "kokoro_girl"
    experiment = _mlflow().MlflowClient(uri).get_experiment_by_name("studio-benchmarks")
    # Artifacts beside the store, not in ./mlruns under whatever folder the bench ran in.
    assert experiment.artifact_location.endswith(str(tmp_path / "mlartifacts" / "studio-benchmarks"))
