"""The navbar's Admin link, listed only for admins.

The Admin page is routed without a navbar entry (`show_in_navbar=False`); every page gets a
`gr.Navbar` whose extra links are filled on load from the signed-in user's role, so a creator's
navbar never has an Admin link at all (the page itself also shows its controls only to admins).
"""

from __future__ import annotations

import gradio as gr

from studio.services.studio_service import StudioService
from studio_ui.session import token_of

ADMIN_LINK = [("Admin", "admin")]


def is_admin(service: StudioService, request: gr.Request | None) -> bool:
    try:
        return service.user(token_of(request)).role == "admin"
    except Exception:  # signed out, expired or suspended: not an admin
        return False


def add_navbar(service: StudioService, app: gr.Blocks) -> None:
    """The current page's navbar, with the Admin link for admins; call inside the page's context."""
    navbar = gr.Navbar(value=[], main_page_name="Home", elem_classes="studio-nav")

    def links(request: gr.Request) -> list[tuple[str, str]]:
        return ADMIN_LINK if is_admin(service, request) else []

    app.load(links, None, navbar, api_visibility="private")
