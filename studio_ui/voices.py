"""Voice labels and previews for the Create and Storyboard pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from studio.services.studio_service import StudioService
from studio_ui.session import ok, warn


def voice_label(voice: dict[str, Any]) -> str:
    details = ", ".join(str(voice[k]) for k in ("gender", "age", "language") if voice.get(k))
    return f"{voice.get('name') or voice['id']} ({details})" if details else str(voice.get("name") or voice["id"])


def voice_preview_audio(service: StudioService) -> Callable[[str], tuple[Any, str]]:
    """A handler: voice id -> (sample rate, samples) of a short spoken preview, and a status line.

    The audio goes back as samples, not a path: the preview cache lives under STUDIO_HOME, which
    Gradio's file server must not be opened to.
    """

    def preview(voice_id: str) -> tuple[Any, str]:
        try:
            if not voice_id:
                raise ValueError("Pick a voice first.")
            import soundfile

            from models.voice.preview import voice_preview  # written by the voice work; optional here

            wav = voice_preview(voice_id, service.settings.home / "cache" / "voice_previews")
            samples, rate = soundfile.read(str(wav), dtype="int16")
            names = {v["id"]: v.get("name") or v["id"] for v in service.voice_choices()}
            return (rate, np.asarray(samples)), ok(f"Preview of {names.get(voice_id, voice_id)}")
        except ImportError:
            return None, warn(ValueError("Voice previews are not available in this installation yet."))
        except Exception as error:
            return None, warn(error)

    return preview
