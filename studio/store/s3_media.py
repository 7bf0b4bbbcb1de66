"""The media store on S3: finished assets in a bucket, deliverables through presigned URLs.

Layout under `STUDIO_S3_PREFIX`:
  `<film>/<asset>/<version>/<files…>` — one published version of an asset's folder;
  `<film>/<asset>/manifest.json`      — the pointer: {"version", "files", "manifest"}, written last;
  `<film>/downloads/<version>/…`      — built downloads (the film's zip), keyed by the final cut's version.
A publish uploads the new version's files, then replaces the pointer, then deletes the old
version: a reader sees the old asset or the new one, and a failed upload leaves the old one current.
Large files go up in 8 MiB parts (multipart) through boto3's managed `upload_file`.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
)

from integrations.s3 import MISSING, PART_BYTES, REFUSED, TRANSFER, content_type, s3_client
from studio.settings import MediaStoreSettings
from studio.store.media import MANIFEST, asset_dir, publish, staging_dir, write_manifest
from studio.store.media_store import PRESIGN_SECONDS, MediaStore, MediaStoreError

__all__ = ["PART_BYTES", "S3MediaStore"]


class S3MediaStore(MediaStore):
    """Finished assets in an S3 bucket; deliverables downloaded through presigned URLs (7 days)."""

    kind = "s3"
    remote = True

    def __init__(self, client: Any, bucket: str, prefix: str, media_root: Path, endpoint_url: str = "") -> None:
        super().__init__(media_root)
        self.client, self.bucket, self.prefix, self.endpoint_url = client, bucket, prefix.strip("/"), endpoint_url

    @classmethod
    def from_settings(cls, settings: MediaStoreSettings, media_root: Path) -> S3MediaStore:
        try:
            client = s3_client(settings.endpoint_url)
        except (BotoCoreError, ValueError) as error:  # a malformed endpoint URL, an unknown AWS_PROFILE
            raise MediaStoreError(f"STUDIO_S3_ENDPOINT_URL / AWS settings cannot make an S3 client: {error}") from None
        return cls(client, settings.bucket, settings.prefix, media_root, settings.endpoint_url)

    # ----- keys --------------------------------------------------------------------------
    def _key(self, *parts: str) -> str:
        return "/".join(part.strip("/") for part in (self.prefix, *parts) if part)

    def _pointer(self, film_id: str, asset: str) -> dict[str, Any] | None:
        asset_dir(self.media_root, film_id, asset)  # refuses film ids that are not hex
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self._key(film_id, asset, MANIFEST))["Body"]
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise
        return json.loads(body.read())

    # ----- start-up check ------------------------------------------------------------------
    def check(self) -> None:
        where = self.endpoint_url or "AWS"
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            if code in MISSING:
                raise MediaStoreError(
                    f"STUDIO_S3_BUCKET: the bucket {self.bucket!r} does not exist at {where}; "
                    "create it first (the studio never creates buckets)."
                ) from None
            if code in REFUSED:
                raise MediaStoreError(
                    f"STUDIO_S3_BUCKET: {where} refused the credentials for bucket {self.bucket!r} "
                    f"({code}); check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY."
                ) from None
            raise MediaStoreError(f"STUDIO_S3_BUCKET: {where} answered {code} for bucket {self.bucket!r}.") from None
        except (NoCredentialsError, PartialCredentialsError):
            raise MediaStoreError(
                "STUDIO_MEDIA_STORE=s3 needs AWS credentials: set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)."
            ) from None
        except EndpointConnectionError:
            raise MediaStoreError(
                f"STUDIO_S3_ENDPOINT_URL: {where} does not answer; is the S3 server running?"
            ) from None
        except BotoCoreError as error:
            raise MediaStoreError(f"STUDIO_S3_ENDPOINT_URL: cannot reach S3 at {where}: {error}") from None

    # ----- publishing ----------------------------------------------------------------------
    def publish(self, folder: Path, film_id: str, asset: str, version: str) -> None:
        previous = self._pointer(film_id, asset)
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
        relative = [p.relative_to(folder).as_posix() for p in files]
        for path, name in zip(files, relative):
            self.client.upload_file(
                str(path),
                self.bucket,
                self._key(film_id, asset, version, name),
                ExtraArgs={"ContentType": content_type(path)},
                Config=TRANSFER,
            )
        manifest = json.loads((folder / MANIFEST).read_text())
        pointer = {"version": version, "files": relative, "manifest": manifest}
        self.client.put_object(
            Bucket=self.bucket,
            Key=self._key(film_id, asset, MANIFEST),
            Body=json.dumps(pointer).encode(),
            ContentType="application/json",
        )
        if previous and previous.get("version") != version:
            self._delete_prefix(self._key(film_id, asset, previous["version"]) + "/")

    def publish_download(self, film_id: str, path: Path, version: str) -> None:
        self.client.upload_file(
            str(path),
            self.bucket,
            self._key(film_id, "downloads", version, path.name),
            ExtraArgs={"ContentType": content_type(path)},
            Config=TRANSFER,
        )

    def _delete_prefix(self, prefix: str) -> None:
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if keys:
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys, "Quiet": True})

    def delete_film(self, film_id: str) -> None:
        asset_dir(self.media_root, film_id, "final_cut")  # hex ids only: never a prefix of other films
        self._delete_prefix(self._key(film_id) + "/")

    # ----- reading -------------------------------------------------------------------------
    def manifest(self, film_id: str, asset: str) -> dict[str, Any] | None:
        pointer = self._pointer(film_id, asset)
        if pointer is None:
            return None
        return {**pointer["manifest"], "dir": str(asset_dir(self.media_root, film_id, asset)),
                "store_version": pointer["version"], "store_files": pointer["files"]}  # fmt: skip

    def has_file(self, manifest: dict[str, Any], name: str) -> bool:
        return name in manifest.get("store_files", ())

    def ensure_local(self, film_id: str, asset: str) -> Path:
        """Download the asset's current version into the local media folder when this machine lacks it
        (a step on another worker made it); staged and renamed into place like a local publish."""
        final = asset_dir(self.media_root, film_id, asset)
        pointer = self._pointer(film_id, asset)
        local = final / MANIFEST
        here = json.loads(local.read_text()).get("store_version") if local.is_file() else None
        if pointer is None or here == pointer["version"]:
            return final  # never published to the store (a local folder only), or already current here
        staging = staging_dir(self.media_root, film_id, asset, f"fetch-{uuid.uuid4().hex[:8]}")
        staging.mkdir(parents=True)
        for name in pointer["files"]:
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            self.client.download_file(
                self.bucket, self._key(film_id, asset, pointer["version"], name), str(target), Config=TRANSFER
            )
        write_manifest(staging, {**pointer["manifest"], "store_version": pointer["version"]})
        publish(staging, final)
        return final

    def assets(self, film_id: str) -> list[str]:
        asset_dir(self.media_root, film_id, "final_cut")  # refuses film ids that are not hex
        film = self._key(film_id) + "/"
        found = set()
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=film):
            for item in page.get("Contents", []):
                parts = item["Key"][len(film) :].split("/")
                if len(parts) == 2 and parts[1] == MANIFEST:  # <asset>/manifest.json: a published pointer
                    found.add(parts[0])
        return sorted(found)

    def version(self, film_id: str, asset: str) -> str | None:
        pointer = self._pointer(film_id, asset)
        return pointer["version"] if pointer else None

    def has_download(self, film_id: str, version: str, name: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(film_id, "downloads", version, name))
            return True
        except ClientError:
            return False

    def presign(self, key: str, filename: str, download: bool) -> str:
        params = {"Bucket": self.bucket, "Key": key, "ResponseContentType": content_type(Path(filename))}
        if download:
            params["ResponseContentDisposition"] = f'attachment; filename="{filename}"'
        return self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=PRESIGN_SECONDS)

    def url(self, film_id: str, path: Path, download: bool = False) -> str | None:
        relative = path.relative_to(self.media_root / film_id).parts
        asset, name = relative[0], "/".join(relative[1:])
        if asset == "downloads":
            download_version, name = name.split("/", 1) if "/" in name else ("", name)
            return self.presign(self._key(film_id, "downloads", download_version, name), path.name, download)
        version = self.version(film_id, asset)
        if version is None:
            raise MediaStoreError("This file is not in the media store yet.")
        return self.presign(self._key(film_id, asset, version, name), path.name, download)
