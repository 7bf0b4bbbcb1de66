"""YouTube through google-api-python-client: OAuth 2.0 code flow, token refresh, resumable upload,
thumbnail, playlists.

The client is built from the discovery document that ships inside google-api-python-client, with
its `rootUrl` set from settings (Google's by default, a local server in tests), so every URL the
library makes — uploads included — goes where the settings say.

Resumable uploads are driven chunk by chunk with `next_chunk(num_retries=0)` and a short HTTP
timeout: after a dropped connection, a timeout or a 5xx the library asks the server how many bytes
it holds (`Content-Range: bytes */total`) and goes on from there. The library's own retry loop is
not used because after an error it can re-send an already-read chunk with an empty body and hang.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCOPES = [
    "https://www.googleapis.com/auth/youtube.upload",
    "https://www.googleapis.com/auth/youtube.readonly",
]
RETRYABLE_STATUS = {408, 429, 500, 502, 503, 504}
FILM_AND_ANIMATION = "1"  # YouTube's video category id

log = logging.getLogger("integrations.youtube")


class YouTubeError(RuntimeError):
    """YouTube or Google's sign-in refused or failed; the message says what to do."""


class TokenRevoked(YouTubeError):
    """The refresh token no longer works (revoked or expired): the user must connect YouTube again."""


class UploadFailed(YouTubeError):
    """The upload gave up after too many failures or was refused."""


@dataclass(frozen=True)
class YouTubeConfig:
    client_id: str
    client_secret: str
    auth_uri: str
    token_uri: str
    api_base: str  # the discovery document's rootUrl
    timeout: float = 30.0  # seconds per HTTP request: a stalled chunk is retried, not waited on forever
    chunk_size: int = 8 * 1024 * 1024  # a multiple of 256 KiB, as YouTube requires
    max_failures: int = 8  # consecutive failed requests before an upload gives up
    backoff_seconds: float = 1.0  # first wait after a failure; doubles each time, at most 30 s


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    refresh_token: str | None
    expiry: datetime | None  # aware UTC
    scopes: list[str]


def _aware(moment: datetime | None) -> datetime | None:
    # google-auth keeps expiry as a naive UTC datetime.
    return None if moment is None else (moment if moment.tzinfo else moment.replace(tzinfo=UTC))


# ----- OAuth ---------------------------------------------------------------------------------
def _flow(config: YouTubeConfig, redirect_uri: str, code_verifier: str | None = None) -> Any:
    from google_auth_oauthlib.flow import Flow

    client = {"web": {"client_id": config.client_id, "client_secret": config.client_secret,
                      "auth_uri": config.auth_uri, "token_uri": config.token_uri, "redirect_uris": [redirect_uri]}}  # fmt: skip
    return Flow.from_client_config(client, scopes=SCOPES, redirect_uri=redirect_uri, code_verifier=code_verifier)


def authorization_url(config: YouTubeConfig, redirect_uri: str, state: str) -> tuple[str, str]:
    """The consent page URL (offline access: a refresh token comes back) and the PKCE code verifier."""
    flow = _flow(config, redirect_uri)
    url, _ = flow.authorization_url(access_type="offline", prompt="consent", state=state)
    return url, flow.code_verifier


def exchange_code(config: YouTubeConfig, redirect_uri: str, code: str, code_verifier: str | None) -> TokenSet:
    """Trade the callback's authorisation code for tokens."""
    from oauthlib.oauth2.rfc6749.errors import OAuth2Error
    from requests import RequestException

    flow = _flow(config, redirect_uri, code_verifier)
    try:
        flow.fetch_token(code=code)
    except OAuth2Error as error:
        raise YouTubeError(f"Google refused the authorisation ({error.error}); please connect again.") from error
    except RequestException as error:
        raise YouTubeError(f"Google's sign-in could not be reached ({type(error).__name__}).") from error
    credentials = flow.credentials
    if not credentials.refresh_token:
        raise YouTubeError(
            "Google gave no refresh token; remove the app's access in your Google account and connect again."
        )
    return TokenSet(
        credentials.token, credentials.refresh_token, _aware(credentials.expiry), list(credentials.scopes or SCOPES)
    )


def refresh(config: YouTubeConfig, refresh_token: str) -> TokenSet:
    """A fresh access token; `TokenRevoked` when Google no longer accepts the refresh token."""
    from google.auth.exceptions import RefreshError, TransportError
    from google.auth.transport.requests import Request
    from google.oauth2.credentials import Credentials

    credentials = Credentials(None, refresh_token=refresh_token, token_uri=config.token_uri,
                              client_id=config.client_id, client_secret=config.client_secret, scopes=SCOPES)  # fmt: skip
    try:
        credentials.refresh(Request())
    except RefreshError as error:
        raise TokenRevoked("YouTube access was revoked or has expired; please connect YouTube again.") from error
    except TransportError as error:
        raise YouTubeError(f"Google's sign-in could not be reached ({type(error).__name__}).") from error
    return TokenSet(credentials.token, credentials.refresh_token or refresh_token, _aware(credentials.expiry), SCOPES)


# ----- the API -------------------------------------------------------------------------------
def discovery_document(api_base: str) -> dict[str, Any]:
    """youtube v3's discovery document from inside google-api-python-client, pointed at `api_base`."""
    from googleapiclient.discovery_cache import get_static_doc

    document = json.loads(get_static_doc("youtube", "v3"))
    root = api_base if api_base.endswith("/") else api_base + "/"
    document["rootUrl"] = root
    document["baseUrl"] = root + document.get("servicePath", "")
    document.pop("mtlsRootUrl", None)
    return document


