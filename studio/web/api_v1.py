"""The public REST API, `/api/v1`: films, renders, plans, cut-downs, usage and webhooks.

A FastAPI application mounted under `/api/v1` by `studio.web.server` (its OpenAPI document is
`/api/v1/openapi.json`). Every route calls the same `StudioService` methods as the app, with the
caller's API key standing where the app passes a session token, so permissions and organisation
scoping are decided in the service layer, never here. This module only adds what is particular
to an API: key authentication (`Authorization: Bearer fsk_…`), per-key rate limits (429 with
`Retry-After`), a request body limit (413) and mapping the service's errors to status codes.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from studio.domain.errors import UserError
from studio.domain.views import Forbidden, NotEnoughCredits, NotSignedIn
from studio.services import api_keys
from studio.services.core import NoSuchFilm, NoSuchThing
from studio.services.film_service import RenderNotQueued
from studio.services.organisations import NotEnoughOrgCredits
from studio.web.rate_limit import TokenBuckets

PREFIX = "/api/v1"
FILM_ID = PathParam(..., min_length=1, max_length=64, description="A film's id (12 hex digits).")
_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer fsk_…`.")


class FilmIn(BaseModel):
    script: str = Field(..., min_length=1, max_length=200_000, description="Fountain, prose or NAME: dialogue.")
    options: dict[str, Any] = Field(
        default_factory=dict, description="FilmFormat fields: duration, aspect, resolution…"
    )
    org: str | None = Field(None, max_length=60, description="Organisation short name (default: the key's).")


class FilmOut(BaseModel):
    id: str
    title: str
    status: str
    created_at: str
    duration: float | None
    run_id: str | None


class RenderIn(BaseModel):
    request_key: str = Field(
        ..., min_length=1, max_length=200, description="One per intended render: repeating it returns the same run."
    )


class RunOut(BaseModel):
    film_id: str
    run_id: str


class ProgressOut(BaseModel):
    status: str
    current_asset: str | None
    percent: float
    elapsed: float
    run_id: str | None
    message: str | None


class WebhookIn(BaseModel):
    url: str = Field(..., min_length=1, max_length=500, description="http(s) URL that receives film.finished.")


class Problem(BaseModel):
    error: str


_ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": Problem}, 404: {"model": Problem}, 429: {"model": Problem}}


def _status(error: UserError) -> int:
    if isinstance(error, NotSignedIn):
        return 401
    if isinstance(error, (NoSuchFilm, NoSuchThing)):
        return 404
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, (NotEnoughCredits, NotEnoughOrgCredits)):
        return 402
    if isinstance(error, RenderNotQueued):
        return 503
    return 400  # bad input: the message says what to change


def _film(view: Any) -> FilmOut:
    return FilmOut(id=view.id, title=view.title, status=view.status, created_at=view.created_at.isoformat(),
                   duration=view.duration, run_id=view.run_id)  # fmt: skip


class BodyLimit:
    """ASGI wrapper: a request body over `limit` bytes gets 413 before any route reads it (a declared
    Content-Length is checked first; a chunked body is counted as it arrives)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            response = JSONResponse({"error": f"The request body is over the limit of {self.limit:,} bytes."}, 413)
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message.get("type") == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # FastAPI passes an HTTPException raised while reading the body through
                    raise HTTPException(413, f"The request body is over the limit of {self.limit:,} bytes.")
            return message

        await self.app(scope, counted, send)


