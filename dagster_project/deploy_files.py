"""`deploy/dagster.<profile>.yaml`: the instance files of a deployment, generated from the same code as
the studio's own (studio/orchestration/instance.py). Regenerate with `python -m dagster_project.deploy_files`;
a test keeps the committed files equal to what this writes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from studio.orchestration.instance import instance_yaml
from studio.settings import DAGSTER_PROFILES, Settings

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
# A cluster's names: the Helm chart's PostgreSQL and a Redis service in the same namespace. The password
# is read from STUDIO_DAGSTER_POSTGRES_PASSWORD (a Kubernetes secret), never written here.
CLUSTER = Settings(
    home=Path("/opt/film-studio/home"),
    database_url="postgresql://studio@postgresql:5432/studio",
    dagster_home=Path("/opt/dagster/dagster_home"),
    dagster_postgres_url="postgresql://dagster:from-secret@postgresql:5432/dagster",
    celery_broker_url="redis://redis:6379/0",
)


def deploy_files() -> dict[str, str]:
    """File name under deploy/ -> its text."""
    files = {}
    for profile in DAGSTER_PROFILES:
        settings = replace(
            CLUSTER,
            dagster_profile=profile,
            dagster_postgres_url=None if profile == "local" else CLUSTER.dagster_postgres_url,
        )
        files[f"dagster.{profile}.yaml"] = instance_yaml(settings)
    import yaml

    from dagster_project.executors import celery_executor_config

    worker = {"execution": {"config": celery_executor_config(replace(CLUSTER, dagster_profile="celery"))}}
    files["celery-worker.yaml"] = (
        "# dagster-celery worker start -A dagster_celery.app -y celery-worker.yaml -q dagster,gpu\n"
        + yaml.safe_dump(worker, sort_keys=False)
    )
    return files


def write(folder: Path = DEPLOY) -> list[Path]:
    written = []
    for name, text in deploy_files().items():
        (folder / name).write_text(text)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write():
        print(path)
