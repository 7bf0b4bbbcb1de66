"""Script parsing off the web server's interpreter, bounded in time.

The Create page estimates a script on every edit. Parsing is pure Python: a hostile script can
keep the regular-expression engine busy for minutes while holding the GIL, and a thread pool
cannot stop it (every other request of every user waits, `/healthz` included). So the web server
parses in worker processes: each call waits at most `timeout` seconds, after which the worker
that ran it is killed and replaced, and the caller gets a plain refusal. Other callers' workers
are untouched.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import threading
from collections.abc import Callable
from typing import Any

from studio.domain.errors import UserError
from studio.settings import MAX_SCRIPT_BYTES

PARSE_SECONDS = 20.0  # the longest a real 200 KB screenplay takes here is a few seconds
PARSE_WORKERS = 2
# A worker's first call also starts its process and loads spaCy and the lexicons (tens of seconds on a
# busy machine): that is the studio's own start-up, not the script's, so a cold worker gets this much more.
WARM_UP_SECONDS = 120.0


class ScriptTooSlow(UserError):
    """Parsing did not finish in time; nothing was created or charged."""


def _warm() -> None:
    import models.script  # noqa: F401 - spaCy and the lexicons load once per worker, not per call


def _preflight(text: str, duration: float | None) -> Any:
    from studio.domain.validation import preflight

    return preflight(text, duration)


class BoundedParser:
    """`parser(text, duration)` -> Breakdown, run in one of `workers` processes within `timeout` s."""

    def __init__(
        self,
        workers: int = PARSE_WORKERS,
        timeout: float = PARSE_SECONDS,
        target: Callable[[str, float | None], Any] = _preflight,
    ) -> None:
        self.timeout = timeout
        self.target = target
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._lock = threading.Lock()
        self._idle: list[futures.ProcessPoolExecutor] = [self._worker() for _ in range(workers)]
        self._warmed: set[int] = set()  # id() of the workers that have loaded the script models
        self._free = threading.Semaphore(workers)
        self._closed = False

    def _worker(self) -> futures.ProcessPoolExecutor:
        return futures.ProcessPoolExecutor(max_workers=1, mp_context=self._context, initializer=_warm)

    def warm(self) -> None:
        """Start every worker and load the script models in it before the first creator types."""
        with self._lock:
            idle = list(self._idle)
        for worker in idle:
            worker.submit(_warm).result(timeout=600)
            with self._lock:
                self._warmed.add(id(worker))

    def __call__(self, text: str, duration: float | None) -> Any:
        if not isinstance(text, str) or len(text.encode("utf-8", "surrogatepass")) > MAX_SCRIPT_BYTES:
            raise UserError(f"The script must be text of at most {MAX_SCRIPT_BYTES:,} bytes.")
        if not self._free.acquire(timeout=self.timeout):
            raise ScriptTooSlow("The studio is busy reading other scripts; try again in a moment.")
        with self._lock:
            if self._closed:
                self._free.release()
                raise RuntimeError("The script parser has been shut down.")
            worker = self._idle.pop()
        try:
            future = worker.submit(self.target, text, duration)
            with self._lock:
                limit = self.timeout if id(worker) in self._warmed else self.timeout + WARM_UP_SECONDS
            try:
                result = future.result(timeout=limit)
                with self._lock:
                    self._warmed.add(id(worker))
                return result
            except futures.TimeoutError:
                with self._lock:
                    self._warmed.discard(id(worker))
                self._kill(worker)
                worker = self._worker()
                raise ScriptTooSlow(
                    f"This script took more than {self.timeout:g} s to read, so it was stopped. "
                    "Check it for long runs of brackets or symbols; nothing was created or charged."
                ) from None
            except futures.process.BrokenProcessPool:
                with self._lock:
                    self._warmed.discard(id(worker))
                worker = self._worker()
                raise ScriptTooSlow("Reading this script stopped its worker; nothing was created or charged.") from None
        finally:
            with self._lock:
                self._idle.append(worker)
            self._free.release()

    @staticmethod
    def _kill(worker: futures.ProcessPoolExecutor) -> None:
        for process in list((getattr(worker, "_processes", None) or {}).values()):
            process.kill()
        worker.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            self._kill(worker)
