"""Google's OAuth 2.0 endpoints and the YouTube Data API v3 on 127.0.0.1, as the real client drives them.

- `GET /o/oauth2/auth` (the consent page, consenting at once: 302 to redirect_uri with code and state)
  and `POST /token` (authorization_code with PKCE; refresh_token, answering `invalid_grant` once revoked);
- `GET /youtube/v3/channels?mine=true`, playlists list/insert, playlistItems insert;
- the resumable protocol: `POST /upload/youtube/v3/videos?uploadType=resumable` -> 200 with a
  `Location`; `PUT` chunks with `Content-Range: bytes a-b/total` answered 308 + `Range` until the last,
  200 with the video; `Content-Range: bytes */total` asks how much arrived;
- `POST /upload/youtube/v3/thumbnails/set?videoId=...`.

`faults` maps the ordinal of a data-carrying PUT (1-based) to "drop" (keep the first half of the
chunk, then close the connection without answering) or "503" (discard the chunk, answer 503).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

_VIDEO_UPLOADS = ("/upload/youtube/v3/videos", "/resumable/upload/youtube/v3/videos")
SCOPES = {"https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly"}


class FakeYouTube:
    def __init__(self, client_id: str = "studio-client.apps.googleusercontent.com", client_secret: str = "shh") -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.codes: dict[str, dict[str, Any]] = {}
        self.access: dict[str, float] = {}  # access token -> expiry (epoch)
        self.refresh_tokens: set[str] = set()
        self.revoked: set[str] = set()
        self.channel = {"id": "UCfilmstudio0000000000", "title": "Asha Films"}
        self.playlists: list[dict[str, Any]] = []
        self.playlist_items: list[dict[str, Any]] = []
        self.uploads: dict[str, dict[str, Any]] = {}  # upload id -> {metadata, data, total}
        self.videos: dict[str, dict[str, Any]] = {}
        self.thumbnails: dict[str, bytes] = {}
        self.faults: dict[int, str] = {}
        self.data_puts = 0
        self.log: list[str] = []
        self.token_lifetime = 3600
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeYouTube:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def revoke_all(self) -> None:
        """What the user does in their Google account's security page."""
        self.revoked |= self.refresh_tokens
        self.access.clear()

    def issue(self) -> dict[str, Any]:
        token = "ya29." + secrets.token_urlsafe(16)
        self.access[token] = time.time() + self.token_lifetime
        return {"access_token": token, "expires_in": self.token_lifetime, "token_type": "Bearer",
                "scope": " ".join(sorted(SCOPES))}  # fmt: skip


