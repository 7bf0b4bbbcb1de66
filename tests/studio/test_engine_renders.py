"""The same film renders on the real engines of each profile: PostgreSQL storage, Celery on Redis and
on RabbitMQ (two worker processes, steps running side by side). Each render is a `studio render` run
as a user would run it, about a minute on an idle 2-core machine.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.celery_workers import worker_argv, worker_env
from studio.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
STUDIO = Path(sys.executable).with_name("studio")
SCRIPT = "Title: Tiny Talk\n\nALEX: Good morning and welcome.\nSAM: Thanks, it is good to be here.\n"
ENGINE_VARIABLES = ("STUDIO_DAGSTER_PROFILE", "STUDIO_DAGSTER_POSTGRES_URL", "STUDIO_CELERY_BROKER_URL",
                    "STUDIO_CELERY_BACKEND_URL", "STUDIO_DATABASE_URL")  # fmt: skip


def _env(home: Path, **engines: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENGINE_VARIABLES}
    env.update({"STUDIO_HOME": str(home), "DAGSTER_HOME": str(home / "dagster"), "PYTHONPATH": str(ROOT), **engines})
    return env


def _render(home: Path, out: Path, env: dict[str, str]) -> dict:
    script = home.parent / "script.txt"
    script.write_text(SCRIPT)
    result = subprocess.run([str(STUDIO), "render", str(script), "--out", str(out), "--resolution", "480p"],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((out / "report.json").read_text())
    assert (out / "film.mp4").stat().st_size > 10_000 and report["duration"] > 2
    return report


@pytest.fixture
def dagster_database() -> Iterator[str]:
    """A throwaway schema in the `test` database for Dagster's storage, dropped afterwards."""
    from sqlalchemy import create_engine, text

    POSTGRES_URL = os.environ.get("STUDIO_TEST_POSTGRES_URL", "postgresql+psycopg2://127.0.0.1:5432/test")
    schema = f"dagster_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"postgresql://127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_a_film_renders_with_dagster_on_postgres(tmp_path: Path, dagster_database: str) -> None:
    from sqlalchemy import create_engine, text

    env = _env(tmp_path / "home", STUDIO_DAGSTER_PROFILE="postgres", STUDIO_DAGSTER_POSTGRES_URL=dagster_database)
    report = _render(tmp_path / "home", tmp_path / "out", env)
    assert "postgresql+psycopg2" in (tmp_path / "home" / "dagster" / "dagster.yaml").read_text()
    assert not list((tmp_path / "home" / "dagster").rglob("*.db"))  # no SQLite run or event storage
    schema = dagster_database.rsplit("%3D", 1)[1]
    engine = create_engine(f"postgresql+psycopg2://127.0.0.1:5432/test?options=-csearch_path%3D{schema}")
    with engine.connect() as connection:
        run = connection.execute(text("SELECT status FROM runs WHERE run_id = :r"), {"r": report["run_id"]}).scalar()
        steps = connection.execute(
            text("SELECT count(DISTINCT step_key) FROM event_logs WHERE run_id = :r AND dagster_event_type = 'STEP_SUCCESS'"),
            {"r": report["run_id"]},
        ).scalar()  # fmt: skip
    engine.dispose()
    assert run == "SUCCESS" and steps >= 10  # every asset's step, recorded in PostgreSQL


