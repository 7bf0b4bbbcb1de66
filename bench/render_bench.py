"""Render a 1-minute sample film cold through the real CLI path and print where the time goes.

Usage: .venv/bin/python bench/render_bench.py [--script samples/lighthouse.fountain] [--duration 60]
Prints seconds per asset (from the Dagster run's step stats), total wall time and peak memory
(the largest resident set of this process and of every step process it waited for).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", type=Path, default=ROOT / "samples" / "lighthouse.fountain")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--resolution", default="720p")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=ROOT / ".tmp" if (ROOT / ".tmp").exists() else None) as home:
        from studio.formats import FilmFormat
        from studio.render import RenderRequest, render
        from studio.settings import Settings

        settings = Settings.from_env({"STUDIO_HOME": home})
        started = time.perf_counter()
        report = render(
            RenderRequest(args.script, Path(home) / "out", FilmFormat(resolution=args.resolution, duration=args.duration)),
            settings,
        )
        total = time.perf_counter() - started

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"film: {args.script.name}, {report['duration']:.1f} s at {args.resolution}")
    for step, seconds in sorted(report["seconds_per_asset"].items(), key=lambda kv: -kv[1]):
        print(f"  {step:32s} {seconds:7.2f} s")
    print(f"total wall time: {total:.1f} s ({total / report['duration']:.2f} s per second of film)")
    print(f"peak memory: this process {own:.0f} MiB, largest child {children:.0f} MiB")
    print("checks:", json.dumps({c['check']: c['passed'] for c in report['checks']}))


if __name__ == "__main__":
    sys.exit(main())
