"""Render: start a film's Dagster run, follow it (current asset, percent, elapsed) and cancel it.

Progress is polled from the run's events once a second by a gr.Timer while the page is open; the
run itself lives in the Dagster instance, so closing the page or restarting the server loses nothing.
"""

from __future__ import annotations

from html import escape
from typing import Any

import gradio as gr

from studio.services.studio_service import Progress, StudioService
from studio_ui.labels import status_badge, step_name
from studio_ui.links import page_url
from studio_ui.session import FILM_FROM_URL_JS, new_request_key, ok, problem, token_of, warn

ACTIVE = {"queued", "rendering", "starting", "started", "running", "canceling"}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def progress_html(progress: Progress) -> str:
    """The bar, the status and step in words ("Recording the voices"), and the queue place while waiting."""
    percent = max(0.0, min(100.0, float(progress.percent or 0)))
    minutes, seconds = divmod(int(progress.elapsed or 0), 60)
    note = f"<p>{escape(progress.message)}</p>" if progress.message else ""
    if progress.status == "queued":
        place = progress.queue_position
        where = (
            ("next in the render queue" if place == 1 else f"{_ordinal(place)} in the render queue")
            if place
            else "waiting in the render queue"
        )
        line = f'<b>Waiting</b> · <span class="studio-queue" data-position="{place or ""}">{where}</span>'
    elif progress.status in ("ready", "failed", "cancelled"):
        line = f"<b>{escape(status_badge(progress.status))}</b> · {percent:.0f}%"
    else:
        line = (
            f"<b>{escape(status_badge(progress.status))}</b> · {percent:.0f}% · "
            f'<span class="studio-step">{escape(step_name(progress.current_asset))}</span>'
        )
    return (
        f'<div class="studio-progress" data-status="{escape(progress.status)}" data-percent="{percent:.0f}">'
        f'<progress max="100" value="{percent:.1f}" style="width:100%;height:1.4em"></progress>'
        f"<p>{line} · {minutes}:{seconds:02d} elapsed</p>{note}</div>"
    )


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio · Render") as page:
        gr.Markdown("# Render")
        film_id = gr.Textbox(visible="hidden", elem_id="render-film-id")
        heading = gr.Markdown(elem_id="render-heading")
        status = gr.Markdown(elem_id="render-status")
        bar = gr.HTML(elem_id="render-progress")
        done_link = gr.Markdown(elem_id="render-done")
        with gr.Row():
            start = gr.Button("Render", variant="primary", elem_id="render-start")
            cancel = gr.Button("Cancel render", variant="stop", elem_id="render-cancel")
        request_key = gr.State(new_request_key)
        timer = gr.Timer(1.0, active=False)

        def show(film: str, request: gr.Request) -> tuple[Any, ...]:
            """Heading, progress bar, watch link, whether to keep polling, and which buttons apply."""
            token = token_of(request)
            idle = (gr.Timer(active=False), gr.Button(visible=False), gr.Button(visible=False))
            if not film:
                return "Open a film from [Home](/) to render it.", "", "", *idle
            try:
                view = service.film(token, film)
                progress = service.progress(token, film)
            except Exception as error:
                return problem(error), "", "", *idle
            title = f"## {escape(view.title or 'Untitled')}\n[Storyboard]({page_url('storyboard', film)})"
            watch = f"✓ Finished — [watch it]({page_url('watch', film)})" if progress.status == "ready" else ""
            if progress.status == "failed":
                watch = (
                    "✗ The render failed. Fix what the message above says, or try again: "
                    "a failure on our side is refunded."
                )
            running = progress.status in ACTIVE
            again = "Render again (charged again)" if progress.status == "ready" else "Render"
            return (
                title,
                progress_html(progress),
                watch,
                gr.Timer(active=running),
                gr.Button(visible=not running, value=again),
                gr.Button(visible=running),
            )

        def tick(film: str, request: gr.Request) -> tuple[Any, ...]:
            return show(film, request)[1:]

        def submit(film: str, key: str, request: gr.Request) -> tuple[str, str, Any]:
            try:
                if not film:
                    raise ValueError("No film selected: open one from Home.")
                run_id = service.render(token_of(request), film, key)
            except Exception as error:
                return warn(error), key, gr.Timer(active=False)
            return ok(f"Render submitted (run {run_id[:8]})."), new_request_key(), gr.Timer(active=True)

        def stop(film: str, request: gr.Request) -> str:
            try:
                service.cancel(token_of(request), film)
            except Exception as error:
                return warn(error)
            return ok("Render cancelled. Credits for a cancelled render are not refunded.")

        page.load(None, None, film_id, js=FILM_FROM_URL_JS).then(
            show, film_id, [heading, bar, done_link, timer, start, cancel], api_name="render_progress"
        )
        polled = [bar, done_link, timer, start, cancel]
        timer.tick(tick, film_id, polled, show_progress="hidden", api_visibility="private")
        start.click(lambda: gr.update(interactive=False), None, start, queue=False, api_visibility="private").then(
            submit, [film_id, request_key], [status, request_key, timer], api_visibility="private"
        ).then(lambda: gr.update(interactive=True), None, start, queue=False, api_visibility="private").then(
            tick, film_id, polled, api_visibility="private"
        )
        cancel.click(stop, film_id, status, api_visibility="private").then(
            tick, film_id, polled, api_visibility="private"
        )
    return page
