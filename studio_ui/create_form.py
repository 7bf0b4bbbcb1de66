"""The Create page's form logic: render options within the tier, the cost shown and confirmed before
any charge, voice choices by name, and the script's auto-save into its draft film's version history.

The page (studio_ui/pages/create.py) lays the controls out and wires the events; every handler here
goes through `StudioService`. A form is read as one dict of values keyed by field name (`values`).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import gradio as gr

from studio.services import credits as credit_rules
from studio.services.studio_service import Estimate, StudioService
from studio_ui.labels import credits_text
from studio_ui.links import page_url
from studio_ui.session import ok, warn
from studio_ui.uploads import check_music, check_references
from studio_ui.voices import voice_label

# The browser tests shorten this with STUDIO_AUTOSAVE_SECONDS (and move the browser's clock instead of sleeping).
AUTOSAVE_SECONDS = float(os.environ.get("STUDIO_AUTOSAVE_SECONDS") or 30)
LOUDNESS_CHOICES = [("Online video (−14 LUFS, YouTube)", "youtube"), ("Broadcast (−23 LUFS, EBU R 128)", "broadcast")]
CAPTION_SIZES = [("Small", 32), ("Medium", 44), ("Large", 60)]
CAPTION_COLOURS = [("White", "white"), ("Yellow", "yellow"), ("Cyan", "cyan"), ("Orange", "orange")]
NO_TRANSLATION = ("No translation", "")
RESOLUTION_ORDER = ("480p", "720p", "1080p")


def voice_choices(service: StudioService) -> list[tuple[str, str]]:
    """(human label, voice id) of every installed catalogue voice: people read names, the film keeps ids."""
    return [(voice_label(v), v["id"]) for v in service.voice_choices() if v.get("installed", True)]


def delivery_options(values: dict[str, Any]) -> dict[str, Any]:
    """FilmFormat's delivery fields (captions, translation, loudness, watermark) from the form."""
    burn = None
    if values.get("burn"):
        burn = {
            "size": int(values.get("caption_size") or CAPTION_SIZES[1][1]),
            "colour": values.get("caption_colour") or "white",
            "position": values.get("caption_position") or "bottom",
            "background": bool(values.get("caption_box")),
        }
    language = values.get("subtitle_language") or ""
    return {
        "burn_subtitles": burn,
        "subtitle_languages": [language] if language else [],
        "loudness": values.get("loudness") or "youtube",
        "watermark": bool(values.get("watermark")),
    }


def estimate_text(estimate: Estimate, balance: int | None) -> str:
    minutes, seconds = divmod(round(estimate.seconds), 60)
    afford = "" if balance is None or balance >= estimate.credits else f" — **you have {balance}**"
    return (
        f"**{estimate.words} words** · format **{estimate.script_format}** · {estimate.scenes} scene(s) · "
        f"{len(estimate.characters)} character(s) · about **{minutes}:{seconds:02d}** · "
        f"costs **{credits_text(estimate.credits)}**{afford}"
    )


def check_uploads(music_path: str | None, reference_paths: list[str] | None) -> str:
    """A line per accepted upload, or the reason one is refused."""
    notes = []
    try:
        if music_path:
            notes.append(ok(f"Music accepted: {check_music(music_path).name}"))
        if reference_paths:
            notes.append(ok(f"{len(check_references(reference_paths))} reference image(s) accepted"))
    except Exception as error:
        return warn(error)
    return "\n\n".join(notes)


def film_options(values: dict[str, Any], home: Path | None = None) -> dict[str, Any]:
    """FilmFormat fields from the form; duration 0 means the natural length of the speech."""
    duration = values.get("duration")
    options: dict[str, Any] = {
        "aspect": values["aspect"], "resolution": values["resolution"], "fps": int(values["fps"]),
        "mode": values["mode"], "music_style": values["music_style"], "culture": values["culture"],
        "style": values["style"], "voices": dict(values.get("chosen") or {}),
        "duration": float(duration) if duration else None, **delivery_options(values),
    }  # fmt: skip
    if values.get("music"):
        options["music_file"] = str(check_music(values["music"], home))
    if values.get("references"):
        options["references"] = check_references(values["references"], home)
    return options


def script_of(values: dict[str, Any]) -> str:
    text = str(values.get("script") or "")
    if not text.strip():
        raise ValueError("The script is empty: write one or pick a sample.")
    return text


