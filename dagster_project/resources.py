"""Resources: where media lives, the film store, and the media IO manager."""

from __future__ import annotations

import uuid
from pathlib import Path

import dagster as dg

from assets.manifests import MANIFESTS, Manifest, ManifestError, load_manifest
from models.film.scene_cache import JsonCache, SceneCache
from models.image.backends import ImageConfig
from studio.domain.formats import FilmFormat
from studio.settings import MediaStoreSettings
from studio.store import FilmStore
from studio.store.media import asset_dir, fresh_dir, publish, read_manifest, staging_dir, write_manifest
from studio.store.media_store import MediaStore, open_media_store


class StudioResource(dg.ConfigurableResource):
    """The studio's home folder (media under `home/media`) and its film store."""

    home: str
    database_url: str = ""
    mlflow_uri: str = ""  # MLflow tracking store; empty: sqlite:///<home>/mlflow.db (Settings.mlflow_uri)
    whisper_base_path: str = ""  # multilingual Whisper model folder; empty: English (tiny.en) only
    image_backend: str = "illustrator"  # models/image/backends.py: illustrator | sdxl
    sdxl_path: str = ""  # local SDXL weights; only the sdxl backend needs them
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
        return self.image_backend, ImageConfig(sdxl_path=self.sdxl_path or None)

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
    """Publishes each asset's folder under `media/<film>/<asset>/` with a JSON manifest, then to the
    media store (`STUDIO_MEDIA_STORE`: local, or s3 where the folder is uploaded to the bucket).

    Assets return a typed manifest (assets/manifests.py) whose file entries are relative to the asset's
    folder; downstream assets receive the same type with `dir` set to the folder's absolute path
    (downloaded from the store first when another machine made it). A stored manifest of another schema
    raises ManifestError naming the asset.
    """

    home: str
    media_store: str = "local"  # local|s3 (studio/settings.py MediaStoreSettings)
    s3_bucket: str = ""
    s3_endpoint_url: str = ""
    s3_prefix: str = ""

    def store(self) -> MediaStore:
        settings = MediaStoreSettings(
            kind=self.media_store or "local",
            bucket=self.s3_bucket,
            endpoint_url=self.s3_endpoint_url,
            prefix=self.s3_prefix,
        )
        return open_media_store(settings, self.media_root)

    @property
    def media_root(self) -> Path:
        return Path(self.home) / "media"

    def handle_output(self, context: dg.OutputContext, obj: Manifest) -> None:
        film, asset = context.partition_key, context.asset_key.to_user_string()
        if not isinstance(obj, Manifest):
            raise ManifestError(f"The {asset} asset returned a {type(obj).__name__}, not its manifest type "
                                f"({MANIFESTS[asset].__name__ if asset in MANIFESTS else 'assets/manifests.py'}).")  # fmt: skip
        staging = staging_dir(self.media_root, film, asset, context.run_id)
        staging.mkdir(parents=True, exist_ok=True)
        store = self.store()
        # A version unique to this publish (a retried step in the same run gets a new one); a remote
        # store's readers compare it with their local copy to know whether it is current.
        version = f"{context.run_id[:8]}-{uuid.uuid4().hex[:12]}"
        write_manifest(staging, {**obj.stored(), "store_version": version} if store.remote else obj.stored())
        final = asset_dir(self.media_root, film, asset)
        publish(staging, final)
        store.publish(final, film, asset, version)
        context.add_output_metadata({"path": dg.MetadataValue.path(str(final)), "media_store": store.kind})

    def load_input(self, context: dg.InputContext) -> Manifest:
        film, asset = context.partition_key, context.asset_key.to_user_string()
        return load_manifest(asset, read_manifest(self.store().ensure_local(film, asset)))


def media_io_fields() -> dict[str, str]:
    """The media store settings for the IO manager, read where settings are read (studio/settings.py);
    optional, so the Definitions load where the STUDIO_S3_* variables are unset."""
    settings = MediaStoreSettings.from_env()
    return {
        "media_store": settings.kind,
        "s3_bucket": settings.bucket,
        "s3_endpoint_url": settings.endpoint_url,
        "s3_prefix": settings.prefix,
    }
