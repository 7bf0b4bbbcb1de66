"""The FastAPI routes that sign people in and out, and the cross-site request check.

The session cookie is set here, by the server, `HttpOnly; SameSite=Strict; Path=/` (plus `Secure`
when STUDIO_COOKIE_SECURE or an https STUDIO_PUBLIC_URL says so), living exactly as long as the
session row. No page script can read it. Every state-changing request (any method but GET, HEAD,
OPTIONS) that carries an `Origin` (or, failing that, a `Referer`) from another site is refused
with 403 before it reaches a route, Gradio's included: SameSite=Strict already keeps the cookie
off cross-site requests, and the origin check also stops sign-in CSRF, which needs no cookie.

Routes (forms or JSON answers):
  POST /auth/sign-in         email, password       -> cookie, or {"second_factor": true, "challenge"}
  POST /auth/sign-in/code    challenge, code       -> cookie
  POST /auth/sign-up         name, email, password -> the same message for new and taken emails
  POST /auth/resend          email                 -> a new confirmation link (same answer for all)
  GET  /auth/verify?token=                         -> confirms, grants free credits, signs in, redirect
  POST /auth/forgot          email                 -> reset link by email (same answer for all)
  GET  /auth/reset?token=    a form;  POST /auth/reset token, password -> new password, all sessions end
  POST /auth/sign-out
  GET  /me/export                                  -> "download my data" zip
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fastapi import FastAPI, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from studio.domain.errors import UserError
from studio.services import accounts

if TYPE_CHECKING:
    from studio.services.studio_service import StudioService

log = logging.getLogger(__name__)
SESSION_COOKIE = "studio_session"
DEVICE_COOKIE = "studio_device"  # proves this browser signed in before (see accounts.device_token)
SESSION_SECONDS = int(accounts.SESSION_HOURS * 3600)  # the cookie dies with the session row
DEVICE_SECONDS = 180 * 86400
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def client_of(request: Request) -> str:
    """The caller's address for the per-client limit (the direct peer: proxies must pass it through
    uvicorn's --proxy-headers, which rewrites request.client, rather than a header we would trust)."""
    return request.client.host if request.client else ""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def allowed_origins(request: Request, public_url: str) -> set[str]:
    host = request.headers.get("host", "")
    origins = {f"http://{host}".lower(), f"https://{host}".lower()}
    if public_url:
        origins.add(_origin(public_url))
    return origins


def add_csrf_check(app: FastAPI, public_url: str) -> None:
    @app.middleware("http")
    async def same_origin_only(request: Request, call_next):  # type: ignore[no-untyped-def]
        if request.method not in SAFE_METHODS:
            claimed = request.headers.get("origin") or _origin(request.headers.get("referer", ""))
            if claimed and claimed.lower() != "null" and claimed.lower() not in allowed_origins(request, public_url):
                return JSONResponse({"error": "Cross-site request refused."}, status_code=403)
            if claimed.lower() == "null":  # sandboxed frames and privacy redirects: never trusted
                return JSONResponse({"error": "Cross-site request refused."}, status_code=403)
        return await call_next(request)


def set_session_cookie(response: Response, token: str, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE, token, max_age=SESSION_SECONDS, path="/", httponly=True, samesite="strict", secure=secure
    )


