"""`studio up`: the studio web app, the Dagster webserver and the Dagster daemon, together.

Each service runs in its own process group on 127.0.0.1 with the same STUDIO_HOME, DAGSTER_HOME
and database, so the app's queued renders are launched by this daemon and shown in this Dagster
UI. Ctrl-C or SIGTERM stops all three: SIGTERM to each group, a grace period, then SIGKILL, and
every child is waited for, so nothing is left running. If one service dies, the others are
stopped too and the exit code says so. A `kill -9` of `studio up` itself takes its three children
with it (Linux's parent-death signal), and a lock in STUDIO_HOME makes a second `studio up` on the
same home refuse while the first one lives, and reconcile what a dead one left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from studio.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
GRACE_SECONDS = 20.0
# The Dagster UI has no sign-in of its own: it listens on the loopback interface only, whatever
# host the studio is served on, and is reached from outside through the studio's /dagster route.
DAGSTER_HOST = "127.0.0.1"
DAGSTER_PREFIX = "/dagster"


@dataclass
class Service:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None


def daemon_service() -> Service:
    """`dagster-daemon` on the code location of workspace.yaml: it dequeues, launches, monitors and retries runs."""
    daemon = Path(sys.executable).with_name("dagster-daemon")
    return Service("dagster-daemon", [str(daemon), "run", "-w", str(ROOT / "workspace.yaml")])


def services(ui_port: int, dagster_port: int, host: str = "127.0.0.1") -> list[Service]:
    """The three commands `studio up` runs, with this interpreter's virtual environment."""
    bin_dir = Path(sys.executable).parent
    workspace = str(ROOT / "workspace.yaml")
    return [
        daemon_service(),
        Service(
            "dagster-webserver",
            # Served under /dagster so the studio's /dagster route (admins and producers only,
            # studio/web/dagster_proxy.py) can forward to it; its own port stays on 127.0.0.1.
            [
                str(bin_dir / "dagster-webserver"),
                "-w",
                workspace,
                "-h",
                DAGSTER_HOST,
                "-p",
                str(dagster_port),
                "--path-prefix",
                DAGSTER_PREFIX,
            ],
        ),
        Service(
            "studio",
            [
                sys.executable,
                "-m",
                "uvicorn",
                "studio.web.server:app_from_env",
                "--factory",
                "--host",
                host,
                "--port",
                str(ui_port),
                "--log-level",
                "warning",
            ],
        ),  # fmt: skip
    ]


def local_workers(settings: Settings, env: dict[str, str]) -> list[Service]:
    """With STUDIO_DAGSTER_PROFILE=celery, one Celery step worker on this machine (more can join from others)."""
    if settings.dagster_profile != "celery":
        return []
    from dagster_project.celery_workers import worker_argv, worker_env

    env.update(worker_env(settings, env))  # `celery` on PATH for the worker command
    return [Service("celery-worker", worker_argv(settings, "studio-up", concurrency=2))]


