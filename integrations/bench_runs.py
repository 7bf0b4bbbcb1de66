"""Benchmark figures as MLflow runs, so backends of one role can be compared and promoted.

Each run is one backend of one role (for example role "place_matcher", backend "embedding")
measured on one corpus half; its params say which, its metrics are the bench's figures, and the
per-script results travel as an artifact. `notebooks/compare_backends.ipynb` reads these runs and
moves a registered-model alias to the better backend.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from integrations.tracking import _mlflow

BENCH_EXPERIMENT = "studio-benchmarks"
CHAMPION = "champion"  # the alias the pipeline reads: the backend that renders


def registered_model_name(role: str) -> str:
    """ "place_matcher" -> "studio-place-matcher": one registered model per role."""
    return "studio-" + role.replace("_", "-")


def log_bench_run(
    tracking_uri: str,
    *,
    bench: str,
    role: str,
    backend: str,
    backend_version: str,
    half: str,
    metrics: dict[str, float | None],
    details: dict[str, Any] | None = None,
    experiment: str = BENCH_EXPERIMENT,
    artifact_root: str | os.PathLike[str] | None = None,
) -> str:
    """Log one bench result as an MLflow run; returns its run id. Missing figures are skipped.
    Artifacts go under `artifact_root` (default: `mlartifacts` beside a SQLite store), never
    MLflow's default ./mlruns under whatever folder the bench was started in."""
    mlflow = _mlflow()
    mlflow.set_tracking_uri(tracking_uri)
    client = mlflow.MlflowClient(tracking_uri)
    if client.get_experiment_by_name(experiment) is None:
        root = artifact_root or _artifacts_beside(tracking_uri)
        client.create_experiment(experiment, artifact_location=os.path.join(os.fspath(root), experiment))
    mlflow.set_experiment(experiment)
    params = {"bench": bench, "role": role, "backend": backend, "backend_version": backend_version, "corpus_half": half}
    with mlflow.start_run(run_name=f"{bench}-{role}-{backend}-{half}", tags=params) as run:
        mlflow.log_params(params)
        for name, value in metrics.items():
            if value is not None:
                mlflow.log_metric(name, float(value))
        if details is not None:
            mlflow.log_dict(details, "per_script.json")
        return run.info.run_id


def _artifacts_beside(tracking_uri: str) -> Path:
    if not tracking_uri.startswith("sqlite:///"):
        raise ValueError(
            f"Give an artifact_root for the MLflow store {tracking_uri} (only a SQLite store has a default)."
        )
    return Path(tracking_uri.removeprefix("sqlite:///")).parent / "mlartifacts"


def champion_backend(tracking_uri: str, role: str, default: str) -> tuple[str, str]:
    """(backend, why) for `role`: the backend the champion alias of its registered model points
    to, or `default` when nothing was promoted (a missing SQLite store is not even opened)."""
    if tracking_uri.startswith("sqlite:///") and not Path(tracking_uri.removeprefix("sqlite:///")).exists():
        return default, "default (no MLflow store yet)"
    mlflow = _mlflow()
    client = mlflow.MlflowClient(tracking_uri)
    model = registered_model_name(role)
    try:
        version = client.get_model_version_by_alias(model, CHAMPION)
    except mlflow.exceptions.MlflowException:
        return default, f"default (no {model}@{CHAMPION} alias)"
    backend = version.tags.get("backend")
    if not backend:
        return default, f"default ({model} version {version.version} names no backend)"
    return backend, f"{model}@{CHAMPION} = version {version.version}"
