"""URLs of the studio's pages and of the cookie-checked media routes served by studio/web/server.py."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def media_url(film_id: str, name: str | Path) -> str:
    """`/media/<film>/<file name>`: the server checks the `studio_session` cookie owns the film."""
    file_name = name.name if isinstance(name, Path) else str(name)
    return f"/media/{quote(film_id)}/{quote(file_name)}"


def page_url(page: str, film_id: str) -> str:
    return f"/{page}?film={quote(film_id)}"
