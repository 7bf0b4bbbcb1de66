"""The Create page's writing assistant: draft a screenplay from a logline, or suggest the next line
(a local language model; without it the panel says how to install it)."""

from __future__ import annotations

import gradio as gr

from studio.services.studio_service import StudioService
from studio.services.writing import WritingAssistant
from studio_ui.session import ok, token_of, warn


def add_writer_panel(service: StudioService, script: gr.Textbox) -> None:
    """The assistant's accordion, writing into `script`."""
    assistant = WritingAssistant(service.settings)
    with gr.Accordion("Writing assistant", open=False, elem_id="create-writer"):
        if not assistant.installed():
            gr.Markdown(assistant.install_hint(), elem_id="create-writer-note")
            return
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
            line = assistant.suggest(text, who or None, lambda done, total: progress((done, total), desc="Writing"))
        except Exception as error:
            return gr.skip(), warn(error)
        return text.rstrip() + "\n\n" + line, ok("Suggested line added at the end of the script.")

    draft_button.click(draft, [logline, minutes], [script, writer_note], api_visibility="private")
    suggest_button.click(suggest, [script, speaker], [script, writer_note], api_visibility="private")
