"""Storyboard: scene cards (picture, lines, mood), edit one scene and re-render only that scene,
and the character sheets with their versions.

Pictures are read by the handler after the service has checked ownership and are sent as images,
so STUDIO_HOME is never opened to Gradio's file server.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
from PIL import Image

from studio.services.studio_service import StudioService
from studio_ui.links import page_url
from studio_ui.plan_links import plan_links
from studio_ui.session import FILM_FROM_URL_JS, new_request_key, ok, problem, token_of, warn


def _picture(path: Any) -> Image.Image | None:
    if not path or not Path(path).is_file():
        return None
    with Image.open(path) as image:
        image.thumbnail((640, 640))
        return image.convert("RGB")


def scene_text(scene: dict[str, Any]) -> str:
    """The scene's script text for editing: the service's own copy, else rebuilt from its lines."""
    if scene.get("text"):
        return str(scene["text"])
    lines = [str(scene.get("heading") or "")]
    for line in scene.get("lines") or []:
        lines += ["", str(line.get("speaker") or "").upper(), str(line.get("text") or "")]
    return "\n".join(lines).strip()


def scene_card(index: int, scene: dict[str, Any]) -> str:
    items = []
    for line in scene.get("lines") or []:
        voice = f" <i>({escape(str(line['voice']))})</i>" if line.get("voice") else ""
        items.append(
            f"<li><b>{escape(str(line.get('speaker') or ''))}</b>{voice}: {escape(str(line.get('text') or ''))}</li>"
        )
    lines = "".join(items)
    mood = escape(str(scene.get("mood") or "—"))
    return (
        f'<div class="studio-scene" data-scene="{escape(str(scene.get("id", index)))}">'
        f"<h4>Scene {index + 1}: {escape(str(scene.get('heading') or ''))}</h4>"
        f"<p>Mood: <b>{mood}</b></p><ul>{lines}</ul></div>"
    )


def _version_text(entry: Any) -> str:
    if isinstance(entry, dict):
        mark = " (active)" if entry.get("active") else ""
        return f"v{entry.get('version', '?')} {entry.get('stage', '')}".strip() + mark
    return f"v{entry}"


def characters_rows(characters: list[dict[str, Any]]) -> list[list[Any]]:
    """One row per character: who, their voice, and every version of their sheet."""
    rows = []
    for character in characters:
        versions = list(character.get("versions") or [])
        history = ", ".join(_version_text(v) for v in versions) or (
            f"v{character['version']}" if character.get("version") else "not drawn yet"
        )
        rows.append(
            [
                character.get("name", ""),
                character.get("age_band", ""),
                character.get("gender", ""),
                character.get("voice") or "",
                history,
            ]
        )
    return rows


def sheets_gallery(characters: list[dict[str, Any]]) -> list[tuple[Image.Image, str]]:
    return [
        (img, f"{c.get('name', '')} v{c.get('version') or 1}")
        for c in characters
        if (img := _picture(c.get("sheet"))) is not None
    ]


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio · Storyboard") as page:
        gr.Markdown("# Storyboard")
        film_id = gr.Textbox(visible="hidden", elem_id="storyboard-film-id")
        heading = gr.Markdown(elem_id="storyboard-heading")
        pictures = gr.Gallery(
            label="Scene pictures", columns=3, height="auto", object_fit="contain", elem_id="storyboard-pictures"
        )
        cards = gr.HTML(elem_id="storyboard-scenes")
        gr.Markdown("### Edit one scene")
        with gr.Row():
            scene_pick = gr.Dropdown([], label="Scene", elem_id="storyboard-scene")
        scene_editor = gr.Textbox(label="Scene text", lines=8, elem_id="storyboard-scene-text")
        rerender = gr.Button("Save and re-render this scene", variant="primary", elem_id="storyboard-rerender")
        status = gr.Markdown(elem_id="storyboard-status")
        gr.Markdown("### Characters")
        characters = gr.Dataframe(
            headers=["name", "age", "gender", "voice", "versions"],
            interactive=False,
            elem_id="storyboard-characters",
        )
        sheets = gr.Gallery(
            label="Character sheets", columns=4, height="auto", object_fit="contain", elem_id="storyboard-sheets"
        )
        scenes = gr.State([])
        request_key = gr.State(new_request_key)

        def show(film: str, request: gr.Request) -> tuple[Any, ...]:
            token = token_of(request)
            if not film:
                return "Open a film from [Home](/).", [], "", gr.update(choices=[]), "", [], [], []
            try:
                view = service.film(token, film)
                board = service.storyboard(token, film)
            except Exception as error:
                return problem(error), [], "", gr.update(choices=[]), "", [], [], []
            found = list(board.get("scenes") or [])
            cast = list(board.get("characters") or [])
            gallery = [
                (img, str(s.get("heading") or f"Scene {i + 1}"))
                for i, s in enumerate(found)
                if (img := _picture(s.get("image"))) is not None
            ]
            choices = [(f"{i + 1}. {s.get('heading') or ''}", str(s.get("id", i))) for i, s in enumerate(found)]
            first = choices[0][1] if choices else None
            title = (
                f"## {escape(view.title)} · {view.status}\n"
                f"[Render]({page_url('render', film)}) · [Watch]({page_url('watch', film)})\n\n" + plan_links(film)
            )
            return (
                title,
                gallery,
                "".join(scene_card(i, s) for i, s in enumerate(found)),
                gr.update(choices=choices, value=first),
                scene_text(found[0]) if found else "",
                characters_rows(cast),
                sheets_gallery(cast),
                found,
            )

        def pick(scene_id: str, found: list[dict[str, Any]]) -> str:
            scene = next((s for i, s in enumerate(found) if str(s.get("id", i)) == scene_id), None)
            return scene_text(scene) if scene else ""

        def save(film: str, scene_id: str, text: str, key: str, request: gr.Request) -> tuple[str, str]:
            try:
                if not scene_id:
                    raise ValueError("Pick a scene to edit.")
                service.edit_scene(token_of(request), film, scene_id, text, key)
            except Exception as error:
                return warn(error), new_request_key()
            return ok(
                "Scene saved; only this scene is re-rendered."
            ) + f" [Follow the render]({page_url('render', film)})", new_request_key()

        outputs = [heading, pictures, cards, scene_pick, scene_editor, characters, sheets, scenes]
        page.load(None, None, film_id, js=FILM_FROM_URL_JS).then(show, film_id, outputs, api_name="storyboard")
        scene_pick.input(pick, [scene_pick, scenes], scene_editor, api_visibility="private")
        lock = rerender.click(
            lambda: gr.update(interactive=False), None, rerender, queue=False, api_visibility="private"
        )
        lock.then(
            save, [film_id, scene_pick, scene_editor, request_key], [status, request_key], api_visibility="private"
        ).then(lambda: gr.update(interactive=True), None, rerender, queue=False, api_visibility="private")
    return page
