"""The executor of every job, chosen by the engine profile (STUDIO_DAGSTER_PROFILE, studio/settings.py).

- `local` and `postgres`: the `local` executor of `definitions.py`: a process per step, two at a time,
  or every step in the run's own process, as each run's config asks (STUDIO_DAGSTER_EXECUTOR,
  studio/orchestration/runs.py `execution_config`).
- `celery`: dagster-celery; steps tagged `studio/gpu` go to the `gpu` queue, the others to `dagster`
  (workers on a machine with both start with `-q dagster,gpu`, GPU-only machines with `-q gpu`).
- `k8s`: every step is a Kubernetes Job; steps tagged `studio/gpu` get `nvidia.com/gpu` limits, the GPU
  node pool's node selector and the GPU taint's toleration (`dagster-k8s/config` per step).

The instance side of each profile (storage, run launcher) is in studio/orchestration/instance.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import dagster as dg

from studio.settings import Settings

GPU_TAG = "studio/gpu"
CELERY_QUEUES = ("dagster", "gpu")  # the default queue and the GPU steps' queue (assets/common.py GPU_TAGS)
# What a CPU step asks of a node: one core and enough memory to encode a 1080p film.
CPU_STEP_RESOURCES = {"requests": {"cpu": "1", "memory": "2Gi"}, "limits": {"memory": "6Gi"}}


def gpu_ops(assets: Iterable[dg.AssetsDefinition]) -> list[str]:
    """The op names of the assets tagged `studio/gpu`."""
    return sorted(a.op.name for a in assets if a.op.tags.get(GPU_TAG) == "true")


def gpu_k8s_config(settings: Settings) -> dict[str, Any]:
    """The `dagster-k8s/config` of a GPU step: GPUs, the GPU node pool, and the GPU nodes' taint."""
    key, _, value = settings.k8s_gpu_node_selector.partition("=")
    gpus = str(settings.k8s_gpus_per_step)
    return {
        "container_config": {
            "resources": {
                "requests": {"cpu": "2", "memory": "8Gi", "nvidia.com/gpu": gpus},
                "limits": {"memory": "16Gi", "nvidia.com/gpu": gpus},
            }
        },
        "pod_spec_config": {
            "node_selector": {key: value},
            "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
        },
    }


def celery_executor_config(settings: Settings) -> dict[str, Any]:
    """The dagster-celery executor's config; workers are started with the same (dagster_project/celery_workers.py)."""
    broker: Any = {"env": "STUDIO_CELERY_BROKER_URL"} if settings.celery_broker_url else settings.celery_broker
    backend: Any = {"env": "STUDIO_CELERY_BACKEND_URL"} if settings.celery_backend_url else settings.celery_backend
    return {
        "broker": broker,
        "backend": backend,
        # One task at a time per worker process: a render step is long and CPU-bound.
        "config_source": {
            "worker_prefetch_multiplier": 1,
            "task_acks_late": True,
            "broker_connection_retry_on_startup": True,
        },
    }


def k8s_executor_config(settings: Settings, assets: Iterable[dg.AssetsDefinition]) -> dict[str, Any]:
    return {
        "job_namespace": settings.k8s_namespace,
        "job_image": settings.k8s_image,
        "step_k8s_config": {"container_config": {"resources": CPU_STEP_RESOURCES}},
        "per_step_k8s_config": {op: gpu_k8s_config(settings) for op in gpu_ops(assets)},
    }


def executor_for_profile(
    local: dg.ExecutorDefinition, assets: Iterable[dg.AssetsDefinition], settings: Settings | None = None
) -> dg.ExecutorDefinition:
    """`local` (definitions.py) for local and postgres; dagster-celery or dagster-k8s otherwise."""
    settings = settings or Settings.from_env()
    if settings.dagster_profile == "celery":
        from dagster_celery import celery_executor

        return celery_executor.configured(celery_executor_config(settings), name="celery")
    if settings.dagster_profile == "k8s":
        from dagster_k8s import k8s_job_executor

        return k8s_job_executor.configured(k8s_executor_config(settings, assets), name="k8s")
    return local
