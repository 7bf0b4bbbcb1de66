"""MLflow tracking: which backend versions exist, and one run per film render with its quality figures.

The store is a local SQLite file (`sqlite:///STUDIO_HOME/mlflow.db` by default; Settings.mlflow_uri)
so nothing leaves the machine; MLflow's usage telemetry is switched off before MLflow is imported.

Backends live in the experiment "backends": one run per role/name/version (run name
"voice/piper 1.2.0"), tagged `studio.role`, `studio.backend`, `studio.version`, created once and
found again by tag. Films live in the experiment "film-renders": one run per Dagster run and film,
tagged `dagster.run_id`, `studio.film_id` (the partition), and the backend versions that made it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

BACKENDS_EXPERIMENT = "backends"
RENDERS_EXPERIMENT = "film-renders"


def _mlflow() -> Any:
    # MLflow 3.x has no other switch: `import mlflow` reads these to decide whether to build its telemetry client.
    os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
    os.environ["DO_NOT_TRACK"] = "true"
    import mlflow
    from mlflow.telemetry import set_telemetry_client

    set_telemetry_client()  # re-reads the switch if MLflow was imported earlier
    for name in ("mlflow.store.db.utils", "alembic.runtime.migration"):  # store creation chatter on the console
        logging.getLogger(name).setLevel(logging.WARNING)
    return mlflow


@dataclass(frozen=True)
class BackendVersion:
    role: str  # voice|music|asr|translation
    name: str
    version: str

    @property
    def key(self) -> str:
        return f"{self.role}/{self.name}"


@dataclass
class FilmRun:
    """What one render of one film logs."""

    film_id: str
    dagster_run_id: str
    params: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)
    backends: list[BackendVersion] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)  # small files (subtitles, manifests)


class Tracker:
    """An MLflow client on one tracking store."""

    def __init__(self, tracking_uri: str, artifact_root: str | os.PathLike[str]) -> None:
        self.mlflow = _mlflow()
        self.uri = tracking_uri
        self.artifact_root = os.fspath(artifact_root)  # never MLflow's default ./mlruns under the cwd
        self.client = self.mlflow.MlflowClient(tracking_uri=tracking_uri)

    def _experiment(self, name: str) -> str:
        found = self.client.get_experiment_by_name(name)
        if found is not None:
            return found.experiment_id
        try:
            return self.client.create_experiment(name, artifact_location=os.path.join(self.artifact_root, name))
        except Exception:  # another step created it a moment ago
            found = self.client.get_experiment_by_name(name)
            if found is None:
                raise
            return found.experiment_id

    def register_backends(self, backends: list[BackendVersion]) -> dict[str, str]:
        """Make sure each backend version has its run in "backends"; returns key@version -> run id."""
        experiment = self._experiment(BACKENDS_EXPERIMENT)
        ids = {}
        for backend in backends:
            query = f"tags.`studio.backend` = '{backend.key}' and tags.`studio.version` = '{backend.version}'"
            runs = self.client.search_runs([experiment], filter_string=query.replace("\\", ""), max_results=1)
            if runs:
                ids[f"{backend.key}@{backend.version}"] = runs[0].info.run_id
                continue
            run = self.client.create_run(
                experiment,
                run_name=f"{backend.key} {backend.version}",
                tags={"studio.role": backend.role, "studio.backend": backend.key, "studio.version": backend.version},
            )
            self.client.log_param(run.info.run_id, "name", backend.name)
            self.client.log_param(run.info.run_id, "version", backend.version)
            self.client.set_terminated(run.info.run_id)
            ids[f"{backend.key}@{backend.version}"] = run.info.run_id
        return ids

    def log_film(self, film: FilmRun) -> str:
        """One run in "film-renders" for this film and Dagster run; returns its MLflow run id."""
        experiment = self._experiment(RENDERS_EXPERIMENT)
        tags = {"dagster.run_id": film.dagster_run_id, "studio.film_id": film.film_id,
                **{f"backend.{b.key}": b.version for b in film.backends}}  # fmt: skip
        run = self.client.create_run(experiment, run_name=f"film {film.film_id}", tags=tags)
        run_id = run.info.run_id
        now = int(time.time() * 1000)
        metrics = [
            self.mlflow.entities.Metric(key, float(value), now, 0)
            for key, value in film.metrics.items()
            if value is not None
        ]
        params = [self.mlflow.entities.Param(k, str(v)[:6000]) for k, v in film.params.items()]
        self.client.log_batch(run_id, metrics=metrics, params=params)
        for path in film.artifacts:
            self.client.log_artifact(run_id, path)
        self.client.set_terminated(run_id)
        return run_id


def metric_name(text: str) -> str:
    """MLflow metric keys allow letters, digits and _-. /: anything else becomes '_'."""
    return "".join(c if c.isalnum() or c in "_-./ " else "_" for c in text)


def render_metrics(values: Mapping[str, float | None]) -> dict[str, float]:
    return {metric_name(k): float(v) for k, v in values.items() if v is not None}
