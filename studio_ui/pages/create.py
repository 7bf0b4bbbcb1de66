"""Create: write or pick a script, see its format, length and cost live, choose voices, music,
culture, format and references, then render it (one charge per click-session)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from studio.domain.formats import ASPECTS, CULTURES, MODES, MUSIC_STYLES, RESOLUTIONS, VISUAL_STYLES
from studio.services.studio_service import Estimate, StudioService
from studio.services.writing import WritingAssistant
from studio_ui.links import page_url
from studio_ui.plan_links import plan_links
from studio_ui.session import new_request_key, ok, problem, token_of, warn
from studio_ui.uploads import check_music, check_references
from studio_ui.voices import voice_label, voice_preview_audio


def estimate_text(estimate: Estimate, balance: int | None) -> str:
    minutes, seconds = divmod(round(estimate.seconds), 60)
    afford = "" if balance is None or balance >= estimate.credits else f" — **you have {balance}**"
    return (
        f"**{estimate.words} words** · format **{estimate.script_format}** · {estimate.scenes} scene(s) · "
        f"{len(estimate.characters)} character(s) · about **{minutes}:{seconds:02d}** · "
        f"costs **{estimate.credits} credit(s)**{afford}"
    )


def film_options(
    aspect: str,
    resolution: str,
    fps: int,
    duration: float,
    mode: str,
    music_style: str,
    culture: str,
    style: str,
    voices: dict[str, str],
    music: str | None,
    references: list[str] | None,
    home: Path | None = None,
) -> dict[str, Any]:
    """FilmFormat fields from the form; duration 0 means the natural length of the speech."""
    options: dict[str, Any] = {
        "aspect": aspect, "resolution": resolution, "fps": int(fps), "mode": mode,
        "music_style": music_style, "culture": culture, "style": style, "voices": dict(voices or {}),
        "duration": float(duration) if duration else None,
    }  # fmt: skip
    if music:
        options["music_file"] = str(check_music(music, home))
    if references:
        options["references"] = check_references(references, home)
    return options


def build(service: StudioService) -> gr.Blocks:
    templates = service.templates()
    voices = service.voice_choices()
    voice_options = [(voice_label(v), v["id"]) for v in voices if v.get("installed", True)]

    with gr.Blocks(title="Film Studio · Create") as page:
        gr.Markdown("# Create a film")
        status = gr.Markdown(elem_id="create-status")
        with gr.Row():
            template = gr.Dropdown(list(templates), label="Start from a sample", value=None, elem_id="create-template")
        script = gr.Textbox(
            label="Script (Fountain screenplay, prose, or NAME: line dialogue)",
            lines=14,
            max_lines=30,
            elem_id="create-script",
        )
        summary = gr.Markdown("Write or pick a script to see its length and cost.", elem_id="create-estimate")
        assistant = WritingAssistant(service.settings)
        with gr.Accordion("Writing assistant", open=False, elem_id="create-writer"):
            if assistant.installed():
                with gr.Row():
                    logline = gr.Textbox(
                        label="Logline (who wants what, and what stands in the way)",
                        lines=2,
                        elem_id="create-logline",
                        scale=4,
                    )
                    minutes = gr.Slider(1, 10, value=2, step=1, label="Minutes", elem_id="create-writer-minutes")
                with gr.Row():
                    draft_button = gr.Button("Draft a screenplay", elem_id="create-draft")
                    speaker = gr.Textbox(label="Next line for (optional)", elem_id="create-writer-speaker")
                    suggest_button = gr.Button("Suggest the next line", elem_id="create-suggest")
                writer_note = gr.Markdown(elem_id="create-writer-note")
            else:
                gr.Markdown(assistant.install_hint(), elem_id="create-writer-note")
        cast = gr.State([])  # [{name, age_band, gender, voice}] from the latest estimate
        chosen = gr.State({})  # character -> voice id the creator picked

        with gr.Accordion("Voices", open=True):

            @gr.render(inputs=[cast])
            def cast_rows(characters: list[dict]) -> None:
                if not characters:
                    gr.Markdown("Characters appear here once the script has lines.")
                for character in characters:
                    with gr.Row(equal_height=True):
                        who = f"{character.get('age_band', '')} {character.get('gender', '')}"
                        gr.Markdown(f"**{character['name']}** · {who}")
                        choice = gr.Dropdown(
                            voice_options, value=character.get("voice"), label="Voice", key=f"voice-{character['name']}"
                        )
                        listen = gr.Button("▶ Preview", size="sm", key=f"listen-{character['name']}")
                        audio = gr.Audio(label="Preview", interactive=False, key=f"audio-{character['name']}")

                    def pick(voice_id: str, picked: dict, name: str = character["name"]) -> dict:
                        return {**picked, name: voice_id}

                    choice.change(pick, [choice, chosen], chosen, api_visibility="private")
                    listen.click(voice_preview_audio(service), choice, [audio, status], api_visibility="private")

        with gr.Accordion("Format, music and look", open=True):
            with gr.Row():
                aspect = gr.Radio(list(ASPECTS), value="16:9", label="Aspect ratio", elem_id="create-aspect")
                resolution = gr.Radio(list(RESOLUTIONS), value="720p", label="Resolution", elem_id="create-resolution")
                fps = gr.Radio([24, 30], value=24, label="Frames per second")
            with gr.Row():
                mode = gr.Radio(list(MODES), value="auto", label="Mode (podcast: two speakers, no pictures of scenes)")
                duration = gr.Number(
                    value=0,
                    minimum=0,
                    maximum=600,
                    label="Target length in seconds (0 = natural)",
                    elem_id="create-duration",
                )
            with gr.Row():
                music_style = gr.Dropdown(list(MUSIC_STYLES), value="auto", label="Music style")
                culture = gr.Dropdown(list(CULTURES), value="auto", label="Cultural context")
                style = gr.Dropdown(list(VISUAL_STYLES), value="flat", label="Picture style")
            with gr.Row():
                music = gr.File(
                    label="Your own music (MP3 or WAV, ≤ 50 MB)",
                    file_types=[".mp3", ".wav"],
                    type="filepath",
                    elem_id="create-music",
                )
                references = gr.File(
                    label="Reference images (JPG, PNG, WEBP)",
                    file_count="multiple",
                    file_types=[".jpg", ".jpeg", ".png", ".webp"],
                    type="filepath",
                    elem_id="create-references",
                )
            upload_note = gr.Markdown(elem_id="create-upload-note")

        with gr.Row():
            render_button = gr.Button("Render film", variant="primary", elem_id="create-render")
            plan_button = gr.Button("Save draft and plan", elem_id="create-plan")
        next_link = gr.Markdown(elem_id="create-next")
        plan_note = gr.Markdown(elem_id="create-plan-links")
        request_key = gr.State(new_request_key)
        film_box = gr.Textbox(visible="hidden", elem_id="create-film-id")

        def use_template(name: str | None) -> str | Any:
            return templates.get(name, "") if name else gr.skip()

        def estimate(
            text: str, culture_value: str, mode_value: str, seconds: float, current: list[dict], request: gr.Request
        ):
            token = token_of(request)
            if not text.strip():
                return "Write or pick a script to see its length and cost.", []
            try:
                length = float(seconds) if seconds else None
                options = {"culture": culture_value, "mode": mode_value, "duration": length}
                result = service.estimate(token, text, options)
                balance = service.user(token).balance
            except Exception as error:
                return problem(error), gr.skip()
            names = [c["name"] for c in result.characters]
            same_cast = names == [c["name"] for c in current or []]
            return estimate_text(result, balance), (gr.skip() if same_cast else result.characters)

        def check_uploads(music_path: str | None, reference_paths: list[str] | None) -> str:
            notes = []
            try:
                if music_path:
                    notes.append(ok(f"Music accepted: {check_music(music_path).name}"))
                if reference_paths:
                    notes.append(ok(f"{len(check_references(reference_paths))} reference image(s) accepted"))
            except Exception as error:
                return warn(error)
            return "\n\n".join(notes)

        def render(
            text: str,
            aspect_v,
            resolution_v,
            fps_v,
            duration_v,
            mode_v,
            music_style_v,
            culture_v,
            style_v,
            picked: dict,
            music_path,
            reference_paths,
            key: str,
            request: gr.Request,
        ):
            token = token_of(request)
            film_id = ""
            try:
                if not text.strip():
                    raise ValueError("The script is empty: write one or pick a sample.")
                options = film_options(
                    aspect_v,
                    resolution_v,
                    fps_v,
                    duration_v,
                    mode_v,
                    music_style_v,
                    culture_v,
                    style_v,
                    picked,
                    music_path,
                    reference_paths,
                    service.settings.home,
                )
                cost = service.estimate(token, text, options).credits
                balance = service.user(token).balance
                if balance is not None and balance < cost:
                    raise ValueError(
                        f"This film costs {cost} credit(s) and you have {balance}. "
                        "Shorten the script or get more credits on the Credits page."
                    )
                film_id = service.create_film(token, text, options)
                service.render(token, film_id, key)
            except Exception as error:
                # A fresh key for the next attempt: the clicks of one attempt already shared this one.
                later = page_url("render", film_id)
                saved = f"The film is saved as a draft: [render it later]({later})" if film_id else ""
                return warn(error), saved, new_request_key(), ""
            url = page_url("render", film_id)
            return ok("Render queued."), f"[Follow the render]({url})", new_request_key(), film_id

        def save_and_plan(
            text: str,
            aspect_v,
            resolution_v,
            fps_v,
            duration_v,
            mode_v,
            music_style_v,
            culture_v,
            style_v,
            picked: dict,
            music_path,
            reference_paths,
            key: str,
            request: gr.Request,
        ):
            """A draft film (nothing charged) and the links to its breakdown sheets, schedule, budget,
            call sheets and calendar."""
            try:
                if not text.strip():
                    raise ValueError("The script is empty: write one or pick a sample.")
                options = film_options(
                    aspect_v,
                    resolution_v,
                    fps_v,
                    duration_v,
                    mode_v,
                    music_style_v,
                    culture_v,
                    style_v,
                    picked,
                    music_path,
                    reference_paths,
                    service.settings.home,
                )
                film_id = service.create_film(token_of(request), text, options)
            except Exception as error:
                return warn(error)
            return (
                f"{plan_links(film_id)}\n\nThe film is saved as a draft: "
                f"[storyboard]({page_url('storyboard', film_id)}) · [render it]({page_url('render', film_id)})"
            )

        if assistant.installed():

            def draft(text: str, length: float, request: gr.Request, progress=gr.Progress()):  # noqa: B008
                try:
                    service.user(token_of(request))  # signed in
                    result = assistant.draft(
                        text, length, lambda done, total: progress((done, total), desc="Drafting", unit="tokens")
                    )
                except Exception as error:
                    return gr.skip(), warn(error)
                return result.fountain, ok(
                    f"Drafted {result.scenes} scene(s), {result.lines} line(s) for "
                    f"{', '.join(result.speakers)} in {result.seconds:.0f} s "
                    f"({result.tokens_per_second:.1f} tokens/s); checked as Fountain."
                )

            def suggest(text: str, who: str, request: gr.Request, progress=gr.Progress()):  # noqa: B008
                try:
                    service.user(token_of(request))
                    line = assistant.suggest(
                        text, who or None, lambda done, total: progress((done, total), desc="Writing")
                    )
                except Exception as error:
                    return gr.skip(), warn(error)
                return text.rstrip() + "\n\n" + line, ok("Suggested line added at the end of the script.")

            draft_button.click(draft, [logline, minutes], [script, writer_note], api_visibility="private")
            suggest_button.click(suggest, [script, speaker], [script, writer_note], api_visibility="private")

        template.change(use_template, template, script, api_visibility="private")
        estimate_inputs = [script, culture, mode, duration, cast]
        script.change(estimate, estimate_inputs, [summary, cast], trigger_mode="always_last", api_name="estimate")
        for control in (culture, mode, duration):
            control.change(
                estimate, estimate_inputs, [summary, cast], trigger_mode="always_last", api_visibility="private"
            )
        music.change(check_uploads, [music, references], upload_note, api_visibility="private")
        references.change(check_uploads, [music, references], upload_note, api_visibility="private")

        form = [
            script,
            aspect,
            resolution,
            fps,
            duration,
            mode,
            music_style,
            culture,
            style,
            chosen,
            music,
            references,
            request_key,
        ]
        plan_button.click(save_and_plan, form, plan_note, api_visibility="private")
        render_button.click(
            lambda: gr.update(interactive=False, value="Submitting…"),
            None,
            render_button,
            queue=False,
            api_visibility="private",
        ).then(
            render,
            form,
            [status, next_link, request_key, film_box],
            api_visibility="private",
        ).then(
            lambda: gr.update(interactive=True, value="Render film"),
            None,
            render_button,
            queue=False,
            api_visibility="private",
        ).then(
            None,
            film_box,
            None,
            js="(id) => { if (id) { window.location.href = '/render?film=' + encodeURIComponent(id); } }",
        )
    return page
