"""The writing assistant as the app sees it: available or not (with how to install it), one model
loaded once per process, and one generation at a time (the model runs on one thread)."""

from __future__ import annotations

import threading
from pathlib import Path

from models.writer import (
    INSTALL_HINT,
    Draft,
    check_logline,
    check_minutes,
    create_writer,
    draft_screenplay,
    suggest_line,
    writer_installed,
)
from models.writer.backends import Progress, WriterBackend
from studio.settings import Settings


class WritingAssistant:
    def __init__(self, settings: Settings) -> None:
        self.cache_dir: Path = settings.home / "models" / "writer"
        self._backend: WriterBackend | None = None
        self._lock = threading.Lock()

    @staticmethod
    def installed() -> bool:
        return writer_installed()

    @staticmethod
    def install_hint() -> str:
        return ("The writing assistant is not installed. To add it (about 1.2 GB), run "
                f"`{INSTALL_HINT.split('  ')[0]}` and restart the studio.")  # fmt: skip

    def _model(self) -> WriterBackend:
        if self._backend is None:
            self._backend = create_writer(self.cache_dir)
        return self._backend

    def draft(self, logline: str, minutes: float, progress: Progress | None = None) -> Draft:
        check_logline(logline)  # refuse before waiting for the model (and its lock)
        check_minutes(minutes)
        with self._lock:
            return draft_screenplay(self._model(), logline, minutes, progress)

    def suggest(self, script: str, speaker: str | None = None, progress: Progress | None = None) -> str:
        with self._lock:
            return suggest_line(self._model(), script, speaker, progress)
