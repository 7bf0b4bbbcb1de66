"""Media on S3, against moto's S3 server on 127.0.0.1 through boto3 (the real SDK).

A film's assets published by the media IO manager land in the bucket (and a step on another
machine reads them back from it); the server's
media route and share links answer a redirect to a presigned URL (7 days) that plain HTTP downloads
byte for byte; another user gets 403 and no URL; large files go up multipart; a missing bucket,
refused credentials or an endpoint that does not answer stop `studio render` / `studio up` at once
with a message naming the setting, and nothing is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Iterator
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import dagster as dg
import imageio_ffmpeg
import pytest
from fastapi.testclient import TestClient
from moto.server import ThreadedMotoServer

from assets.manifests import FinalCutManifest, TrailerManifest
from dagster_project.partitions import films_partitions
from dagster_project.resources import MediaIOManager, StudioResource
from studio.compose import open_studio
from studio.services.studio_service import Forbidden
from studio.settings import MediaStoreSettings, Settings
from studio.store.media import asset_dir, write_manifest
from studio.store.media_store import PRESIGN_SECONDS, MediaStoreError, check_media_store
from studio.store.s3_media import PART_BYTES, S3MediaStore
from studio.web.server import SESSION_COOKIE, create_app
from studio_ui.pages.watch import player_html

STUDIO = Path(sys.executable).with_name("studio")
BUCKET = "studio-media"
PODCAST = """\
ASHA: Welcome back to the show. Today we talk about rivers.
MARCUS: Rivers shape every city they touch.
"""
AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(moto_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """A boto3 client on a fresh moto with the studio's bucket; AWS_* as a deployment would set them."""
    for name, value in AWS.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    urllib.request.urlopen(urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST")).read()
    client = boto3.client("s3", endpoint_url=moto_url, **_aws_kwargs())
    client.create_bucket(Bucket=BUCKET)
    yield client


def _aws_kwargs() -> dict[str, str]:
    return {
        "aws_access_key_id": AWS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": AWS["AWS_SECRET_ACCESS_KEY"],
        "region_name": AWS["AWS_DEFAULT_REGION"],
    }


def _env(home: Path, moto_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        **AWS,
        "STUDIO_HOME": str(home),
        "STUDIO_MEDIA_STORE": "s3",
        "STUDIO_S3_BUCKET": BUCKET,
        "STUDIO_S3_ENDPOINT_URL": moto_url,
        "STUDIO_S3_PREFIX": "films",
        **extra,
    }
    for name in ("DAGSTER_HOME", "STUDIO_DATABASE_URL"):
        env.pop(name, None)
    return env


def _keys(client, prefix: str = "") -> list[str]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


def _http_get(url: str) -> bytes:
    """Plain HTTP, no AWS SDK and no cookie: what a browser following the redirect does."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ----- assets published by the media IO manager, served by the app ---------------------------

SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


@dg.asset(partitions_def=films_partitions, io_manager_key="media_io", name="final_cut")
def _final_cut(context, studio: StudioResource) -> FinalCutManifest:
    """A one-second H.264 film with subtitles and a thumbnail, laid out as the real final_cut is."""
    folder = studio.work_dir(context)
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([ffmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc=s=160x90:d=1", "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", str(folder / "film.mp4")], check=True)  # fmt: skip
    subprocess.run([ffmpeg, "-v", "error", "-i", str(folder / "film.mp4"), "-frames:v", "1",
                    str(folder / "thumbnail_1.jpg")], check=True)  # fmt: skip
    (folder / "film.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nGood morning.\n")
    (folder / "film.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nGood morning.\n")
    (folder / "breakdown.json").write_text("{}")
    return FinalCutManifest(film="film.mp4", vtt="film.vtt", srt="film.srt", breakdown="breakdown.json",
                            thumbnails=["thumbnail_1.jpg"], poster="thumbnail_1.jpg", duration=1.0, cues=1,
                            scenes=["s01"])  # fmt: skip


@dg.asset(partitions_def=films_partitions, io_manager_key="media_io", name="trailer")
def _trailer(context, studio: StudioResource, final_cut: FinalCutManifest) -> TrailerManifest:
    """Reads its input through the IO manager: on a machine without the final cut, from the bucket."""
    folder = studio.work_dir(context)
    shutil.copyfile(final_cut.path(final_cut.film), folder / "trailer.mp4")
    return TrailerManifest(file="trailer.mp4", duration=1.0, moments=[])


def _materialize(asset: dg.AssetsDefinition, home: Path, film_id: str, moto_url: str) -> None:
    """One asset on one "machine" (its own STUDIO_HOME), publishing to the S3 store like a run worker."""
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [film_id])
    media_io = MediaIOManager(home=str(home), media_store="s3", s3_bucket=BUCKET, s3_endpoint_url=moto_url,
                              s3_prefix="films")  # fmt: skip
    result = dg.materialize(
        [_final_cut, _trailer],
        partition_key=film_id,
        instance=instance,
        selection=[asset.key],
        resources={"studio": StudioResource(home=str(home)), "media_io": media_io},
    )
    assert result.success


def test_published_assets_land_in_the_bucket_and_the_app_serves_presigned_redirects(
    s3, moto_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    # The web server's home has no media at all: everything it serves comes from the bucket.
    settings = Settings.from_env(_env(tmp_path / "web", moto_url) | {"STUDIO_DATABASE_URL": sqlite_url})
    service = open_studio(settings)
    service.sign_up("admin@example.com", "password zero", "Admin")
    owner = service.sign_up("owner@example.com", "password one", "Owner")
    other = service.sign_up("other@example.com", "password two", "Other")
    film_id = service.create_film(owner, SHORT, {})

    _materialize(_final_cut, tmp_path / "worker-a", film_id, moto_url)
    _materialize(_trailer, tmp_path / "worker-b", film_id, moto_url)  # fetches final_cut from S3 first
    made = asset_dir(tmp_path / "worker-a" / "media", film_id, "final_cut") / "film.mp4"
    delivered = made.read_bytes()
    fetched = asset_dir(tmp_path / "worker-b" / "media", film_id, "final_cut") / "film.mp4"
    assert _sha(fetched.read_bytes()) == _sha(delivered)

    keys = _keys(s3, f"films/{film_id}/")
    final = json.loads(s3.get_object(Bucket=BUCKET, Key=f"films/{film_id}/final_cut/manifest.json")["Body"].read())
    assert final["manifest"]["film"] == "film.mp4"
    assert {f"films/{film_id}/final_cut/{final['version']}/{name}"
            for name in ("film.mp4", "film.vtt", "film.srt", "thumbnail_1.jpg")} <= set(keys)  # fmt: skip
    assert f"films/{film_id}/trailer/manifest.json" in keys
    assert not [key for key in keys if ".staging" in key]  # nothing half-made was uploaded
    assert not (tmp_path / "web" / "media" / film_id).exists()

    client = TestClient(create_app(service, ui=False), follow_redirects=False)
    client.cookies.set(SESSION_COOKIE, owner)
    answer = client.get(f"/media/{film_id}/mp4?download=true")
    assert answer.status_code == 307
    location = answer.headers["location"]
    assert location.startswith(moto_url)
    assert parse_qs(urlsplit(location).query)["X-Amz-Expires"] == [str(PRESIGN_SECONDS)]  # 7 days
    assert _sha(_http_get(location)) == _sha(delivered)
    trailer = client.get(f"/media/{film_id}/trailer")
    assert trailer.status_code == 307 and _sha(_http_get(trailer.headers["location"])) == _sha(delivered)

    # The share link opens the same bytes for someone with no session at all.
    link = service.share_link(owner, film_id, hours=2)
    client.cookies.clear()
    shared = client.get(f"{link}/mp4")
    assert shared.status_code == 307 and _sha(_http_get(shared.headers["location"])) == _sha(delivered)
    page = client.get(link)  # the share page, whose player follows that redirect
    assert page.status_code == 200 and f"{link}/mp4" in page.text
    assert client.get(f"{link[:-3]}AAA/mp4").status_code == 410  # an altered link gets no URL

    # Another creator gets 403 and no URL, from the route and from the service the Watch page calls.
    client.cookies.set(SESSION_COOKIE, other)
    refused = client.get(f"/media/{film_id}/mp4")
    assert refused.status_code == 403 and "location" not in refused.headers and moto_url not in refused.text
    assert client.get(f"/media/{film_id}/zip").status_code == 403
    with pytest.raises(Forbidden):
        service.media_links(other, film_id)

    # The Watch page plays and downloads from presigned URLs of the same files.
    links = service.media_links(owner, film_id)
    html = player_html(film_id, service.media(owner, film_id), links)
    assert escape(links["mp4"]) in html and _sha(_http_get(links["mp4"])) == _sha(delivered)
    assert _http_get(links["vtt"]).startswith(b"WEBVTT")
    client.cookies.set(SESSION_COOKIE, owner)
    zipped = client.get(f"/media/{film_id}/zip")  # built from the bucket's copies, kept beside them
    assert zipped.status_code == 307
    with zipfile.ZipFile(io.BytesIO(_http_get(zipped.headers["location"]))) as archive:
        assert {"film.mp4", "trailer.mp4", "film.vtt", "film.srt"} <= set(archive.namelist())
        assert _sha(archive.read("film.mp4")) == _sha(delivered)

    # Deleting the account deletes the film's media from the bucket too.
    service.delete_account(owner, "password one")
    assert _keys(s3, f"films/{film_id}/") == []


# ----- readers on a machine that did not render the film ----------------------------------------


def test_the_app_reads_length_crm_figures_and_storyboard_pictures_from_the_bucket(
    s3, moto_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    """The web server's home has no media: what it reads about a film (the rendered length that settles
    its charge, the CRM record's duration, the Storyboard's pictures) comes from the bucket."""
    from studio.services import crm
    from studio.services.settle_length import rendered_seconds
    from studio.store.media_store import LocalMediaStore

    settings = Settings.from_env(_env(tmp_path / "web", moto_url) | {"STUDIO_DATABASE_URL": sqlite_url})
    service = open_studio(settings)
    owner = service.sign_up("owner@example.com", "password one", "Owner")
    film_id = service.create_film(owner, SHORT, {})
    _materialize(_final_cut, tmp_path / "worker-a", film_id, moto_url)
    worker = S3MediaStore.from_settings(MediaStoreSettings("s3", BUCKET, moto_url, "films"), tmp_path / "worker-a")
    scene_id = service.storyboard(owner, film_id)["scenes"][0]["id"]
    plate = b"\x89PNG\r\n\x1a\n" + b"plate" * 20
    pictures = asset_dir(tmp_path / "worker-a" / "media", film_id, "scene_images")
    (pictures / scene_id).mkdir(parents=True)
    (pictures / scene_id / "frame.png").write_bytes(plate)
    write_manifest(pictures, {"scenes": [scene_id]})
    worker.publish(pictures, film_id, "scene_images", "v1")

    web_media = tmp_path / "web" / "media"
    assert rendered_seconds(LocalMediaStore(web_media), film_id) is None  # the local folder alone knows nothing
    assert rendered_seconds(service.media_store, film_id) == 1.0
    with service.store.session() as session:
        assert crm.project_record(session, settings, film_id)["Duration_Seconds__c"] == 1.0
    image = service.storyboard(owner, film_id)["scenes"][0]["image"]
    assert image is not None and Path(image).is_relative_to(web_media) and Path(image).read_bytes() == plate
    # The owner's data export holds the film's media, fetched from the bucket.
    shutil.rmtree(web_media / film_id)
    assert service.media_store.assets(film_id) == ["final_cut", "scene_images"]
    with zipfile.ZipFile(service.export_my_data(owner)) as archive:
        names = set(archive.namelist())
        assert {
            f"films/{film_id}/media/final_cut/film.mp4",
            f"films/{film_id}/media/scene_images/{scene_id}/frame.png",
        } <= names
        assert archive.read(f"films/{film_id}/media/scene_images/{scene_id}/frame.png") == plate


# ----- publishing: multipart, whole versions ---------------------------------------------------


def _asset_folder(root: Path, film_id: str, files: dict[str, bytes], manifest: dict) -> Path:
    folder = asset_dir(root, film_id, "final_cut")
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    write_manifest(folder, manifest)
    return folder


def test_a_large_file_goes_up_in_parts_and_downloads_whole(s3, moto_url: str, tmp_path: Path) -> None:
    store = S3MediaStore.from_settings(MediaStoreSettings("s3", BUCKET, moto_url, "p"), tmp_path)
    big = os.urandom(2 * PART_BYTES + 12345)  # 16 MiB and a bit: three parts of at most 8 MiB
    small = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n"
    folder = _asset_folder(
        tmp_path, "abc123", {"film.mp4": big, "film.vtt": small}, {"film": "film.mp4", "vtt": "film.vtt"}
    )
    store.publish(folder, "abc123", "final_cut", "run-0001")

    version = store.version("abc123", "final_cut")
    head = s3.head_object(Bucket=BUCKET, Key=f"p/abc123/final_cut/{version}/film.mp4", PartNumber=1)
    assert head["PartsCount"] == 3 and head["ContentLength"] == PART_BYTES
    assert s3.head_object(Bucket=BUCKET, Key=f"p/abc123/final_cut/{version}/film.vtt").get("PartsCount") is None
    url = store.url("abc123", folder / "film.mp4", download=True)
    assert _sha(_http_get(url)) == _sha(big)


def test_a_new_version_replaces_the_old_one_whole(s3, moto_url: str, tmp_path: Path) -> None:
    store = S3MediaStore.from_settings(MediaStoreSettings("s3", BUCKET, moto_url, ""), tmp_path / "a")
    first = _asset_folder(tmp_path / "a", "abc123", {"film.mp4": b"one", "extra.txt": b"x"}, {"film": "film.mp4"})
    store.publish(first, "abc123", "final_cut", "run-1")
    second = _asset_folder(tmp_path / "b", "abc123", {"film.mp4": b"two"}, {"film": "film.mp4"})
    (second / "extra.txt").unlink(missing_ok=True)
    store.publish(second, "abc123", "final_cut", "run-2")
    version = store.version("abc123", "final_cut")
    assert sorted(_keys(s3, "abc123/")) == ["abc123/final_cut/manifest.json", f"abc123/final_cut/{version}/film.mp4"]
    # A machine without the render's folder gets the current version whole (a step on another worker).
    elsewhere = S3MediaStore.from_settings(MediaStoreSettings("s3", BUCKET, moto_url, ""), tmp_path / "c")
    folder = elsewhere.ensure_local("abc123", "final_cut")
    assert (folder / "film.mp4").read_bytes() == b"two" and not (folder / "extra.txt").exists()


# ----- bad settings: a clear message naming the setting, nothing written -----------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _set_auth(moto_url: str, count: str) -> None:
    request = urllib.request.Request(
        f"{moto_url}/moto-api/reset-auth", data=count.encode(), method="POST", headers={"Content-Type": "text/plain"}
    )  # a form body would be parsed away
    urllib.request.urlopen(request).read()


@pytest.fixture
def enforced_auth(moto_url: str) -> Iterator[None]:
    """moto checks access keys (only known IAM users pass): the credentials below are refused."""
    _set_auth(moto_url, "0")
    try:
        yield
    finally:
        _set_auth(moto_url, "inf")


BAD = {
    "no such bucket": ({"STUDIO_S3_BUCKET": "no-such-bucket"}, "STUDIO_S3_BUCKET", "does not exist"),
    "refused credentials": (
        {"AWS_ACCESS_KEY_ID": "AKIAREFUSED0000000000"},
        "STUDIO_S3_BUCKET",
        "refused the credentials",
    ),
    "endpoint down": (
        {"STUDIO_S3_ENDPOINT_URL": "http://127.0.0.1:{port}"},
        "STUDIO_S3_ENDPOINT_URL",
        "does not answer",
    ),
    "no bucket set": ({"STUDIO_S3_BUCKET": ""}, "STUDIO_S3_BUCKET", "needs"),
    "unknown store": ({"STUDIO_MEDIA_STORE": "ftp"}, "STUDIO_MEDIA_STORE", "local or s3"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_studio_render_refuses_bad_s3_settings_before_writing_anything(
    case: str, s3, moto_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    extra, setting, reason = BAD[case]
    extra = {name: value.format(port=_free_port()) for name, value in extra.items()}
    if case == "refused credentials":
        request.getfixturevalue("enforced_auth")
    script = tmp_path / "podcast.txt"
    script.write_text(PODCAST)
    home, out = tmp_path / "home", tmp_path / "film"
    result = subprocess.run([str(STUDIO), "render", str(script), "--out", str(out)], capture_output=True, text=True,
                            env=_env(home, moto_url, **extra), timeout=300)  # fmt: skip
    _set_auth(moto_url, "inf")  # the checks below read the bucket with the good credentials
    message = result.stderr.strip()
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert message.startswith("error:") and setting in message and reason in message
    assert not out.exists() and not (home / "studio.db").exists() and not (home / "dagster").exists()
    assert _keys(s3) == []


def test_studio_up_refuses_a_missing_bucket_before_starting_anything(s3, moto_url: str, tmp_path: Path) -> None:
    from studio.cli.up import run_up

    settings = Settings.from_env(_env(tmp_path / "home", moto_url, STUDIO_S3_BUCKET="no-such-bucket"))
    said: list[str] = []
    assert run_up(settings, _free_port(), _free_port(), echo=said.append) == 2
    assert len(said) == 1 and "STUDIO_S3_BUCKET" in said[0] and "no-such-bucket" in said[0]
    assert not settings.dagster_home.exists() and not (settings.home / "studio.db").exists()


def test_the_check_names_the_endpoint_that_does_not_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CONFIG_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    settings = MediaStoreSettings("s3", BUCKET, f"http://127.0.0.1:{_free_port()}", "")
    with pytest.raises(MediaStoreError, match="needs AWS credentials.*AWS_ACCESS_KEY_ID"):
        check_media_store(settings, tmp_path)  # no credentials anywhere: said before any request
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with pytest.raises(MediaStoreError, match="STUDIO_S3_ENDPOINT_URL.*does not answer"):
        check_media_store(settings, tmp_path)
