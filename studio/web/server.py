"""The studio's web server: FastAPI with the Gradio studio mounted at "/".

FastAPI owns the routes that are not pages, so later integrations (payment webhooks, OAuth
callbacks) can add theirs: `/healthz`, cookie-checked `/media/<film>/<file>` downloads,
`/share/<token>` pages that play a film until the link expires, and `/auth/*` for API clients.
The session token travels in the `studio_session` cookie (set HttpOnly by `/auth/sign-in`) or an
`Authorization: Bearer` header; media of another user's film is refused with 403.

Run it with `studio up`, or `uvicorn studio.web.server:app_from_env --factory`.
"""

from __future__ import annotations

import inspect
import threading
from html import escape
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import text

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.domain.sharing import ShareLinkInvalid
from studio.services.studio_service import Forbidden, NotSignedIn, StudioService
from studio.settings import Settings
from studio.web.auth_routes import SESSION_COOKIE, SESSION_SECONDS, add_auth_routes  # noqa: F401 (accounts)
from studio.web.lifespan import on_lifespan
from studio.web.web_guard import UPLOAD_LIMITS, GradioGuard

_MEDIA_TYPES = {".vtt": "text/vtt", ".srt": "application/x-subrip", ".mp4": "video/mp4", ".zip": "application/zip"}


def token_from(request: Request) -> str:
    """The caller's session token: the `studio_session` cookie, else a bearer token."""
    token = request.cookies.get(SESSION_COOKIE, "")
    header = request.headers.get("authorization", "")
    if not token and header.lower().startswith("bearer "):
        token = header[7:].strip()
    if token.startswith("fsk_") and not request.url.path.startswith("/media/"):
        return ""  # an API key opens /api/v1 and media downloads, not account, OAuth or Dagster routes
    return token


def _error(error: UserError) -> JSONResponse:
    status = 401 if isinstance(error, NotSignedIn) else 403 if isinstance(error, Forbidden) else 404
    return JSONResponse({"error": str(error)}, status_code=status)


def _file(path: Path, download: bool = False) -> FileResponse:
    return FileResponse(
        path,
        media_type=_MEDIA_TYPES.get(path.suffix.lower()),
        filename=path.name if download else None,
        headers={"Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


def _presigned(url: str) -> RedirectResponse:
    """Media on S3: send the browser to a presigned URL (7 days); never cached, since it names the file."""
    return RedirectResponse(url, status_code=307, headers={"Cache-Control": "private, no-store"})


def _share_page(token: str, title: str) -> str:
    base = f"/share/{escape(token)}"
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title)} · Film Studio</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
        "<body style='margin:0;background:#111;color:#eee;font-family:sans-serif;text-align:center'>"
        f"<h1 style='font-weight:400'>{escape(title)}</h1>"
        f"<video controls playsinline style='max-width:95vw;max-height:80vh' src='{base}/mp4'>"
        f"<track kind='subtitles' src='{base}/vtt' srclang='en' label='Subtitles' default></video>"
        "</body></html>"
    )


