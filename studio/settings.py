"""Settings read once from the environment; the only place that looks at `os.environ`.

`STUDIO_HOME` holds everything a local install writes: the SQLite film store, the media folder
and the Dagster instance (`DAGSTER_HOME` defaults to `STUDIO_HOME/dagster`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MAX_SCRIPT_BYTES = 200_000  # about 200 pages of screenplay: far beyond a short film
MIN_DURATION_SECONDS = 5.0
MAX_DURATION_SECONDS = 600.0  # ten minutes, the longest tier


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    dagster_home: Path
    image_backend: str = "illustrator"  # STUDIO_IMAGE_BACKEND: illustrator|sdxl (models/image/backends.py)
    sdxl_path: str | None = None  # STUDIO_SDXL_PATH: local SDXL weights (diffusers folder or .safetensors)
    ip_adapter_path: str | None = None  # STUDIO_IP_ADAPTER_PATH: SDXL IP-Adapter weights for character identity
    whisper_base_path: str | None = None  # STUDIO_WHISPER_BASE_PATH: multilingual Whisper (CTranslate2 folder)
    # STUDIO_DAGSTER_URL: the Dagster webserver (started with --path-prefix /dagster) that the app's
    # /dagster route forwards admins and producers to; unset, the route does not exist.
    dagster_url: str | None = None

    @property
    def media_root(self) -> Path:
        return self.home / "media"

    @property
    def mlflow_uri(self) -> str:
        """MLflow tracking store: a SQLite file in the studio's home (no server, no network)."""
        return f"sqlite:///{self.home / 'mlflow.db'}"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home = Path(env.get("STUDIO_HOME") or Path.cwd() / ".studio").resolve()
        database_url = env.get("STUDIO_DATABASE_URL") or f"sqlite:///{home / 'studio.db'}"
        dagster_home = Path(env.get("DAGSTER_HOME") or home / "dagster").resolve()
        return cls(home=home, database_url=database_url, dagster_home=dagster_home,
                   image_backend=env.get("STUDIO_IMAGE_BACKEND") or "illustrator",
                   sdxl_path=env.get("STUDIO_SDXL_PATH") or None,
                   ip_adapter_path=env.get("STUDIO_IP_ADAPTER_PATH") or None,
                   whisper_base_path=env.get("STUDIO_WHISPER_BASE_PATH") or None,
                   dagster_url=env.get("STUDIO_DAGSTER_URL") or None)

    def ensure_dirs(self) -> None:
        for path in (self.home, self.media_root, self.dagster_home):
            path.mkdir(parents=True, exist_ok=True)

    def export(self, environ: dict[str, str] | None = None) -> None:
        """Publish these settings to child processes (Dagster steps read them through EnvVar)."""
        env = os.environ if environ is None else environ
        env["STUDIO_HOME"] = str(self.home)
        env["STUDIO_DATABASE_URL"] = self.database_url
        env["DAGSTER_HOME"] = str(self.dagster_home)
        # Dagster's EnvVar refuses an unset variable, so optional paths travel as empty strings.
        env["STUDIO_IMAGE_BACKEND"] = self.image_backend
        env["STUDIO_SDXL_PATH"] = self.sdxl_path or ""
        env["STUDIO_IP_ADAPTER_PATH"] = self.ip_adapter_path or ""
        env["STUDIO_WHISPER_BASE_PATH"] = self.whisper_base_path or ""
        if self.dagster_url:
            env["STUDIO_DAGSTER_URL"] = self.dagster_url
