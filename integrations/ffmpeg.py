"""ffmpeg and ffprobe: where they are and how to call them.

Encoding uses the ffmpeg inside `imageio-ffmpeg` (recent, with libx264 and aac); probing uses
Debian's `ffprobe`, which that wheel does not ship.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

from models.errors import BackendUnavailable


@cache
def ffmpeg_exe() -> str:
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:  # the wheel is missing or has no binary for this platform
        found = shutil.which("ffmpeg")
        if not found:
            raise BackendUnavailable("ffmpeg is not installed (pip install imageio-ffmpeg or apt-get install ffmpeg).")
        return found


@cache
def ffprobe_exe() -> str:
    found = shutil.which("ffprobe")
    if not found:
        raise BackendUnavailable("ffprobe is not installed (apt-get install ffmpeg).")
    return found


def run_ffmpeg(args: list[str], *, input_bytes: bytes | None = None) -> None:
    """Run ffmpeg quietly with `args`; raise RuntimeError with ffmpeg's last lines on failure."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args]
    result = subprocess.run(cmd, input=input_bytes, capture_output=True)
    if result.returncode != 0:
        tail = result.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError(f"ffmpeg failed ({result.returncode}): {' | '.join(tail)}")


def open_ffmpeg_writer(args: list[str]) -> subprocess.Popen[bytes]:
    """Start ffmpeg reading raw input from stdin (the caller writes frames or samples, then closes)."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args]
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)


def close_ffmpeg_writer(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stdin is not None
    proc.stdin.close()
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg failed ({proc.returncode}): {stderr.strip()[-500:]}")


def probe(path: Path) -> dict[str, Any]:
    """ffprobe's JSON description of `path` (format and streams)."""
    result = subprocess.run(
        [ffprobe_exe(), "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"ffprobe could not read {path}: {result.stderr.strip()}")
    return json.loads(result.stdout)


def write_image(path: Path, rgb: "np.ndarray", quality: int = 3) -> Path:
    """Write an (H, W, 3) uint8 frame as JPEG or PNG, chosen by the file's extension."""
    height, width = rgb.shape[:2]
    args = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-i", "-", "-frames:v", "1"]
    if path.suffix.lower() in (".jpg", ".jpeg"):
        args += ["-q:v", str(quality)]
    run_ffmpeg([*args, str(path)], input_bytes=rgb.tobytes())
    return path
