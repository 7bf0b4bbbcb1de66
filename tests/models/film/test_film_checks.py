"""The quality gate fails films that a viewer would notice are wrong."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from integrations.ffmpeg import run_ffmpeg
from models.breakdown import Breakdown, Line, Scene
from models.film.checks import check_duration, check_loudness, check_subtitles
from models.subtitles import Cue, to_srt


def _breakdown(requested: float | None = None, note: str | None = None) -> Breakdown:
    scene = Scene(scene_id="s01", heading="INT. ROOM - DAY", lines=[Line("A", "Hello there."), Line("B", "Hi, you!")])
    return Breakdown("T", "dialogue", "western", [], [scene], requested_seconds=requested, duration_note=note)


def _tone(path: Path, level: float, seconds: float = 3.0, rate: int = 48_000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    sf.write(path, np.stack([level * np.sin(2 * np.pi * 440 * t)] * 2, axis=1).astype(np.float32), rate)
    return path


def _video(path: Path, seconds: float) -> Path:
    run_ffmpeg(["-f", "lavfi", "-i", f"color=c=blue:s=64x64:d={seconds}", "-c:v", "libx264", str(path)])
    return path


def test_loudness_check_rejects_quiet_and_clipping_mixes(tmp_path: Path) -> None:
    assert not check_loudness(_tone(tmp_path / "quiet.wav", 0.01)).passed
    assert not check_loudness(_tone(tmp_path / "hot.wav", 0.999)).passed
    # A 440 Hz stereo sine peaking at 0.217 measures about -14 LUFS with a true peak near -13 dBTP.
    good = check_loudness(_tone(tmp_path / "good.wav", 0.217))
    assert good.passed, good.description


def test_duration_check_needs_the_request_or_a_reason(tmp_path: Path) -> None:
    film = _video(tmp_path / "film.mp4", 11.0)
    assert check_duration(_breakdown(10.8), film).passed
    assert not check_duration(_breakdown(10.0), film).passed
    explained = check_duration(_breakdown(10.0, "The dialogue alone needs 11 s."), film)
    assert explained.passed and explained.description == "The dialogue alone needs 11 s."
    assert not check_duration(_breakdown(12.0, "The dialogue alone needs 11 s."), film).passed


def test_subtitle_check_catches_missing_reordered_and_late_cues(tmp_path: Path) -> None:
    srt = tmp_path / "film.srt"
    breakdown = _breakdown()
    srt.write_text(to_srt([Cue(0.5, 1.5, "Hello there."), Cue(2.0, 3.0, "Hi, you!")]))
    assert check_subtitles(breakdown, srt, 4.0).passed
    srt.write_text(to_srt([Cue(0.5, 1.5, "Hello there.")]))
    assert not check_subtitles(breakdown, srt, 4.0).passed
    srt.write_text(to_srt([Cue(0.5, 1.5, "Hi, you!"), Cue(2.0, 3.0, "Hello there.")]))
    assert not check_subtitles(breakdown, srt, 4.0).passed
    srt.write_text(to_srt([Cue(0.5, 1.5, "Hello there."), Cue(2.0, 5.0, "Hi, you!")]))
    late = check_subtitles(breakdown, srt, 4.0)
    assert not late.passed and late.metadata["cues_past_end"] == 1
