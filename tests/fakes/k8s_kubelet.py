"""A program of the k8s profile (the daemon, a `studio` command) with the Kubernetes API replaced by a
fake kubelet on this machine.

dagster-k8s builds every Job exactly as it would for a cluster: the run's Job (K8sRunLauncher, in the
daemon) and each step's Job (k8s_job_executor, in the run worker). The fake's `create_namespaced_job`
writes the Job spec (as the API server would receive it) into JOBS_DIR and runs the Job's container
command as a local process under this same fake (a run worker creates step Jobs in turn), with the
container's environment; `read_namespaced_job_status` reports that process as active, succeeded or
failed. The instance ConfigMap the pod would mount at DAGSTER_HOME is this machine's DAGSTER_HOME.
No cluster, no network: only the Kubernetes client is fake.

Usage: python tests/fakes/k8s_kubelet.py JOBS_DIR -- PROGRAM [ARGS...]   (PROGRAM: studio, dagster-daemon, dagster)
"""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import kubernetes.client


class FakeBatchApi:
    def __init__(self, jobs_dir: Path) -> None:
        self.jobs_dir = jobs_dir
        self.processes: dict[str, subprocess.Popen] = {}
        self.serializer = kubernetes.client.ApiClient()

    def create_namespaced_job(self, body: object, namespace: str, **_: object) -> object:
        spec = self.serializer.sanitize_for_serialization(body)  # the JSON the API server would get
        name = spec["metadata"]["name"]
        (self.jobs_dir / f"{name}.json").write_text(json.dumps({"namespace": namespace, "job": spec}, indent=1))
        container = spec["spec"]["template"]["spec"]["containers"][0]
        env = dict(os.environ)
        env.update({item["name"]: item["value"] for item in container.get("env", [])
                    if "value" in item and item["name"] != "DAGSTER_HOME"})  # fmt: skip
        command = [sys.executable, __file__, str(self.jobs_dir), "--",
                   *container.get("command", []), *container.get("args", [])]  # fmt: skip
        log = (self.jobs_dir / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        return body

    def read_namespaced_job_status(self, name: str, namespace: str, **_: object) -> object:
        process = self.processes.get(name)
        if process is None:
            raise kubernetes.client.rest.ApiException(status=404)
        code = process.poll()
        return SimpleNamespace(status=kubernetes.client.V1JobStatus(
            active=1 if code is None else None, succeeded=1 if code == 0 else None,
            failed=1 if code not in (None, 0) else None))  # fmt: skip

    def delete_namespaced_job(self, name: str, namespace: str, **_: object) -> None:
        process = self.processes.get(name)
        if process is not None and process.poll() is None:
            process.kill()


def main() -> None:
    jobs_dir = Path(sys.argv[1])
    jobs_dir.mkdir(parents=True, exist_ok=True)
    batch = FakeBatchApi(jobs_dir)
    kubernetes.client.BatchV1Api = lambda *a, **k: batch  # type: ignore[misc]
    kubernetes.client.CoreV1Api = lambda *a, **k: SimpleNamespace()  # type: ignore[misc]
    program, args = sys.argv[3], sys.argv[4:]
    if program == "studio":
        from studio.cli.main import main as studio

        studio(args, standalone_mode=True)
    else:  # the image's `dagster` / `dagster-daemon` are this venv's console scripts
        sys.argv = [program, *args]
        runpy.run_path(str(Path(sys.executable).with_name(program)), run_name="__main__")


if __name__ == "__main__":
    main()
