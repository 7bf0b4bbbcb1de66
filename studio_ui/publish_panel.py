"""The Watch page's "Publish to YouTube" panel: connection status with a Connect link, privacy,
schedule, playlist and thumbnail, and a Publish button that runs the `youtube_release` asset."""

from __future__ import annotations

from html import escape

import gradio as gr

from studio.services import publishing
from studio.services.studio_service import StudioService
from studio_ui.session import FILM_FROM_URL_JS, ok, problem, token_of, warn

CONNECT = "/oauth/youtube/start"


def status_text(service: StudioService, token: str) -> str:
    """What the panel says about YouTube for this user: not configured, connect, or connected."""
    try:
        user = service.user(token)
    except Exception as error:  # noqa: BLE001 - shown as a message, never a traceback
        return problem(error)
    state = publishing.status(service.store, service.settings, user.id)
    if not state.configured:
        return "YouTube publishing is **not configured** on this studio (an admin sets `STUDIO_YOUTUBE_*`)."
    if state.connected:
        return f"Connected to **{escape(state.channel_title or '')}**. [Reconnect]({CONNECT})"
    return f"{escape(state.message)} [Connect YouTube]({CONNECT})"


def publish(service: StudioService, token: str, film_id: str, privacy: str, publish_at: str, playlist: str,
            thumbnail: int) -> str:  # fmt: skip
    """Check, record and run the release; the video's link, or why not (nothing uploaded)."""
    user = service.user(token)
    options = publishing.PublishOptions(privacy, publishing.parse_publish_at(publish_at), playlist or None,
                                        int(thumbnail or 1))  # fmt: skip
    release = publishing.request_release(service.store, service.settings, user.id, film_id, options)
    result = service.runs.release(film_id, release)
    when = f", goes public {result['publish_at']}" if result.get("publish_at") else ""
    listed = f" · playlist {result['playlist']}" if result.get("playlist") else ""
    return ok(f"Published ({result['privacy']}{when}{listed}):") + f" [{result['url']}]({result['url']})"


def build_publish_panel(service: StudioService, film_id: gr.Textbox, page: gr.Blocks) -> None:
    gr.Markdown("### Publish to YouTube")
    status = gr.Markdown(elem_id="watch-youtube-status")
    with gr.Row():
        privacy = gr.Dropdown(["private", "unlisted", "public"], value="private", label="Privacy")
        publish_at = gr.Textbox(label="Publish at (optional)", placeholder="2027-01-31T18:00:00+05:30")
        playlist = gr.Textbox(label="Playlist (optional)", max_length=150)
        thumbnail = gr.Radio([1, 2, 3], value=1, label="Thumbnail")
    button = gr.Button("Publish to YouTube", elem_id="watch-publish")
    result = gr.Markdown(elem_id="watch-publish-result")

    def show(_film: str, request: gr.Request) -> str:
        return status_text(service, token_of(request))

    def run(film: str, how: str, when: str, name: str, picture: int, request: gr.Request) -> str:
        try:
            return publish(service, token_of(request), film, how, when, name, picture)
        except Exception as error:  # noqa: BLE001 - every refusal is a message on the page
            return warn(error)

    page.load(None, None, film_id, js=FILM_FROM_URL_JS).then(show, film_id, status, api_visibility="private")
    button.click(run, [film_id, privacy, publish_at, playlist, thumbnail], result, api_visibility="private")
