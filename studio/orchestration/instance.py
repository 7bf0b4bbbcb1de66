"""The Dagster instance's `dagster.yaml`, one function per engine profile (STUDIO_DAGSTER_PROFILE).

- `local`: SQLite in DAGSTER_HOME, steps in local processes (the default: a new user needs no server).
- `postgres`: run, event-log and schedule storage on PostgreSQL (dagster-postgres).
- `celery`: steps sent to dagster-celery workers over Redis or RabbitMQ (queues `dagster` and `gpu`);
  storage on PostgreSQL when STUDIO_DAGSTER_POSTGRES_URL is set (workers on other machines need it),
  else SQLite (workers on this machine).
- `k8s`: runs launched as Kubernetes Jobs (K8sRunLauncher), steps as Jobs too (k8s_job_executor,
  dagster_project/executors.py); storage on PostgreSQL, which every pod must reach.

Every profile keeps the queued run coordinator (renders wait in Dagster's queue, by tier priority),
run monitoring (a run whose worker died is failed) and run retries (a system failure is retried).
The executor that matches each profile is chosen in `dagster_project/executors.py`.
"""

from __future__ import annotations

import getpass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml

from studio.domain.errors import UserError
from studio.settings import DAGSTER_PROFILES, Settings

HEADER = "# Written by Film Studio from STUDIO_DAGSTER_PROFILE={profile}; rewritten when the settings change.\n"
# The password never lands in dagster.yaml: Dagster reads it from this variable (Settings.export sets it).
POSTGRES_PASSWORD_VARIABLE = "STUDIO_DAGSTER_POSTGRES_PASSWORD"


class EngineUnavailable(UserError):
    """A configured engine (database, broker) cannot be used; the message names the setting."""


# Runs at once: one on a 2-core machine; on Celery or Kubernetes the steps run elsewhere and a run's own
# process only orchestrates, so several films render side by side (STUDIO_DAGSTER_MAX_CONCURRENT_RUNS).
DEFAULT_CONCURRENT_RUNS = {"local": 1, "postgres": 1, "celery": 4, "k8s": 10}


def _base(settings: Settings) -> dict[str, Any]:
    """What every profile shares: the queue, monitoring and retries."""
    return {
        "telemetry": {"enabled": False},
        # Step workers announce themselves at DEBUG before a run's logger config applies; keep INFO.
        "python_logs": {"python_log_level": "INFO"},
        # Renders submitted by the studio wait in Dagster's queue; `dagster-daemon` launches them in
        # `dagster/priority` order (the tier's priority), one at a time on a 2-core machine.
        "run_coordinator": {
            "module": "dagster._core.run_coordinator",
            "class": "QueuedRunCoordinator",
            "config": {
                "max_concurrent_runs": settings.dagster_max_concurrent_runs
                or DEFAULT_CONCURRENT_RUNS[settings.dagster_profile],
                "dequeue_interval_seconds": 1,  # the least it takes (an int): a render waits ~0.5 s, not ~1 s
            },
        },
        # The daemon fails a run whose worker died (kill -9, lost node) so that it can be retried.
        # The same values as the `survive` work on issue 12 (studio/orchestration/execute.py RUN_SURVIVAL_YAML): runs are
        # retried as new runs from the failure, not resumed in place (the default launcher cannot resume).
        "run_monitoring": {
            "enabled": True,
            "poll_interval_seconds": 5,
            "start_timeout_seconds": 180,
            "cancel_timeout_seconds": 60,
            "max_resume_run_attempts": 0,
        },
        # A run that failed for a system reason is retried from the failure, reusing finished steps.
        "run_retries": {"enabled": True, "max_retries": 2},
    }


def postgres_db(url: str) -> dict[str, Any]:
    """The `postgres_db` block for a PostgreSQL URL; its query parameters (e.g. a search_path) are kept.

    The scheme is pinned to psycopg2: with SQLAlchemy 2.1 a plain `postgresql://` selects psycopg 3.
    """
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres") or not parts.hostname:
        raise EngineUnavailable(
            f"STUDIO_DAGSTER_POSTGRES_URL must be a postgresql://[user[:password]@]host[:port]/database URL, not {url!r}."
        )
    block: dict[str, Any] = {
        "username": unquote(parts.username) if parts.username else getpass.getuser(),
        "hostname": parts.hostname,
        "port": parts.port or 5432,
        "db_name": parts.path.lstrip("/") or "postgres",
        "scheme": "postgresql+psycopg2",
    }
    if parts.password:
        block["password"] = {"env": POSTGRES_PASSWORD_VARIABLE}
    params = dict(parse_qsl(parts.query))
    if params:
        block["params"] = params
    return block


