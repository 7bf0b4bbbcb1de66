"""`studio render --music/--music-style/--loudness`: bad music is refused before anything exists."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

STUDIO = Path(sys.executable).with_name("studio")
SCRIPT = "ASHA: The river is calm tonight.\nMARCUS: The lamps are floating away.\n"


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDIO_HOME": str(home)}
    env.pop("DAGSTER_HOME", None)
    env.pop("STUDIO_DATABASE_URL", None)
    return subprocess.run([str(STUDIO), *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("song.mp3", b"definitely not audio", "not a readable MP3"),
        ("song.ogg", b"OggS", "must be an MP3 or WAV"),
        ("missing.wav", None, "does not exist"),
    ],
)
def test_bad_music_exits_2_and_creates_nothing(tmp_path: Path, name: str, content: bytes | None, reason: str) -> None:
    script = tmp_path / "talk.txt"
    script.write_text(SCRIPT)
    music = tmp_path / name
    if content is not None:
        music.write_bytes(content)
    home, out = tmp_path / "home", tmp_path / "out"
    result = _run(["render", str(script), "--out", str(out), "--music", str(music)], home)
    assert result.returncode == 2
    assert reason in result.stderr and result.stderr.startswith("error: ")
    assert not home.exists() and not out.exists()


def test_style_and_loudness_choices_are_checked(tmp_path: Path) -> None:
    script = tmp_path / "talk.txt"
    script.write_text(SCRIPT)
    bad_style = _run(["render", str(script), "--out", str(tmp_path / "o"), "--music-style", "jazz"], tmp_path / "h")
    bad_loudness = _run(["render", str(script), "--out", str(tmp_path / "o"), "--loudness", "cinema"], tmp_path / "h")
    assert bad_style.returncode == 2 and "jazz" in bad_style.stderr
    no_translator = _run(["render", str(script), "--out", str(tmp_path / "o"), "--subtitle-language", "fr"],
                         tmp_path / "h")  # fmt: skip
    assert no_translator.returncode == 2 and "No translator from English to French" in no_translator.stderr
    assert bad_loudness.returncode == 2 and "cinema" in bad_loudness.stderr
    assert not (tmp_path / "h").exists()


def test_usable_music_passes_prepare(tmp_path: Path) -> None:
    from studio.cli.render import RenderRequest, prepare
    from studio.domain.formats import FilmFormat

    script = tmp_path / "talk.txt"
    script.write_text(SCRIPT)
    music = tmp_path / "bed.wav"
    sf.write(music, np.zeros((44_100 * 2, 2), np.float32) + 0.01, 44_100)
    fmt = FilmFormat(music_file=str(music), music_style="ambient", loudness="broadcast", subtitle_languages=["es"])
    prepared = prepare(RenderRequest(script, tmp_path / "out", fmt))
    assert prepared.breakdown.title
    with pytest.raises(ValueError, match="No translator from English to German"):
        prepare(RenderRequest(script, tmp_path / "out", FilmFormat(subtitle_languages=["de"])))
