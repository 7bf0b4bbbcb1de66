"""Watch: play the film, download every deliverable, and make a share link that expires.

The player and the download links point at the server's cookie-checked `/media/<film>/<name>`
route, so the browser fetches media with the creator's own session and nobody else's. With media on
S3 they point at presigned URLs the service made after the same ownership check (7 days).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import gradio as gr

from studio.domain.checks import checks_html
from studio.services.studio_service import StudioService
from studio_ui.labels import STATUS_SENTENCES, film_status_sentence
from studio_ui.links import media_url, page_url
from studio_ui.session import FILM_FROM_URL_JS, ok, problem, token_of, warn

LABELS = {"mp4": "Film (MP4)", "srt": "Subtitles (SRT)", "vtt": "Subtitles (VTT)", "trailer": "Trailer (MP4)",
          "poster": "Poster", "zip": "Everything (ZIP)"}  # fmt: skip


def _link(film_id: str, name: str, links: dict[str, str] | None) -> str:
    """The presigned URL the service gave (media on S3), else the cookie-checked /media route."""
    return escape((links or {}).get(name) or media_url(film_id, name))


def player_html(film_id: str, media: dict[str, Path], links: dict[str, str] | None = None) -> str:
    if "mp4" not in media:
        return "<p>This film has no video yet: render it first.</p>"
    track = (
        f'<track kind="subtitles" src="{_link(film_id, "vtt", links)}" srclang="en" label="Subtitles" default>'
        if "vtt" in media
        else ""
    )
    poster = f' poster="{_link(film_id, "thumbnail_1", links)}"' if "thumbnail_1" in media else ""
    return (
        f'<video id="studio-player" controls preload="metadata" style="width:100%;max-height:70vh"{poster}>'
        f'<source src="{_link(film_id, "mp4", links)}" type="video/mp4">{track}</video>'
    )


def downloads_html(film_id: str, media: dict[str, Path], links: dict[str, str] | None = None) -> str:
    items = []
    for name, path in media.items():
        label = LABELS.get(name) or name.replace("_", " ").capitalize()
        items.append(
            f'<li><a href="{_link(film_id, name, links)}" download="{escape(path.name)}" '
            f'data-media="{escape(name)}">{escape(label)}</a> <small>{escape(path.name)}</small></li>'
        )
    return '<ul class="studio-downloads">' + "".join(items) + "</ul>"


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio · Watch") as page:
        gr.Markdown("# Watch")
        film_id = gr.Textbox(visible="hidden", elem_id="watch-film-id")
        heading = gr.Markdown(elem_id="watch-heading")
        player = gr.HTML(elem_id="watch-player")
        gr.Markdown("### Downloads")
        downloads = gr.HTML(elem_id="watch-downloads")
        gr.Markdown("### Quality checks")
        quality = gr.HTML(elem_id="watch-checks")
        gr.Markdown("### Share")
        with gr.Row():
            hours = gr.Slider(1, 168, value=24, step=1, label="Link works for (hours)")
            share = gr.Button("Make share link", elem_id="watch-share")
        share_out = gr.Markdown(elem_id="watch-share-link")
        from studio_ui.publish_panel import build_publish_panel  # YouTube: connect and publish

        build_publish_panel(service, film_id, page)

        def show_checks(film: str, request: gr.Request) -> str:
            if not film:
                return ""
            try:
                service.film(token_of(request), film)  # only a film the creator may see
                return checks_html(service.runs.checks(film))
            except Exception as error:  # noqa: BLE001 - the player still works; say why the checks are missing
                return problem(error)

        def show(film: str, request: gr.Request) -> tuple[str, str, str]:
            token = token_of(request)
            if not film:
                return "Open a finished film from [Home](/).", "", ""
            try:
                view = service.film(token, film)
                if view.status != "ready" and not view.watchable:
                    return (
                        (
                            f"## {escape(view.title)}\n{film_status_sentence(view.status)} "
                            f"[{'See why' if view.status == 'failed' else 'Follow its render'}]"
                            f"({page_url('render', film)})"
                        ),
                        "",
                        "",
                    )
                media = service.media(token, film)
                links = service.media_links(token, film) if service.media_store.remote else None
            except Exception as error:
                return problem(error), "", ""
            length = f" · {view.duration:.1f} s" if view.duration else ""
            # The last finished version plays while a newer render runs, or after one was cancelled.
            note = (
                ""
                if view.status == "ready"
                else (
                    f"\n\nThis is the last finished version; the newest render "
                    f"{STATUS_SENTENCES.get(view.status, view.status)} ([follow it]({page_url('render', film)}))."
                )
            )
            return (
                f"## {escape(view.title)}{length}{note}",
                player_html(film, media, links),
                downloads_html(film, media, links),
            )

        def make_link(film: str, valid_hours: float, request: gr.Request) -> str:
            try:
                path = service.share_link(token_of(request), film, hours=float(valid_hours))
            except Exception as error:
                return warn(error)
            base = str(request.headers.get("origin") or "").rstrip("/")
            return ok(f"Anyone with this link can watch for {valid_hours:.0f} h:") + f"\n\n`{base}{path}`"

        page.load(None, None, film_id, js=FILM_FROM_URL_JS).then(
            show, film_id, [heading, player, downloads], api_name="watch"
        ).then(show_checks, film_id, quality, api_visibility="private")
        share.click(make_link, [film_id, hours], share_out, api_visibility="private")
    return page
