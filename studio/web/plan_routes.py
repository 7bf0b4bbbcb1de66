"""`GET /plan/{film_id}/{name}`: a film's plan files for the Create and Storyboard pages' links,
cookie-authenticated and ownership-checked like /media (401 signed out, 403 another user's film,
404 unknown film or file, 422 a film that cannot be planned)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response

from studio.domain.errors import UserError
from studio.domain.views import Forbidden, NotSignedIn
from studio.services.plan_files import PlanUnavailable, plan_file

_TYPES = {".pdf": "application/pdf", ".csv": "text/csv; charset=utf-8", ".ics": "text/calendar; charset=utf-8",
          ".zip": "application/zip"}  # fmt: skip


def add_plan_routes(app: FastAPI, service, token_from: Callable[[Request], str]) -> None:  # noqa: ANN001
    @app.get("/plan/{film_id}/{name}")
    async def plan_download(film_id: str, name: str, request: Request) -> Response:
        """One plan file of a film the caller may open, as an attachment."""
        try:
            path = await run_in_threadpool(plan_file, service, token_from(request), film_id, name)
        except UserError as error:
            status = (401 if isinstance(error, NotSignedIn) else 403 if isinstance(error, Forbidden)
                      else 422 if isinstance(error, PlanUnavailable) else 404)  # fmt: skip
            return JSONResponse({"error": str(error)}, status_code=status)
        return FileResponse(
            path,
            media_type=_TYPES.get(path.suffix),
            filename=path.name,
            headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
        )
