"""Resources: where media lives, the film store, and the media IO manager."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dagster as dg

from studio.formats import FilmFormat
from studio.media import asset_dir, fresh_dir, publish, read_manifest, staging_dir, write_manifest
from studio.store import FilmStore


class StudioResource(dg.ConfigurableResource):
    """The studio's home folder (media under `home/media`) and its film store."""

    home: str
    database_url: str = ""

    @property
    def media_root(self) -> Path:
        return Path(self.home) / "media"

    def store(self) -> FilmStore:
        return FilmStore(self.database_url or f"sqlite:///{Path(self.home) / 'studio.db'}")

    def film_format(self, film_id: str) -> FilmFormat:
        return FilmFormat.from_dict(self.store().get_film(film_id).settings)

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
