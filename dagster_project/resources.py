"""Resources: where media lives, the film store, and the media IO manager."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dagster as dg

from models.film.scene_cache import JsonCache, SceneCache
from models.image.backends import ImageConfig
from studio.formats import FilmFormat
from studio.media import asset_dir, fresh_dir, publish, read_manifest, staging_dir, write_manifest
from studio.store import FilmStore


class StudioResource(dg.ConfigurableResource):
    """The studio's home folder (media under `home/media`) and its film store."""

    home: str
    database_url: str = ""
    mlflow_uri: str = ""  # MLflow tracking store; empty: sqlite:///<home>/mlflow.db (Settings.mlflow_uri)
    whisper_base_path: str = ""  # multilingual Whisper model folder; empty: English (tiny.en) only
    image_backend: str = "illustrator"  # models/image/backends.py: illustrator | sdxl
    sdxl_path: str = ""  # local SDXL weights; only the sdxl backend needs them
    ip_adapter_path: str = ""  # SDXL IP-Adapter weights for character identity
    place_matcher: str = ""  # keyword | embedding; empty: the champion alias in MLflow, else keyword

    @property
    def media_root(self) -> Path:
        return Path(self.home) / "media"

    def store(self) -> FilmStore:
        return FilmStore(self.database_url or f"sqlite:///{Path(self.home) / 'studio.db'}")

    def film_format(self, film_id: str) -> FilmFormat:
        return FilmFormat.from_dict(self.store().get_film(film_id).settings)

    @property
    def tracking_uri(self) -> str:
        return self.mlflow_uri or f"sqlite:///{Path(self.home).resolve() / 'mlflow.db'}"

    def image_config(self) -> tuple[str, ImageConfig]:
        """The image backend's name and its weights paths, for `models.image.backends.create_backend`."""
        return self.image_backend, ImageConfig(sdxl_path=self.sdxl_path or None, ip_adapter_path=self.ip_adapter_path or None)

    def scene_cache(self, kind: str) -> SceneCache:
        """The content-addressed cache of one per-scene asset, shared by every film."""
        return SceneCache(Path(self.home) / "cache" / kind)

    def json_cache(self, kind: str) -> JsonCache:
        """Small results keyed by content (what the recognizer heard in a stretch of dialogue)."""
        return JsonCache(Path(self.home) / "cache" / kind)

    def work_dir(self, context: dg.AssetExecutionContext) -> Path:
        """An empty folder for this run's files of this asset; published when the step succeeds."""
        asset = context.asset_key.to_user_string()
        return fresh_dir(staging_dir(self.media_root, context.partition_key, asset, context.run_id))


class MediaIOManager(dg.ConfigurableIOManager):
    """Publishes each asset's folder under `media/<film>/<asset>/` with a JSON manifest.

    Assets return a JSON-able manifest whose file entries are relative to the asset's folder;
    downstream assets receive it with `dir` set to the folder's absolute path.
    """

    home: str

    @property
    def media_root(self) -> Path:
        return Path(self.home) / "media"

    def handle_output(self, context: dg.OutputContext, obj: dict[str, Any]) -> None:
        film, asset = context.partition_key, context.asset_key.to_user_string()
        staging = staging_dir(self.media_root, film, asset, context.run_id)
        staging.mkdir(parents=True, exist_ok=True)
        write_manifest(staging, obj)
        final = asset_dir(self.media_root, film, asset)
        publish(staging, final)
        context.add_output_metadata({"path": dg.MetadataValue.path(str(final))})

    def load_input(self, context: dg.InputContext) -> dict[str, Any]:
        film, asset = context.partition_key, context.asset_key.to_user_string()
        return read_manifest(asset_dir(self.media_root, film, asset))
