"""Clip rendering: valid H.264, exact frame count, mouths that follow the speech, blinks, camera motion."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from integrations.ffmpeg import ffmpeg_exe, probe
from models.breakdown import Character, Scene
from models.image.art import SceneArt
from models.image.illustrator import draw_scene
from models.image.look import cast_looks
from models.lipsync.animator import Speech, iter_frames, render_clip, tracks_for
from models.lipsync.timeline import blink_frames
from models.voice.base import Timed

RATE = 16000
CAST = [Character("MAYA", "adult", 34, "female", "yellow raincoat"), Character("ELIAS", "senior", 70, "male", "beard")]


@cache
def art(size: tuple[int, int] = (640, 360)) -> SceneArt:
    scene = Scene("s01", "INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", "night", True, characters=["MAYA", "ELIAS"])
    return draw_scene(scene, cast_looks(CAST, "western"), size)


def synthetic_speech(seconds: float, seed: int) -> tuple[np.ndarray, list[Timed]]:
    """Noise bursts shaped like syllables (about 3 a second) with pauses, and phonemes laid over them."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    syllables = np.clip(np.sin(2 * np.pi * 2.7 * t), 0.0, None) ** 1.5
    phrases = (np.sin(2 * np.pi * 0.45 * t) > -0.3).astype(np.float32)  # a pause now and then
    envelope = syllables * phrases * (0.55 + 0.45 * np.sin(2 * np.pi * 0.8 * t + 1.0))
    samples = (rng.standard_normal(t.size) * envelope * 0.3).astype(np.float32)
    labels = ["m", "ɑ", "t", "iː", "oʊ", "f", "aa", "l", "uw", "s", "ə", "b", "æ", "n"]
    phonemes, start, k = [], 0.0, 0
    while start < seconds:
        length = 0.06 + 0.05 * rng.random()
        phonemes.append(Timed(labels[k % len(labels)], start, min(seconds, start + length)))
        start, k = start + length, k + 1
    return samples, phonemes


def frame_envelope(samples: np.ndarray, offset: float, n_frames: int, fps: int) -> np.ndarray:
    """Independent check: RMS of the signal within each video frame."""
    placed = np.zeros(int(n_frames / fps * RATE) + RATE, dtype=np.float64)
    begin = int(round(offset * RATE))
    placed[begin : begin + samples.size] = samples
    per = RATE // fps
    return np.sqrt((placed[: n_frames * per].reshape(n_frames, per) ** 2).mean(axis=1))


def decode(path: Path, width: int, height: int) -> np.ndarray:
    raw = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.uint8).reshape(-1, height, width, 3)


def test_clip_is_h264_with_every_frame_and_a_moving_camera(tmp_path: Path) -> None:
    samples, phonemes = synthetic_speech(3.0, 1)
    out = tmp_path / "clip.mp4"
    stats = render_clip(art(), [Speech("MAYA", 0.5, phonemes, samples, RATE)], 4.0, 24, out)
    assert stats.frames == 96 and stats.seconds == pytest.approx(4.0)
    streams = probe(out)["streams"]
    assert [s["codec_type"] for s in streams] == ["video"]
    video = streams[0]
    assert (video["codec_name"], video["width"], video["height"], video["pix_fmt"]) == ("h264", 640, 360, "yuv420p")
    assert int(video["nb_frames"]) == 96
    frames = decode(out, 640, 360)
    assert len(frames) == 96
    first, last = frames[0].astype(int), frames[-1].astype(int)
    assert np.abs(first - last).mean() > 4  # the push-in moved the picture


def test_mouth_openness_follows_the_speech(tmp_path: Path) -> None:
    fps, duration = 25, 8.0
    first, p1 = synthetic_speech(3.5, 2)
    second, p2 = synthetic_speech(3.0, 3)
    speech = [Speech("MAYA", 0.3, p1, first, RATE), Speech("ELIAS", 4.5, p2, second, RATE)]
    stats = render_clip(art(), speech, duration, fps, tmp_path / "talk.mp4", preset="ultrafast")
    for line in speech:
        envelope = frame_envelope(line.samples, line.start, stats.frames, fps)
        mouth = stats.openness[line.speaker]
        assert mouth.shape == (stats.frames,)
        assert np.corrcoef(mouth, envelope)[0, 1] >= 0.5
        assert mouth[envelope == 0].max() == 0.0  # shut whenever this speaker is silent
        assert mouth.max() == 1.0  # and wide open on the loudest vowels
    assert stats.blinks > 0
    assert stats.mouth is stats.openness


