"""Where finished media is kept: the local media folder, or an S3 bucket (studio/store/s3_media.py).

Renders always compose in the local media folder (ffmpeg needs files); the media IO manager then
publishes each finished asset folder to the store. The local store is that folder itself; the S3
store uploads the folder under a fresh version prefix and switches the asset's pointer object last,
so readers see the old asset or the new one, never a mix. Downloads from S3 go through presigned
URLs; the local store serves files through the server's cookie-checked routes (`url` gives None).

Every permission check stays in the service: a store hands out URLs for whatever it is asked, so
only the service, after its ownership check, may ask.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from studio.domain.errors import UserError
from studio.settings import MediaStoreSettings
from studio.store.media import MANIFEST, asset_dir, read_manifest

PRESIGN_SECONDS = 7 * 24 * 3600  # seven days: the longest a SigV4 presigned URL may last


class MediaStoreError(UserError):
    """The media store cannot be used (bad setting, missing bucket, refused credentials, no answer)."""


class MediaStore(ABC):
    """Finished asset folders of every film, and links to download them."""

    kind: str = "local"
    remote: bool = False  # True: deliverables are downloaded from presigned URLs, not the server

    def __init__(self, media_root: Path) -> None:
        self.media_root = media_root

    def check(self) -> None:  # noqa: B027  (a no-op for the local store; remote stores override it)
        """Raise MediaStoreError (naming the setting) when the store cannot be written; called at start-up."""

    @abstractmethod
    def publish(self, folder: Path, film_id: str, asset: str, version: str) -> None:
        """Make the finished local asset `folder` the asset's current version (`version`: unique per publish)."""

    @abstractmethod
    def manifest(self, film_id: str, asset: str) -> dict[str, Any] | None:
        """The asset's manifest (with `dir`, its local folder), or None when it was never published."""

    def has_file(self, manifest: dict[str, Any], name: str) -> bool:
        """Whether the published asset of `manifest` holds the file `name` (relative to its folder)."""
        return (Path(manifest["dir"]) / name).is_file()

    def ensure_local(self, film_id: str, asset: str) -> Path:
        """The asset's local folder, downloaded from the store first when this machine lacks it."""
        return asset_dir(self.media_root, film_id, asset)

    def assets(self, film_id: str) -> list[str]:
        """The names of the film's published assets."""
        folder = asset_dir(self.media_root, film_id, "final_cut").parent
        return sorted(p.name for p in folder.iterdir() if (p / MANIFEST).is_file()) if folder.is_dir() else []

    def url(self, film_id: str, path: Path, download: bool = False) -> str | None:
        """A presigned URL of one published file (a path under the film's media folder); None: serve it."""
        return None

    def publish_download(self, film_id: str, path: Path, version: str) -> None:  # noqa: B027  (a no-op for the local store; remote stores override it)
        """Keep a built download (the film's zip) beside the assets; the local store already has it."""

    def delete_film(self, film_id: str) -> None:  # noqa: B027  (a no-op for the local store; remote stores override it)
        """Forget every published asset of the film (the local folder is removed by the caller)."""


class LocalMediaStore(MediaStore):
    """The media folder under STUDIO_HOME, served by the server's own routes (the default)."""

    def check(self) -> None:  # noqa: B027  (a no-op for the local store; remote stores override it)
        try:
            self.media_root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise MediaStoreError(
                f"The media folder {self.media_root} (STUDIO_HOME) cannot be created: {error}"
            ) from None

    def publish(self, folder: Path, film_id: str, asset: str, version: str) -> None:
        pass  # the IO manager has already renamed the folder into place

    def manifest(self, film_id: str, asset: str) -> dict[str, Any] | None:
        folder = asset_dir(self.media_root, film_id, asset)
        return read_manifest(folder) if (folder / MANIFEST).is_file() else None


def open_media_store(settings: MediaStoreSettings, media_root: Path) -> MediaStore:
    """The store the settings name; the S3 client is built here, checked only by `check()`."""
    if settings.kind == "local":
        return LocalMediaStore(media_root)
    from studio.store.s3_media import S3MediaStore

    return S3MediaStore.from_settings(settings, media_root)


def check_media_store(settings: MediaStoreSettings, media_root: Path) -> MediaStore:
    """Open and check the store at start-up (`studio up`, `studio render`): fail early, write nothing."""
    store = open_media_store(settings, media_root)
    store.check()
    return store
