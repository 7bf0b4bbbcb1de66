"""`studio render` under the k8s profile, with the Kubernetes API replaced by a fake kubelet on this machine.

dagster-k8s builds every step's Job exactly as it would for a cluster; the fake's `create_namespaced_job`
writes the Job spec (as the API server would receive it) into JOBS_DIR and runs the Job's container
command as a local process with the container's environment, and `read_namespaced_job_status` reports
that process as active, succeeded or failed. No cluster, no network: only the Kubernetes client is fake.

Usage: python tests/fakes/k8s_kubelet.py JOBS_DIR -- <studio render arguments>
"""

from __future__ import annotations

import json
import os
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
        env.update({item["name"]: item["value"] for item in container.get("env", []) if "value" in item})
        command = [*container.get("command", []), *container.get("args", [])]
        command[0] = str(Path(sys.executable).with_name(command[0]))  # the image's `dagster` is this venv's
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
    from studio.cli.main import main as studio

    studio(sys.argv[3:], standalone_mode=True)


if __name__ == "__main__":
    main()
