"""The YouTube OAuth routes of the FastAPI server: `/oauth/youtube/start` sends a signed-in user to
Google's consent page; `/oauth/youtube/callback` checks `state` and stores the channel and tokens."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from studio.domain.errors import UserError
from studio.services import publishing


def _page(message: str, status: int) -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><html><head><meta charset='utf-8'><title>YouTube · Film Studio</title></head>"
        f"<body style='font-family:sans-serif;margin:3em'><p id='youtube-result'>{escape(message)}</p>"
        "<p><a href='/'>Back to the studio</a></p></body></html>",
        status_code=status,
    )


def add_youtube_routes(app: FastAPI, service, token_from: Callable[[Request], str]) -> None:  # noqa: ANN001
    def redirect_uri(request: Request) -> str:
        return str(request.url_for("youtube_callback"))

    @app.get("/oauth/youtube/start")
    def youtube_start(request: Request) -> Response:
        try:
            user = service.user(token_from(request))
        except UserError as error:
            return _page(str(error), 401)
        try:
            url = publishing.start_connect(service.store, service.settings, user.id, redirect_uri(request))
        except publishing.NotConfigured as error:
            return _page(str(error), 503)
        return RedirectResponse(url, status_code=303)

    @app.get("/oauth/youtube/callback", name="youtube_callback")
    def youtube_callback(request: Request, state: str = "", code: str = "", error: str = "") -> Response:
        try:
            user = service.user(token_from(request))
        except UserError as failure:
            return _page(str(failure), 401)
        try:
            result = publishing.finish_connect(service.store, service.settings, state, code, redirect_uri(request),
                                               error or None, expected_user_id=user.id)  # fmt: skip
        except publishing.NotConfigured as failure:
            return _page(str(failure), 503)
        except UserError as failure:
            return _page(str(failure), 400)
        return _page(
            f"YouTube connected: {result.channel_title}. You can publish finished films from the Watch page.", 200
        )
