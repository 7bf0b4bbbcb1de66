"""The Dagster UI behind the studio's own sign-in: `/dagster/…` for admins and producers only.

The Dagster webserver has no authentication of its own: anyone who reaches its port sees every
run, user id, film and media path, and can launch runs. `studio up` binds it to 127.0.0.1 and
starts it with `--path-prefix /dagster`; this route forwards signed-in admins' and producers'
requests to it, so the studio's port is the only one that needs to be reachable. Everyone else
gets 401 (not signed in) or 403 (a creator), and nothing reaches Dagster.

The studio's session cookie and bearer token are not forwarded. Dagster's live-update websocket
is not proxied: pages refresh by polling instead (the UI falls back by itself).
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from studio.web.lifespan import on_lifespan

PREFIX = "/dagster"
ROLES = ("admin", "producer")
_HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
    "transfer-encoding", "upgrade", "host", "content-length",
}  # fmt: skip
_NOT_FORWARDED = _HOP_BY_HOP | {"cookie", "authorization"}


def add_dagster_proxy(
    app: FastAPI, upstream: str, role_of: Callable[[str], str | None], token_of: Callable[[Request], str]
) -> None:
    """Forward `/dagster/{path}` to the Dagster webserver at `upstream` (which serves under /dagster).

    `role_of(token)` returns the signed-in user's role, or None without a valid session.
    """
    client = httpx.AsyncClient(base_url=upstream.rstrip("/"), timeout=httpx.Timeout(60.0, connect=5.0))

    @app.api_route(PREFIX, methods=["GET", "HEAD"], include_in_schema=False)
    @app.api_route(
        PREFIX + "/{path:path}", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False
    )
    async def dagster(request: Request, path: str = "") -> Response:
        token = token_of(request)
        role = await anyio.to_thread.run_sync(role_of, token) if token else None
        if role is None:
            return JSONResponse({"error": "Please sign in to the studio as an admin or producer."}, status_code=401)
        if role not in ROLES:
            return JSONResponse({"error": "Only admin or producer accounts can open the Dagster UI."}, status_code=403)
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _NOT_FORWARDED]
        outgoing = client.build_request(
            request.method,
            f"{PREFIX}/{path}",
            # A tuple: httpx accepts a list of pairs only typed list[tuple[str, str | int | ...]] (lists are invariant).
            params=tuple(request.query_params.multi_items()),
            headers=headers,
            content=await request.body(),
        )
        try:
            answer = await client.send(outgoing, stream=True)
        except httpx.HTTPError:
            return JSONResponse({"error": "The Dagster UI is not running."}, status_code=502)
        kept = {k: v for k, v in answer.headers.items() if k.lower() not in _HOP_BY_HOP | {"set-cookie"}}
        return StreamingResponse(
            answer.aiter_raw(), status_code=answer.status_code, headers=kept, background=BackgroundTask(answer.aclose)
        )

    on_lifespan(app, stop=client.aclose)