def _postgres_storage(settings: Settings) -> dict[str, Any]:
    if not settings.dagster_postgres_url:
        raise EngineUnavailable(
            f"STUDIO_DAGSTER_PROFILE={settings.dagster_profile} needs STUDIO_DAGSTER_POSTGRES_URL "
            "(the PostgreSQL database that holds Dagster's runs and events)."
        )
    return {"storage": {"postgres": {"postgres_db": postgres_db(settings.dagster_postgres_url)}}}


def local_config(settings: Settings) -> dict[str, Any]:
    """SQLite storage in DAGSTER_HOME; Dagster's default run launcher."""
    return _base(settings)


def postgres_config(settings: Settings) -> dict[str, Any]:
    return {**_base(settings), **_postgres_storage(settings)}


def celery_config(settings: Settings) -> dict[str, Any]:
    """The executor (dagster-celery) is part of the job; the instance only needs shared storage."""
    return {**_base(settings), **(_postgres_storage(settings) if settings.dagster_postgres_url else {})}


def k8s_config(settings: Settings) -> dict[str, Any]:
    """Runs and steps as Kubernetes Jobs in `STUDIO_K8S_NAMESPACE`, from the code location image."""
    launcher: dict[str, Any] = {
        "job_namespace": settings.k8s_namespace,
        "job_image": settings.k8s_image,
        "image_pull_policy": "IfNotPresent",
        "service_account_name": settings.k8s_service_account,
        # The Helm chart's ConfigMap that holds this dagster.yaml, mounted in every run pod.
        "instance_config_map": settings.k8s_instance_config_map,
        "env_config_maps": [settings.k8s_env_config_map],
        "env_secrets": [settings.k8s_env_secret],
    }
    if settings.k8s_kubeconfig:  # outside the cluster; inside it the pod's service account is used
        launcher |= {"load_incluster_config": False, "kubeconfig_file": settings.k8s_kubeconfig}
    else:
        launcher["load_incluster_config"] = True
    return {
        **_base(settings),
        **_postgres_storage(settings),
        "run_launcher": {"module": "dagster_k8s", "class": "K8sRunLauncher", "config": launcher},
    }


PROFILE_CONFIGS = {"local": local_config, "postgres": postgres_config, "celery": celery_config, "k8s": k8s_config}
assert set(PROFILE_CONFIGS) == set(DAGSTER_PROFILES)


def instance_config(settings: Settings) -> dict[str, Any]:
    return PROFILE_CONFIGS[settings.dagster_profile](settings)


def instance_yaml(settings: Settings) -> str:
    """The dagster.yaml text for the settings' profile."""
    body = yaml.safe_dump(instance_config(settings), sort_keys=False, default_flow_style=False)
    return HEADER.format(profile=settings.dagster_profile) + body


# ----- start-up checks: a clear message naming the setting, before anything is written -------------


def check_postgres(url: str, setting: str = "STUDIO_DAGSTER_POSTGRES_URL", timeout: int = 5) -> None:
    """Connect once with the same parameters Dagster will use."""
    import psycopg2

    block = postgres_db(url)
    parts = urlsplit(url)
    try:
        connection = psycopg2.connect(
            host=block["hostname"], port=block["port"], dbname=block["db_name"], user=block["username"],
            password=unquote(parts.password) if parts.password else None, connect_timeout=timeout,
            **({"options": block["params"]["options"]} if "options" in block.get("params", {}) else {}),
        )  # fmt: skip
    except psycopg2.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise EngineUnavailable(f"{setting}: PostgreSQL at {block['hostname']}:{block['port']} does not answer "
                                f"({reason}).") from None  # fmt: skip
    connection.close()


def check_broker(url: str, setting: str = "STUDIO_CELERY_BROKER_URL", timeout: float = 5.0) -> None:
    """Open one connection to the Celery broker (Redis or RabbitMQ) through kombu, as the workers do."""
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=timeout, transport_options={"socket_timeout": timeout}) as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
    except Exception as error:  # kombu raises the transport's own errors (OSError, redis, amqp)
        where = urlsplit(url)
        raise EngineUnavailable(
            f"{setting}: the Celery broker at {where.hostname}:{where.port} does not answer ({error})."
        ) from None


def check_engines(settings: Settings) -> None:
    """Everything the profile needs answers; raises EngineUnavailable naming the setting otherwise."""
    instance_config(settings)  # a missing or malformed URL
    if settings.dagster_postgres_url and settings.dagster_profile != "local":
        check_postgres(settings.dagster_postgres_url)
    if settings.dagster_profile == "celery":
        check_broker(settings.celery_broker)
