"""Resources, one per backend role: the studio's home and film store, the image backend, the speech
recogniser, MLflow tracking; and the media IO manager.

Each is configured from the environment in definitions.py (`EnvVar`) or passed explicitly (tests,
release_run.py). What is expensive to open (the film store's database engine, the image backend's
model, the media store's client) is opened once per run or step and let go when it ends.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
from pydantic import PrivateAttr

from assets.manifests import MANIFESTS, Manifest, ManifestError, load_manifest
from models.film.scene_cache import JsonCache, SceneCache
from models.image.backends import DEFAULT_BACKEND, ImageBackend, ImageConfig, create_backend
from studio.domain.formats import FilmFormat
from studio.settings import MediaStoreSettings
from studio.store import FilmStore
from studio.store.media import asset_dir, fresh_dir, publish, read_manifest, staging_dir, write_manifest
from studio.store.media_store import MediaStore, open_media_store

if TYPE_CHECKING:
    from integrations.tracking import Tracker


class StudioResource(dg.ConfigurableResource):
    """The studio's home folder (media under `home/media`, caches under `home/cache`) and its film store.

    The film store, and so its database engine, is opened on the first `store()` of a run or step and
    disposed when that execution ends; every asset of the step shares it.
    """

    home: str
    database_url: str = ""  # empty: sqlite:///<home>/studio.db
    _store: FilmStore | None = PrivateAttr(default=None)

    @property
    def media_root(self) -> Path:
        return Path(self.home) / "media"

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{Path(self.home) / 'studio.db'}"

    def store(self) -> FilmStore:
        """The execution's film store, opened on first use (a step that never reads the store opens nothing)."""
        if self._store is None:
            self._store = FilmStore(self.store_url)
        return self._store

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None

    def film_format(self, film_id: str) -> FilmFormat:
        return FilmFormat.from_dict(self.store().get_film(film_id).settings)

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


class ImageBackendResource(dg.ConfigurableResource):
    """The image role: which backend of `models.image.backends.FACTORIES` draws the pictures
    (illustrator: offline vector art; sdxl: diffusers on local weights), chosen by configuration.

    The backend is built on first use and kept for the rest of the run or step, so a model's weights
    load once however many assets draw with it; the reference is dropped when the execution ends.
    """

    backend: str = DEFAULT_BACKEND  # STUDIO_IMAGE_BACKEND: illustrator | sdxl
    sdxl_path: str = ""  # STUDIO_SDXL_PATH: local SDXL weights; only the sdxl backend needs them
    _backend: ImageBackend | None = PrivateAttr(default=None)

    def config(self) -> tuple[str, ImageConfig]:
        """The backend's name and its weights paths, for `models.image.backends.create_backend`."""
        return self.backend, ImageConfig(sdxl_path=self.sdxl_path or None)

    def create(self) -> ImageBackend:
        """The configured backend; BackendUnavailable names what is missing (an unknown name, absent weights)."""
        if self._backend is None:
            self._backend = create_backend(*self.config())
        return self._backend

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self._backend = None  # a diffusion pipeline holds GPU memory until it is collected


class RecogniserResource(dg.ConfigurableResource):
    """The speech recogniser subtitles are timed with: Whisper tiny.en always, and a multilingual
    Whisper (a CTranslate2 folder) for the other languages when one is given."""

    whisper_base_path: str = ""  # STUDIO_WHISPER_BASE_PATH; empty: English (tiny.en) only


class TrackingResource(dg.ConfigurableResource):
    """MLflow tracking: where each render's run is logged, and which place matcher renders (set here,
    or the champion alias promoted in MLflow, notebooks/compare_backends.ipynb)."""

    home: str
    mlflow_uri: str = ""  # empty: sqlite:///<home>/mlflow.db (Settings.mlflow_uri)
    place_matcher: str = ""  # keyword | embedding; empty: the champion alias in MLflow, else keyword

    @property
    def tracking_uri(self) -> str:
        return self.mlflow_uri or f"sqlite:///{Path(self.home).resolve() / 'mlflow.db'}"

    def tracker(self) -> Tracker:
        from integrations.tracking import Tracker  # MLflow is imported only by the step that logs

        return Tracker(self.tracking_uri, Path(self.home) / "mlartifacts")

    def place_matcher_choice(self) -> tuple[str, str]:
        """(matcher, why): the configured one, or the promoted champion, or keyword."""
        if self.place_matcher:
            return self.place_matcher, "resource config"
        from integrations.bench_runs import champion_backend

        return champion_backend(self.tracking_uri, "place_matcher", "keyword")


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
    _store: MediaStore | None = PrivateAttr(default=None)

    def store(self) -> MediaStore:
        """The media store, opened on first use and kept for the run or step (an S3 client is not free)."""
        if self._store is None:
            settings = MediaStoreSettings(
                kind=self.media_store or "local",
                bucket=self.s3_bucket,
                endpoint_url=self.s3_endpoint_url,
                prefix=self.s3_prefix,
            )
            self._store = open_media_store(settings, self.media_root)
        return self._store

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self._store = None

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


def film_resources(home: str, database_url: str = "") -> dict[str, dg.ConfigurableResource | dg.ConfigurableIOManager]:
    """Every resource the film assets take, for a home and database given explicitly (release_run.py,
    tests); the image backend, recogniser and tracking keep their defaults."""
    return {
        "studio": StudioResource(home=home, database_url=database_url),
        "image": ImageBackendResource(),
        "recogniser": RecogniserResource(),
        "tracking": TrackingResource(home=home),
        "media_io": MediaIOManager(home=home),
    }
