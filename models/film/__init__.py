"""Film-level steps that the Dagster assets call: each takes plain inputs and an output folder
and returns a JSON-able manifest whose file entries are relative to that folder."""
