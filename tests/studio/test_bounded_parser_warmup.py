"""The script parser's time limit, with real worker processes: a cold worker's first call may take the
studio's own start-up on top of the limit, a warm worker stops a slow script at the limit, and the parser
keeps working after it stopped one.

The parse function here stands in for the real one so the timings are chosen, not hoped for: its first
call in each process is slower than the limit (as a cold start is on a busy machine), and the text
`HANG` never finishes (as a hostile script would not).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import psutil
import pytest

from studio.services.bounded import WARM_UP_SECONDS, BoundedParser, ScriptTooSlow

pytestmark = pytest.mark.slow  # spawns worker processes that load spaCy

LIMIT = 3.0
HANG = "HANG"
_called_in_this_process = False


def _parse(text: str, duration: float | None) -> tuple[int, str]:
    """Runs in the worker: the first call per process is slow, `HANG` never ends; returns (pid, text)."""
    global _called_in_this_process
    if text == HANG:
        time.sleep(3600)
    if not _called_in_this_process:
        _called_in_this_process = True
        time.sleep(LIMIT + 2.0)
    return os.getpid(), text


@pytest.fixture
def parser() -> Iterator[BoundedParser]:
    bounded = BoundedParser(workers=1, timeout=LIMIT, target=_parse)
    yield bounded
    bounded.close()


def _timed(parser: BoundedParser, text: str) -> tuple[float, tuple[int, str]]:
    started = time.monotonic()
    result = parser(text, None)
    return time.monotonic() - started, result


def _gone(pid: int, within_s: float = 30.0) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.2)
    return False


def test_a_cold_workers_first_parse_may_take_longer_than_the_limit(parser: BoundedParser) -> None:
    took, (pid, text) = _timed(parser, "Scene 1\nALEX: Hello.")
    assert text == "Scene 1\nALEX: Hello." and pid != os.getpid()
    assert took > LIMIT  # slower than the limit, yet not refused: start-up is the studio's, not the script's

    took, (same_pid, _) = _timed(parser, "Scene 2\nSAM: Hi.")
    assert same_pid == pid and took < LIMIT  # the warm worker is reused


def test_a_warm_worker_stops_a_slow_script_at_the_limit_and_the_parser_recovers(parser: BoundedParser) -> None:
    _, (warm_pid, _) = _timed(parser, "Scene 1\nALEX: Hello.")

    started = time.monotonic()
    with pytest.raises(ScriptTooSlow, match=r"took more than 3 s to read, so it was stopped") as refusal:
        parser(HANG, None)
    refused_after = time.monotonic() - started
    # A warm worker gets no start-up allowance: it is stopped long before limit + WARM_UP_SECONDS.
    assert refused_after < LIMIT + WARM_UP_SECONDS / 2, refused_after
    assert "nothing was created or charged" in str(refusal.value)
    assert _gone(warm_pid), "the worker that ran the slow script is still running"

    # Its replacement is a fresh process, cold again, so its first (slow) parse is allowed the start-up too.
    took, (new_pid, text) = _timed(parser, "Scene 2\nSAM: Hi.")
    assert text == "Scene 2\nSAM: Hi." and new_pid != warm_pid
    assert took > LIMIT
