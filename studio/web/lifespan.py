"""Run callbacks when the web app starts and stops (FastAPI dropped `on_event`; this wraps the lifespan)."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any


def on_lifespan(app: Any, start: Callable[[], Any] | None = None, stop: Callable[[], Any] | None = None) -> None:
    """Call `start` before the app serves and `stop` after it has stopped (either may be async)."""
    previous = app.router.lifespan_context

    async def call(hook: Callable[[], Any] | None) -> None:
        if hook is not None:
            result = hook()
            if inspect.isawaitable(result):
                await result

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        await call(start)
        try:
            async with previous(application) as state:
                yield state
        finally:
            await call(stop)

    app.router.lifespan_context = lifespan
