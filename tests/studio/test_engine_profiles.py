"""Engine profiles: what each writes into dagster.yaml, the committed deploy files, and bad settings that
stop `studio render`, `studio up` and `studio dagster` with one line naming the setting, writing nothing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from dagster_project.deploy_files import DEPLOY, deploy_files
from studio.orchestration.instance import EngineUnavailable, instance_config
from studio.settings import DAGSTER_PROFILES, Settings

ROOT = Path(__file__).resolve().parents[2]
STUDIO = Path(sys.executable).with_name("studio")
SCRIPT = "ALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"
ENGINE_VARIABLES = ("STUDIO_DAGSTER_PROFILE", "STUDIO_DAGSTER_EXECUTOR", "STUDIO_DAGSTER_POSTGRES_URL", "STUDIO_CELERY_BROKER_URL",
                    "STUDIO_CELERY_BACKEND_URL", "STUDIO_DATABASE_URL", "DAGSTER_HOME")  # fmt: skip


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _settings(profile: str, **fields: object) -> Settings:
    return replace(Settings(Path("/srv/h"), "sqlite:////srv/h/s.db", Path("/srv/h/d")), dagster_profile=profile,
                   **fields)  # fmt: skip


@pytest.mark.parametrize("profile", DAGSTER_PROFILES)
def test_every_profile_queues_monitors_and_retries(profile: str) -> None:
    config = instance_config(_settings(profile, dagster_postgres_url="postgresql://u:pw@db:5433/dag"))
    assert config["run_coordinator"]["class"] == "QueuedRunCoordinator"
    assert config["run_monitoring"]["enabled"] is True
    assert config["run_retries"] == {"enabled": True, "max_retries": 2}
    if profile != "local":
        db = config["storage"]["postgres"]["postgres_db"]
        assert (db["scheme"], db["hostname"], db["port"], db["db_name"], db["username"]) == (
            "postgresql+psycopg2",
            "db",
            5433,
            "dag",
            "u",
        )
        assert db["password"] == {"env": "STUDIO_DAGSTER_POSTGRES_PASSWORD"}  # never the password itself
    else:
        assert "storage" not in config  # SQLite under DAGSTER_HOME
    if profile == "k8s":
        launcher = config["run_launcher"]
        assert launcher["class"] == "K8sRunLauncher" and launcher["config"]["instance_config_map"]


def test_a_render_steps_go_to_their_queues_and_gpu_steps_ask_for_gpus() -> None:
    from dagster_project.definitions import FILM_ASSETS
    from dagster_project.executors import gpu_ops, k8s_executor_config

    queues = {a.op.name: a.op.tags.get("dagster-celery/queue", "dagster") for a in FILM_ASSETS}
    assert {op for op, queue in queues.items() if queue == "gpu"} == {"scene_images"}  # lip-sync is numpy: CPU
    config = k8s_executor_config(_settings("k8s", k8s_gpu_node_selector="pool=a100", k8s_gpus_per_step=2), FILM_ASSETS)
    assert sorted(config["per_step_k8s_config"]) == gpu_ops(FILM_ASSETS) == ["scene_images"]
    gpu = config["per_step_k8s_config"]["scene_images"]
    assert gpu["container_config"]["resources"]["limits"]["nvidia.com/gpu"] == "2"
    assert gpu["pod_spec_config"]["node_selector"] == {"pool": "a100"}


def test_the_committed_deploy_files_are_what_the_code_generates(tmp_path: Path) -> None:
    from dagster._core.instance.config import dagster_instance_config

    for name, text in deploy_files().items():
        assert (DEPLOY / name).read_text() == text, (
            f"deploy/{name} is stale: run python -m dagster_project.deploy_files"
        )
        assert yaml.safe_load(text)
        if name.startswith("dagster."):  # Dagster's own instance schema accepts it (raises otherwise)
            (tmp_path / "dagster.yaml").write_text(text)
            config, _ = dagster_instance_config(str(tmp_path))
            assert config["run_retries"]["max_retries"] == 2


def test_the_local_profile_is_the_default() -> None:
    assert Settings.from_env({"STUDIO_HOME": "/tmp/x"}).dagster_profile == "local"


def test_a_film_rendered_before_re_renders_in_one_process_and_the_setting_overrides() -> None:
    """On the profiles that run on this machine, a film's first render takes a process per step and a
    later one (mostly cached scenes) one process; STUDIO_DAGSTER_EXECUTOR forces either; the cluster
    profiles keep their own executors, so their runs carry no execution config."""
    import uuid

    import dagster as dg

    from dagster_project.definitions import FILM_ASSETS, defs
    from dagster_project.executors import executor_for_profile
    from studio.domain.runs import RENDER_JOB, TAG_PARTITION
    from studio.orchestration.runs import execution_config

    def one_process(config: dict) -> bool:
        return config["execution"]["config"]["one_process"]

    auto = Settings.from_env({"STUDIO_HOME": "/tmp/x"})
    assert auto.dagster_executor == "auto"
    with dg.instance_for_test() as instance:
        assert not one_process(execution_config(instance, "film1", auto))
        for status in (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.SUCCESS):
            instance.add_run(dg.DagsterRun(job_name=RENDER_JOB, run_id=str(uuid.uuid4()), status=status,
                                           tags={TAG_PARTITION: "film1"}))  # fmt: skip
        assert one_process(execution_config(instance, "film1", auto))
        assert not one_process(execution_config(instance, "film2", auto))  # another film's render is not this one's
        assert not one_process(execution_config(instance, "film1", replace(auto, dagster_executor="multiprocess")))
        assert one_process(execution_config(instance, "film2", replace(auto, dagster_executor="in_process")))
        assert execution_config(instance, "film1", _settings("celery")) == {}
    local = defs.resolve_job_def("render_film").executor_def
    assert executor_for_profile(local, FILM_ASSETS, _settings("postgres")) is local
    assert executor_for_profile(local, FILM_ASSETS, _settings("k8s")).name == "k8s"


def _studio(args: list[str], home: Path, **engines: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ENGINE_VARIABLES}
    env.update({"STUDIO_HOME": str(home), **engines})
    return subprocess.run([str(STUDIO), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


BAD_ENGINES = {
    "unknown profile": ({"STUDIO_DAGSTER_PROFILE": "spark"}, "STUDIO_DAGSTER_PROFILE"),
    "unknown executor": ({"STUDIO_DAGSTER_EXECUTOR": "threads"}, "STUDIO_DAGSTER_EXECUTOR"),
    "postgres without a URL": ({"STUDIO_DAGSTER_PROFILE": "postgres"}, "STUDIO_DAGSTER_POSTGRES_URL"),
    "postgres that does not answer": ({"STUDIO_DAGSTER_PROFILE": "postgres",
                                       "STUDIO_DAGSTER_POSTGRES_URL": "postgresql://127.0.0.1:{port}/dagster"},
                                      "STUDIO_DAGSTER_POSTGRES_URL"),
    "broker that is down": ({"STUDIO_DAGSTER_PROFILE": "celery", "STUDIO_CELERY_BROKER_URL": "redis://127.0.0.1:{port}/0"},
                            "STUDIO_CELERY_BROKER_URL"),
    "rabbitmq that is down": ({"STUDIO_DAGSTER_PROFILE": "celery",
                               "STUDIO_CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:{port}//"},
                              "STUDIO_CELERY_BROKER_URL"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_ENGINES))
def test_bad_engine_settings_stop_render_with_the_setting_named(case: str, tmp_path: Path) -> None:
    engines, setting = BAD_ENGINES[case]
    port = closed_port()
    engines = {k: v.format(port=port) for k, v in engines.items()}
    script = tmp_path / "script.txt"
    script.write_text(SCRIPT)
    home = tmp_path / "home"
    result = _studio(["render", str(script), "--out", str(tmp_path / "out")], home, **engines)
    assert result.returncode == 2, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and setting in last, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not (home / "studio.db").exists() and not (home / "dagster" / "dagster.yaml").exists()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [["up", "--ui-port", "0"], ["dagster", "--port", "0"]])
def test_bad_engine_settings_stop_up_and_dagster(command: list[str], tmp_path: Path) -> None:
    for engines, setting in (BAD_ENGINES["unknown profile"], BAD_ENGINES["broker that is down"]):
        engines = {k: v.format(port=closed_port()) for k, v in engines.items()}
        result = _studio(command, tmp_path / "home", **engines)
        assert result.returncode == 2 and setting in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert not (tmp_path / "home" / "dagster" / "dagster.yaml").exists()


def test_open_instance_checks_before_writing(tmp_path: Path) -> None:
    from studio.orchestration.execute import open_instance

    settings = replace(
        Settings(tmp_path / "h", f"sqlite:///{tmp_path / 's.db'}", tmp_path / "h" / "d"),
        dagster_profile="postgres",
        dagster_postgres_url=f"postgresql://127.0.0.1:{closed_port()}/x",
    )
    with pytest.raises(EngineUnavailable, match="STUDIO_DAGSTER_POSTGRES_URL.*does not answer"):
        open_instance(settings)
    assert not (tmp_path / "h").exists()