def add_auth_routes(app: FastAPI, service: StudioService, token_from: Callable[[Request], str]) -> None:
    """Register the routes above on `app` for `service` (a StudioService)."""
    from studio.services.account_service import TwoFactorRequired
    from studio.services.account_tokens import TokenInvalid

    settings = service.settings
    secure = settings.cookie_secure
    add_csrf_check(app, settings.public_url)

    def signed_in(token: str, status: int = 200, body: dict | None = None) -> Response:
        response = JSONResponse(body or {"ok": True}, status_code=status)
        set_session_cookie(response, token, secure)
        try:
            response.set_cookie(
                DEVICE_COOKIE,
                service.device_cookie(token),
                max_age=DEVICE_SECONDS,
                path="/auth",
                httponly=True,
                samesite="strict",
                secure=secure,
            )
        except UserError:
            pass
        return response

    def refused(error: Exception, status: int = 401) -> Response:
        return JSONResponse({"error": str(error)}, status_code=status)

    @app.post("/auth/sign-in")
    def sign_in(request: Request, email: str = Form(""), password: str = Form("")) -> Response:
        try:
            token = service.sign_in(
                email,
                password,
                client_of(request),
                request.cookies.get(DEVICE_COOKIE, ""),
            )
        except TwoFactorRequired as step:
            return JSONResponse({"second_factor": True, "challenge": step.challenge, "message": str(step)})
        except accounts.SignInLocked as error:
            return refused(error, 429)
        except UserError as error:
            return refused(error)
        return signed_in(token)

    @app.post("/auth/sign-in/code")
    def sign_in_code(request: Request, challenge: str = Form(""), code: str = Form("")) -> Response:
        try:
            token = service.sign_in_second_factor(challenge, code, client_of(request))
        except UserError as error:
            return refused(error)
        return signed_in(token)

    @app.post("/auth/sign-up")
    def sign_up(request: Request, name: str = Form(""), email: str = Form(""), password: str = Form("")) -> Response:
        # A client locked for wrong passwords, or past its sign-ups for the window, waits.
        with service.store.session() as session:
            try:
                accounts.check_signup_allowed(session, client_of(request))
            except accounts.SignInLocked as error:
                return refused(error, 429)
        try:
            result = service.register(email, password, name)
        except UserError as error:
            return refused(error, 400)
        with service.store.session() as session:
            accounts.count_signup(session, client_of(request))
        if result.token:
            return signed_in(result.token, body={"ok": True, "message": result.message})
        return JSONResponse({"ok": True, "message": result.message, "verify": True})

    @app.post("/auth/resend")
    def resend(email: str = Form("")) -> Response:
        return JSONResponse({"ok": True, "message": service.resend_verification(email)})

    @app.get("/auth/verify")
    def verify(token: str = "") -> Response:
        try:
            session_token = service.verify_email(token)
        except TokenInvalid as error:
            return HTMLResponse(f"<p>{escape(str(error))}</p><p><a href='/account'>Account</a></p>", status_code=410)
        response = RedirectResponse("/", status_code=303)
        set_session_cookie(response, session_token, secure)
        return response

    @app.post("/auth/forgot")
    def forgot(email: str = Form("")) -> Response:
        try:
            return JSONResponse({"ok": True, "message": service.request_password_reset(email)})
        except UserError as error:
            return refused(error, 503)

    @app.get("/auth/reset")
    def reset_form(token: str = "") -> Response:
        from studio.services.account_tokens import peek

        try:
            with service.store.session() as session:
                peek(session, token, "reset")
        except TokenInvalid as error:
            return HTMLResponse(f"<p>{escape(str(error))}</p>", status_code=410)
        return HTMLResponse(
            "<!doctype html><meta charset='utf-8'><title>New password · Film Studio</title>"
            "<form method='post' action='/auth/reset' style='font-family:sans-serif;max-width:24em;margin:3em auto'>"
            "<h1>Choose a new password</h1>"
            f"<input type='hidden' name='token' value='{escape(token)}'>"
            "<label>New password (at least 8 characters)<br><input type='password' name='password' "
            "autocomplete='new-password' required minlength='8'></label><br><br>"
            "<button type='submit'>Save password</button></form>",
            headers={"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"},
        )

    @app.post("/auth/reset")
    def reset(token: str = Form(""), password: str = Form("")) -> Response:
        try:
            service.reset_password(token, password)
        except UserError as error:
            return HTMLResponse(f"<p>{escape(str(error))}</p>", status_code=400)
        return HTMLResponse(
            "<p>Your password is changed; every session was signed out. <a href='/account'>Sign in</a></p>"
        )

    @app.post("/auth/sign-out")
    def sign_out(request: Request) -> Response:
        service.sign_out(token_from(request))
        response = JSONResponse({"ok": True})
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=secure)
        return response

    @app.get("/me/export")
    def export(request: Request) -> Response:
        try:
            path = service.export_my_data(token_from(request))
        except UserError as error:
            return refused(error)
        return FileResponse(
            path,
            media_type="application/zip",
            filename="film-studio-my-data.zip",
            headers={"Cache-Control": "no-store"},
        )
