"""Finding 5 (decoded limits, leftovers): music and images are refused from their headers before
any heavy decode, and kept uploads of refused or abandoned requests are swept away."""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from conftest import wav_bytes

from models.audio.upload import check_music_file
from models.image.references import check_reference_image
from studio.compose import open_studio
from studio.services.uploads import keep_upload, sweep_uploads
from studio.settings import Settings

SHORT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"


def test_a_49_mb_8_bit_1_khz_wav_of_14_hours_is_refused_from_its_header(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    frames = 49 * 1024 * 1024
    header = (
        b"RIFF"
        + struct.pack("<I", 36 + frames)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, 1000, 1000, 1, 8)
        + b"data"
        + struct.pack("<I", frames)
    )
    with path.open("wb") as handle:
        handle.write(header)
        handle.truncate(len(header) + frames)  # 49 MB of silence, under the 50 MB file limit
    with pytest.raises(ValueError, match="sampled at 1000 Hz|runs 8\\d\\d minutes"):
        check_music_file(path)


def test_a_long_wav_at_a_normal_rate_is_refused_and_a_short_one_accepted(tmp_path: Path) -> None:
    frames = 21 * 60 * 8000  # 21 minutes of 8-bit 8 kHz: 10 MB
    long = tmp_path / "long.wav"
    long.write_bytes(
        b"RIFF"
        + struct.pack("<I", 36 + frames)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 8000, 1, 8)
        + b"data"
        + struct.pack("<I", frames)
        + b"\x80" * frames
    )
    with pytest.raises(ValueError, match="runs 21 minutes; the limit is 20 minutes"):
        check_music_file(long)
    short = tmp_path / "short.wav"
    short.write_bytes(wav_bytes(2.0))
    assert check_music_file(short) == short


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b"")
    )


def test_an_image_claiming_67_megapixels_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header(8192, 8192))  # a few hundred bytes that would decode to 200 MB
    started = time.process_time()
    with pytest.raises(ValueError, match="8192x8192 pixels|decompression bomb"):
        check_reference_image(path)
    assert time.process_time() - started < 5  # refused from the header: nothing was decoded


def test_kept_uploads_no_film_uses_are_swept_and_used_ones_stay(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    service = open_studio(Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster"))
    home = service.settings.home
    token = service.sign_up("c@example.com", "password one", "C")
    used_source, left_source = tmp_path / "used.wav", tmp_path / "left.wav"
    used_source.write_bytes(wav_bytes(1.5))
    left_source.write_bytes(wav_bytes(1.6))
    used = keep_upload(home, used_source, "music")
    left = keep_upload(home, left_source, "music")  # a request refused after its upload was kept
    service.create_film(token, SHORT, {"music_file": str(used)})
    long_ago = time.time() - 7 * 3600
    for path in (used, left):
        os.utime(path, (long_ago, long_ago))
    fresh_source = tmp_path / "fresh.wav"
    fresh_source.write_bytes(wav_bytes(1.7))
    fresh = keep_upload(home, fresh_source, "music")  # someone is filling in the form right now
    assert sweep_uploads(home, service.store) == [left]
    assert used.exists() and fresh.exists() and not left.exists()
