"""The audit log's cost per mutating call: a profile change with and without its audit entry, side by side.

Prints milliseconds per call for both on SQLite (and PostgreSQL with --postgres URL) and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.compose import open_studio
from studio.settings import Settings  # noqa: E402


def _per_call(call, rounds: int) -> float:  # noqa: ANN001
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL to measure there too (in a private schema)")
    args = parser.parse_args()
    urls = {"sqlite": None}
    if args.postgres:
        urls["postgresql"] = args.postgres
    for name, url in urls.items():
        home = Path(tempfile.mkdtemp(prefix="audit-bench-"))
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        if url:
            admin = create_engine(url)
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = f"{url}?options=-csearch_path%3D{schema}"
        try:
            service = open_studio(Settings(home, url or f"sqlite:///{home / 'bench.db'}", home / "dagster"))
            token = service.sign_up(f"bench-{time.time_ns()}@example.com", "password one", "Bench")
            bare = type(service).update_profile.__wrapped__  # the same method without its audit entry
            plain = _per_call(lambda i: bare(service, token, f"Name {i}"), args.rounds)
            audited = _per_call(lambda i: service.update_profile(token, f"Name {i}"), args.rounds)
            print(
                f"{name}: update_profile {plain:.2f} ms bare, {audited:.2f} ms audited "
                f"(x{audited / plain:.2f}, median of {args.rounds})"
            )
        finally:
            if url:
                service.store.engine.dispose()
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
