"""The doors around the mounted Gradio app, checked before Gradio sees a request.

Gradio mounted with `gr.mount_gradio_app` trusts its caller more than a public studio can:

- `/gradio_api/upload` stores any file from anyone; here it needs a signed-in session, a
  `Content-Length` and a body within the caller's plan's limit, and every path Gradio hands back
  is remembered as belonging to that session.
- A `FileData` in an event's payload names a server path the handler then reads; here every
  object with a `path` in any JSON body sent to `/gradio_api/*` must be a file this session
  uploaded. The refusal is the same whether the path exists or not (no existence oracle).
- `/gradio_api/file=<path>` serves any file in Gradio's cache to whoever knows its content-hashed
  path; here a file is served only to the session that uploaded it or was sent it as an output
  (paths in the JSON and event-stream answers of `/gradio_api/*` are remembered per session), and
  every other path gets the same 404 whether it exists or not. URL proxying is refused.
- Functions hidden with `api_visibility="private"` still answer on `/gradio_api/call/<name>`;
  here the named routes (`call`, `call/v2`, `run`, `api`) answer only for the app's public
  functions. The browser reaches every page action through the queue by function index, and
  each handler checks the session itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import anyio

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SESSION_COOKIE = "studio_session"
MiB = 1024 * 1024
# Largest upload body per plan: one music file (50 MB) or a set of reference images (10 MB each),
# with room for the multipart envelope.
UPLOAD_LIMITS = {"free": 52 * MiB, "pro": 110 * MiB, "enterprise": 220 * MiB}
MAX_EVENT_BODY = 2 * MiB  # event payloads: a 200 KB script JSON-escaped, with room to spare
UPLOAD_TTL_SECONDS = 12 * 3600
_NAMED_API = re.compile(r"^/gradio_api/(?:call/v2|call|run|api)/([^/]+)(?:/[^/]+)?$")
# The browser posts events that are not queued to /run/predict with a function index.
_BROWSER_NAMES = frozenset({"predict"})
_FILE_ROUTE = re.compile(r"^/gradio_api/(?:file=|file/|proxy=)(.*)$", re.DOTALL)
MAX_SCANNED_ANSWER = 8 * MiB  # answers larger than this are passed on without looking for file paths


def session_token(headers: list[tuple[bytes, bytes]]) -> str:
    """The caller's session token from the `studio_session` cookie, else an `Authorization: Bearer`."""
    cookie_token, bearer = "", ""
    for name, value in headers:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, val = part.strip().partition("=")
                if key == SESSION_COOKIE and val:
                    cookie_token = val
        elif name == b"authorization":
            text = value.decode("latin-1")
            if text.lower().startswith("bearer "):
                bearer = text[7:].strip()
    return cookie_token or bearer


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _normal(path: str) -> str:
    """Compare paths as text only: resolving links would touch the disk and leak existence."""
    return os.path.normpath(os.path.join(os.sep, path)) if not os.path.isabs(path) else os.path.normpath(path)


class UploadRegistry:
    """Which Gradio upload paths each session (by the hash of its token) uploaded, for a while."""

    def __init__(self, ttl_seconds: float = UPLOAD_TTL_SECONDS) -> None:
        self._ttl = ttl_seconds
        self._lock = threading.Lock()
        self._by_session: dict[str, dict[str, float]] = {}

    def add(self, token: str, paths: list[str]) -> None:
        expires = time.monotonic() + self._ttl
        with self._lock:
            self._expire()
            owned = self._by_session.setdefault(_digest(token), {})
            for path in paths:
                owned[_normal(path)] = expires

    def owns(self, token: str, path: str) -> bool:
        if not token:
            return False
        with self._lock:
            expires = self._by_session.get(_digest(token), {}).get(_normal(path))
        return expires is not None and expires > time.monotonic()

    def _expire(self) -> None:
        now = time.monotonic()
        for key in list(self._by_session):
            live = {p: t for p, t in self._by_session[key].items() if t > now}
            if live:
                self._by_session[key] = live
            else:
                del self._by_session[key]


