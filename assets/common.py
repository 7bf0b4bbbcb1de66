"""What every film asset shares: its partitions, IO manager and GPU tags."""

from __future__ import annotations

from dagster_project.partitions import films_partitions

FILM_ASSET = {"partitions_def": films_partitions, "io_manager_key": "media_io"}
# Steps that a GPU backend would accelerate: limited by the local executor, sent to the `gpu` Celery
# queue, and given GPUs on Kubernetes (dagster_project/executors.py).
GPU_TAGS = {"studio/gpu": "true", "dagster-celery/queue": "gpu"}
