"""A test that renders in its own process is that process's entry point: it publishes the settings to
the environment as `studio` and the server factory do (`Settings.export`), because creating a Dagster
run resolves the pipeline's `EnvVar` resources there. Through monkeypatch, so each test leaves the
environment as it found it."""

from __future__ import annotations

import pytest

from studio.settings import Settings


def export_settings(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    env: dict[str, str] = {}
    settings.export(env)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
