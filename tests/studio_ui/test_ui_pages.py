"""The studio app in process: its pages and routes, the voice preview handler, the form helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.compose import open_studio
from studio.services.studio_service import StudioService
from studio.settings import Settings


@pytest.fixture
def service(tmp_path: Path) -> StudioService:
    home = tmp_path / "home"
    return open_studio(
        Settings(home=home, database_url=f"sqlite:///{home / 'studio.db'}", dagster_home=home / "dagster")
    )


def test_the_app_has_every_page(service: StudioService) -> None:
    from studio_ui.app import build_app

    demo = build_app(service)
    assert [path for path, _name, _shown in demo.pages] == [
        "",
        "create",
        "storyboard",
        "render",
        "watch",
        "credits",
        "admin",
        "production",
        "account",
    ]
    api = {dep.api_name for dep in demo.fns.values() if dep.api_name}
    assert {
        "home",
        "estimate",
        "render_progress",
        "watch",
        "storyboard",
        "ledger",
        "admin",
        "account",
        "production",
    } <= api
    # Signing in and up are browser posts to /auth/* (HttpOnly cookie): no Gradio function returns a token.
    assert not {"sign_in", "sign_up"} & api


def test_voice_preview_plays_samples_and_refuses_unknown_voices(service: StudioService) -> None:
    from studio_ui.voices import voice_preview_audio

    preview = voice_preview_audio(service)
    audio, status = preview("flite-slt")
    rate, samples = audio
    assert rate > 8000 and len(samples) > rate // 2, "less than half a second of preview"
    assert status.startswith("✓")
    audio, status = preview("no-such-voice")
    assert audio is None and status.startswith("⚠") and "no-such-voice" in status


def test_form_options_are_film_format_fields(service: StudioService) -> None:
    from studio.domain.formats import FilmFormat
    from studio_ui.create_form import film_options

    form = {
        "aspect": "9:16", "resolution": "480p", "fps": 30, "duration": 0, "mode": "podcast",
        "music_style": "ambient", "culture": "indian", "style": "storybook", "chosen": {"ASHA": "flite-slt"},
        "burn": True, "caption_size": 60, "caption_colour": "yellow", "caption_position": "top",
        "caption_box": False, "subtitle_language": "es", "loudness": "broadcast", "watermark": True,
    }  # fmt: skip
    options = film_options(form, service.settings.home)
    film_format = FilmFormat.from_dict(options)
    assert film_format.size == (480, 854) and film_format.duration is None
    assert film_format.voices == {"ASHA": "flite-slt"} and film_format.mode == "podcast"
    # The Create page's delivery options are the CLI's (--burn-subtitles and style, --subtitle-language, ...).
    assert film_format.burn_subtitles == {"size": 60, "colour": "yellow", "position": "top", "background": False}
    assert film_format.subtitle_languages == ["es"] and film_format.loudness == "broadcast" and film_format.watermark
