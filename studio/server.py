"""The studio's web server: FastAPI with the Gradio studio mounted at "/".

FastAPI owns the routes that are not pages, so later integrations (payment webhooks, OAuth
callbacks) can add theirs: `/healthz`, cookie-checked `/media/<film>/<file>` downloads,
`/share/<token>` pages that play a film until the link expires, and `/auth/*` for API clients.
The session token travels in the `studio_session` cookie (set HttpOnly by `/auth/sign-in`) or an
`Authorization: Bearer` header; media of another user's film is refused with 403.

Run it with `studio up`, or `uvicorn studio.server:app_from_env --factory`.
"""

from __future__ import annotations

import inspect
import threading
from html import escape
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from sqlalchemy import text

from studio.errors import UserError
from studio.service import Forbidden, NotSignedIn, StudioService
from studio.settings import Settings
from studio.sharing import ShareLinkInvalid
from studio.auth_routes import SESSION_COOKIE, SESSION_SECONDS, add_auth_routes  # noqa: F401 (accounts)

_MEDIA_TYPES = {".vtt": "text/vtt", ".srt": "application/x-subrip", ".mp4": "video/mp4", ".zip": "application/zip"}


def token_from(request: Request) -> str:
    """The caller's session token: the `studio_session` cookie, else a bearer token."""
    token = request.cookies.get(SESSION_COOKIE, "")
    header = request.headers.get("authorization", "")
    if not token and header.lower().startswith("bearer "):
        token = header[7:].strip()
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
            _, path = service.shared_file(token, name)
        except ShareLinkInvalid as error:
            return JSONResponse({"error": str(error)}, status_code=410)
        except UserError as error:
            return JSONResponse({"error": str(error)}, status_code=404)
        return _file(path)

    # --- Stripe billing webhook (studio/billing.py): the signature is checked on the raw body. ---
    @app.post("/webhooks/stripe")
    async def stripe_webhook(request: Request) -> Response:
        from fastapi.concurrency import run_in_threadpool

        from studio.billing import billing_of

        payload = await request.body()
        if len(payload) > 1_000_000:  # Stripe events are a few kB; refuse anything huge before parsing
            return JSONResponse({"error": "The payload is too large."}, status_code=413)
        result = await run_in_threadpool(billing_of(service).handle_webhook, payload,
                                         request.headers.get("stripe-signature"))
        return JSONResponse({"outcome": result.outcome, "message": result.message}, status_code=result.status)
    from studio.publish_routes import add_youtube_routes  # /oauth/youtube/start and /callback

    add_youtube_routes(app, service, token_from)

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
        gr.mount_gradio_app(app, build_app(service), path="/", footer_links=[], **extra)
    return app


def _warm(service: StudioService) -> None:
    """Load the script models, the voice pool, the Dagster instance and the pipeline before the
    first estimate or click on Render, so no creator waits for imports."""
    try:
        from studio.runs import render_job_origin
        from studio.validation import preflight

        for script in service.templates().values():  # spaCy and the sentiment lexicon
            preflight(script, None)
        service.voice_choices()  # probes which voice engines are installed
        service.instance  # noqa: B018 - opens the instance
        render_job_origin()
        import dagster_project.definitions  # noqa: F401
    except Exception:  # noqa: BLE001 - warming is an optimisation; the first render reports real errors
        pass


def app_from_env() -> FastAPI:
    """Factory for uvicorn (`--factory`): settings from the environment, the full studio UI."""
    service = StudioService(Settings.from_env())
    threading.Thread(target=_warm, args=(service,), daemon=True, name="studio-warm").start()
    return create_app(service)