def _handler(fake: FakeYouTube) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 3  # a client that promises bytes and sends none is cut off

        def log_message(self, *_args: Any) -> None:
            pass

        def _send(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if data:
                self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, message: str, reason: str) -> None:
            self._send(
                status,
                {"error": {"code": status, "message": message, "errors": [{"reason": reason, "message": message}]}},
            )

        def _read(self, length: int) -> tuple[bytes, bool]:
            """Up to `length` body bytes; False when the client stopped sending before the end."""
            chunks, left = [], length
            try:
                while left > 0:
                    piece = self.rfile.read1(min(left, 65536))
                    if not piece:
                        return b"".join(chunks), False
                    chunks.append(piece)
                    left -= len(piece)
            except (TimeoutError, ConnectionError):
                return b"".join(chunks), False
            return b"".join(chunks), True

        def _authorised(self) -> bool:
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if fake.access.get(token, 0) > time.time():
                return True
            self._error(401, "Request had invalid authentication credentials.", "authError")
            return False

        # --- OAuth ---------------------------------------------------------------------------
        def _consent(self, query: dict[str, str]) -> None:
            if query.get("client_id") != fake.client_id or query.get("response_type") != "code":
                self._error(400, "invalid_request", "invalid_client")
                return
            if not SCOPES <= set(query.get("scope", "").split()):
                self._error(400, "missing scopes", "invalid_scope")
                return
            code = secrets.token_urlsafe(12)
            fake.codes[code] = {"redirect_uri": query["redirect_uri"], "challenge": query.get("code_challenge")}
            target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", ""),
                                                                "scope": query["scope"]})  # fmt: skip
            self._send(302, headers={"Location": target})

        def _token(self, form: dict[str, str]) -> None:
            client_id, secret = form.get("client_id"), form.get("client_secret")
            basic = self.headers.get("Authorization", "")
            if basic.startswith("Basic "):
                client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
            if (client_id, secret) != (fake.client_id, fake.client_secret):
                self._send(401, {"error": "invalid_client", "error_description": "The OAuth client was not found."})
                return
            if form.get("grant_type") == "authorization_code":
                grant = fake.codes.pop(form.get("code", ""), None)
                verifier = form.get("code_verifier", "")
                challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                if grant is None or grant["redirect_uri"] != form.get("redirect_uri") or (
                        grant["challenge"] and grant["challenge"] != challenge):  # fmt: skip
                    self._send(400, {"error": "invalid_grant", "error_description": "Bad Request"})
                    return
                refresh = "1//" + secrets.token_urlsafe(24)
                fake.refresh_tokens.add(refresh)
                self._send(200, {**fake.issue(), "refresh_token": refresh})
            elif form.get("grant_type") == "refresh_token":
                refresh = form.get("refresh_token", "")
                if refresh not in fake.refresh_tokens or refresh in fake.revoked:
                    self._send(
                        400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
                    )
                    return
                self._send(200, fake.issue())
            else:
                self._send(400, {"error": "unsupported_grant_type"})

        # --- uploads -------------------------------------------------------------------------
        def _start_upload(self, body: bytes) -> None:
            upload_id = secrets.token_urlsafe(10)
            total = self.headers.get("X-Upload-Content-Length")
            fake.uploads[upload_id] = {"metadata": json.loads(body or b"{}"), "data": bytearray(),
                                       "total": int(total) if total else None}  # fmt: skip
            location = f"{fake.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id={upload_id}"
            self._send(200, headers={"Location": location})

        def _put_chunk(self, upload_id: str) -> None:
            upload = fake.uploads.get(upload_id)
            if upload is None:
                self._error(404, "upload not found", "notFound")
                return
            received = len(upload["data"])
            spec = self.headers.get("Content-Range", "").removeprefix("bytes ")
            length = int(self.headers.get("Content-Length") or 0)
            span, _, total = spec.partition("/")
            if span == "*":  # where are we?
                self._read(length)
                fake.log.append(f"query {received}")
                headers = {"Range": f"bytes=0-{received - 1}"} if received else {}
                self._send(308, headers=headers)
                return
            first = int(span.split("-")[0])
            fake.data_puts += 1
            fault = fake.faults.get(fake.data_puts)
            if fault == "drop":
                data, _ = self._read(length // 2)
                if first <= received:
                    upload["data"] += data[received - first :]
                fake.log.append(f"drop at {len(upload['data'])}")
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            data, complete = self._read(length)
            if fault == "503":
                fake.log.append(f"503 at {received}")
                self._error(503, "Backend Error", "backendError")
                return
            if first > received:
                self._error(400, f"chunk starts at {first}, server holds {received}", "badContent")
                return
            upload["data"] += data[received - first :]
            if not complete:
                fake.log.append(f"short at {len(upload['data'])}")
                self.close_connection = True
                return
            fake.log.append(f"chunk {first}-{len(upload['data']) - 1}")
            if total != "*" and len(upload["data"]) >= int(total):
                self._finish(upload)
            else:
                self._send(308, headers={"Range": f"bytes=0-{len(upload['data']) - 1}"})

        def _finish(self, upload: dict[str, Any]) -> None:
            video_id = secrets.token_urlsafe(8)[:11]
            meta = upload["metadata"]
            status = {**meta.get("status", {}), "uploadStatus": "uploaded"}
            video = {"kind": "youtube#video", "id": video_id, "snippet": {**meta.get("snippet", {}),
                     "channelId": fake.channel["id"]}, "status": status}  # fmt: skip
            fake.videos[video_id] = {**video, "bytes": bytes(upload["data"])}
            self._send(200, video)

        # --- routing -------------------------------------------------------------------------
        def _route(self, method: str) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if method == "GET" and url.path == "/o/oauth2/auth":
                self._consent(query)
                return
            if method == "POST" and url.path == "/token":
                body, _ = self._read(int(self.headers.get("Content-Length") or 0))
                self._token({k: v[0] for k, v in parse_qs(body.decode()).items()})
                return
            if method == "PUT" and url.path in _VIDEO_UPLOADS:
                self._put_chunk(query.get("upload_id", ""))  # the session URL is the credential, as on Google
                return
            body, _ = self._read(int(self.headers.get("Content-Length") or 0))
            if not self._authorised():
                return
            if method == "POST" and url.path in _VIDEO_UPLOADS and query.get("uploadType") == "resumable":
                self._start_upload(body)
            elif method == "GET" and url.path == "/youtube/v3/channels" and query.get("mine") == "true":
                self._send(200, {"kind": "youtube#channelListResponse", "items": [
                    {"kind": "youtube#channel", "id": fake.channel["id"], "snippet": {"title": fake.channel["title"]}}]})  # fmt: skip
            elif method == "GET" and url.path == "/youtube/v3/playlists":
                self._send(200, {"items": fake.playlists})
            elif method == "POST" and url.path == "/youtube/v3/playlists":
                playlist = {"kind": "youtube#playlist", "id": "PL" + secrets.token_hex(8), **json.loads(body)}
                fake.playlists.append(playlist)
                self._send(200, playlist)
            elif method == "POST" and url.path == "/youtube/v3/playlistItems":
                item = {"kind": "youtube#playlistItem", "id": secrets.token_hex(8), **json.loads(body)}
                fake.playlist_items.append(item)
                self._send(200, item)
            elif method == "POST" and url.path == "/upload/youtube/v3/thumbnails/set":
                if query.get("videoId") not in fake.videos:
                    self._error(404, "video not found", "videoNotFound")
                    return
                fake.thumbnails[query["videoId"]] = body
                self._send(200, {"kind": "youtube#thumbnailSetResponse", "items": [{"default": {"width": 120}}]})
            else:
                self._error(404, f"no route {method} {url.path}", "notFound")

        def do_GET(self) -> None:  # noqa: N802
            self._route("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._route("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._route("PUT")

    return Handler
