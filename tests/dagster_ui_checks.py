"""What the Dagster UI shows for a film's asset checks, read through the webserver's own GraphQL schema.

The UI draws each partitioned check from `partitionStatuses`: succeeded and skipped are green and
grey; failed and execution-failed are red.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_graphql.test.utils import define_out_of_process_context, execute_dagster_graphql

WORKSPACE = Path(__file__).resolve().parents[1] / "workspace.yaml"
STATUSES = {
    "succeededPartitions": "succeeded",
    "skippedPartitions": "skipped",
    "inProgressPartitions": "in progress",
    "failedPartitions": "failed",
    "executionFailedPartitions": "execution failed",
}
RED = {"failed", "execution failed"}
QUERY = """
query FilmChecks {
  assetNodes {
    assetKey { path }
    assetChecksOrError {
      ... on AssetChecks {
        checks {
          name
          partitionStatuses {
            ... on AssetCheckDefaultPartitionStatuses {
              FIELDS
            }
          }
        }
      }
    }
  }
}
""".replace("FIELDS", " ".join(STATUSES))


def film_check_statuses(instance: dg.DagsterInstance, film_id: str) -> dict[str, str]:
    """`asset:check` -> the status the Dagster UI shows for the film's partition (checks never run are absent)."""
    # The webserver resolves dynamic partitions against its instance; so must a query run outside it.
    with (
        dg.partition_loading_context(dynamic_partitions_store=instance),
        define_out_of_process_context(str(WORKSPACE), None, instance) as context,
    ):
        result = execute_dagster_graphql(context, QUERY)
    assert not result.errors, result.errors
    statuses: dict[str, str] = {}
    for node in result.data["assetNodes"]:
        for check in (node["assetChecksOrError"] or {}).get("checks", []):
            partitions = check["partitionStatuses"] or {}
            for field, status in STATUSES.items():
                if film_id in partitions.get(field, []):
                    statuses[f"{'/'.join(node['assetKey']['path'])}:{check['name']}"] = status
    return statuses
