"""MLflow tracking on a local SQLite store: backends registered once per version, film runs tagged."""

from __future__ import annotations

import os
from pathlib import Path

from integrations.tracking import BACKENDS_EXPERIMENT, BackendVersion, FilmRun, Tracker, render_metrics


def test_backends_are_registered_once_and_film_runs_carry_tags_and_metrics(tmp_path: Path) -> None:
    cwd_before = set(os.listdir("."))
    tracker = Tracker(f"sqlite:///{tmp_path / 'mlflow.db'}", tmp_path / "artifacts")
    backends = [BackendVersion("voice", "piper", "1.8.0"), BackendVersion("music", "midi-soundfont", "1.0+TimGM6mb")]
    first = tracker.register_backends(backends)
    again = tracker.register_backends(backends)
    assert first == again and set(first) == {"voice/piper@1.8.0", "music/midi-soundfont@1.0+TimGM6mb"}
    newer = tracker.register_backends([BackendVersion("voice", "piper", "1.9.0")])
    assert newer["voice/piper@1.9.0"] not in first.values()

    run_id = tracker.log_film(FilmRun("film123", "dagster-run-1", params={"loudness_preset": "youtube"},
                                      metrics=render_metrics({"wer": 0.05, "rtf.voice.piper": 0.1, "skip": None}),
                                      backends=backends))  # fmt: skip
    run = tracker.client.get_run(run_id)
    assert run.data.tags["dagster.run_id"] == "dagster-run-1" and run.data.tags["studio.film_id"] == "film123"
    assert run.data.tags["backend.voice/piper"] == "1.8.0"
    assert run.data.metrics == {"wer": 0.05, "rtf.voice.piper": 0.1}
    assert run.data.params == {"loudness_preset": "youtube"}
    experiment = tracker.client.get_experiment_by_name(BACKENDS_EXPERIMENT)
    assert experiment.artifact_location.startswith(str(tmp_path / "artifacts"))
    assert os.environ["MLFLOW_DISABLE_TELEMETRY"] == "true"
    assert set(os.listdir(".")) - cwd_before == set()  # no ./mlruns or stray files