def _start_workers(settings: Settings, count: int, log: Path) -> list[subprocess.Popen]:
    env = worker_env(settings, {**os.environ, "PYTHONPATH": str(ROOT)})
    handle = log.open("w")
    return [
        subprocess.Popen(
            worker_argv(settings, f"w{i}-{uuid.uuid4().hex[:6]}"),
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        for i in range(count)
    ]


def stop_workers(workers: list[subprocess.Popen]) -> None:
    """SIGTERM each worker's group (its celery child too), then SIGKILL what is left."""
    for worker in workers:
        try:
            os.killpg(worker.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for worker in workers:
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        worker.wait()


def step_spans(instance: dg.DagsterInstance, run_id: str) -> dict[str, tuple[float, float, str]]:
    """Each step's start and end time and the Celery worker that ran it, from the run's event log."""
    spans: dict[str, list] = {}
    for record in instance.get_records_for_run(run_id).records:
        entry = record.event_log_entry
        event = entry.dagster_event
        if event is None or entry.step_key is None:
            continue
        span = spans.setdefault(entry.step_key, [None, None, ""])
        if event.event_type == dg.DagsterEventType.STEP_START:
            span[0] = entry.timestamp
        elif event.event_type == dg.DagsterEventType.STEP_SUCCESS:
            span[1] = entry.timestamp
        elif event.event_type == dg.DagsterEventType.ENGINE_EVENT and "in celery worker" in entry.message:
            span[2] = str(event.engine_event_data.metadata["Celery worker"].value)
    return {key: (s[0], s[1], s[2]) for key, s in spans.items() if s[0] is not None and s[1] is not None}


def overlapping(spans: dict[str, tuple[float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of steps that ran at the same time on different workers."""
    keys = sorted(spans)
    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]
            if spans[a][2] != spans[b][2] and spans[a][0] < spans[b][1] and spans[b][0] < spans[a][1]]  # fmt: skip


@pytest.mark.parametrize("broker", ["redis", "rabbitmq"])
def test_a_film_renders_over_two_celery_workers(tmp_path: Path, broker: str) -> None:
    home = tmp_path / "home"
    # A fresh Redis database / RabbitMQ virtual host would need admin rights: unique worker names and a
    # purge-free broker are enough, since each run waits only for its own task results.
    url = "redis://127.0.0.1:6379/0" if broker == "redis" else "amqp://guest:guest@127.0.0.1:5672//"
    env = _env(home, STUDIO_DAGSTER_PROFILE="celery", STUDIO_CELERY_BROKER_URL=url)
    settings = Settings.from_env(env)
    settings.ensure_dirs()
    from studio.orchestration.execute import write_instance_yaml

    write_instance_yaml(settings)
    with dg.DagsterInstance.from_config(str(settings.dagster_home)):
        pass  # the storage exists before two workers open it at once
    workers = _start_workers(settings, 2, tmp_path / "workers.log")
    try:
        time.sleep(3)
        report = _render(home, tmp_path / "out", env)
    finally:
        stop_workers(workers)
    with dg.DagsterInstance.from_config(str(home / "dagster")) as instance:
        spans = step_spans(instance, report["run_id"])
    assert len({worker for _, _, worker in spans.values()}) == 2, spans  # both workers ran steps
    assert all(worker for _, _, worker in spans.values()), spans  # every step ran in a Celery worker
    assert overlapping(spans), spans  # and some ran side by side
    print(f"{broker}: steps on two workers at once: {overlapping(spans)}")


def _wait_for_daemon(settings: Settings, daemon: subprocess.Popen, timeout: float = 180) -> None:
    """Until the daemon's queue heartbeat is in the instance (a render submitted before would wait for it)."""
    from studio.orchestration.follow import queue_served

    deadline = time.monotonic() + timeout
    with dg.DagsterInstance.from_config(str(settings.dagster_home)) as instance:
        while not queue_served(instance):
            assert daemon.poll() is None and time.monotonic() < deadline, "the daemon did not start"
            time.sleep(1)


KUBECONFIG = """\
apiVersion: v1
kind: Config
clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: none, user: {token: none}}]
contexts: [{name: none, context: {cluster: none, user: none, namespace: film-studio}}]
current-context: none
"""


def test_k8s_job_specs_of_a_render_validate_and_gpu_steps_ask_for_gpus(tmp_path: Path, dagster_database: str) -> None:
    import kubernetes_validate

    (tmp_path / "kubeconfig").write_text(KUBECONFIG)
    home, jobs = tmp_path / "home", tmp_path / "jobs"
    env = _env(home, STUDIO_DAGSTER_PROFILE="k8s", STUDIO_DAGSTER_POSTGRES_URL=dagster_database,
               STUDIO_K8S_KUBECONFIG=str(tmp_path / "kubeconfig"), STUDIO_K8S_GPU_NODE_SELECTOR="pool=gpu")  # fmt: skip
    # The cluster's daemon (under the fake kubelet) launches the run as a Job; `studio render` submits
    # the render to the queue and follows it, as it would from a laptop with the cluster's kubeconfig.
    settings = Settings.from_env(env)
    settings.ensure_dirs()
    from studio.orchestration.execute import write_instance_yaml

    write_instance_yaml(settings)  # the Helm chart's instance ConfigMap
    settings.export(env)  # and its environment ConfigMap, which the daemon's pod reads
    daemon = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "fakes" / "k8s_kubelet.py"), str(jobs), "--",
         "dagster-daemon", "run", "-w", str(ROOT / "workspace.yaml")],
        env=env, cwd=ROOT, stdout=(tmp_path / "daemon.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for_daemon(settings, daemon)
        report = _render(home, tmp_path / "out", env)
    finally:
        stop_workers([daemon])
    assert not (
        home / "logs" / "cli-daemon.log"
    ).exists()  # the cluster's daemon served the queue, not one of the CLI's
    specs = [json.loads(path.read_text()) for path in jobs.glob("*.json")]
    run_jobs = [spec for spec in specs if "dagster/op" not in spec["job"]["metadata"]["labels"]]
    steps = {spec["job"]["metadata"]["labels"]["dagster/op"]: spec for spec in specs if spec not in run_jobs}
    assert len(run_jobs) == report["attempts"] == 1  # the run itself was a Job, launched by the daemon
    run_container = run_jobs[0]["job"]["spec"]["template"]["spec"]["containers"][0]
    assert run_container["args"][:3] == ["dagster", "api", "execute_run"]
    assert "nvidia.com/gpu" not in run_container.get("resources", {}).get("limits", {})  # it only orchestrates
    assert set(steps) >= set(report["seconds_per_asset"]) >= {"scene_breakdown", "scene_images", "final_cut"}
    version = kubernetes_validate.latest_version()
    kubernetes_validate.validate(run_jobs[0]["job"], version, strict=True)
    gpu_steps = set()
    for step, spec in steps.items():
        assert spec["namespace"] == "film-studio"
        kubernetes_validate.validate(spec["job"], version, strict=True)  # raises on any schema error
        pod = spec["job"]["spec"]["template"]["spec"]
        container = pod["containers"][0]
        assert container["image"] == "film-studio:latest" and container["args"][:3] == [
            "dagster",
            "api",
            "execute_step",
        ]
        limits = container["resources"].get("limits", {})
        if "nvidia.com/gpu" in limits:
            gpu_steps.add(step)
            assert limits["nvidia.com/gpu"] == container["resources"]["requests"]["nvidia.com/gpu"] == "1"
            assert pod["nodeSelector"] == {"pool": "gpu"}
            assert {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"} in pod["tolerations"]
        else:
            assert "nodeSelector" not in pod and container["resources"]["requests"]["cpu"] == "1"
    assert gpu_steps == {"scene_images"}  # lip-sync is numpy and ffmpeg: no GPU asked for
    broken = json.loads(json.dumps(steps["scene_images"]["job"]))  # negative control: the schema is enforced
    broken["spec"]["template"]["spec"]["containers"][0]["gpus"] = 1
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, version, strict=True)
    print(
        f"1 run Job and {len(steps)} step Job specs valid against Kubernetes {version}; GPU steps: {sorted(gpu_steps)}"
    )
