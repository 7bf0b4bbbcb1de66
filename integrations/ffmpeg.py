"""ffmpeg and ffprobe: where they are and how to call them.

Encoding uses the ffmpeg inside `imageio-ffmpeg` (recent, with libx264 and aac); probing uses
Debian's `ffprobe`, which that wheel does not ship.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

from integrations.errors import BackendUnavailable


@cache
def ffmpeg_exe() -> str:
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as error:  # the wheel is missing or has no binary for this platform
        found = shutil.which("ffmpeg")
        if not found:
            raise BackendUnavailable(
                "ffmpeg is not installed (pip install imageio-ffmpeg or apt-get install ffmpeg)."
            ) from error
        return found


@cache
def ffprobe_exe() -> str:
    found = shutil.which("ffprobe")
    if not found:
        raise BackendUnavailable("ffprobe is not installed (apt-get install ffmpeg).")
    return found


def run_ffmpeg(args: list[str], *, input_bytes: bytes | None = None, cwd: Path | None = None) -> None:
    """Run ffmpeg quietly with `args`; raise RuntimeError with ffmpeg's last lines on failure.
    `cwd`: as for `open_ffmpeg_writer`, so filters can name their files plainly."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args]
    result = subprocess.run(cmd, input=input_bytes, capture_output=True, cwd=cwd)
    if result.returncode != 0:
        tail = result.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError(f"ffmpeg failed ({result.returncode}): {' | '.join(tail)}")


def open_ffmpeg_writer(args: list[str], cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """Start ffmpeg reading raw input from stdin (the caller writes frames or samples, then closes).

    `cwd` lets filters name their files (an ASS script) by a plain relative name, which needs no
    escaping inside a filter graph.
    """
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args]
    # ffmpeg's messages go to a file, not a pipe: a pipe nobody reads until the end fills up on a
    # chatty error and deadlocks ffmpeg (blocked writing stderr) against us (blocked writing stdin).
    log = tempfile.TemporaryFile()
    # A large pipe buffer lets Python compose the next frame while ffmpeg reads the last one.
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=log, cwd=cwd, bufsize=1 << 20)
    proc.studio_log = log  # type: ignore[attr-defined]  # read back by ffmpeg_errors
    return proc


def ffmpeg_errors(proc: subprocess.Popen[bytes]) -> str:
    """The last of what a writer process printed (after it has ended); closes its log."""
    log: IO[bytes] | None = getattr(proc, "studio_log", None)
    if log is None or log.closed:
        return ""
    log.seek(0)
    text = log.read().decode(errors="replace").strip()[-500:]
    log.close()
    return text


def close_ffmpeg_writer(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stdin is not None
    try:
        proc.stdin.close()
    except BrokenPipeError:
        pass
    code = proc.wait()
    message = ffmpeg_errors(proc)
    if code != 0:
        raise RuntimeError(f"ffmpeg failed ({code}): {message}")


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


def write_image(path: Path, rgb: np.ndarray, quality: int = 3) -> Path:
    """Write an (H, W, 3) uint8 frame as JPEG or PNG, chosen by the file's extension."""
    height, width = rgb.shape[:2]
    args = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-i", "-", "-frames:v", "1"]
    if path.suffix.lower() in (".jpg", ".jpeg"):
        args += ["-q:v", str(quality)]
    run_ffmpeg([*args, str(path)], input_bytes=rgb.tobytes())
    return path


def ffmpeg_log(args: list[str]) -> str:
    """Run ffmpeg at log level info and return what it printed (analysis filters report there)."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "info", "-nostdin", "-y", *args]
    result = subprocess.run(cmd, capture_output=True)
    text = result.stderr.decode(errors="replace")
    if result.returncode != 0:
        raise RuntimeError(f"ffmpeg failed ({result.returncode}): {' | '.join(text.strip().splitlines()[-5:])}")
    return text


def read_frames(path: Path, size: tuple[int, int] | None = None, times: list[float] | None = None) -> np.ndarray:
    """Decode a video or image into (N, H, W, 3) uint8 RGB, optionally scaled to `size` (width, height)
    and only at `times` (seconds; one frame each)."""
    import numpy as np

    if size is None:
        video = next(s for s in probe(path)["streams"] if s.get("codec_type") == "video")
        size = (int(video["width"]), int(video["height"]))
    width, height = size
    scale = ["-vf", f"scale={width}:{height}:flags=area"]
    chunks = []
    for at in times if times is not None else [None]:
        seek = ["-ss", f"{at:.3f}"] if at is not None else []
        frames = ["-frames:v", "1"] if at is not None else []
        cmd = [ffmpeg_exe(), "-v", "error", "-nostdin", *seek, "-i", str(path), *frames, *scale,
               "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True)
        if result.returncode != 0:
            raise RuntimeError(f"ffmpeg could not decode {path}: {result.stderr.decode(errors='replace')[-300:]}")
        chunks.append(np.frombuffer(result.stdout, dtype=np.uint8).reshape(-1, height, width, 3))
    return np.concatenate(chunks)
