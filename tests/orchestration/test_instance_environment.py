"""Library code reads settings and never writes them back into the environment: opening the studio's
Dagster instance opens the settings' own folder, whatever DAGSTER_HOME says, and changes no variable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studio.orchestration.execute import open_instance
from studio.settings import Settings


def test_opening_the_instance_leaves_the_environment_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "another-dagster-home"
    elsewhere.mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(elsewhere))
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "STUDIO_IMAGE_BACKEND", "STUDIO_MEDIA_STORE"):
        monkeypatch.delenv(name, raising=False)
    before = dict(os.environ)
    settings = Settings(tmp_path / "home", f"sqlite:///{tmp_path / 'studio.db'}", tmp_path / "home" / "dagster")

    instance = open_instance(settings)

    assert dict(os.environ) == before
    assert Path(instance.root_directory) == settings.dagster_home
    assert (settings.dagster_home / "dagster.yaml").is_file() and not (elsewhere / "dagster.yaml").exists()
    instance.add_dynamic_partitions("films", ["f1"])  # a working, persistent instance in the settings' folder
    assert open_instance(settings).get_dynamic_partitions("films") == ["f1"]