def test_frames_change_only_inside_mouth_and_eye_boxes() -> None:
    scene_art = art()
    samples, phonemes = synthetic_speech(2.0, 4)
    n = 60
    tracks = tracks_for([Speech("MAYA", 0.0, phonemes, samples, RATE)], n, 30)
    blinks = {name: blink_frames(name, n, 30) for name in scene_art.actors}
    mask = np.zeros(scene_art.frame.shape[:2], dtype=bool)
    for actor in scene_art.actors.values():
        for x, y, w, h in (actor.mouth_box, actor.eyes_box):
            mask[y : y + h, x : x + w] = True
    changed_mouths = 0
    for i, frame in enumerate(iter_frames(scene_art, tracks, blinks, n)):
        diff = np.any(frame != scene_art.frame, axis=2)
        assert not diff[~mask].any()
        if tracks["MAYA"].visemes[i] not in ("rest",):
            changed_mouths += 1
    assert changed_mouths > 10


def test_portrait_clip(tmp_path: Path) -> None:
    samples, phonemes = synthetic_speech(1.0, 5)
    out = tmp_path / "tall.mp4"
    stats = render_clip(art((360, 640)), [Speech("ELIAS", 0.0, phonemes, samples, RATE)], 1.0, 30, out)
    video = probe(out)["streams"][0]
    assert (video["width"], video["height"], int(video["nb_frames"])) == (360, 640, 30) and stats.frames == 30


def test_blinks_are_deterministic_per_character() -> None:
    a = blink_frames("MAYA", 600, 24)
    assert np.array_equal(a, blink_frames("MAYA", 600, 24))
    assert not np.array_equal(a, blink_frames("ELIAS", 600, 24))
    starts = np.flatnonzero(np.diff(a.astype(int)) == 1) / 24
    assert 4 <= len(starts) <= 9 and np.all(np.diff(starts) >= 2.9)


@pytest.mark.parametrize("duration, fps", [(0.0, 24), (-1.0, 24), (float("nan"), 24), (2.0, 23), (2.0, 60)])
def test_bad_timing_is_refused(tmp_path: Path, duration: float, fps: int) -> None:
    with pytest.raises(ValueError):
        render_clip(art(), [], duration, fps, tmp_path / "x.mp4")


def test_odd_frame_size_is_refused(tmp_path: Path) -> None:
    odd = SceneArt(frame=np.zeros((101, 100, 3), dtype=np.uint8))
    with pytest.raises(ValueError):
        render_clip(odd, [], 1.0, 24, tmp_path / "odd.mp4")
    assert not (tmp_path / "odd.mp4").exists()


def test_off_screen_voices_move_no_mouths() -> None:
    scene_art = art()
    samples, phonemes = synthetic_speech(1.0, 6)
    tracks = tracks_for([Speech("Narrator", 0.0, phonemes, samples, RATE)], 24, 24)
    assert tracks["Narrator"].openness.max() > 0
    quiet = {name: np.zeros(24, dtype=bool) for name in scene_art.actors}
    for frame in iter_frames(scene_art, tracks, quiet, 24):
        assert np.array_equal(frame, scene_art.frame)


def test_stereo_samples_are_mixed_down() -> None:
    samples, phonemes = synthetic_speech(1.0, 7)
    mono = tracks_for([Speech("MAYA", 0.2, phonemes, samples, RATE)], 36, 24)["MAYA"]
    stereo = tracks_for([Speech("MAYA", 0.2, phonemes, np.stack([samples, samples], axis=1), RATE)], 36, 24)["MAYA"]
    assert stereo.visemes == mono.visemes and np.allclose(stereo.loudness, mono.loudness)
