"""Films are a dynamic partition set: each film's partition key is its id."""

import dagster as dg

films_partitions = dg.DynamicPartitionsDefinition(name="films")
