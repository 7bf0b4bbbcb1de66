"""The baseline the render benchmarks divide by: a bare ffmpeg encode of N seconds of video at the
film's size and frame rate, with the film's encoder settings (libx264 veryfast, CRF 23), timed in the
same run as the render so a busy shared machine slows both alike.

Usage: .venv/bin/python bench/bare_encode.py [--seconds 60] [--size 1280x720] [--fps 24]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from integrations.ffmpeg import run_ffmpeg  # noqa: E402


def bare_encode_seconds(seconds: float = 60.0, size: tuple[int, int] = (1280, 720), fps: int = 24) -> float:
    """Wall seconds ffmpeg takes to encode `seconds` of a moving test pattern (testsrc2) to H.264."""
    width, height = size
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        run_ffmpeg(["-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate={fps}", "-t", f"{seconds:.3f}",
                    "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                    str(Path(folder) / "bare.mp4")])  # fmt: skip
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--fps", type=int, default=24)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    print(
        f"bare encode of {args.seconds:.0f} s at {width}x{height}: {bare_encode_seconds(args.seconds, (width, height), args.fps):.1f} s"
    )


if __name__ == "__main__":
    main()
