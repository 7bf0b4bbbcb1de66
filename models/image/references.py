"""Reference images a creator uploads: scene backgrounds and character (actor) references.

A file is accepted only if its first bytes are the format its extension claims, it is at most
10 MB and 8192 pixels a side (40 megapixels), and Pillow decodes it completely: truncated files
and decompression bombs (a tiny file that inflates to gigapixels) are refused before any pixel
buffer of that size exists.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PIL import Image

MAX_BYTES = 10 * 1024 * 1024
MAX_REFERENCES = 20
MAX_SIDE = 8192
MAX_PIXELS = 40_000_000
MIN_SIDE = 16
ROLES = ("background", "character")

# Extension -> the Pillow format its bytes must be (checked by magic number, then by Pillow).
FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
}


def _magic(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


@dataclass(frozen=True)
class ReferenceInfo:
    path: str
    format: str  # JPEG|PNG|WEBP
    width: int
    height: int
    bytes: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_reference_image(path: Path | str) -> ReferenceInfo:
    """The image's format and size, or ValueError saying plainly why it cannot be a reference."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ValueError(f"Reference image not found: {path}")
    expected = FORMATS.get(path.suffix.lower())
    if expected is None:
        raise ValueError(f"{name}: reference images must be JPG, PNG or WEBP, not {path.suffix or 'no extension'}.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"{name} is {size / 1024 / 1024:.1f} MB; reference images may be at most 10 MB.")
    with path.open("rb") as handle:
        head = handle.read(12)
    actual = _magic(head)
    if actual != expected:
        what = f"a {actual} image" if actual else "not an image"
        raise ValueError(f"{name} is {what}, but its extension says {expected}; refusing it.")
    return _decode(path, expected, size)


def _decode(path: Path, expected: str, size: int) -> ReferenceInfo:
    name = path.name
    previous = Image.MAX_IMAGE_PIXELS
    # Pillow warns past MAX_IMAGE_PIXELS and raises past twice that; both are refusals here.
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if image.format != expected:
                    raise ValueError(f"{name} decodes as {image.format}, but its extension says {expected}.")
                if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                    raise ValueError(
                        f"{name} is {width}x{height} pixels; reference images may be at most "
                        f"{MAX_SIDE} pixels a side and {MAX_PIXELS // 1_000_000} megapixels."
                    )
                if min(width, height) < MIN_SIDE:
                    raise ValueError(f"{name} is {width}x{height} pixels; too small to use as a reference.")
                image.load()  # decodes every byte: a truncated file raises here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValueError(f"{name} would decompress to too many pixels (a decompression bomb); refusing it.") from None
    except ValueError:
        raise
    except (OSError, SyntaxError) as error:
        raise ValueError(f"{name} is damaged or truncated and cannot be decoded ({error}).") from None
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    return ReferenceInfo(str(path), expected, width, height, size)


def parse_reference(value: str) -> dict[str, Any]:
    """`PATH` (a background) or `NAME=PATH` (a character reference) from the command line."""
    name, sep, rest = value.partition("=")
    if sep and name.strip() and "/" not in name and not Path(value).exists():
        return {"path": rest.strip(), "role": "character", "character": name.strip()}
    return {"path": value.strip(), "role": "background", "character": None}


def check_references(references: list[dict[str, Any]], character_names: list[str] | None = None) -> list[ReferenceInfo]:
    """Validate a film's references: count, role, each file, and that named characters exist."""
    if len(references) > MAX_REFERENCES:
        raise ValueError(f"{len(references)} reference images given; a film may have at most {MAX_REFERENCES}.")
    known = {n.casefold(): n for n in character_names or []}
    infos = []
    for reference in references:
        role = reference.get("role", "background")
        if role not in ROLES:
            raise ValueError(f"Reference role must be one of {', '.join(ROLES)}, not {role!r}.")
        if role == "character":
            who = str(reference.get("character") or "")
            if character_names is not None and who.casefold() not in known:
                names = ", ".join(character_names) or "none"
                raise ValueError(f"Reference for unknown character {who!r}; the script's characters are: {names}.")
        infos.append(check_reference_image(reference["path"]))
    return infos


def background_for(references: list[dict[str, Any]], index: int) -> str | None:
    """The background reference used for the scene at `index` (backgrounds cycle over scenes)."""
    backgrounds = [r["path"] for r in references if r.get("role", "background") == "background"]
    return backgrounds[index % len(backgrounds)] if backgrounds else None


def character_reference(references: list[dict[str, Any]], name: str) -> str | None:
    for reference in references:
        if reference.get("role") == "character" and str(reference.get("character", "")).casefold() == name.casefold():
            return reference["path"]
    return None
