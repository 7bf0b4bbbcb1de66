"""One render daemon per home: `studio up` and a `studio render` that started its own never run side by side
(two daemons would race to launch the same queued run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studio.cli.queue_daemon import QueueDaemon
from studio.cli.up import DAEMON_LOCK, run_up, take_lock
from studio.orchestration.execute import open_instance
from studio.settings import Settings

HOLD = """
import sys, time
from pathlib import Path
from studio.cli.up import DAEMON_LOCK, take_lock
take_lock(Path(sys.argv[1]), DAEMON_LOCK, "test")
print("held", flush=True)
time.sleep(120)
"""


def _settings(tmp_path: Path) -> Settings:
    home = tmp_path / "home"
    return Settings(home, f"sqlite:///{home / 'studio.db'}", home / "dagster")


def test_studio_up_refuses_while_a_cli_render_runs_its_own_daemon_and_starts_nothing(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(settings.home)], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        said: list[str] = []
        assert run_up(settings, 1, 1, said.append) == 2
        assert said == [f"A `studio render` with its own render daemon (pid {holder.pid}) is serving "
                        f"{settings.home}; start the studio once that render finishes."]  # fmt: skip
        assert not settings.dagster_home.exists()  # no instance opened, no service started
    finally:
        holder.kill()
        holder.wait()
    os.close(take_lock(settings.home))  # and the refusal let go of `up.lock`: the next `studio up` may start


def test_a_cli_render_starts_no_daemon_while_the_home_has_one(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    held = take_lock(settings.home, DAEMON_LOCK, "studio up")  # what a running `studio up` holds
    daemon = QueueDaemon(settings, open_instance(settings))
    daemon.keep_served()
    assert daemon.service is None and not (settings.home / "logs" / "cli-daemon.log").exists()
    daemon.close()
    os.close(held)
    control = QueueDaemon(settings, open_instance(settings))  # with the lock free, the same call starts one
    try:
        control.keep_served()
        assert control.service is not None and control.service.process is not None
        assert control.service.process.poll() is None
    finally:
        control.close()
    assert control.service is None
