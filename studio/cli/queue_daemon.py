"""The daemon a CLI render needs when no `studio up` serves the render queue.

`studio render` submits to the same queue as the app. While `studio up` runs, its daemon launches the
render, after the app's renders of higher priority. Without it, the CLI starts `dagster-daemon` itself:
in its own process group, killed with the CLI (parent-death signal), with the settings published in
its environment only, its log in STUDIO_HOME/logs. Several CLI renders on one home share that daemon:
its owner holds `daemon.lock` (as `studio up` does for its own, so the two never run side by side) and
stops it only once no run is queued or running, so stopping never takes another render's worker down.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from studio.cli.up import DAEMON_LOCK, ROOT, AlreadyRunning, Service, daemon_service, die_with, stop_services, take_lock
from studio.orchestration.follow import Instance, queue_busy, queue_served
from studio.orchestration.runs import reconcile_runs
from studio.settings import Settings

LOOK_EVERY_SECONDS = 5.0


class QueueDaemon:
    """Starts a `dagster-daemon` for this CLI process when the queue has none; `close()` stops it."""

    def __init__(self, settings: Settings, instance: Instance) -> None:
        self.settings, self.instance = settings, instance
        self.service: Service | None = None
        self._lock: int | None = None
        self._looked = 0.0

    def keep_served(self) -> None:
        """Called while following a render: start a daemon if none has served the queue lately."""
        if self.service is not None or time.monotonic() - self._looked < LOOK_EVERY_SECONDS:
            return
        self._looked = time.monotonic()
        if queue_served(self.instance) or not self._take_lock():
            return  # `studio up`'s daemon, or another CLI render's, serves the queue
        # No daemon serves this home: runs a killed one left in flight are failed (then retried), as at `studio up`.
        reconcile_runs(self.instance)
        env = dict(os.environ)
        self.settings.export(env)
        logs = self.settings.home / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        service = daemon_service()
        with (logs / "cli-daemon.log").open("ab") as log:
            service.process = subprocess.Popen(
                service.argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                preexec_fn=die_with(os.getpid()) if sys.platform == "linux" else None,
            )  # fmt: skip
        self.service = service

    def close(self, poll: float = 2.0) -> None:
        """Stop the daemon this process started, once the runs it serves are done (another CLI's too)."""
        try:
            if self.service is not None:
                while self._serving():
                    time.sleep(poll)
                stop_services([self.service])
        finally:
            self.service = None
            if self._lock is not None:
                os.close(self._lock)
                self._lock = None

    def _serving(self) -> bool:
        if self.service is None or self.service.process is None or self.service.process.poll() is not None:
            return False
        return queue_busy(self.instance)

    def _take_lock(self) -> bool:
        if self._lock is None:
            try:
                self._lock = take_lock(self.settings.home, DAEMON_LOCK, "another render daemon")
            except AlreadyRunning:
                return False
        return True
