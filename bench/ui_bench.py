"""Page-speed benchmark: 20 concurrent simulated users against a running studio.

Each user signs up once (not timed); all 20 sign in together (3 times each), then all browse
together, repeating: load the Home, Create and Credits pages, estimate a script, list their films
and read their ledger. Actions are the studio's real
Gradio event handlers called over HTTP (`/gradio_api/call/<api_name>`, the same queue the
browser uses) with the user's `studio_session` cookie. Prints p50/p95/max per action in ms.

    .venv/bin/python bench/ui_bench.py --url http://127.0.0.1:7860     # a running `studio up`
    .venv/bin/python bench/ui_bench.py                                  # starts `studio up` itself

Target: p95 < 200 ms per action. Figures taken on a shared machine are inflated.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "Title: Bench\n\nASHA: The tea is ready.\nRAVI: Then let us drink it on the roof.\n"
PAGES = ("/", "/create", "/credits")


def call(client: httpx.Client, api_name: str, data: list[Any], session_hash: str | None = None) -> Any:
    """One Gradio event over HTTP: submit, then read the event stream until it completes.

    `session_hash` plays the part of one open browser tab: Gradio builds a session's state (a copy
    of every page's component config) on its first event, and the browser reuses it afterwards.
    """
    body: dict[str, Any] = {"data": data}
    if session_hash:
        body["session_hash"] = session_hash
    started = client.post(f"/gradio_api/call/{api_name}", json=body)
    started.raise_for_status()
    event_id = started.json()["event_id"]
    with client.stream("GET", f"/gradio_api/call/{api_name}/{event_id}") as stream:
        event = None
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                if event == "error":
                    raise RuntimeError(f"{api_name} failed: {line}")
                return json.loads(line[5:])
    raise RuntimeError(f"{api_name}: the stream ended without a result")


def user_session(
    url: str,
    index: int,
    rounds: int,
    sign_ins: int,
    timings: dict[str, list[float]],
    lock: threading.Lock,
    errors: list[str],
    barrier: threading.Barrier,
) -> None:
    """One simulated creator: sign up (untimed), sign in `sign_ins` times, then browse `rounds` times.

    Signing in is a deliberately slow argon2 hash, so it has its own phase: every user signs in at
    the same time first, then all browse together. Mixing 20 users' hashes into every round would
    measure the hash's CPU starving the other actions, not the pages.
    """
    email, password = f"bench-{uuid.uuid4().hex[:8]}-{index}@example.com", "bench-password-1"

    def timed(name: str, action: Any) -> None:
        start = time.perf_counter()
        action()
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            timings[name].append(elapsed)

    with httpx.Client(base_url=url, timeout=120) as client:
        try:
            status, token = call(client, "sign_up", [f"Bench {index}", email, password])
            if not token:
                raise RuntimeError(f"sign up refused: {status}")
            client.cookies.set("studio_session", token)
            barrier.wait()
            for _ in range(sign_ins):
                timed("sign in", lambda: call(client, "sign_in", [email, password]))
            barrier.wait()
            for _ in range(rounds):
                tab = uuid.uuid4().hex[:11]  # each round is a fresh page visit, as in a browser
                for page in PAGES:
                    timed(f"page {page}", lambda: client.get(page).raise_for_status())
                timed("estimate", lambda: call(client, "estimate", [SCRIPT, "auto", "auto", 0], tab))
                timed("list films", lambda: call(client, "home", [], tab))
                timed("ledger", lambda: call(client, "ledger", [], tab))
        except Exception as error:  # reported, and the run exits non-zero
            barrier.abort()
            with lock:
                errors.append(f"user {index}: {error!r}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def studio_up(home: Path):
    """`studio up` on free ports with a fresh STUDIO_HOME; yields the studio's URL."""
    ui_port, dagster_port = free_port(), free_port()
    env = {**os.environ, "STUDIO_HOME": str(home), "DAGSTER_HOME": str(home / "dagster")}
    env.pop("STUDIO_DATABASE_URL", None)
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/studio"), "up", "--ui-port", str(ui_port), "--dagster-port", str(dagster_port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{ui_port}"
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                if httpx.get(url + "/", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"studio up exited with {process.returncode}")
            time.sleep(1)
        else:
            raise RuntimeError("studio up did not answer within 300 s")
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def report(timings: dict[str, list[float]], users: int, seconds: float) -> None:
    print(f"{users} concurrent users, {sum(map(len, timings.values()))} requests in {seconds:.1f} s")
    print(f"{'action':<18}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, values in timings.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        print(f"{name:<18}{len(values):>6}{statistics.median(values):>10.0f}{p95:>10.0f}{ordered[-1]:>10.0f}")


def run(url: str, users: int, rounds: int, sign_ins: int) -> int:
    timings: dict[str, list[float]] = defaultdict(list)
    lock, errors, barrier = threading.Lock(), [], threading.Barrier(users)
    threads = [
        threading.Thread(target=user_session, args=(url, i, rounds, sign_ins, timings, lock, errors, barrier))
        for i in range(users)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report(timings, users, time.perf_counter() - start)
    for error in errors:
        print("error:", error, file=sys.stderr)
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running studio; without it `studio up` is started on free ports")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10, help="browsing rounds per user")
    parser.add_argument("--sign-ins", type=int, default=3, help="sign-ins per user, all users at once")
    args = parser.parse_args()
    if args.url:
        return run(args.url.rstrip("/"), args.users, args.rounds, args.sign_ins)
    (ROOT / ".tmp").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ROOT / ".tmp", prefix="ui-bench-") as home, studio_up(Path(home)) as url:
        return run(url, args.users, args.rounds, args.sign_ins)


if __name__ == "__main__":
    sys.exit(main())
