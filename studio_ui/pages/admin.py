"""Admin: users (suspend, grant credits), recent render runs, and films and credits per day."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from studio.services.studio_service import StudioService
from studio_ui.labels import credits_text
from studio_ui.session import ok, problem, token_of, warn

USER_HEADERS = ["id", "email", "name", "role", "tier", "balance", "suspended", "created"]
RUN_HEADERS = ["run_id", "film_id", "user", "status", "created_at"]
DAYS = 14


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio · Admin") as page:
        gr.Markdown("# Admin")
        status = gr.Markdown(elem_id="admin-status")
        # Everything below is for admins only: hidden until the page knows the visitor is one.
        with gr.Column(visible=False, elem_id="admin-controls") as controls:
            users = gr.Dataframe(headers=USER_HEADERS, interactive=False, label="Users", elem_id="admin-users")
            with gr.Row():
                who = gr.Dropdown([], label="User", elem_id="admin-user")
                amount = gr.Number(value=10, precision=0, label="Credits to grant", elem_id="admin-amount")
                reason = gr.Textbox(value="admin grant", label="Reason", elem_id="admin-reason")
            with gr.Row():
                grant = gr.Button("Grant credits", variant="primary", elem_id="admin-grant")
                suspend = gr.Button("Suspend", variant="stop", elem_id="admin-suspend")
                reinstate = gr.Button("Reinstate", elem_id="admin-reinstate")
            gr.Markdown("### Renders")
            runs = gr.Dataframe(headers=RUN_HEADERS, interactive=False, elem_id="admin-runs")
            gr.Markdown("### Per day")
            with gr.Row():
                # No initial frame: an empty one would fix the x axis as numbers and hide the dates.
                films_plot = gr.BarPlot(
                    None,
                    x="date",
                    y="films",
                    title=f"Films per day (last {DAYS})",
                    sort="x",
                    x_label_angle=-45,
                    elem_id="admin-films-plot",
                )
                credits_plot = gr.BarPlot(
                    None,
                    x="date",
                    y="credits_spent",
                    title=f"Credits spent per day (last {DAYS})",
                    sort="x",
                    x_label_angle=-45,
                    elem_id="admin-credits-plot",
                )
            from studio_ui.crm_panel import build_crm_panel  # Salesforce outbox and dead letter

            build_crm_panel(service, page)

        def load(request: gr.Request) -> tuple[Any, ...]:
            token = token_of(request)
            try:
                people = service.admin_users(token)
                recent = service.admin_runs(token)
                stats = pd.DataFrame(service.daily_stats(token, days=DAYS))
            except Exception as error:
                return problem(error), gr.Column(visible=False), [], gr.update(choices=[]), [], None, None
            table = [
                [
                    u.id,
                    u.email,
                    u.name,
                    u.role,
                    u.tier,
                    "∞" if u.balance is None else u.balance,
                    u.suspended,
                    f"{u.created_at:%Y-%m-%d}",
                ]
                for u in people
            ]
            choices = [(f"{u.email} ({u.id[:8]})", u.id) for u in people]
            run_rows = [[r.get(k, "") for k in RUN_HEADERS] for r in recent]
            if stats.empty:
                return "", gr.Column(visible=True), table, gr.update(choices=choices), run_rows, None, None
            stats["date"] = stats["date"].astype(str)
            return "", gr.Column(visible=True), table, gr.update(choices=choices), run_rows, stats, stats

        def give(user_id: str, credits: float, why: str, request: gr.Request) -> str:
            try:
                if not user_id:
                    raise ValueError("Pick a user first.")
                whole = float(credits or 0)
                if whole <= 0 or not whole.is_integer():
                    # The service refuses these too; here the message can quote what was typed.
                    raise ValueError(f"Grant a whole number of credits above zero, not {credits!r}; nothing changed.")
                entry = service.grant(token_of(request), user_id, int(whole), why)
            except Exception as error:
                return warn(error)
            return ok(f"Granted {credits_text(entry.amount)}; balance now {entry.balance_after}.")

        def set_suspended(flag: bool):
            def handler(user_id: str, request: gr.Request) -> str:
                try:
                    if not user_id:
                        raise ValueError("Pick a user first.")
                    service.suspend(token_of(request), user_id, flag)
                except Exception as error:
                    return warn(error)
                return ok("User suspended." if flag else "User reinstated.")

            return handler

        def reload(request: gr.Request) -> tuple[Any, ...]:
            return load(request)[2:]

        outputs = [status, controls, users, who, runs, films_plot, credits_plot]
        page.load(load, None, outputs, api_name="admin")
        refresh = [users, who, runs, films_plot, credits_plot]
        for button, handler in ((grant, give), (suspend, set_suspended(True)), (reinstate, set_suspended(False))):
            inputs = [who, amount, reason] if button is grant else [who]
            button.click(handler, inputs, status, api_visibility="private").then(
                reload, None, refresh, api_visibility="private"
            )
    return page
