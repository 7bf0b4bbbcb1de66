"""Share links: an HMAC-signed film id with an expiry, verified without any database lookup."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from studio.domain.errors import UserError

MAX_SHARE_HOURS = 24 * 30


class ShareLinkInvalid(UserError):
    """The share link was altered, or it expired."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret: str, film_id: str, hours: float, now: float | None = None) -> str:
    """A URL-safe token that opens `film_id` for `hours`."""
    if not isinstance(hours, (int, float)) or not 0 < hours <= MAX_SHARE_HOURS:
        raise UserError(f"A share link lasts between a few minutes and {MAX_SHARE_HOURS // 24} days.")
    expires = int((now if now is not None else time.time()) + hours * 3600)
    payload = f"{film_id}.{expires}".encode()
    mac = hmac.new(secret.encode(), payload, hashlib.sha256).digest()[:18]
    return f"{_b64(payload)}.{_b64(mac)}"


def verify(secret: str, token: str, now: float | None = None) -> str:
    """The film id inside a valid, unexpired token; ShareLinkInvalid otherwise."""
    try:
        body, mac = token.split(".")
        payload = _unb64(body)
        expected = hmac.new(secret.encode(), payload, hashlib.sha256).digest()[:18]
        if not hmac.compare_digest(expected, _unb64(mac)):
            raise ValueError("bad signature")
        film_id, expires = payload.decode().rsplit(".", 1)
    except (ValueError, UnicodeDecodeError):
        raise ShareLinkInvalid("This share link is not valid.") from None
    if int(expires) < (now if now is not None else time.time()):
        raise ShareLinkInvalid("This share link has expired; ask the film's owner for a new one.")
    return film_id
