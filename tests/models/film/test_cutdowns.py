"""Social cut-downs, teaser and press kit from a finished film, measured with ffprobe and a
loudness meter independent of the code that made them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf

from integrations.ffmpeg import ffmpeg_exe, probe, run_ffmpeg
from models.film.cutdowns import PLATFORMS, Spoken, best_window, cut_downs
from models.film.press_kit import press_kit

FILM_SECONDS = 40.0
LINES = [(2.0, 5.0, "Hello there.", "neutral"), (8.0, 12.0, "Run! The tide is coming in!", "afraid"),
         (13.0, 16.0, "I can see the boat.", "neutral"), (25.0, 29.0, "We made it home.", "happy")]  # fmt: skip


def _srt(lines: list[tuple[float, float, str, str]]) -> str:
    def stamp(t: float) -> str:
        return f"00:00:{int(t):02d},{round((t % 1) * 1000):03d}"

    return "\n".join(f"{i}\n{stamp(a)} --> {stamp(b)}\n{text}\n" for i, (a, b, text, _) in enumerate(lines, 1))


@pytest.fixture(scope="module")
def final(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A quiet 40 s 16:9 film (about -26 LUFS) with bursts of tone where lines are spoken."""
    folder = tmp_path_factory.mktemp("final")
    rate = 48000
    t = np.arange(int(FILM_SECONDS * rate)) / rate
    audio = 0.01 * np.sin(2 * np.pi * 110 * t)
    for a, b, _, _ in LINES:
        span = (t >= a) & (t < b)
        audio[span] += 0.05 * np.sin(2 * np.pi * 220 * t[span]) * (1 + np.sin(2 * np.pi * 4 * t[span]))
    sf.write(folder / "mix.wav", np.stack([audio, audio], axis=1).astype(np.float32), rate)
    run_ffmpeg(["-f", "lavfi", "-i", f"testsrc2=size=854x480:rate=24:duration={FILM_SECONDS}", "-i",
                str(folder / "mix.wav"), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest",
                str(folder / "film.mp4")])  # fmt: skip
    (folder / "film.srt").write_text(_srt(LINES))
    (folder / "film.vtt").write_text("WEBVTT\n")
    lines = [{"speaker": "A", "text": text, "emotion": emotion, "start": a, "end": b} for a, b, text, emotion in LINES]
    breakdown = {"title": "Tide", "scenes": [{"heading": "EXT. BEACH - DAY", "location": "BEACH", "lines": lines}],
                 "characters": [{"name": "A"}]}  # fmt: skip
    (folder / "breakdown.json").write_text(json.dumps(breakdown))
    for name in ("poster.jpg", "thumbnail_1.jpg"):
        run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", str(folder / name)])
    return {"dir": str(folder), "film": "film.mp4", "srt": "film.srt", "vtt": "film.vtt", "breakdown": "breakdown.json",
            "poster": "poster.jpg", "thumbnails": ["thumbnail_1.jpg"], "duration": FILM_SECONDS}  # fmt: skip


def _loudness(path: Path, tmp: Path) -> float:
    wav = tmp / f"{path.stem}.wav"
    run_ffmpeg(["-i", str(path), "-vn", "-ac", "2", "-ar", "48000", str(wav)])
    data, rate = sf.read(wav)
    return pyloudnorm.Meter(rate).integrated_loudness(data)


def test_a_window_keeps_the_strongest_lines_whole() -> None:
    lines = [Spoken(a, b, 1.0 + (3.0 if "!" in text else 0.0)) for a, b, text, _ in LINES]
    start = best_window(lines, FILM_SECONDS, 15.0)
    inside = [line for line in lines if line.start >= start and line.end <= start + 15.0]
    assert any(line.strength > 1 for line in inside)
    assert not any(line.start < start < line.end or line.start < start + 15 < line.end for line in lines)
    with pytest.raises(ValueError, match="longer than the film"):
        best_window(lines, FILM_SECONDS, 60.0)


def test_cutdowns_fit_each_platform(final: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "cut"
    out.mkdir()
    manifest = cut_downs(final, "Tide", out, lengths=(15, 30, 60))
    assert {c["length"] for c in manifest["cutdowns"]} == {15, 30}
    assert manifest["skipped"][0]["length"] == 60 and "longer than the film" in manifest["skipped"][0]["reason"]
    for cut in manifest["cutdowns"]:
        info = probe(out / cut["file"])
        video = next(s for s in info["streams"] if s["codec_type"] == "video")
        assert (video["width"], video["height"]) == PLATFORMS[cut["platform"]].size
        assert abs(float(info["format"]["duration"]) - cut["length"]) < 0.25
        assert any(s["codec_type"] == "audio" for s in info["streams"])
    vertical = out / next(c["file"] for c in manifest["cutdowns"] if c["platform"] == "vertical" and c["length"] == 15)
    assert abs(_loudness(vertical, tmp_path) - -14.0) <= 1.5  # the source film is about -26 LUFS
    teaser = probe(out / manifest["teaser"]["file"])
    assert float(teaser["format"]["duration"]) <= 15.0


def test_press_kit_holds_everything_and_refuses_a_missing_file(final: dict[str, Any], tmp_path: Path) -> None:
    cut = tmp_path / "cut"
    cut.mkdir()
    marketing = cut_downs(final, "Tide", cut, lengths=(15,), platforms=("square",)) | {"dir": str(cut)}
    trailer_dir = tmp_path / "trailer"
    trailer_dir.mkdir()
    (trailer_dir / "trailer.mp4").write_bytes((Path(final["dir"]) / "film.mp4").read_bytes())
    trailer = {"dir": str(trailer_dir), "file": "trailer.mp4"}
    manifest = press_kit(final, trailer, marketing, tmp_path / "kit.zip")
    with zipfile.ZipFile(tmp_path / "kit.zip") as kit:
        names = set(kit.namelist())
        assert {"poster.jpg", "trailer.mp4", "teaser.mp4", "social/cutdown_15s_square.mp4",
                "subtitles/film.srt", "FACT_SHEET.txt"} <= names  # fmt: skip
        sheet = kit.read("FACT_SHEET.txt").decode()
        assert "Runtime: 0:40" in sheet and "Tide" in sheet
    assert set(manifest["members"]) == names
    (trailer_dir / "trailer.mp4").unlink()
    with pytest.raises(FileNotFoundError, match="trailer.mp4"):
        press_kit(final, trailer, marketing, tmp_path / "kit2.zip")
    assert ffmpeg_exe()
