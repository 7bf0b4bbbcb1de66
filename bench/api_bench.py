"""Public API overhead: the same film list through `/api/v1/films` (key check, rate limit, JSON)
and straight from `StudioService.films`, side by side in one run; and the rate limiter's cost per
request, in process and on Redis (127.0.0.1:6379 when it answers).

    .venv/bin/python bench/api_bench.py [--requests 300]

Prints medians in milliseconds and the API/service ratio. Figures on a shared machine are inflated.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "studio"))


def _median_ms(fn, n: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    n = parser.parse_args().requests
    from orgs_support import make_world

    from studio.web.rate_limit import TokenBuckets

    home = Path(tempfile.mkdtemp(prefix="api-bench-"))
    try:
        world = make_world(home / "home", f"sqlite:///{home / 'studio.db'}", api_burst=10**6, api_rate_per_minute=10**6)
        world.service.films(world.keys["a"])  # warm: the Dagster instance opens on first use
        world.api("GET", "/api/v1/films", "a")
        direct_times, api_times = [], []
        for _ in range(n):  # interleaved, so both see the same machine load
            direct_times.append(_median_ms(lambda: world.service.films(world.keys["a"]), 1))
            api_times.append(_median_ms(lambda: world.api("GET", "/api/v1/films", "a").raise_for_status(), 1))
        direct, api = statistics.median(direct_times), statistics.median(api_times)
        print(f"films list: service {direct:.2f} ms, /api/v1 {api:.2f} ms, ratio {api / direct:.2f}")
        local = TokenBuckets(10**6, 10**6)
        print(f"rate limiter in process: {_median_ms(lambda: local.take('k'), n * 10) * 1000:.1f} µs per request")
        try:
            shared = TokenBuckets(10**6, 10**6, "redis://127.0.0.1:6379/0", f"bench:{uuid.uuid4().hex}:")
            print(f"rate limiter on Redis: {_median_ms(lambda: shared.take('k'), n * 10) * 1000:.1f} µs per request")
        except Exception as error:  # noqa: BLE001 - no Redis here: say so
            print(f"rate limiter on Redis: not measured ({error})")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