def stop_services(running: list[Service]) -> None:
    """SIGTERM every process group, wait up to the grace period, SIGKILL what is left, reap all."""
    for service in running:
        if service.process and service.process.poll() is None:
            try:
                os.killpg(service.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + GRACE_SECONDS
    for service in running:
        if service.process is None:
            continue
        try:
            service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for service in running:  # the group may hold grandchildren (code servers, run workers)
        if service.process is None:
            continue
        try:
            os.killpg(service.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        service.process.wait()


def _ready(url: str, timeout: float, running: Sequence[Service] = ()) -> bool:
    """Whether `url` answers before the timeout, while every service we started is still alive
    (an answer from some other process on the port is not our studio being ready)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(s.process is not None and s.process.poll() is not None for s in running):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own 127.0.0.1 URL
                if response.status < 500:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


class _Stop(Exception):
    pass


def die_with(parent: int) -> Callable[[], None]:
    """A preexec_fn: in the child before exec, ask Linux to SIGKILL it when `studio up` dies, even by kill -9."""

    def preexec() -> None:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died between fork and prctl: no signal would ever come
            os._exit(1)

    return preexec


class AlreadyRunning(Exception):
    """Another `studio up` serves this STUDIO_HOME."""


DAEMON_LOCK = "daemon.lock"  # held by whoever runs this home's render daemon: `studio up`, or a `studio render`


def take_lock(
    home: Path, name: str = "up.lock", holder: str = "Another `studio up`", advice: str = "stop it first"
) -> int:
    """Hold the lock file `name` in STUDIO_HOME for this process's life; the pid inside says who holds it.

    The kernel drops the lock when its holder dies, however it dies, so a stale file from a killed
    process is simply taken over. Returns the open descriptor (kept open until exit); raises
    AlreadyRunning naming the holder's pid.
    """
    import fcntl

    home.mkdir(parents=True, exist_ok=True)
    fd = os.open(home / name, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pid = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise AlreadyRunning(f"{holder} (pid {pid}) is serving {home}; {advice}.") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def run_up(settings: Settings, ui_port: int, dagster_port: int, echo=click.echo) -> int:
    """Start the three services and supervise them until a signal or a crash; returns the exit code."""
    locks: list[int] = []
    try:
        locks.append(take_lock(settings.home))
        # One render daemon per home: two would race to launch the same queued run.
        locks.append(take_lock(settings.home, DAEMON_LOCK, "A `studio render` with its own render daemon",
                               "start the studio once that render finishes"))  # fmt: skip
    except AlreadyRunning as error:
        echo(str(error))
        for lock in locks:
            os.close(lock)
        return 2
    try:
        return _serve(settings, ui_port, dagster_port, echo)
    finally:
        for lock in locks:
            os.close(lock)


def _report(outcome: dict[str, list[str]], echo) -> None:
    if outcome["failed"]:
        echo(
            f"{len(outcome['failed'])} interrupted render(s) will resume from where they stopped "
            "(refunded if they cannot)."
        )
    if outcome["cancelled"]:
        echo(f"{len(outcome['cancelled'])} render(s) left cancelling are now cancelled.")
    if outcome["alive"]:
        echo(f"{len(outcome['alive'])} render(s) are still running in their own workers; left to finish.")


def _serve(settings: Settings, ui_port: int, dagster_port: int, echo) -> int:
    from studio.domain.errors import UserError
    from studio.orchestration.execute import open_instance
    from studio.orchestration.runs import reconcile_runs
    from studio.store import FilmStore
    from studio.store.media_store import check_media_store

    try:  # S3 media: the bucket exists and answers to these credentials, before anything starts
        check_media_store(settings.media_store, settings.media_root)
    except UserError as error:
        echo(f"error: {error}")
        return 2
    instance = open_instance(settings)  # writes dagster.yaml with the queued run coordinator
    # A `studio up` killed outright left its runs in flight: their workers died with it (or still
    # run, and are left alone). Failed now, the daemon's run retries resume them from the failure.
    _report(reconcile_runs(instance), echo)
    store = FilmStore(settings.database_url)
    store.migrate()  # before three processes race to do it
    store.engine.dispose()
    env = dict(os.environ)
    settings.export(env)
    env["STUDIO_DAGSTER_URL"] = f"http://{DAGSTER_HOST}:{dagster_port}"  # the studio's /dagster route forwards here

    def on_signal(signum: int, _frame: object) -> None:
        raise _Stop(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    running: list[Service] = []
    code = 0
    try:
        for service in services(ui_port, dagster_port) + local_workers(settings, env):
            # A new session per service: Ctrl-C reaches only us, and we stop each whole group.
            service.process = subprocess.Popen(
                service.argv,
                cwd=ROOT,
                env=env,
                start_new_session=True,
                preexec_fn=die_with(os.getpid()) if sys.platform == "linux" else None,
            )
            running.append(service)
        echo(f"Film Studio:  http://127.0.0.1:{ui_port}")
        echo(
            f"Dagster UI:   http://127.0.0.1:{ui_port}{DAGSTER_PREFIX}/ (admins and producers; "
            f"also http://127.0.0.1:{dagster_port}{DAGSTER_PREFIX}/ on this machine)"
        )
        echo(f"STUDIO_HOME:  {settings.home}")
        echo("Press Ctrl-C to stop.")
        if _ready(f"http://127.0.0.1:{ui_port}/healthz", 180, running):
            echo("The studio is ready.")
        while True:
            for service in running:
                if service.process and service.process.poll() is not None:
                    echo(f"{service.name} exited with code {service.process.returncode}; stopping the others.")
                    code = 1
                    raise _Stop(service.name)
            time.sleep(0.5)
    except _Stop:
        pass
    finally:
        # Ignore further signals while stopping, so a second Ctrl-C cannot leave orphans behind.
        for sig in previous:
            signal.signal(sig, signal.SIG_IGN)
        echo("Stopping…")
        stop_services(running)
        _report(reconcile_runs(open_instance(settings)), echo)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        echo("Stopped.")
    return code


@click.command("up")
@click.option("--ui-port", default=7860, show_default=True, help="Port of the studio web app.")
@click.option("--dagster-port", default=3000, show_default=True, help="Port of the Dagster UI.")
def up(ui_port: int, dagster_port: int) -> None:
    """Serve the studio and the Dagster UI (with its daemon) on 127.0.0.1 until Ctrl-C."""
    from studio.domain.errors import UserError

    try:  # an unknown profile, a database or broker that does not answer: one line, nothing started
        settings = Settings.from_env()
        from studio.orchestration.instance import check_engines

        check_engines(settings)
    except (ValueError, UserError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    sys.exit(run_up(settings, ui_port, dagster_port))
