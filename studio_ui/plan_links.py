"""Links to a film's pre-production plan files, served by the cookie-checked /plan routes."""

from __future__ import annotations

from urllib.parse import quote

from studio.services.plan_files import PLAN_FILES


def plan_url(film_id: str, name: str) -> str:
    return f"/plan/{quote(film_id)}/{quote(name)}"


def plan_links(film_id: str) -> str:
    """One Markdown line: every plan document of the film as a download link."""
    links = " · ".join(f"[{label}]({plan_url(film_id, name)})" for name, label in PLAN_FILES.items())
    return f"**Pre-production plan:** {links}"
