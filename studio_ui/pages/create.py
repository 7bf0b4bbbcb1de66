"""Create: write or pick a script, see its format, length and cost live, choose voices, music,
culture, format, references, captions, loudness and watermark, then render it once the cost is
confirmed (one charge per confirmed click-session). The script is auto-saved into its draft film's
version history. The form logic lives in studio_ui/create_form.py."""

from __future__ import annotations

from typing import Any

import gradio as gr

from studio.domain.formats import ASPECTS, CULTURES, MODES, MUSIC_STYLES, RESOLUTIONS, VISUAL_STYLES
from studio.services.studio_service import StudioService
from studio_ui import create_form as cf
from studio_ui.labels import credits_text
from studio_ui.links import page_url
from studio_ui.plan_links import plan_links
from studio_ui.session import new_request_key, ok, problem, token_of, warn
from studio_ui.voices import voice_preview_audio
from studio_ui.writer_panel import add_writer_panel


def build(service: StudioService) -> gr.Blocks:
    templates = service.templates()
    voice_options = cf.voice_choices(service)
    preview = voice_preview_audio(service)

    with gr.Blocks(title="Film Studio · Create") as page:
        gr.Markdown("# Create a film")
        status = gr.Markdown(elem_id="create-status")
        template = gr.Dropdown(list(templates), label="Start from a sample", value=None, elem_id="create-template")
        script = gr.Textbox(
            label="Script (Fountain screenplay, prose, or NAME: line dialogue)", lines=14, max_lines=30,
            elem_id="create-script",
        )  # fmt: skip
        summary = gr.Markdown("Write or pick a script to see its length and cost.", elem_id="create-estimate")
        autosaved = gr.Markdown(elem_id="create-autosave")
        add_writer_panel(service, script)
        cast = gr.State([])  # [{name, age_band, gender, voice}] from the latest estimate
        chosen = gr.State({})  # character -> voice id the creator picked

        with gr.Accordion("Voices", open=True, elem_id="create-voices"):

            @gr.render(inputs=[cast])
            def cast_rows(characters: list[dict]) -> None:
                if not characters:
                    gr.Markdown("Characters appear here once the script has lines.")
                for character in characters:
                    name = character["name"]
                    with gr.Row(equal_height=True):
                        gr.Markdown(f"**{name}** · {character.get('age_band', '')} {character.get('gender', '')}")
                        choice = gr.Dropdown(
                            voice_options, value=character.get("voice"), label=f"Voice for {name}",
                            interactive=True, key=f"voice-{name}", elem_classes="create-voice",
                        )  # fmt: skip
                        listen = gr.Button("▶ Preview", size="sm", key=f"listen-{name}", elem_classes="create-listen")
                        audio = gr.Audio(
                            label="Preview", interactive=False, autoplay=True, key=f"audio-{name}",
                            elem_classes="create-voice-audio",
                        )  # fmt: skip

                    def pick(voice_id: str, picked: dict, who: str = name) -> dict:
                        return {**picked, who: voice_id}

                    choice.change(pick, [choice, chosen], chosen, api_visibility="private")
                    listen.click(preview, choice, [audio, status], api_visibility="private")

        with gr.Accordion("Format, music and look", open=True):
            with gr.Row():
                aspect = gr.Radio(list(ASPECTS), value="16:9", label="Aspect ratio", elem_id="create-aspect")
                resolution = gr.Radio(list(RESOLUTIONS), value="720p", label="Resolution", elem_id="create-resolution")
                fps = gr.Radio([24, 30], value=24, label="Frames per second")
            with gr.Row():
                mode = gr.Radio(list(MODES), value="auto", label="Mode (podcast: two speakers, no pictures of scenes)")
                duration = gr.Number(
                    value=0, minimum=0, maximum=600, label="Target length in seconds (0 = natural)",
                    elem_id="create-duration",
                )  # fmt: skip
            with gr.Row():
                music_style = gr.Dropdown(list(MUSIC_STYLES), value="auto", label="Music style")
                culture = gr.Dropdown(list(CULTURES), value="auto", label="Cultural context")
                style = gr.Dropdown(list(VISUAL_STYLES), value="flat", label="Picture style")
            with gr.Row():
                music = gr.File(
                    label="Your own music (MP3 or WAV, ≤ 50 MB)", file_types=[".mp3", ".wav"], type="filepath",
                    elem_id="create-music",
                )  # fmt: skip
                references = gr.File(
                    label="Reference images (JPG, PNG, WEBP)", file_count="multiple",
                    file_types=[".jpg", ".jpeg", ".png", ".webp"], type="filepath", elem_id="create-references",
                )  # fmt: skip
            upload_note = gr.Markdown(elem_id="create-upload-note")
        delivery = cf.render_options_panel(service)
        tier_note = delivery.pop("tier_note")

        with gr.Row():
            render_button = gr.Button("Render film", variant="primary", elem_id="create-render")
            plan_button = gr.Button("Save draft and plan", elem_id="create-plan")
        with gr.Group(visible=False, elem_id="create-confirm") as confirm_box:
            confirm_note = gr.Markdown(elem_id="create-confirm-text")
            with gr.Row():
                confirm_button = gr.Button(
                    "Confirm and spend the credits", variant="primary", elem_id="create-confirm-yes"
                )
                cancel_button = gr.Button("Cancel", elem_id="create-confirm-no")
        next_link = gr.Markdown(elem_id="create-next")
        plan_note = gr.Markdown(elem_id="create-plan-links")
        request_key = gr.State(new_request_key)
        quoted = gr.State(0)  # the cost the creator saw and confirms
        draft = gr.State("")  # this form's draft film (auto-save, plan and render all use it)
        saved_text = gr.State("")  # the script as last saved, so an unchanged script is not saved again
        film_box = gr.Textbox(visible="hidden", elem_id="create-film-id")
        timer = gr.Timer(cf.AUTOSAVE_SECONDS)

        fields = {
            "script": script, "aspect": aspect, "resolution": resolution, "fps": fps, "duration": duration,
            "mode": mode, "music_style": music_style, "culture": culture, "style": style, "chosen": chosen,
            "music": music, "references": references, **delivery,
        }  # fmt: skip
        extras = {"status": status, "key": request_key, "quoted": quoted, "draft": draft, "saved_text": saved_text}
        names = {component: name for name, component in {**fields, **extras}.items()}
        form = set(fields.values()) | set(extras.values())

        def values(data: dict) -> dict[str, Any]:
            return {names[component]: value for component, value in data.items() if component in names}

        def estimate(text: str, culture_v: str, mode_v: str, seconds: float, current: list[dict], request: gr.Request):
            token = token_of(request)
            if not text.strip():
                return "Write or pick a script to see its length and cost.", []
            try:
                options = {"culture": culture_v, "mode": mode_v, "duration": float(seconds) if seconds else None}
                result = service.estimate(token, text, options)
                balance = service.user(token).balance
            except Exception as error:
                return problem(error), gr.skip()
            same_cast = [c["name"] for c in result.characters] == [c["name"] for c in current or []]
            return cf.estimate_text(result, balance), (gr.skip() if same_cast else result.characters)

        def recheck(data: dict, request: gr.Request) -> Any:
            """An error under the form goes once its input is fixed (a new error replaces it)."""
            v = values(data)
            if not str(v.get("status") or "").startswith("⚠"):
                return gr.skip()
            try:
                cf.quote(service, token_of(request), v)
            except Exception as error:
                return problem(error)
            return ""

        def ask(data: dict, request: gr.Request) -> tuple[Any, ...]:
            try:
                cost, balance = cf.quote(service, token_of(request), values(data))
            except Exception as error:
                return warn(error), gr.Group(visible=False), "", 0, gr.skip()
            spend = gr.update(value=f"Confirm and spend {credits_text(cost)}")
            return "", gr.Group(visible=True), cf.confirm_text(cost, balance), cost, spend

        def render(data: dict, request: gr.Request) -> tuple[Any, ...]:
            token, v = token_of(request), values(data)
            film_id = v["draft"]
            try:
                cost, _ = cf.quote(service, token, v)
                if cost != v["quoted"]:
                    raise ValueError(f"The cost is now {credits_text(cost)}; check it and confirm again.")
                film_id, _ = cf.keep_draft(service, token, v, film_id, "rendered from the Create page")
                service.render(token, film_id, v["key"])
            except Exception as error:
                # A fresh key for the next attempt: the clicks of one attempt already shared this one.
                later = f"The film is saved as a draft: [render it later]({page_url('render', film_id)})"
                return warn(error), later if film_id else "", new_request_key(), "", film_id
            link = f"[Follow the render]({page_url('render', film_id)})"
            return ok(f"Render queued; {credits_text(cost)} spent."), link, new_request_key(), film_id, film_id

        def save_and_plan(data: dict, request: gr.Request) -> tuple[Any, ...]:
            """The draft film (nothing charged) and the links to its breakdown sheets, schedule, budget,
            call sheets and calendar."""
            v = values(data)
            try:
                film_id, _ = cf.keep_draft(service, token_of(request), v, v["draft"], "saved from the Create page")
            except Exception as error:
                return warn(error), "", gr.skip(), gr.skip()
            links = (
                f"{plan_links(film_id)}\n\nThe film is saved as a draft: "
                f"[storyboard]({page_url('storyboard', film_id)}) · [render it]({page_url('render', film_id)})"
            )
            return "", links, film_id, v["script"]

        def autosave(data: dict, request: gr.Request) -> tuple[Any, ...]:
            token, v = token_of(request), values(data)
            text = str(v.get("script") or "")
            if not token or not text.strip() or text == v["saved_text"]:
                return gr.skip(), gr.skip(), gr.skip()
            try:
                film_id, version = cf.keep_draft(service, token, v, v["draft"], "auto-saved")
            except Exception as error:
                return f"Not auto-saved: {problem(error)}", gr.skip(), gr.skip()
            return cf.autosave_note(version, film_id), film_id, text

        def limits(request: gr.Request) -> tuple[Any, ...]:
            try:
                return cf.tier_limits(service, token_of(request))
            except Exception:  # signed out: the page says so when they act
                return gr.skip(), gr.skip(), ""

        private: dict[str, Any] = {"api_visibility": "private"}
        page.load(limits, None, [resolution, delivery["watermark"], tier_note], **private)
        template.change(lambda name: templates.get(name, "") if name else gr.skip(), template, script, **private)
        estimate_inputs = [script, culture, mode, duration, cast]
        script.change(estimate, estimate_inputs, [summary, cast], trigger_mode="always_last", api_name="estimate")
        for control in (culture, mode, duration):
            control.change(estimate, estimate_inputs, [summary, cast], trigger_mode="always_last", **private)
        for control in fields.values():
            if control is not chosen:
                control.change(recheck, form, status, trigger_mode="always_last", **private)
        chosen.change(recheck, form, status, trigger_mode="always_last", **private)
        music.change(cf.check_uploads, [music, references], upload_note, **private)
        references.change(cf.check_uploads, [music, references], upload_note, **private)
        timer.tick(autosave, form, [autosaved, draft, saved_text], **private)
        plan_button.click(save_and_plan, form, [status, plan_note, draft, saved_text], **private)
        render_button.click(ask, form, [status, confirm_box, confirm_note, quoted, confirm_button], **private)
        cancel_button.click(
            lambda: (gr.Group(visible=False), ok("Cancelled: no credits were spent."), 0),
            None,
            [confirm_box, status, quoted],
            **private,
        )
        confirm_button.click(
            lambda: (gr.Group(visible=False), gr.update(interactive=False, value="Submitting…")),
            None,
            [confirm_box, render_button],
            queue=False,
            **private,
        ).then(render, form, [status, next_link, request_key, film_box, draft], **private).then(
            lambda: gr.update(interactive=True, value="Render film"), None, render_button, queue=False, **private
        ).then(
            None,
            film_box,
            None,
            js="(id) => { if (id) { window.location.href = '/render?film=' + encodeURIComponent(id); } }",
        )
    return page
