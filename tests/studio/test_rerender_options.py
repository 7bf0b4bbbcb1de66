"""Re-render settings: stored settings kept unless given; burned-in subtitle flags; bad options refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.cli.render import RenderRequest, prepare
from studio.domain.errors import UserError
from studio.domain.formats import FilmFormat
from studio.services.rerender import burn_options, given_fields, merged_format, stored_settings
from studio.settings import Settings


def test_only_the_given_options_replace_the_stored_settings() -> None:
    stored = FilmFormat(resolution="480p", aspect="9:16", watermark=True).to_dict()
    given = FilmFormat(resolution="1080p", fps=30)
    fields = given_fields({"resolution": True, "fps": False, "aspect": False, "voice_pairs": False, "out_dir": True})
    assert fields == {"resolution"}
    merged = merged_format(stored, given, fields)
    assert (merged.resolution, merged.aspect, merged.fps, merged.watermark) == ("1080p", "9:16", 24, True)
    assert given_fields({"subtitle_colour": True}) == {"burn_subtitles"}


def test_burn_flags_make_the_options_dict() -> None:
    assert burn_options(False, None, None, None, None) is None
    assert burn_options(True, None, None, None, None) == {}
    assert burn_options(True, 30, "yellow", "top", False) == {"size": 30, "colour": "yellow", "position": "top",
                                                              "background": False}  # fmt: skip
    with pytest.raises(UserError, match="--burn-subtitles"):
        burn_options(False, 30, None, None, None)


def test_unknown_film_and_bad_subtitle_style_are_refused(tmp_path: Path) -> None:
    settings = Settings.from_env({"STUDIO_HOME": str(tmp_path / "home")})
    with pytest.raises(UserError, match="No film with id 'abcdef123456'"):
        stored_settings(settings, "abcdef123456")
    script = tmp_path / "s.txt"
    script.write_text("ASHA: Hello there.\nRAVI: Hello to you.\n")
    bad = RenderRequest(script, tmp_path / "out", FilmFormat(burn_subtitles={"colour": "plaid"}))
    with pytest.raises(UserError, match="colour"):
        prepare(bad, settings)
    missing = RenderRequest(script, tmp_path / "out", FilmFormat(), film_id="abcdef123456")
    with pytest.raises(UserError, match="No film"):
        prepare(missing, settings)
    assert not (tmp_path / "out").exists()
