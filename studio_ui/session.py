"""Who is asking, and how a page shows what went wrong.

The session token lives in the `studio_session` cookie. Every Gradio event reads it from the
request (the browser sends the cookie with each queue call), and the FastAPI media routes read
the same cookie, so one sign-in authorizes both the pages and the downloads. Handlers never keep
a token in server memory: there is no global mutable state to leak between users.
"""

from __future__ import annotations

import logging
import uuid
from html import escape

import gradio as gr

from studio.domain.errors import UserError
from studio.services.studio_service import NotSignedIn, Suspended

COOKIE = "studio_session"
log = logging.getLogger(__name__)

# The session cookie is HttpOnly: only the server's /auth routes set or clear it (studio/web/auth_routes.py).
# These browser functions post the page's fields to those routes and go home on success; no
# token ever reaches page JavaScript or Gradio's event outputs.
_POST = """
  const post = async (path, fields) => {
    const response = await fetch(path, {method: "POST", credentials: "same-origin",
                                        body: new URLSearchParams(fields)});
    const body = await response.json().catch(() => ({error: "The server did not answer; try again."}));
    return [response.ok, body];
  };
  const home = () => { window.location.href = window.location.pathname.replace(/[^/]*$/, ""); };
"""
SIGN_IN_JS = (
    "async (email, password) => {"
    + _POST
    + """
  const [ok, body] = await post("/auth/sign-in", {email, password});
  if (ok && body.second_factor) { return ["⚠ " + body.message, body.challenge]; }
  if (ok) { home(); return ["✓ Signed in.", ""]; }
  return ["⚠ " + (body.error || "Sign-in failed."), ""];
}"""
)
SIGN_IN_CODE_JS = (
    "async (challenge, code) => {"
    + _POST
    + """
  if (!challenge) { return "⚠ Sign in with your email and password first."; }
  const [ok, body] = await post("/auth/sign-in/code", {challenge, code});
  if (ok) { home(); return "✓ Signed in."; }
  return "⚠ " + (body.error || "Sign-in failed.");
}"""
)
SIGN_UP_JS = (
    "async (name, email, password) => {"
    + _POST
    + """
  const [ok, body] = await post("/auth/sign-up", {name, email, password});
  if (ok && body.verify) { return "✓ " + body.message; }
  if (ok) { home(); return "✓ Account created."; }
  return "⚠ " + (body.error || "Sign-up failed.");
}"""
)
EMAIL_ACTION_JS = (
    "async (email) => {"
    + _POST
    + """
  const [ok, body] = await post("%s", {email});
  return (ok ? "✓ " + body.message : "⚠ " + (body.error || "Try again."));
}"""
)
SIGN_OUT_JS = (
    "async () => {"
    + _POST
    + """
  await post("/auth/sign-out", {});
  window.location.href = window.location.pathname;
}"""
)
# Reads ?film=<id> from the page URL (a load event's request is the queue call, not the page).
FILM_FROM_URL_JS = "() => new URLSearchParams(window.location.search).get('film') || ''"


def token_of(request: gr.Request | None) -> str:
    """The caller's session token from the cookie ('' when signed out)."""
    if request is None:
        return ""
    cookies = getattr(request, "cookies", None) or {}
    return str(cookies.get(COOKIE) or "")


def new_request_key() -> str:
    """A fresh idempotency key: one per render click-session, so a double click charges once."""
    return uuid.uuid4().hex


def _plain(error: Exception) -> str:
    """The message a person should read for `error` (unexpected errors are logged, not shown)."""
    if isinstance(error, NotSignedIn):
        return str(error) or "Please sign in."
    if isinstance(error, (UserError, ValueError, LookupError)):
        return str(error)
    log.exception("studio page handler failed", exc_info=error)
    return "Something went wrong on our side. Please try again in a moment."


def _markdown(error: Exception, plain: str) -> str:
    message = f"⚠ {escape(plain)}"
    # Signing in again cannot help a suspended account: no link for them.
    signed_out = isinstance(error, NotSignedIn) and not isinstance(error, Suspended)
    return f"{message} [Sign in](/account)" if signed_out else message


def problem(error: Exception) -> str:
    """A one-line Markdown message for any error a handler caught; never a traceback."""
    return _markdown(error, _plain(error))


def warn(error: Exception) -> str:
    """Show the error as a toast too, and return the Markdown for the page's status line."""
    plain = _plain(error)
    gr.Warning(plain)
    return _markdown(error, plain)


def ok(message: str) -> str:
    return f"✓ {escape(message)}"


def link(path: str, film_id: str, text: str) -> str:
    """A Markdown link to another page of the studio about one film."""
    return f"[{text}]({path}?film={film_id})"
