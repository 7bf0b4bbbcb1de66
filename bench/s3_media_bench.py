"""Publishing a finished asset to S3 (moto on 127.0.0.1) against a local folder copy, side by side.

    .venv/bin/python bench/s3_media_bench.py [--mib 64]

Prints seconds and MiB/s for: copying the folder locally (the baseline), publishing it to the S3
store (multipart above 8 MiB), fetching it back on "another machine" (`ensure_local`), and one
presigned download over plain HTTP. moto keeps objects in memory, so the figures measure the
client path (boto3, multipart, signing), not a real network or disk behind S3.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=64, help="size of the film file in MiB")
    args = parser.parse_args()
    import boto3
    from moto.server import ThreadedMotoServer

    from studio.settings import MediaStoreSettings
    from studio.store.media import asset_dir, write_manifest
    from studio.store.s3_media import S3MediaStore

    for name, value in {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
                        "AWS_DEFAULT_REGION": "us-east-1"}.items():  # fmt: skip
        os.environ.setdefault(name, value)  # a script, not library code: moto accepts any key
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    try:
        boto3.client("s3", endpoint_url=url).create_bucket(Bucket="bench")
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            folder = asset_dir(root / "a", "abc123", "final_cut")
            folder.mkdir(parents=True)
            (folder / "film.mp4").write_bytes(os.urandom(args.mib * 1024 * 1024))
            write_manifest(folder, {"film": "film.mp4"})
            size = args.mib

            def timed(label: str, action) -> float:
                start = time.perf_counter()
                action()
                seconds = time.perf_counter() - start
                print(f"{label:<36} {seconds:7.2f} s  {size / seconds:8.1f} MiB/s")
                return seconds

            print(f"film file: {size} MiB")
            base = timed("local folder copy (baseline)", lambda: shutil.copytree(folder, root / "copy"))
            store = S3MediaStore.from_settings(MediaStoreSettings("s3", "bench", url, "bench"), root / "a")
            up = timed("publish to S3 (multipart)", lambda: store.publish(folder, "abc123", "final_cut", "v1"))
            other = S3MediaStore.from_settings(MediaStoreSettings("s3", "bench", url, "bench"), root / "b")
            down = timed("ensure_local on another machine", lambda: other.ensure_local("abc123", "final_cut"))
            link = store.url("abc123", folder / "film.mp4")
            http = timed("presigned download (plain HTTP)", lambda: urllib.request.urlopen(link).read())
            print(
                f"ratios to the local copy: publish {up / base:.1f}x, fetch {down / base:.1f}x, "
                f"presigned GET {http / base:.1f}x"
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