def file_paths(value: Any) -> Iterator[str]:
    """Every `path` string of every object in a JSON value (FileData with or without its meta)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            path = item.get("path")
            if path is not None:
                yield path if isinstance(path, str) else repr(path)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


async def _json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class GradioGuard:
    """ASGI middleware in front of the whole app; only `/gradio_api/*` requests are looked at.

    `tier_of(token)` returns the signed-in user's plan name, or None for no valid session;
    `public_names()` the api names of the functions the app publishes.
    """

    def __init__(
        self,
        app: ASGIApp,
        tier_of: Callable[[str], str | None],
        public_names: Callable[[], set[str]],
        registry: UploadRegistry | None = None,
    ) -> None:
        self.app = app
        self.tier_of = tier_of
        self.public_names = public_names
        self.registry = registry or UploadRegistry()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path") or "")
        if scope["type"] != "http" or not path.startswith("/gradio_api/"):
            await self.app(scope, receive, send)
            return
        path = path.rstrip("/")
        method = scope.get("method", "GET")
        named = _NAMED_API.match(path)
        if named and named.group(1) not in self.public_names() | _BROWSER_NAMES:
            await _json(send, 404, {"error": "No such function."})
            return
        token = session_token(scope.get("headers") or [])
        served = _FILE_ROUTE.match(str(scope.get("path") or ""))
        if served is not None:
            if method in ("GET", "HEAD") and self.registry.owns(token, served.group(1)):
                await self.app(scope, receive, send)
            else:
                await _json(send, 404, {"detail": "Not Found"})
            return
        if method == "POST" and path == "/gradio_api/upload":
            await self._upload(scope, receive, send)
            return
        tapped = _OutputTap(send, lambda paths: self.registry.add(token, paths)) if token else send
        if method in ("POST", "PUT", "PATCH"):
            await self._event(scope, receive, tapped)
            return
        await self.app(scope, receive, tapped)

    async def _upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = session_token(scope.get("headers") or [])
        tier = await anyio.to_thread.run_sync(self.tier_of, token) if token else None
        if tier is None:
            await _json(send, 401, {"error": "Please sign in to upload files."})
            return
        limit = UPLOAD_LIMITS.get(tier, UPLOAD_LIMITS["free"])
        length = next((v for k, v in scope.get("headers") or [] if k == b"content-length"), None)
        if length is None or not length.isdigit():
            await _json(send, 411, {"error": "Uploads need a Content-Length."})
            return
        if int(length) > limit:
            await _json(send, 413, {"error": f"Uploads on the {tier} plan may be at most {limit // MiB} MB."})
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:  # a body longer than it said: stop reading it
                raise anyio.EndOfStream
            return message

        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            if start.get("status") == 200:
                try:
                    paths = [p for p in json.loads(body) if isinstance(p, str)]
                except (ValueError, TypeError):
                    paths = []
                self.registry.add(token, paths)
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, counted, capture)

    async def _event(self, scope: Scope, receive: Receive, send: Send) -> None:
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_EVENT_BODY:
                await _json(send, 413, {"error": "This request is too large."})
                return
            chunks.append(chunk)
            more = bool(message.get("more_body"))
        body = b"".join(chunks)
        try:
            payload = json.loads(body) if body else None
        except ValueError:
            payload = None  # not JSON: Gradio refuses it itself
        if payload is not None:
            token = session_token(scope.get("headers") or [])
            for path in file_paths(payload):
                if not self.registry.owns(token, path):
                    await _json(send, 403, {"error": "Files must be uploaded from this session first."})
                    return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class _OutputTap:
    """Passes an answer on unchanged while collecting the file paths in it, so the session it was
    sent to may fetch those files from `/gradio_api/file=` afterwards.

    JSON answers are read whole; event streams (`/gradio_api/queue/data`) line by line, each
    `data:` line being one JSON message.
    """

    def __init__(self, send: Send, remember: Callable[[list[str]], None]) -> None:
        self.send = send
        self.remember = remember
        self.kind = ""
        self.buffer = b""
        self.scanned = 0

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            content_type = next((v for k, v in message.get("headers") or [] if k == b"content-type"), b"")
            self.kind = "stream" if b"event-stream" in content_type else "json" if b"json" in content_type else ""
        elif message["type"] == "http.response.body" and self.kind:
            self._take(message.get("body", b""), final=not message.get("more_body"))
        await self.send(message)

    def _take(self, chunk: bytes, final: bool) -> None:
        self.scanned += len(chunk)
        if self.scanned > MAX_SCANNED_ANSWER:
            self.kind, self.buffer = "", b""
            return
        self.buffer += chunk
        if self.kind == "stream":
            *lines, self.buffer = self.buffer.split(b"\n")
            self._scan([line[5:] for line in lines if line.startswith(b"data:")])
        elif final:
            self._scan([self.buffer])
            self.buffer = b""

    def _scan(self, documents: list[bytes]) -> None:
        paths: list[str] = []
        for document in documents:
            if b'"path"' not in document:
                continue
            try:
                paths.extend(file_paths(json.loads(document)))
            except ValueError:
                continue
        if paths:
            self.remember(paths)
