"""Celery step workers for the `celery` profile: their config file and command line.

A worker is `dagster-celery worker start` with the executor's own broker and backend, listening on
the `dagster` and `gpu` queues given as one comma-separated `-q` (a repeated `-q` keeps only the last
queue and runs hang). It stops cleanly only as a process group: its `celery` child outlives it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from dagster_project.executors import CELERY_QUEUES, celery_executor_config
from studio.settings import Settings


def worker_config_file(settings: Settings) -> Path:
    """`DAGSTER_HOME/celery.yaml`: the executor config block the workers read (-y)."""
    config = {k: v for k, v in celery_executor_config(settings).items()}
    path = settings.dagster_home / "celery.yaml"
    text = yaml.safe_dump({"execution": {"config": config}}, sort_keys=False)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return path


def worker_argv(
    settings: Settings, name: str, concurrency: int = 1, queues: tuple[str, ...] = CELERY_QUEUES
) -> list[str]:
    """The command of one worker process running `concurrency` steps at a time."""
    bin_dir = Path(sys.executable).parent
    return [str(bin_dir / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app",
            "-y", str(worker_config_file(settings)), "-q", ",".join(queues), "-n", name,
            "--loglevel", "WARNING", "--", "--concurrency", str(concurrency), "--pool", "prefork"]  # fmt: skip


def worker_env(settings: Settings, base: dict[str, str]) -> dict[str, str]:
    """The workers' environment: the studio's settings, and this virtual environment's `celery` on PATH."""
    env = dict(base)
    settings.export(env)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + ":" + env.get("PATH", "")
    return env
