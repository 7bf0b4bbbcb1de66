"""What every film asset shares (its partitions, IO manager and GPU tags), and what every film check shares."""

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


class FilmCheckArgs(TypedDict):
    """The keyword arguments of `dg.asset_check` that every film check passes."""

    partitions_def: dg.DynamicPartitionsDefinition
    op_tags: dict[str, str]


# When an asset and a check are both ready, the asset starts first: the local executor has two step
# slots, and a check holding one while the next asset of the film's critical path waits (subtitles
# behind the lip-sync check) lengthens every render. Checks still run in the same run, as soon as a slot is free.
# dagster-celery reads its own tag (its default task priority is 5).
FILM_CHECK: FilmCheckArgs = {
    "partitions_def": films_partitions,
    "op_tags": {"dagster/priority": "-1", "dagster-celery/priority": "4"},
}
