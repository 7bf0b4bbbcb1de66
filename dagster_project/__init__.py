"""The Dagster code location: every film artifact is an asset partitioned by film."""