class YouTubeClient:
    """The calls the studio makes, on behalf of one signed-in channel."""

    def __init__(self, config: YouTubeConfig, access_token: str, sleep: Callable[[float], None] = time.sleep) -> None:
        import httplib2
        from google.oauth2.credentials import Credentials
        from google_auth_httplib2 import AuthorizedHttp
        from googleapiclient.discovery import build_from_document

        self.config = config
        self._sleep = sleep
        inner = httplib2.Http(timeout=config.timeout)
        # YouTube answers 308 "Resume Incomplete" between chunks; httplib2 must not follow it as a redirect.
        inner.redirect_codes = inner.redirect_codes - {308}
        http = AuthorizedHttp(Credentials(access_token), http=inner)
        self.api = build_from_document(discovery_document(config.api_base), http=http)

    def _execute(self, request: Any, retries: int = 2) -> Any:
        """Run one API call; reads retry on 5xx, inserts do not (a retried insert could duplicate)."""
        from googleapiclient.errors import HttpError

        try:
            return request.execute(num_retries=retries)
        except HttpError as error:
            raise YouTubeError(f"YouTube refused the request: {_reason(error)}") from error
        except (OSError, http.client.HTTPException) as error:
            raise YouTubeError(f"YouTube could not be reached ({type(error).__name__}).") from error

    def channel(self) -> tuple[str, str]:
        """(channel id, channel title) of the signed-in account."""
        answer = self._execute(self.api.channels().list(part="snippet", mine=True))
        items = answer.get("items") or []
        if not items:
            raise YouTubeError("This Google account has no YouTube channel; create one on YouTube first.")
        return items[0]["id"], items[0]["snippet"]["title"]

    def upload(
        self, path: Path, body: dict[str, Any], on_progress: Callable[[int, int], None] | None = None
    ) -> dict[str, Any]:
        """Upload a video resumably; returns the video resource YouTube answers with."""
        import httplib2
        from googleapiclient.errors import HttpError
        from googleapiclient.http import MediaFileUpload

        class ChunkBytes(MediaFileUpload):
            def has_stream(self) -> bool:
                # Each chunk as bytes rather than a slice of the open file: when httplib2 re-sends a
                # request after a stale connection, it re-sends the chunk, not an empty body.
                return False

        media = ChunkBytes(str(path), mimetype="video/mp4", chunksize=self.config.chunk_size, resumable=True)
        request = self.api.videos().insert(part="snippet,status", body=body, media_body=media)
        response, failures, total = None, 0, path.stat().st_size
        while response is None:
            try:
                status, response = request.next_chunk(num_retries=0)
            except HttpError as error:
                if error.resp.status not in RETRYABLE_STATUS:
                    raise UploadFailed(f"YouTube refused the upload: {_reason(error)}") from error
                failure = f"HTTP {error.resp.status}"
            except (OSError, http.client.HTTPException, httplib2.HttpLib2Error) as error:
                failure = type(error).__name__  # dropped connection, timeout, reset
            else:
                failures = 0
                if status is not None and on_progress:
                    on_progress(status.resumable_progress, total)
                continue
            failures += 1
            log.warning(
                "upload of %s: %s (failure %d), resuming from the server's offset", path.name, failure, failures
            )
            if failures > self.config.max_failures:
                raise UploadFailed(f"The upload failed {failures} times in a row (last: {failure}); try again later.")
            self._sleep(min(self.config.backoff_seconds * 2 ** (failures - 1), 30.0))
        if on_progress:
            on_progress(total, total)
        return response

    def set_thumbnail(self, video_id: str, path: Path) -> None:
        from googleapiclient.http import MediaFileUpload

        mimetype = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
        media = MediaFileUpload(str(path), mimetype=mimetype, resumable=False)
        self._execute(self.api.thumbnails().set(videoId=video_id, media_body=media))

    def playlist(self, title: str, privacy: str) -> tuple[str, bool]:
        """The id of the channel's playlist called `title`, created when there is none; (id, created)."""
        page: str | None = None
        while True:
            answer = self._execute(self.api.playlists().list(part="snippet", mine=True, maxResults=50, pageToken=page))
            for item in answer.get("items", []):
                if item["snippet"]["title"].strip().casefold() == title.strip().casefold():
                    return item["id"], False
            page = answer.get("nextPageToken")
            if not page:
                break
        created = self._execute(self.api.playlists().insert(
            part="snippet,status", body={"snippet": {"title": title}, "status": {"privacyStatus": privacy}}), retries=0)  # fmt: skip
        return created["id"], True

    def add_to_playlist(self, playlist_id: str, video_id: str) -> None:
        body = {"snippet": {"playlistId": playlist_id, "resourceId": {"kind": "youtube#video", "videoId": video_id}}}
        self._execute(self.api.playlistItems().insert(part="snippet", body=body), retries=0)


def _reason(error: Any) -> str:
    try:
        detail = json.loads(error.content)["error"]
        reasons = [e.get("reason") for e in detail.get("errors", []) if e.get("reason")]
        return f"{detail.get('message', '')} ({', '.join(reasons)})" if reasons else str(detail.get("message", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        return f"HTTP {getattr(error.resp, 'status', '?')}"
