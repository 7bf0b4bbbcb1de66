"""The Account page's "API keys" panel: create a key for the public API (shown once), list and revoke.

The key is made by the same service call as `studio apikey create`; only its hash is stored, so the
panel shows the key itself once, right after creating it.
"""

from __future__ import annotations

from html import escape

import gradio as gr

from studio.services.studio_service import StudioService
from studio_ui.session import ok, token_of, warn


def _table(service: StudioService, token: str) -> str:
    keys = service.api_keys(token)
    if not keys:
        return "You have no API keys yet."
    rows = ["| Key | Name | Organisation | Created | State |", "|---|---|---|---|---|"]
    for key in keys:
        state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        rows.append(
            f"| `fsk_{escape(key.prefix)}_…` | {escape(key.name) or '—'} | {escape(key.org_slug or 'personal')} "
            f"| {key.created_at:%Y-%m-%d} | {state} |"
        )
    return "\n".join(rows)


def add_api_keys_panel(service: StudioService) -> tuple[gr.Markdown, object]:
    """Build the panel inside the current Blocks context; returns its key table and a loader for it."""
    with gr.Accordion("API keys (the public API at /api/v1)", open=False):
        gr.Markdown(
            "Send a key as `Authorization: Bearer <key>`; the API is documented at [/api/v1/docs](/api/v1/docs)."
        )
        table = gr.Markdown(elem_id="apikeys-table")
        with gr.Row():
            name = gr.Textbox(label="Name (what the key is for)", elem_id="apikeys-name")
            org = gr.Textbox(label="Organisation (optional, its slug)", elem_id="apikeys-org")
        create = gr.Button("Create a key", variant="primary", elem_id="apikeys-create")
        shown = gr.Textbox(
            label="Your new key: copy it now, it is not shown again", interactive=False, elem_id="apikeys-new"
        )
        with gr.Row():
            prefix = gr.Textbox(label="Key to revoke (its prefix, the part after fsk_)", elem_id="apikeys-prefix")
            revoke = gr.Button("Revoke", variant="stop", elem_id="apikeys-revoke")
        status = gr.Markdown(elem_id="apikeys-status")

    def load(request: gr.Request) -> str:
        token = token_of(request)
        if not token:
            return ""
        try:
            return _table(service, token)
        except Exception as error:
            return warn(error)

    def do_create(label: str, slug: str, request: gr.Request) -> tuple[str, str, str]:
        token = token_of(request)
        try:
            view, key = service.create_api_key(token, (slug or "").strip() or None, (label or "").strip())
            return ok(f"Key fsk_{view.prefix}_… created."), key, _table(service, token)
        except Exception as error:
            return warn(error), "", gr.skip()

    def do_revoke(text: str, request: gr.Request) -> tuple[str, str]:
        token = token_of(request)
        wanted = (text or "").strip().removeprefix("fsk_").split("_")[0]
        try:
            service.revoke_api_key(token, wanted)
            return ok("Key revoked: it stops working at once."), _table(service, token)
        except Exception as error:
            return warn(error), gr.skip()

    create.click(do_create, [name, org], [status, shown, table], api_visibility="private")
    revoke.click(do_revoke, prefix, [status, table], api_visibility="private")
    return table, load
