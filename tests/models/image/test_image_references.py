"""Reference images: real JPG/PNG/WEBP files pass; lies, damage, bombs and excess are refused."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from models.image.photo import sample_colours
from models.image.references import (
    MAX_REFERENCES,
    background_for,
    character_reference,
    check_reference_image,
    check_references,
    parse_reference,
)  # fmt: skip


def _picture(path: Path, size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (40, 120, 200)) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


@pytest.mark.parametrize("name, fmt", [("a.jpg", "JPEG"), ("b.jpeg", "JPEG"), ("c.png", "PNG"), ("d.webp", "WEBP")])
def test_real_images_are_accepted(tmp_path: Path, name: str, fmt: str) -> None:
    info = check_reference_image(_picture(tmp_path / name))
    assert (info.format, info.width, info.height) == (fmt, 64, 48)
    assert info.bytes == (tmp_path / name).stat().st_size


def test_extension_must_match_the_bytes(tmp_path: Path) -> None:
    png = _picture(tmp_path / "real.png")
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(png.read_bytes())
    with pytest.raises(ValueError, match="photo.jpg is a PNG image, but its extension says JPEG"):
        check_reference_image(fake)
    script = tmp_path / "evil.png"
    script.write_text("#!/bin/sh\nrm -rf /\n")
    with pytest.raises(ValueError, match="not an image"):
        check_reference_image(script)
    with pytest.raises(ValueError, match="must be JPG, PNG or WEBP"):
        check_reference_image(_picture(tmp_path / "x.gif"))
    with pytest.raises(ValueError, match="not found"):
        check_reference_image(tmp_path / "missing.png")


def test_truncated_file_is_refused(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    whole = tmp_path / "whole.jpg"
    Image.fromarray(rng.integers(0, 255, (200, 200, 3), dtype=np.uint8)).save(whole, quality=95)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ValueError, match="damaged or truncated"):
        check_reference_image(cut)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    # A 20000 x 20000 greyscale PNG of zeros: a few hundred kilobytes on disk, 400 megapixels decoded.
    side = 20_000
    raw = zlib.compress(b"\x00" * (side + 1) * side, 9)
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", raw) + _png_chunk(b"IEND", b"")
    )
    assert bomb.stat().st_size < 1_000_000
    before = Image.MAX_IMAGE_PIXELS
    with pytest.raises(ValueError, match="decompression bomb"):
        check_reference_image(bomb)
    assert Image.MAX_IMAGE_PIXELS == before  # the stricter limit applies only while checking
    big = tmp_path / "wide.png"
    Image.new("L", (9000, 20), 0).save(big)
    with pytest.raises(ValueError, match="at most 8192 pixels a side"):
        check_reference_image(big)


def test_file_over_ten_megabytes_is_refused(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    noisy = tmp_path / "noisy.png"
    Image.fromarray(rng.integers(0, 255, (2000, 2000, 3), dtype=np.uint8)).save(noisy, compress_level=0)
    assert noisy.stat().st_size > 10 * 1024 * 1024
    with pytest.raises(ValueError, match="at most 10 MB"):
        check_reference_image(noisy)


def test_film_reference_rules(tmp_path: Path) -> None:
    image = _picture(tmp_path / "bg.png")
    too_many = [{"path": str(image), "role": "background"}] * (MAX_REFERENCES + 1)
    with pytest.raises(ValueError, match="at most 20"):
        check_references(too_many)
    assert len(check_references([{"path": str(image), "role": "background"}] * MAX_REFERENCES)) == MAX_REFERENCES
    with pytest.raises(ValueError, match="unknown character 'NOBODY'"):
        check_references([{"path": str(image), "role": "character", "character": "NOBODY"}], ["MAYA", "ELI"])
    refs = [parse_reference(str(image)), parse_reference(f"maya={image}")]
    assert refs[0] == {"path": str(image), "role": "background", "character": None}
    assert refs[1]["role"] == "character" and refs[1]["character"] == "maya"
    check_references(refs, ["MAYA"])  # names match case-insensitively
    assert character_reference(refs, "MAYA") == str(image)
    assert background_for(refs, 0) == background_for(refs, 3) == str(image)
    assert background_for([], 0) is None


def test_actor_photo_colours_are_sampled(tmp_path: Path) -> None:
    photo = Image.new("RGB", (200, 240), (170, 200, 230))  # sky-blue backdrop
    pixels = np.asarray(photo).copy()
    yy, xx = np.mgrid[0:240, 0:200]
    head = ((xx - 100) / 55) ** 2 + ((yy - 130) / 75) ** 2 <= 1
    hair = head & (yy < 95)
    pixels[head] = (141, 85, 54)  # a brown skin tone
    pixels[hair] = (40, 28, 22)  # dark hair over the forehead
    pixels[(((xx - 100) / 60) ** 2 + ((yy - 62) / 30) ** 2 <= 1) & (yy < 75)] = (40, 28, 22)
    path = tmp_path / "actor.jpg"
    Image.fromarray(pixels).save(path, quality=95)
    colours = sample_colours(path)
    skin = np.array([int(colours["skin"][i : i + 2], 16) for i in (1, 3, 5)])
    assert np.abs(skin - (141, 85, 54)).max() <= 12
    hair_rgb = np.array([int(colours["hair"][i : i + 2], 16) for i in (1, 3, 5)])
    assert np.abs(hair_rgb - (40, 28, 22)).max() <= 15
    sky = _picture(tmp_path / "sky.png", (100, 100), (90, 140, 230))
    with pytest.raises(ValueError, match="no skin tones"):
        sample_colours(sky)