def quote(service: StudioService, token: str, values: dict[str, Any]) -> tuple[int, int | None]:
    """What rendering the form would cost and the balance, after every check that could refuse it
    (tier length and resolution, options, balance); raises with the reason, nothing is charged."""
    text = script_of(values)
    options = film_options(values, service.settings.home)
    estimate = service.estimate(token, text, options)
    user = service.user(token)
    credit_rules.check_length(user.tier, estimate.seconds)
    if user.balance is not None and user.balance < estimate.credits:
        raise ValueError(
            f"This film costs {credits_text(estimate.credits)} and you have {user.balance}. "
            "Shorten the script or get more credits on the Credits page."
        )
    return estimate.credits, user.balance


def confirm_text(cost: int, balance: int | None) -> str:
    after = "" if balance is None else f" You have {balance}; {balance - cost} will be left."
    return f"**Rendering this film costs {credits_text(cost)}.**{after} Nothing is spent until you confirm."


def keep_draft(service: StudioService, token: str, values: dict[str, Any], film_id: str, note: str) -> tuple[str, int]:
    """The form's script and options on its draft film (created on first use, nothing charged);
    the film id and its newest script version."""
    text = script_of(values)
    options = film_options(values, service.settings.home)
    if film_id:
        return film_id, service.save_script(token, film_id, text, options, note=note)
    film_id = service.create_film(token, text, options)
    return film_id, service.script_versions(token, film_id)[0]["number"]


def autosave_note(version: int, film_id: str) -> str:
    """When the script was saved, its version, and where its history (with diffs and restore) is."""
    history = page_url("production", film_id)
    return f"Auto-saved at {datetime.now(UTC):%H:%M:%S} UTC · script version {version} · [version history]({history})"


def tier_limits(service: StudioService, token: str) -> tuple[Any, Any, str]:
    """Updates for the resolution and watermark controls, and a line saying what the tier allows:
    options the tier does not permit are not offered."""
    user = service.user(token)
    rules = service.tiers()[user.tier]
    allowed = RESOLUTION_ORDER[: RESOLUTION_ORDER.index(rules["max_resolution"]) + 1]
    resolution = gr.update(choices=list(allowed))
    if rules["watermark"]:
        watermark = gr.update(value=True, interactive=False, label="Watermark (always on for the Free tier)")
    else:
        watermark = gr.update(interactive=True, label="Watermark")
    minutes = rules["max_minutes"]
    note = (
        f"Your **{user.tier.title()}** plan: films up to {minutes:g} minute{'s' * (minutes != 1)}, up to {allowed[-1]}."
    )
    return resolution, watermark, note


def render_options_panel(service: StudioService) -> dict[str, Any]:
    """The delivery controls the CLI's `studio render` has (--burn-subtitles and its style,
    --subtitle-language, --loudness, --watermark), by field name."""
    with gr.Accordion("Captions, subtitles, loudness and watermark", open=True, elem_id="create-delivery"):
        with gr.Row():
            burn = gr.Checkbox(False, label="Burn captions into the picture", elem_id="create-burn")
            size = gr.Dropdown(
                CAPTION_SIZES, value=CAPTION_SIZES[1][1], label="Caption size", elem_id="create-caption-size"
            )
            colour = gr.Dropdown(
                CAPTION_COLOURS, value="white", label="Caption colour", elem_id="create-caption-colour"
            )
            position = gr.Radio(
                [("Bottom", "bottom"), ("Top", "top")],
                value="bottom",
                label="Caption position",
                elem_id="create-caption-position",
            )
            box = gr.Checkbox(True, label="Dark box behind captions", elem_id="create-caption-box")
        with gr.Row():
            language = gr.Dropdown(
                [NO_TRANSLATION, *service.subtitle_languages()],
                value="",
                label="Also write subtitles in",
                elem_id="create-subtitle-language",
            )
            loudness = gr.Radio(LOUDNESS_CHOICES, value="youtube", label="Loudness", elem_id="create-loudness")
            watermark = gr.Checkbox(False, label="Watermark", elem_id="create-watermark")
        tier_note = gr.Markdown(elem_id="create-tier")
    return {
        "burn": burn, "caption_size": size, "caption_colour": colour, "caption_position": position,
        "caption_box": box, "subtitle_language": language, "loudness": loudness, "watermark": watermark,
        "tier_note": tier_note,
    }  # fmt: skip