def create_app(service: StudioService, ui: bool = True) -> FastAPI:
    """The FastAPI app around `service`; with `ui`, the Gradio studio from `studio_ui.app` at "/"."""
    app = FastAPI(title="Film Studio", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.service = service

    @app.get("/healthz")
    def healthz() -> dict:
        with service.store.session() as session:  # the database answers
            session.execute(text("SELECT 1"))
        return {"ok": True}

    # Sign-in, sign-up, verification, resets, sign-out, data export and the cross-site check.
    add_auth_routes(app, service, token_from)

    @app.get("/media/{film_id}/{name}")
    def media(film_id: str, name: str, request: Request, download: bool = False) -> Response:
        """One deliverable of a film the caller may open: 401 signed out, 403 another user's, 404 unknown."""
        try:
            url = service.media_url(token_from(request), film_id, name, download)  # S3: a presigned URL
            if url:
                return _presigned(url)
            path = service.media_file(token_from(request), film_id, name)
        except UserError as error:
            return _error(error)
        return _file(path, download)

    @app.get("/share/{token}")
    def share_page(token: str) -> Response:
        try:
            film_id, _ = service.shared_file(token, "mp4")
            title = service.store.get_film(film_id).title
        except ShareLinkInvalid as error:
            return HTMLResponse(f"<p>{escape(str(error))}</p>", status_code=410)
        except (UserError, LookupError) as error:
            return HTMLResponse(f"<p>{escape(str(error))}</p>", status_code=404)
        return HTMLResponse(_share_page(token, title))

    @app.get("/share/{token}/{name}")
    def share_file(token: str, name: str) -> Response:
        try:
            url = service.shared_url(token, name)  # S3: a presigned URL
            if url:
                return _presigned(url)
            _, path = service.shared_file(token, name)
        except ShareLinkInvalid as error:
            return JSONResponse({"error": str(error)}, status_code=410)
        except UserError as error:
            return JSONResponse({"error": str(error)}, status_code=404)
        return _file(path)

    # --- Stripe billing webhook (studio/services/billing.py): the signature is checked on the raw body. ---
    @app.post("/webhooks/stripe")
    async def stripe_webhook(request: Request) -> Response:
        from fastapi.concurrency import run_in_threadpool

        from studio.services.billing import billing_of

        payload = await request.body()
        if len(payload) > 1_000_000:  # Stripe events are a few kB; refuse anything huge before parsing
            return JSONResponse({"error": "The payload is too large."}, status_code=413)
        result = await run_in_threadpool(
            billing_of(service).handle_webhook, payload, request.headers.get("stripe-signature")
        )
        return JSONResponse({"outcome": result.outcome, "message": result.message}, status_code=result.status)

    from studio.web.publish_routes import add_youtube_routes  # /oauth/youtube/start and /callback

    add_youtube_routes(app, service, token_from)
    from studio.web.plan_routes import add_plan_routes  # /plan/<film>/<file>: the pre-production documents

    add_plan_routes(app, service, token_from)
    from studio.web.api_v1 import mount_api  # the public REST API under /api/v1 (issue 13)

    mount_api(app, service)

    # Before the Gradio mount at "/", which would answer every path under it.
    if service.settings.dagster_url:
        from studio.web.dagster_proxy import add_dagster_proxy

        add_dagster_proxy(app, service.settings.dagster_url, lambda token: _role(service, token), token_from)
    if ui:
        import gradio as gr

        from studio_ui.app import build_app

        extra: dict = {}
        try:
            from studio_ui.app import launch_kwargs

            accepted = inspect.signature(gr.mount_gradio_app).parameters
            extra = {k: v for k, v in launch_kwargs().items() if k in accepted}
        except ImportError:
            pass
        # No allowed_paths: media is served only by the cookie-checked routes above.
        blocks = build_app(service)
        gr.mount_gradio_app(app, blocks, path="/", footer_links=[], max_file_size=max(UPLOAD_LIMITS.values()), **extra)
        _guard_gradio(app, service, blocks)
    return app


def _role(service: StudioService, token: str) -> str | None:
    try:
        return service.user(token).role
    except UserError:
        return None


def _tier(service: StudioService, token: str) -> str | None:
    try:
        return service.user(token).tier
    except UserError:
        return None


def _guard_gradio(app: FastAPI, service: StudioService, blocks: object) -> None:
    """Close the doors `mount_gradio_app` leaves open (studio/web/web_guard.py).

    `launch()` marks Blocks as launched, which turns on Gradio's own check that an event's files
    were uploaded (not any server path); mounting never does, so it is marked here. On top of it,
    the guard admits uploads only from signed-in sessions within their plan's size, only lets a
    session send files it uploaded itself, and answers named API calls for public functions only.
    """
    blocks.has_launched = True  # type: ignore[attr-defined]
    public = {
        fn.api_name
        for fn in blocks.fns.values()  # type: ignore[attr-defined]
        if fn.fn is not None and fn.api_visibility == "public" and fn.api_name
    }
    app.add_middleware(GradioGuard, tier_of=lambda token: _tier(service, token), public_names=lambda: public)


def _warm(service: StudioService) -> None:
    """Load the script models in the parse workers (separate processes: this one keeps serving)."""
    try:
        if service.parser is not None and hasattr(service.parser, "warm"):
            service.parser.warm()  # the parse workers load spaCy and the lexicons
        for script in service.templates().values():
            service.core.parse(script, None)
    except Exception:  # noqa: BLE001 - warming is an optimisation; the first estimate reports real errors
        pass


def _load_pipeline(service: StudioService) -> None:
    """The voice pool, the Dagster instance and the pipeline, loaded before the server answers.

    These imports hold this interpreter for seconds at a time (compiled extensions initialise
    under the GIL); done in a background thread they stalled every request, `/healthz` included,
    and done on the first click they stall that click. So they happen before serving starts.
    """
    try:
        from studio.orchestration.render_runs import DagsterRenderRuns
        from studio.orchestration.runs import render_job_origin

        service.voice_choices()  # probes which voice engines are installed
        if not isinstance(service.runs, DagsterRenderRuns):
            return  # another engine (a test's) has no Dagster instance to open
        service.runs.instance  # noqa: B018 - opens the instance
        render_job_origin()
        import dagster_project.definitions  # noqa: F401
    except Exception:  # noqa: BLE001 - the first render reports real errors
        pass


def app_from_env() -> FastAPI:
    """Factory for uvicorn (`--factory`): settings from the environment, the full studio UI."""
    from studio.services.bounded import BoundedParser

    settings = Settings.from_env()
    settings.export()  # the server process's entry point: the Dagster instance's yaml reads the environment
    service = open_studio(settings)
    # Scripts are parsed in worker processes with a time limit: a hostile script must not hold
    # this interpreter (and every other creator's request) for minutes.
    service.parser = BoundedParser()
    threading.Thread(target=_warm, args=(service,), daemon=True, name="studio-warm").start()
    _load_pipeline(service)
    app = create_app(service)
    sweeper = UploadSweeper(service)
    parser = service.parser

    def stop() -> None:
        sweeper.stop()
        parser.close()

    on_lifespan(app, sweeper.start, stop)
    return app


class UploadSweeper:
    """Every hour, delete kept uploads no film refers to (those of refused or abandoned requests)."""

    def __init__(self, service: StudioService, every_seconds: float = 3600.0) -> None:
        self.service = service
        self.every = every_seconds
        self._stop = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._run, daemon=True, name="studio-upload-sweeper").start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        from studio.services.uploads import sweep_uploads

        delay = 60.0  # the first sweep soon after start, then hourly
        while not self._stop.wait(delay):
            delay = self.every
            try:
                sweep_uploads(self.service.settings.home, self.service.store)
            except Exception:  # noqa: BLE001 - a failed sweep is retried at the next one
                pass
