"""Render a 1-minute sample film cold through the real CLI path and print where the time goes.

Usage: .venv/bin/python bench/render_bench.py [--script samples/lighthouse.fountain] [--duration 60]
Prints seconds per asset (from the Dagster run's step stats), total wall time and peak memory:
the largest resident set of one process, and of this process and all its descendants together
(Dagster step processes, ffmpeg, fluidsynth), sampled every 100 ms.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class MemorySampler(threading.Thread):
    """Track peak RSS of this process tree while the render runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.peak_single = 0
        self.peak_total = 0

    def run(self) -> None:
        me = psutil.Process()
        while not self.stop.wait(0.1):
            sizes = []
            for process in [me, *me.children(recursive=True)]:
                try:
                    sizes.append(process.memory_info().rss)
                except psutil.Error:
                    continue
            self.peak_single = max(self.peak_single, max(sizes, default=0))
            self.peak_total = max(self.peak_total, sum(sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", type=Path, default=ROOT / "samples" / "lighthouse.fountain")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--resolution", default="720p")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=ROOT / ".tmp" if (ROOT / ".tmp").exists() else None) as home:
        from bench.queue_timing import phases_line, run_phases, served_queue
        from studio.cli.render import RenderRequest, render
        from studio.domain.formats import FilmFormat
        from studio.settings import Settings

        settings = Settings.from_env({"STUDIO_HOME": home})
        settings.export()  # this script is the entry point: the queue's daemon and the run's steps read it
        sampler = MemorySampler()
        sampler.start()
        # A daemon serves the queue before the clock starts, as `studio up`'s does.
        with served_queue(settings) as daemon_s:
            started = time.perf_counter()
            report = render(
                RenderRequest(
                    args.script, Path(home) / "out", FilmFormat(resolution=args.resolution, duration=args.duration)
                ),
                settings,
            )
            total = time.perf_counter() - started
            phases = run_phases(settings, report["run_id"])
        sampler.stop.set()
    print(f"daemon start (not counted): {daemon_s:.1f} s")
    print(phases_line("render", total, phases))

    print(f"film: {args.script.name}, {report['duration']:.1f} s at {args.resolution}")
    for step, seconds in sorted(report["seconds_per_asset"].items(), key=lambda kv: -kv[1]):
        print(f"  {step:32s} {seconds:7.2f} s")
    print(f"total wall time: {total:.1f} s ({total / report['duration']:.2f} s per second of film)")
    from bench.bare_encode import bare_encode_seconds

    fmt = FilmFormat(resolution=args.resolution, duration=args.duration)
    bare = bare_encode_seconds(60.0, fmt.size, fmt.fps)
    print(
        f"bare ffmpeg encode of 60 s at {fmt.size[0]}x{fmt.size[1]}: {bare:.1f} s (same run); render / bare: "
        f"{total / bare:.1f}x, {total / bare * 60 / report['duration']:.1f}x per minute of film (target <= 4x)"
    )
    mib = 1024 * 1024
    print(f"peak memory: {sampler.peak_total / mib:.0f} MiB all processes, {sampler.peak_single / mib:.0f} MiB largest")
    print("checks:", json.dumps({c["check"]: c["passed"] for c in report["checks"]}))


if __name__ == "__main__":
    sys.exit(main())
