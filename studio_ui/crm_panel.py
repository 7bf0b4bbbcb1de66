"""The Admin page's Salesforce section: configured or not, pending rows, the dead letter, retry."""

from __future__ import annotations

from typing import Any

import gradio as gr

from studio.services import crm
from studio.services.studio_service import Forbidden, StudioService
from studio_ui.session import ok, problem, token_of, warn

HEADERS = ["id", "kind", "key", "event", "attempts", "created", "last error"]


def _admin(service: StudioService, token: str) -> None:
    if service.user(token).role != "admin":
        raise Forbidden("Only admin accounts can see the Salesforce outbox.")


def outbox_view(service: StudioService, token: str) -> tuple[str, list[list[Any]]]:
    """A summary line and the dead-letter rows, for admins only."""
    _admin(service, token)
    pending = crm.outbox(service.store, "pending", limit=1000)
    dead = crm.outbox(service.store, "dead")
    where = "configured" if crm.configured(service.settings) else "**not configured** (changes wait in the outbox)"
    summary = f"Salesforce: {where} · {len(pending)} pending · {len(dead)} in the dead letter"
    rows = [[e.id, e.kind, e.key, e.event, e.attempts, f"{e.created_at:%Y-%m-%d %H:%M}", e.last_error or ""]
            for e in dead]  # fmt: skip
    return summary, rows


def retry_all(service: StudioService, token: str) -> str:
    _admin(service, token)
    count = crm.retry_dead(service.store)
    return ok(f"{count} row(s) queued again; the crm_outbox sensor sends them within a minute.")


def build_crm_panel(service: StudioService, page: gr.Blocks) -> None:
    gr.Markdown("### Salesforce sync")
    summary = gr.Markdown(elem_id="admin-crm-summary")
    dead = gr.Dataframe(headers=HEADERS, interactive=False, label="Dead letter", elem_id="admin-crm-dead")
    retry = gr.Button("Retry dead rows", elem_id="admin-crm-retry")

    def load(request: gr.Request) -> tuple[str, list[list[Any]]]:
        try:
            return outbox_view(service, token_of(request))
        except Exception as error:  # noqa: BLE001 - a message, never a traceback
            return problem(error), []

    def again(request: gr.Request) -> str:
        try:
            return retry_all(service, token_of(request))
        except Exception as error:  # noqa: BLE001
            return warn(error)

    page.load(load, None, [summary, dead], api_visibility="private")
    retry.click(again, None, summary, api_visibility="private").then(
        load, None, [summary, dead], api_visibility="private"
    )