def create_api(service: Any) -> FastAPI:
    """The `/api/v1` application around `service` (mount it with `mount_api`)."""
    settings = service.settings
    buckets = TokenBuckets(settings.api_rate_per_minute, settings.api_burst, settings.redis_url)
    api = FastAPI(
        title="Film Studio API", version="1.0.0", docs_url="/docs", redoc_url=None, openapi_url="/openapi.json",
        description="Turn scripts into films. Authenticate with `Authorization: Bearer <API key>`; each key "
                    f"may make {settings.api_burst} requests at once and {settings.api_rate_per_minute} a minute "
                    "(429 with Retry-After beyond that); request bodies are limited to "
                    f"{settings.api_max_body:,} bytes (413).",
    )  # fmt: skip

    @api.exception_handler(UserError)
    async def user_error(_request: Request, error: UserError) -> JSONResponse:
        return JSONResponse({"error": str(error)}, status_code=_status(error))

    @api.exception_handler(HTTPException)
    async def http_error(_request: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=error.headers)

    def caller(response: Response, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> str:
        """The request's API key once it is valid and within its rate; 401 or 429 otherwise."""
        key = credentials.credentials if credentials is not None else ""
        if not api_keys.prefix_of(key):
            raise HTTPException(
                401, "Send a valid API key: Authorization: Bearer fsk_…", headers={"WWW-Authenticate": "Bearer"}
            )
        service.user(key)  # NotSignedIn (401) for an unknown or revoked key or a suspended account
        decision = buckets.take(api_keys.prefix_of(key) or "")
        if not decision.allowed:
            raise HTTPException(
                429,
                f"Too many requests with this key; retry in {decision.retry_after} s.",
                headers={"Retry-After": str(decision.retry_after)},
            )
        response.headers["X-RateLimit-Remaining"] = str(decision.remaining)
        return key

    Key = Depends(caller)

    @api.get("/films", response_model=list[FilmOut], responses=_ERRORS)
    def list_films(key: str = Key) -> list[FilmOut]:
        """The films of the key's organisation (or the key owner's, for a personal key), newest first."""
        return [_film(view) for view in service.films(key)]

    @api.post("/films", response_model=FilmOut, status_code=201, responses=_ERRORS)
    def create_film(body: FilmIn, key: str = Key) -> FilmOut:
        """Create a draft film from a script; render it with POST /films/{film_id}/renders."""
        film_id = service.create_film(key, body.script, body.options, org=body.org)
        return _film(service.film(key, film_id))

    @api.get("/films/{film_id}", response_model=FilmOut, responses=_ERRORS)
    def get_film(film_id: str = FILM_ID, key: str = Key) -> FilmOut:
        """One film's status."""
        return _film(service.film(key, film_id))

    @api.get("/films/{film_id}/downloads", responses=_ERRORS)
    def downloads(film_id: str = FILM_ID, key: str = Key) -> dict:
        """Links to the finished film's files (fetch them with the same Authorization header)."""
        files = service.media(key, film_id)
        return {"film_id": film_id, "files": {name: f"/media/{film_id}/{name}" for name in files}}

    @api.post("/films/{film_id}/renders", response_model=RunOut, status_code=202, responses=_ERRORS)
    def start_render(body: RenderIn, film_id: str = FILM_ID, key: str = Key) -> RunOut:
        """Charge the film's cost and queue its render (idempotent per request_key)."""
        return RunOut(film_id=film_id, run_id=service.render(key, film_id, body.request_key))

    @api.get("/films/{film_id}/renders/current", response_model=ProgressOut, responses=_ERRORS)
    def progress(film_id: str = FILM_ID, key: str = Key) -> ProgressOut:
        """The latest render's status, current step and percent done."""
        p = service.progress(key, film_id)
        return ProgressOut(status=p.status, current_asset=p.current_asset, percent=p.percent, elapsed=p.elapsed,
                           run_id=p.run_id, message=p.message)  # fmt: skip

    @api.delete("/films/{film_id}/renders/current", responses=_ERRORS)
    def cancel(film_id: str = FILM_ID, key: str = Key) -> dict:
        """Cancel the film's queued or running render (credits are not refunded)."""
        service.cancel(key, film_id)
        return {"film_id": film_id, "cancelled": True}

    @api.get("/films/{film_id}/plan", responses=_ERRORS)
    def plan(film_id: str = FILM_ID, key: str = Key) -> dict:
        """The pre-production plan in figures, and the files of the production_plan asset once made."""
        return service.plan(key, film_id)

    @api.get("/films/{film_id}/plan/files/{name}", responses=_ERRORS)
    def plan_file(film_id: str = FILM_ID, name: str = PathParam(..., max_length=128), key: str = Key) -> FileResponse:
        return FileResponse(service.asset_file(key, film_id, "production_plan", name), filename=name)

    @api.get("/films/{film_id}/cutdowns", responses=_ERRORS)
    def cutdowns(film_id: str = FILM_ID, key: str = Key) -> dict:
        """Social cut-downs (15/30/60 s for 9:16, 1:1, 16:9), the teaser and the press kit."""
        return service.cutdowns(key, film_id)

    @api.get("/films/{film_id}/cutdowns/files/{name}", responses=_ERRORS)
    def cutdown_file(
        film_id: str = FILM_ID, name: str = PathParam(..., max_length=128), key: str = Key
    ) -> FileResponse:
        asset = "press_kit" if name == "press_kit.zip" else "social_cutdowns"
        return FileResponse(service.asset_file(key, film_id, asset, name), filename=name)

    @api.get("/usage", responses=_ERRORS)
    def usage(
        month: str | None = Query(None, max_length=7, description="YYYY-MM; default this month"), key: str = Key
    ) -> dict:
        """The organisation's films, renders, video minutes, storage and pool credits in a month."""
        return service.usage(key, month)

    @api.get("/organisations", responses=_ERRORS)
    def organisations(key: str = Key) -> list[dict]:
        """The organisation of the key (or every one the key's owner belongs to, for a personal key)."""
        return [
            {"slug": o.slug, "name": o.name, "role": o.role, "balance": o.balance} for o in service.organisations(key)
        ]

    @api.get("/webhooks", responses=_ERRORS)
    def webhooks(key: str = Key) -> list[dict]:
        return service.webhooks(key)

    @api.post("/webhooks", status_code=201, responses=_ERRORS)
    def add_webhook(body: WebhookIn, key: str = Key) -> dict:
        """Subscribe a URL to film.finished; the signing secret is in this answer only."""
        return service.add_webhook(key, body.url)

    @api.delete("/webhooks/{webhook_id}", responses=_ERRORS)
    def remove_webhook(webhook_id: int = PathParam(..., ge=1, le=2**31 - 1), key: str = Key) -> dict:
        service.remove_webhook(key, webhook_id)
        return {"id": webhook_id, "removed": True}

    return api


def mount_api(app: FastAPI, service: Any) -> None:
    """Serve the API under /api/v1 (before the Gradio mount at "/", which would answer every path)."""
    app.mount(PREFIX, BodyLimit(create_api(service), service.settings.api_max_body))


__all__ = ["BodyLimit", "PREFIX", "create_api", "mount_api"]
