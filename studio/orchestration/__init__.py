"""The only studio package that talks to Dagster: the instance, submitting and following runs, checks."""
