"""A creator's own music: what is refused and why, and how it is fitted to the film."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from models.audio import upload
from models.audio.beats import estimate_beats
from models.audio.fit import FADE_OUT_SEC, fit_to_length, load_music
from models.audio.upload import check_music_file

RATE = 44_100


def _tone(seconds: float, freq: float = 220.0) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    return (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


@pytest.fixture
def music_dir(tmp_path: Path) -> Path:
    sf.write(tmp_path / "song.wav", _tone(3.0), RATE)
    sf.write(tmp_path / "song.mp3", np.stack([_tone(3.0), _tone(3.0, 330)], axis=1), RATE, format="MP3")
    return tmp_path


def test_mp3_and_wav_are_accepted(music_dir: Path) -> None:
    assert check_music_file(music_dir / "song.wav") == music_dir / "song.wav"
    assert check_music_file(str(music_dir / "song.mp3")) == music_dir / "song.mp3"
    music = load_music(music_dir / "song.mp3", 48_000)
    assert music.shape[1] == 2 and abs(len(music) / 48_000 - 3.0) < 0.1


def test_refusals_say_why(music_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = {
        "missing.mp3": "does not exist",
        "notes.txt": "must be an MP3 or WAV",
        "empty.wav": "is empty",
        "text.mp3": "not a readable MP3",
        "wav_inside.mp3": "not a readable MP3",
        "broken.wav": "not a readable WAV",
        "short.wav": "shorter than 1 s",
    }
    (music_dir / "notes.txt").write_text("la la la")
    (music_dir / "empty.wav").write_bytes(b"")
    (music_dir / "text.mp3").write_text("this is not audio at all")
    (music_dir / "wav_inside.mp3").write_bytes((music_dir / "song.wav").read_bytes())
    (music_dir / "broken.wav").write_bytes((music_dir / "song.wav").read_bytes()[:40])  # header, no data
    sf.write(music_dir / "short.wav", _tone(0.3), RATE)
    for name, reason in cases.items():
        with pytest.raises(ValueError, match=reason):
            check_music_file(music_dir / name)
    monkeypatch.setattr(upload, "MAX_MUSIC_BYTES", 1000)  # the 50 MB limit, scaled down
    with pytest.raises(ValueError, match="the limit is 50 MB"):
        check_music_file(music_dir / "song.wav")


def test_short_music_is_looped_with_crossfades_and_faded_at_the_ends() -> None:
    rate = 8000
    t = np.arange(2 * rate) / rate
    source = np.repeat((0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)[:, None], 2, axis=1)  # 2 s
    fitted, loops = fit_to_length(source, 7 * rate, rate)
    # A 2 s file with 0.5 s crossfades (a quarter of it) advances 1.5 s per repeat: 5 pieces for 7 s.
    assert fitted.shape == (7 * rate, 2) and loops == 5
    assert fitted[0, 0] == 0.0 and np.max(np.abs(fitted[-10:])) < 0.01  # fades in and out
    middle = fitted[rate : 5 * rate]  # across two seams: no dip to silence, no doubling
    window = rate // 20
    rms = np.sqrt(np.convolve(middle[:, 0] ** 2, np.ones(window) / window, mode="valid"))
    assert rms.min() > 0.1 and rms.max() < 0.35


def test_long_music_is_trimmed_with_a_fade_out() -> None:
    rate = 8000
    source = np.ones((10 * rate, 2), np.float32) * 0.5
    fitted, loops = fit_to_length(source, 4 * rate, rate)
    assert loops == 1 and fitted.shape == (4 * rate, 2)
    assert fitted[2 * rate, 0] == pytest.approx(0.5)
    assert fitted[-1, 0] == 0.0 and fitted[round((4 - FADE_OUT_SEC / 2) * rate), 0] < 0.5


def test_beat_estimate_finds_a_click_track_tempo() -> None:
    rate = 16_000
    clicks = np.zeros(12 * rate, np.float32)
    for k in range(0, 12 * 2):  # 120 bpm
        start = round((0.25 + k * 0.5) * rate)
        clicks[start : start + 200] = np.hanning(200)
    bpm, beats = estimate_beats(clicks, rate, 12.0)
    assert bpm == pytest.approx(120.0, abs=3.0)
    assert abs(beats[0] - 0.25) < 0.03 and abs(beats[1] - beats[0] - 0.5) < 0.02
    assert estimate_beats(np.zeros(rate, np.float32), rate, 1.0) == (None, [])
    held = (0.3 * np.sin(2 * np.pi * 220 * np.arange(12 * rate) / rate)).astype(np.float32)
    assert estimate_beats(held, rate, 12.0) == (None, [])  # a sustained tone has no pulse to cut on
