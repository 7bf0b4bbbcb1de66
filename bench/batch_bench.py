"""Batch throughput: N short films through the render queue, on the local executor (every step in the
run's process, or a process per step: STUDIO_DAGSTER_EXECUTOR) and on 1 and 2 Celery workers
(STUDIO_DAGSTER_PROFILE=celery, Redis on 127.0.0.1). Prints films per minute, the speed-up of 2
workers over 1 (same run, same machine) and the peak memory of each worker's process tree. The
design's target: 2 workers >= 1.8x one worker (on machines with a core per worker).

    .venv/bin/python bench/batch_bench.py [--films 6] [--modes in_process,multiprocess,celery1,celery2]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dagster_project.celery_workers import worker_argv, worker_env  # noqa: E402
from studio.compose import open_studio  # noqa: E402
from studio.settings import Settings  # noqa: E402

SCRIPT = "Title: Film {n}\n\nALEX: Good morning, number {n}.\nSAM: Hello again.\n"
DONE = ("ready", "failed", "cancelled")


def _group_rss(process: subprocess.Popen) -> int:
    try:
        root = psutil.Process(process.pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    except psutil.Error:
        return 0


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def run_batch(mode: str, films: int, broker: str, timeout: float) -> dict:
    home = ROOT / ".tmp" / "bench" / "batch" / f"{mode}-{uuid.uuid4().hex[:6]}"
    base = Settings(home, f"sqlite:///{home / 'studio.db'}", home / "dagster")
    workers = {"in_process": 0, "multiprocess": 0, "celery1": 1, "celery2": 2}[mode]
    settings = replace(base, dagster_profile="celery", celery_broker_url=broker) if workers else base
    if not workers:
        settings = replace(settings, dagster_executor=mode)
    settings.export()  # this script is the entry point: creating the runs resolves the pipeline's EnvVar resources
    service = open_studio(settings)
    service.runs.instance  # noqa: B018 - writes dagster.yaml and creates the storage before any worker opens it
    admin = service.sign_up("bench@example.com", "bench password", "Bench")  # the first account: unlimited
    film_ids = [service.create_film(admin, SCRIPT.format(n=n), {"resolution": "480p"}) for n in range(films)]
    for film_id in film_ids:
        service.render(admin, film_id, f"bench-{film_id}")
    env = worker_env(settings, {**os.environ, "PYTHONPATH": str(ROOT)})
    started: list[subprocess.Popen] = []
    logs = (home / "processes.log").open("w")
    try:
        for i in range(workers):
            started.append(
                subprocess.Popen(
                    worker_argv(settings, f"bench{i}-{uuid.uuid4().hex[:4]}"),
                    cwd=ROOT,
                    env=env,
                    start_new_session=True,
                    stdout=logs,
                    stderr=subprocess.STDOUT,
                )
            )
        start = time.monotonic()
        daemon = subprocess.Popen(
            [str(Path(sys.executable).with_name("dagster-daemon")), "run", "-w", str(ROOT / "workspace.yaml")],
            cwd=ROOT, env=env, start_new_session=True, stdout=logs, stderr=subprocess.STDOUT)  # fmt: skip
        started.append(daemon)
        peaks = [0] * len(started)
        while time.monotonic() - start < timeout:
            peaks = [max(peak, _group_rss(p)) for peak, p in zip(peaks, started)]
            states = [service.progress(admin, f).status for f in film_ids]
            if all(s in DONE for s in states):
                break
            time.sleep(1.0)
        seconds = time.monotonic() - start
    finally:
        _stop(started)
    ready = sum(service.progress(admin, f).status == "ready" for f in film_ids)
    worker_peaks = peaks[:workers] if workers else peaks[-1:]  # multiprocess: the daemon's tree runs the steps
    return {
        "mode": mode,
        "films": films,
        "ready": ready,
        "seconds": seconds,
        "films_per_minute": ready / seconds * 60,
        "peak_mib_per_worker": [round(p / 2**20) for p in worker_peaks],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--films", type=int, default=6)
    parser.add_argument("--modes", default="in_process,multiprocess,celery1,celery2")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()
    print(f"{'mode':14}{'ready':>7}{'seconds':>10}{'films/min':>11}  peak MiB per worker", flush=True)
    results = []
    for mode in args.modes.split(","):
        r = run_batch(mode, args.films, args.broker, args.timeout)
        results.append(r)
        print(
            f"{r['mode']:14}{r['ready']:>4}/{r['films']:<2}{r['seconds']:>10.1f}{r['films_per_minute']:>11.2f}  "
            f"{r['peak_mib_per_worker']}",
            flush=True,
        )
    by_mode = {r["mode"]: r for r in results}
    if "celery1" in by_mode and "celery2" in by_mode and by_mode["celery1"]["films_per_minute"]:
        print(
            f"speed-up, 2 Celery workers over 1: {by_mode['celery2']['films_per_minute'] / by_mode['celery1']['films_per_minute']:.2f}x"
            f" (target >= 1.8x; this machine has {os.cpu_count()} cores)"
        )
    if "multiprocess" in by_mode and "celery2" in by_mode and by_mode["multiprocess"]["films_per_minute"]:
        print(
            f"2 Celery workers over the local multiprocess executor: "
            f"{by_mode['celery2']['films_per_minute'] / by_mode['multiprocess']['films_per_minute']:.2f}x"
        )


if __name__ == "__main__":
    main()
