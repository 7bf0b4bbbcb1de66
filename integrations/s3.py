"""S3 (or any S3-compatible server) through boto3: the client, transfer settings and error codes.

The studio's media store on S3 (`studio/store/s3_media.py`) is built on these.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

PART_BYTES = 8 * 1024 * 1024  # files above this go multipart, in parts of this size (AWS minimum is 5 MiB)
TRANSFER = TransferConfig(multipart_threshold=PART_BYTES, multipart_chunksize=PART_BYTES, max_concurrency=4)
_TYPES = {".vtt": "text/vtt", ".srt": "application/x-subrip", ".mp4": "video/mp4", ".json": "application/json"}
REFUSED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId",
           "ExpiredToken", "InvalidToken", "AuthorizationHeaderMalformed"}  # fmt: skip
MISSING = {"404", "NoSuchBucket"}


def s3_client(endpoint_url: str | None = None, max_attempts: int = 3) -> Any:
    """A boto3 S3 client; credentials and region from the standard AWS variables (boto3's chain).

    It signs with SigV4, so presigned URLs carry their expiry (`X-Amz-Expires`, at most 7 days) on
    AWS and on S3-compatible servers alike, and gives up on an endpoint that does not answer within
    seconds instead of a minute per attempt.
    """
    config = Config(
        signature_version="s3v4",
        connect_timeout=5,
        read_timeout=120,
        retries={"max_attempts": max_attempts, "mode": "standard"},
    )
    return boto3.session.Session().client("s3", endpoint_url=endpoint_url or None, config=config)


def content_type(path: Path) -> str:
    return _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
