"""Storyboard: scene cards (picture, lines, mood), a timeline strip to reorder, trim and delete scenes, edit
one scene's text, the cast (voice, age and gender per character) and the character sheets.

Every re-render is quoted first: the page shows what it will cost and charges only when the creator
confirms; Cancel spends nothing. Pictures are read by the handler after the service has checked
ownership and are sent as images, so STUDIO_HOME is never opened to Gradio's file server.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
from PIL import Image

from studio.services.studio_service import RenderQuote, StudioService
from studio_ui.labels import (
    AGES,
    cast_line,
    person_name,
    plural,
    scene_title,
    status_badge,
    voice_name,
)
from studio_ui.links import page_url
from studio_ui.plan_links import plan_links
from studio_ui.session import FILM_FROM_URL_JS, new_request_key, ok, problem, token_of, warn

AGE_CHOICES = [(word.capitalize(), band) for band, word in AGES.items()]
GENDER_CHOICES = [("Man / boy", "male"), ("Woman / girl", "female")]


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


def scene_card(index: int, scene: dict[str, Any], voices: list[dict[str, Any]] | None = None) -> str:
    items = []
    for line in scene.get("lines") or []:
        voice = f" <i>({escape(voice_name(line['voice'], voices or []))})</i>" if line.get("voice") else ""
        speaker = escape(person_name(str(line.get("speaker") or "")))
        items.append(f"<li><b>{speaker}</b>{voice}: {escape(str(line.get('text') or ''))}</li>")
    mood = f"<p>Mood: <b>{escape(str(scene['mood']))}</b></p>" if scene.get("mood") else ""
    return (
        f'<div class="studio-scene" data-scene="{escape(str(scene.get("id", index)))}">'
        f"<h4>{escape(scene_title(index, scene))}</h4>{mood}<ul>{''.join(items)}</ul></div>"
    )


def _version_text(entry: Any) -> str:
    if isinstance(entry, dict):
        mark = " (in use)" if entry.get("active") else ""
        return f"v{entry.get('version', '?')} {entry.get('stage', '')}".strip() + mark
    return f"v{entry}"


def characters_rows(characters: list[dict[str, Any]], voices: list[dict[str, Any]] | None = None) -> list[list[Any]]:
    """One row per character: who, their voice by name, and every version of their identity."""
    rows = []
    for character in characters:
        versions = list(character.get("versions") or [])
        history = ", ".join(_version_text(v) for v in versions) or (
            f"v{character['version']}" if character.get("version") else "not drawn yet"
        )
        who = cast_line(character, voices or []).split(" · ")
        rows.append([who[0], who[1], voice_name(character.get("voice"), voices or []), history])
    return rows


def sheets_gallery(characters: list[dict[str, Any]]) -> list[tuple[Image.Image, str]]:
    return [
        (img, f"{person_name(str(c.get('name', '')))} v{c.get('version') or 1}")
        for c in characters
        if (img := _picture(c.get("sheet"))) is not None
    ]


def cast_html(cast: list[dict[str, Any]], voices: list[dict[str, Any]]) -> str:
    items = "".join(f'<li data-character="{escape(c["name"])}">{escape(cast_line(c, voices))}</li>' for c in cast)
    return f'<ul class="studio-cast">{items}</ul>' if items else "<p>No speaking characters.</p>"


def timeline_html(order: list[str], found: list[dict[str, Any]], trims: dict[str, list[int]] | None = None) -> str:
    """The strip: the scenes in their new order, each with its title and length, and its trim."""
    index = {str(s.get("id", i)): (i, s) for i, s in enumerate(found)}
    trims = trims or {}
    chips = []
    for position, scene_id in enumerate(order, start=1):
        i, scene = index[scene_id]
        seconds = f" · {float(scene['target_seconds']):.0f} s" if scene.get("target_seconds") else ""
        cut = ""
        if scene_id in trims:
            first, last = trims[scene_id]
            cut = f" · trimmed to beats {first}–{last} of {len(scene.get('beats') or [])}"
        chips.append(
            f'<li class="studio-chip" data-scene="{escape(scene_id)}" data-position="{position}">'
            f"{escape(scene_title(i, scene))}{seconds}{escape(cut)}</li>"
        )
    removed = [scene_title(i, s) for sid, (i, s) in index.items() if sid not in order]
    gone = f"<p>Removed: {escape(', '.join(removed))}</p>" if removed else ""
    return f'<ol class="studio-timeline">{"".join(chips)}</ol>{gone}'


def beats_text(scene: dict[str, Any] | None, trim: list[int] | None = None) -> str:
    """The scene's beats, numbered, so a trim's numbers mean something; the kept ones in bold."""
    beats = list((scene or {}).get("beats") or [])
    if not beats:
        return ""
    first, last = trim or [1, len(beats)]
    rows = []
    for n, beat in enumerate(beats, start=1):
        words = " ".join(beat.split())
        words = escape(words if len(words) <= 90 else words[:89] + "…")
        rows.append(f"{n}. " + (f"**{words}**" if first <= n <= last else f"~~{words}~~"))
    return "Beats of this scene (a trim keeps a run of them):\n\n" + "\n".join(rows)


def quote_text(quote: RenderQuote, what: str) -> str:
    """What confirming will charge, in a sentence, before anything is charged."""
    cost = plural(quote.credits, "credit")
    if quote.whole_film:
        body = (
            f"This film has not been rendered yet, so {what} renders the whole film "
            f"({quote.seconds:.0f} s): **{cost}**."
        )
    elif quote.scenes:
        body = (
            f"{what.capitalize()} makes {plural(len(quote.scenes), 'scene')} again ({quote.seconds:.0f} s): **{cost}**."
        )
    else:
        body = f"{what.capitalize()} changes no scene's pictures or voices; the film is cut again: **{cost}**."
    balance = "unlimited credits" if quote.balance is None else plural(quote.balance, "credit")
    short = quote.balance is not None and quote.balance < quote.credits
    note = " That is more than you have: buy credits first." if short else " Nothing is charged until you confirm."
    return f"{body} Your balance: {balance}.{note}"


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio · Storyboard") as page:
        gr.Markdown("# Storyboard")
        film_id = gr.Textbox(visible="hidden", elem_id="storyboard-film-id")
        heading = gr.Markdown(elem_id="storyboard-heading")
        pictures = gr.Gallery(
            label="Scene pictures", columns=3, height="auto", object_fit="contain", elem_id="storyboard-pictures"
        )
        cards = gr.HTML(elem_id="storyboard-scenes")

        gr.Markdown("### Timeline")
        strip = gr.HTML(elem_id="storyboard-timeline")
        with gr.Row():
            strip_pick = gr.Dropdown([], label="Scene to move or remove", elem_id="storyboard-timeline-pick")
            earlier = gr.Button("◀ Earlier", size="sm", elem_id="storyboard-timeline-earlier")
            later = gr.Button("Later ▶", size="sm", elem_id="storyboard-timeline-later")
            remove = gr.Button("Remove", size="sm", variant="stop", elem_id="storyboard-timeline-remove")
            reset = gr.Button("Undo changes", size="sm", elem_id="storyboard-timeline-reset")
        with gr.Row():
            trim_from = gr.Number(label="Keep from beat", precision=0, minimum=1, elem_id="storyboard-trim-from")
            trim_to = gr.Number(label="to beat", precision=0, minimum=1, elem_id="storyboard-trim-to")
            trim = gr.Button("Trim", size="sm", elem_id="storyboard-timeline-trim")
        beats_out = gr.Markdown(elem_id="storyboard-beats")
        apply = gr.Button("Re-render with this timeline…", elem_id="storyboard-timeline-apply")

        gr.Markdown("### Edit one scene")
        scene_pick = gr.Dropdown([], label="Scene", elem_id="storyboard-scene")
        scene_editor = gr.Textbox(label="Scene text", lines=8, elem_id="storyboard-scene-text")
        rerender = gr.Button("Save and re-render this scene…", variant="primary", elem_id="storyboard-rerender")

        with gr.Group(visible=False, elem_id="storyboard-confirm-box") as confirm_box:
            quote_out = gr.Markdown(elem_id="storyboard-quote")
            with gr.Row():
                confirm = gr.Button("Confirm and charge", variant="primary", elem_id="storyboard-confirm")
                cancel = gr.Button("Cancel", elem_id="storyboard-cancel")
        status = gr.Markdown(elem_id="storyboard-status")

        gr.Markdown("### Cast")
        cast_out = gr.HTML(elem_id="storyboard-cast")
        with gr.Row():
            who = gr.Dropdown([], label="Character", elem_id="cast-character")
            voice = gr.Dropdown([], label="Voice", elem_id="cast-voice")
        with gr.Row():
            age = gr.Radio(AGE_CHOICES, label="Age", elem_id="cast-age")
            gender = gr.Radio(GENDER_CHOICES, label="Gender", elem_id="cast-gender")
        cast_save = gr.Button("Save cast change", elem_id="cast-save")
        cast_status = gr.Markdown(elem_id="cast-status")
        gr.Markdown(
            "The next render uses the new voice; an age or gender correction is a new version of the character."
        )

        gr.Markdown("### Characters")
        characters = gr.Dataframe(
            headers=["Character", "Who", "Voice", "Versions"], interactive=False, elem_id="storyboard-characters"
        )
        sheets = gr.Gallery(
            label="Character sheets", columns=4, height="auto", object_fit="contain", elem_id="storyboard-sheets"
        )
        scenes = gr.State([])
        order = gr.State([])
        trims = gr.State({})  # scene id -> [first, last] beat kept
        cast_state = gr.State([])
        pending = gr.State(None)  # the quoted edit, waiting for Confirm
        request_key = gr.State(new_request_key)

        def voice_list() -> list[dict[str, Any]]:
            listed = service.voice_choices()
            return [v for v in listed if v["installed"]] or listed

        def show(film: str, request: gr.Request) -> tuple[Any, ...]:
            token = token_of(request)
            empty: tuple[Any, ...] = ([], "", gr.update(choices=[]), "", "", gr.update(choices=[]), "", gr.update(choices=[]),
                     gr.update(choices=[]), [], [], [], [], [], {}, "", None, None)  # fmt: skip
            if not film:
                return ("Open a film from [Home](/).", *empty)
            try:
                view = service.film(token, film)
                board = service.storyboard(token, film)
                cast = service.cast_sheet(token, film)
            except Exception as error:
                return (problem(error), *empty)
            voices = voice_list()
            found = list(board.get("scenes") or [])
            sheet_of = {c["name"]: c for c in board.get("characters") or []}
            table = [{**sheet_of.get(c["name"], {}), **c} for c in cast]
            gallery = [
                (img, scene_title(i, s)) for i, s in enumerate(found) if (img := _picture(s.get("image"))) is not None
            ]
            choices = [(scene_title(i, s), str(s.get("id", i))) for i, s in enumerate(found)]
            first = choices[0][1] if choices else None
            ids = [value for _, value in choices]
            draft = (
                "\n\nShowing your latest edit; it replaces the film when its render finishes."
                if board.get("draft")
                else ""
            )
            title = (
                f"## {escape(view.title)} · {status_badge(view.status)}\n"
                f"[Render]({page_url('render', film)}) · [Watch]({page_url('watch', film)})\n\n"
                + plan_links(film)
                + draft
            )
            people = [(person_name(c["name"]), c["name"]) for c in cast]
            return (
                title,
                gallery,
                "".join(scene_card(i, s, voices) for i, s in enumerate(found)),
                gr.update(choices=choices, value=first),
                scene_text(found[0]) if found else "",
                timeline_html(ids, found),
                gr.update(choices=choices, value=first),
                cast_html(table, voices),
                gr.update(choices=people, value=None),
                gr.update(choices=[(voice_name(v["id"], voices), v["id"]) for v in voices], value=None),
                characters_rows(table, voices),
                sheets_gallery(table),
                found,
                ids,
                table,
                {},
                beats_text(found[0]) if found else "",
                1 if found else None,
                len(found[0].get("beats") or []) or None if found else None,
            )

        def pick(scene_id: str, found: list[dict[str, Any]]) -> str:
            scene = next((s for i, s in enumerate(found) if str(s.get("id", i)) == scene_id), None)
            return scene_text(scene) if scene else ""

        # ----- timeline ---------------------------------------------------------------------
        def move(step: int) -> Any:
            def moved(
                current: list[str], scene_id: str, found: list[dict[str, Any]], cut: dict[str, list[int]]
            ) -> tuple[list[str], str]:
                new = list(current)
                if scene_id in new:
                    i = new.index(scene_id)
                    j = max(0, min(len(new) - 1, i + step))
                    new[i], new[j] = new[j], new[i]
                return new, timeline_html(new, found, cut)

            return moved

        def drop(
            current: list[str], scene_id: str, found: list[dict[str, Any]], cut: dict[str, list[int]]
        ) -> tuple[list[str], str, str, dict[str, list[int]]]:
            if scene_id not in current:
                return current, timeline_html(current, found, cut), "", cut
            if len(current) == 1:
                return current, timeline_html(current, found, cut), "⚠ A film needs at least one scene.", cut
            new = [s for s in current if s != scene_id]
            cut = {k: v for k, v in cut.items() if k != scene_id}  # a removed scene has nothing to trim
            return new, timeline_html(new, found, cut), "", cut

        def undo(found: list[dict[str, Any]]) -> tuple[list[str], str, dict[str, list[int]]]:
            ids = [str(s.get("id", i)) for i, s in enumerate(found)]
            return ids, timeline_html(ids, found), {}

        def scene_of(scene_id: str, found: list[dict[str, Any]]) -> dict[str, Any] | None:
            return next((s for i, s in enumerate(found) if str(s.get("id", i)) == scene_id), None)

        def pick_strip(scene_id: str, found: list[dict[str, Any]], cut: dict[str, list[int]]) -> tuple[Any, ...]:
            scene = scene_of(scene_id, found)
            count = len((scene or {}).get("beats") or [])
            first, last = cut.get(scene_id, [1, count])
            return beats_text(scene, cut.get(scene_id)), first if count else None, last if count else None

        def cut_scene(
            current: list[str], scene_id: str, first: float | None, last: float | None, found: list[dict[str, Any]],
            cut: dict[str, list[int]],
        ) -> tuple[Any, ...]:  # fmt: skip
            scene = scene_of(scene_id, found)
            count = len((scene or {}).get("beats") or [])
            if scene is None or scene_id not in current:
                return timeline_html(current, found, cut), "⚠ Pick a scene of the timeline to trim.", cut, ""
            if first is None or last is None or not (1 <= int(first) <= int(last) <= count):
                words = f"⚠ Keep a run of beats between 1 and {count}, the first before the last."
                return timeline_html(current, found, cut), words, cut, beats_text(scene, cut.get(scene_id))
            kept = [int(first), int(last)]
            cut = {k: v for k, v in cut.items() if k != scene_id}
            if kept != [1, count]:  # keeping every beat is no trim
                cut[scene_id] = kept
            return timeline_html(current, found, cut), "", cut, beats_text(scene, cut.get(scene_id))

        # ----- quote, confirm, cancel -------------------------------------------------------
        hidden = gr.update(visible=False)

        def quote_scene(
            film: str, scene_id: str, text: str, found: list[dict[str, Any]], request: gr.Request
        ) -> tuple[Any, ...]:
            try:
                if not scene_id:
                    raise ValueError("Pick a scene to edit.")
                quote = service.scene_edit_quote(token_of(request), film, scene_id, text)
            except Exception as error:
                return warn(error), "", hidden, None
            index = next((i for i, s in enumerate(found) if str(s.get("id", i)) == scene_id), 0)
            what = f"re-rendering {scene_title(index, found[index]) if found else 'this scene'}"
            return (
                "",
                quote_text(quote, what),
                gr.update(visible=True),
                {"kind": "scene", "scene": scene_id, "text": text},
            )

        def quote_timeline(
            film: str, current: list[str], cut: dict[str, list[int]], request: gr.Request
        ) -> tuple[Any, ...]:
            try:
                quote = service.timeline_quote(token_of(request), film, list(current), dict(cut))
            except Exception as error:
                return warn(error), "", hidden, None
            return (
                "",
                quote_text(quote, "this timeline"),
                gr.update(visible=True),
                {"kind": "timeline", "order": list(current), "trims": dict(cut)},
            )

        def go(film: str, job: dict[str, Any] | None, key: str, request: gr.Request) -> tuple[Any, ...]:
            if not job:
                return "", hidden, None, key
            try:
                if job["kind"] == "scene":
                    service.edit_scene(token_of(request), film, job["scene"], job["text"], key)
                    done = "Scene saved; only the changed scenes are re-rendered."
                else:
                    service.edit_timeline(token_of(request), film, job["order"], key, job.get("trims") or None)
                    done = "Timeline saved; only the changed scenes are re-rendered."
            except Exception as error:
                return warn(error), hidden, None, new_request_key()
            return ok(done) + f" [Follow the render]({page_url('render', film)})", hidden, None, new_request_key()

        def drop_quote() -> tuple[Any, ...]:
            return "Cancelled: nothing was saved or charged.", hidden, None

        # ----- cast -------------------------------------------------------------------------
        def pick_person(name: str, cast: list[dict[str, Any]]) -> tuple[Any, Any, Any]:
            person = next((c for c in cast if c["name"] == name), None)
            if person is None:
                return gr.update(value=None), gr.update(value=None), gr.update(value=None)
            known = {v for _, v in AGE_CHOICES}
            return (
                gr.update(value=person.get("voice")),
                gr.update(value=person["age_band"] if person["age_band"] in known else None),
                gr.update(value=person["gender"] if person["gender"] in ("male", "female") else None),
            )

        def save_cast(film: str, name: str, voice_id: str, age_band: str, sex: str, cast: list[dict[str, Any]],
                      request: gr.Request) -> str:  # fmt: skip
            try:
                if not name:
                    raise ValueError("Pick a character first.")
                person = next((c for c in cast if c["name"] == name), {})
                # A voice picked here wins; an unchanged voice lets a new age or gender recast it.
                chosen = voice_id if voice_id and voice_id != person.get("voice") else None
                result = service.recast(token_of(request), film, name, voice=chosen, age_band=age_band or None,
                                        gender=sex or None)  # fmt: skip
            except Exception as error:
                return warn(error)
            return ok(f"Saved: {cast_line(result, voice_list())}. The next render uses it.")

        outputs = [heading, pictures, cards, scene_pick, scene_editor, strip, strip_pick, cast_out, who, voice,
                   characters, sheets, scenes, order, cast_state, trims, beats_out, trim_from, trim_to]  # fmt: skip
        page.load(None, None, film_id, js=FILM_FROM_URL_JS).then(show, film_id, outputs, api_name="storyboard")
        scene_pick.input(pick, [scene_pick, scenes], scene_editor, api_visibility="private")
        earlier.click(move(-1), [order, strip_pick, scenes, trims], [order, strip], api_visibility="private")
        later.click(move(1), [order, strip_pick, scenes, trims], [order, strip], api_visibility="private")
        remove.click(drop, [order, strip_pick, scenes, trims], [order, strip, status, trims], api_visibility="private")
        reset.click(undo, scenes, [order, strip, trims], api_visibility="private")
        strip_pick.input(
            pick_strip, [strip_pick, scenes, trims], [beats_out, trim_from, trim_to], api_visibility="private"
        )
        trim.click(cut_scene, [order, strip_pick, trim_from, trim_to, scenes, trims], [strip, status, trims, beats_out],
                   api_visibility="private")  # fmt: skip
        quoted = [status, quote_out, confirm_box, pending]
        rerender.click(quote_scene, [film_id, scene_pick, scene_editor, scenes], quoted, api_visibility="private")
        apply.click(quote_timeline, [film_id, order, trims], quoted, api_visibility="private")
        lock = confirm.click(lambda: gr.update(interactive=False), None, confirm, queue=False, api_visibility="private")
        lock.then(
            go, [film_id, pending, request_key], [status, confirm_box, pending, request_key], api_visibility="private"
        ).then(lambda: gr.update(interactive=True), None, confirm, queue=False, api_visibility="private").then(
            show, film_id, outputs, api_visibility="private"
        )
        cancel.click(drop_quote, None, [status, confirm_box, pending], api_visibility="private")
        who.input(pick_person, [who, cast_state], [voice, age, gender], api_visibility="private")
        cast_save.click(
            save_cast, [film_id, who, voice, age, gender, cast_state], cast_status, api_visibility="private"
        ).then(show, film_id, outputs, api_visibility="private")
    return page
