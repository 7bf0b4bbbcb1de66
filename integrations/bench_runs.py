"""Benchmark figures as MLflow runs, so backends of one role can be compared and promoted.

Each run is one backend of one role (for example role "place_matcher", backend "embedding")
measured on one corpus half; its params say which, its metrics are the bench's figures, and the
per-script results travel as an artifact. `notebooks/compare_backends.ipynb` reads these runs and
moves a registered-model alias to the better backend.
"""

from __future__ import annotations

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
) -> str:
    """Log one bench result as an MLflow run; returns its run id. Missing figures are skipped."""
    mlflow = _mlflow()
    mlflow.set_tracking_uri(tracking_uri)
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
