"""Home: the creator's films with status and thumbnails, and their credit balance."""

from __future__ import annotations

from html import escape

import gradio as gr

from studio.services.studio_service import FilmView, StudioService, UserView
from studio_ui.labels import plural, status_badge
from studio_ui.links import media_url, page_url
from studio_ui.session import problem, token_of


def balance_text(user: UserView) -> str:
    credits = "unlimited credits" if user.balance is None else plural(user.balance, "credit")
    return f"Signed in as **{escape(user.name or user.email)}** · {user.tier} tier · **{credits}**"


def film_card(film: FilmView) -> str:
    """One film as an HTML card; thumbnails come through the cookie-checked media route."""
    picture = (
        f'<img src="{media_url(film.id, film.thumbnail)}" alt="thumbnail" loading="lazy">'
        if film.thumbnail is not None and (film.status == "ready" or film.watchable)
        else '<div class="studio-nothumb">no picture yet</div>'
    )
    length = f" · {film.duration:.0f} s" if film.duration else ""
    actions = [
        f'<a href="{page_url("storyboard", film.id)}">Storyboard</a>',
        f'<a href="{page_url("render", film.id)}">Render</a>',
    ]
    if film.status == "ready" or film.watchable:  # the last finished version, while a newer render runs
        actions.append(f'<a href="{page_url("watch", film.id)}">Watch</a>')
    return (
        f'<div class="studio-film" data-film="{escape(film.id)}">{picture}'
        f"<h4>{escape(film.title or 'Untitled')}</h4>"
        f"<p>{escape(status_badge(film.status))}{length} · "
        f"{film.created_at:%Y-%m-%d %H:%M}</p><p>{' · '.join(actions)}</p></div>"
    )


def films_html(films: list[FilmView]) -> str:
    if not films:
        return '<p>No films yet. <a href="/create">Create your first film</a>.</p>'
    return '<div class="studio-films">' + "".join(film_card(f) for f in films) + "</div>"


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio") as page:
        gr.Markdown("# My films")
        who = gr.Markdown("Loading…", elem_id="home-balance")
        films = gr.HTML(elem_id="home-films")
        refresh = gr.Button("Refresh", size="sm")

        def load(request: gr.Request) -> tuple[str, str]:
            token = token_of(request)
            try:
                user = service.user(token)
                return balance_text(user), films_html(service.films(token))
            except Exception as error:  # shown in the page, never a traceback
                return problem(error), ""

        page.load(load, None, [who, films], api_name="home")
        refresh.click(load, None, [who, films], api_visibility="private")
    return page
