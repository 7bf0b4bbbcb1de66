"""Bad scripts and options are refused before anything is created."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.domain.errors import UserError
from studio.domain.formats import FilmFormat
from studio.domain.validation import check_duration, read_script
from studio.settings import MAX_SCRIPT_BYTES, Settings


def test_read_script_refuses_missing_empty_binary_and_huge(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not found"):
        read_script(tmp_path / "nope.fountain")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n")
    with pytest.raises(UserError, match="empty"):
        read_script(blank)
    binary = tmp_path / "film.fountain"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UserError, match="binary"):
        read_script(binary)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(UserError, match="UTF-8"):
        read_script(latin)
    huge = tmp_path / "huge.txt"
    huge.write_text("MAYA: hello there.\n" * (MAX_SCRIPT_BYTES // 10))
    with pytest.raises(UserError, match="limit"):
        read_script(huge)


def test_read_script_accepts_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffMAYA: Namaste.".encode("utf-8"))
    assert read_script(path) == "MAYA: Namaste."


@pytest.mark.parametrize("seconds", [-5.0, 0.0, 1.0, 601.0, float("nan"), float("inf")])
def test_durations_out_of_range_are_refused(seconds: float) -> None:
    with pytest.raises(UserError, match="Duration must be between"):
        check_duration(seconds)


def test_formats() -> None:
    assert FilmFormat(aspect="9:16", resolution="1080p").size == (1080, 1920)
    assert FilmFormat(resolution="480p").size == (854, 480)
    with pytest.raises(ValueError, match="Resolution"):
        FilmFormat(resolution="4k")
    assert FilmFormat.from_dict(FilmFormat(duration=30.0).to_dict()).duration == 30.0


def test_settings_default_to_a_local_home() -> None:
    settings = Settings.from_env({"STUDIO_HOME": "/srv/films"})
    assert settings.database_url == "sqlite:////srv/films/studio.db"
    assert settings.media_root == Path("/srv/films/media")
    assert settings.dagster_home == Path("/srv/films/dagster")
