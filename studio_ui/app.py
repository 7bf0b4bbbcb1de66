"""The studio: eight pages composed into one multipage Gradio app with `Blocks.route`.

Each page module builds its own `gr.Blocks` (so a page can also be launched alone while working
on it); here each is rendered into its own route of one app. studio/web/server.py mounts the result
on FastAPI at "/", next to the cookie-checked media and share routes.
"""

from __future__ import annotations

import gradio as gr

from studio.services.studio_service import StudioService
from studio_ui.nav import add_navbar
from studio_ui.pages import (
    account,
    admin,
    create,
    credits,
    home,
    production,  # projects, approvals, script history, audit
    render,
    storyboard,
    watch,
)

# (navbar name, path, module); Home is the app's root page.
PAGES = (
    ("Create", "create", create),
    ("Storyboard", "storyboard", storyboard),
    ("Render", "render", render),
    ("Watch", "watch", watch),
    ("Credits", "credits", credits),
    ("Admin", "admin", admin),
    ("Production", "production", production),
    ("Account", "account", account),
)
CSS = """
.studio-films { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
.studio-film { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6rem; }
.studio-film img { width: 100%; border-radius: 6px; }
.studio-nothumb { height: 110px; display: flex; align-items: center; justify-content: center;
                  background: var(--background-fill-secondary); border-radius: 6px; }
.studio-scene { border-left: 4px solid var(--color-accent); padding: .3rem .8rem; margin: .6rem 0; }
"""
# Light handlers (estimate, lists, sign-in) run side by side; renders are Dagster runs, not threads here.
CONCURRENCY = 16


def build_app(service: StudioService) -> gr.Blocks:
    """The whole studio as one Gradio app, every page calling the same `StudioService`."""
    # Build every page outside any Blocks context: a Blocks created inside another renders itself
    # there at once, and rendering it again into the route would show the page twice.
    root = home.build(service)
    built = [(name, path, module.build(service)) for name, path, module in PAGES]
    # delete_cache: Gradio's own copies of uploads (kept or refused) go after an hour.
    with gr.Blocks(title="Film Studio", delete_cache=(3600, 3600)) as demo:
        root.render()
        add_navbar(service, demo)
    for name, path, page in built:
        # Admin is listed in the navbar for admins only (studio_ui/nav.py), never for others.
        with demo.route(name, f"/{path}", show_in_navbar=path != "admin"):
            page.render()
            add_navbar(service, demo)
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return demo


def launch_kwargs() -> dict[str, object]:
    """What `launch`/`mount_gradio_app` need besides the Blocks (theme and CSS moved there in Gradio 6)."""
    return {"css": CSS}
