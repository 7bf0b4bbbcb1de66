"""What every film asset shares: its partitions, IO manager and GPU tags."""

from __future__ import annotations

from typing import TypedDict

import dagster as dg

from dagster_project.partitions import films_partitions


class FilmAssetArgs(TypedDict):
    """The keyword arguments of `dg.asset` that every film asset passes (typed so `**FILM_ASSET` checks)."""

    partitions_def: dg.DynamicPartitionsDefinition
    io_manager_key: str


FILM_ASSET: FilmAssetArgs = {"partitions_def": films_partitions, "io_manager_key": "media_io"}
# Steps that a GPU backend would accelerate: limited by the local executor, sent to the `gpu` Celery
# queue, and given GPUs on Kubernetes (dagster_project/executors.py).
GPU_TAGS = {"studio/gpu": "true", "dagster-celery/queue": "gpu"}
