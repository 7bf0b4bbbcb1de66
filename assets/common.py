"""What every film asset shares: its partitions, IO manager and the breakdown loader."""

from __future__ import annotations

from typing import Any

from dagster_project.partitions import films_partitions
from models.breakdown import Breakdown

FILM_ASSET = {"partitions_def": films_partitions, "io_manager_key": "media_io"}
GPU_TAGS = {"studio/gpu": "true"}  # steps that a GPU backend would accelerate; limited by the executor


def breakdown_of(manifest: dict[str, Any]) -> Breakdown:
    return Breakdown.from_dict(manifest["breakdown"])
