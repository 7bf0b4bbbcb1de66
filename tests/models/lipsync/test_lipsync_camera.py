"""The camera: shots cut on line boundaries, close-ups on the speaker, podcast close-ups, head motion."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from integrations.ffmpeg import read_frames
from models.breakdown import Character, Scene
from models.image.art import SceneArt
from models.image.illustrator import draw_scene
from models.image.look import cast_looks
from models.lipsync.animator import Direction, Speech, head_motion, iter_frames, render_clip, tracks_for
from models.lipsync.camera import Beat, Pose, camera_filter, plan_shots, pose_at
from models.lipsync.heads import LineCue, head_offsets
from models.lipsync.timeline import blink_frames
from models.voice.base import Timed

CAST = [Character("ASHA", "adult", 30, "female", "green coat"), Character("RAVI", "adult", 25, "male", "cap")]
RATE = 16000


@cache
def art() -> SceneArt:
    scene = Scene("s01", "EXT. HARBOUR - DUSK", "HARBOUR", "dusk", False, characters=["ASHA", "RAVI"])
    return draw_scene(scene, cast_looks(CAST, "indian"), (640, 360))


BEATS = [Beat("ASHA", 0.5, 2.6, "neutral"), Beat("RAVI", 3.0, 5.2, "angry"), Beat("ASHA", 5.6, 7.4, "sad"),
         Beat("RAVI", 7.8, 9.6, "happy")]  # fmt: skip


def test_shots_cover_the_scene_and_cut_between_lines() -> None:
    shots = plan_shots(art(), BEATS, 10.6)
    assert shots[0].start == 0.0 and shots[0].kind == "establishing"
    assert shots[-1].end == 10.6 and shots[-1].kind == "closing"
    assert all(a.end == b.start for a, b in zip(shots, shots[1:]))
    assert all(s.end - s.start >= 0.6 for s in shots)
    for cut in (s.start for s in shots[1:-1]):  # every cut falls in a pause, never inside a line
        assert not any(b.start + 0.05 < cut < b.end - 0.05 for b in BEATS)
    closes = [s for s in shots if s.kind == "close"]
    assert closes and all(
        any(b.speaker == s.subject and s.start <= b.start + 0.5 < s.end for b in BEATS) for s in closes
    )
    assert {s.kind for s in shots} >= {"establishing", "close", "two", "closing"}


def test_close_up_frames_the_speakers_head() -> None:
    shots = plan_shots(art(), BEATS, 10.6)
    close = next(s for s in shots if s.kind == "close")
    pose = pose_at(shots, (close.start + close.end) / 2)
    x, y, w, h = art().actors[close.subject].head_box
    width, height = art().size
    assert pose.zoom > 1.3
    left, right = pose.cx - 0.5 / pose.zoom, pose.cx + 0.5 / pose.zoom
    assert left * width <= x and x + w <= right * width


def test_podcast_mode_cuts_to_whoever_speaks() -> None:
    shots = plan_shots(art(), BEATS, 10.6, mode="podcast")
    closes = [s.subject for s in shots if s.kind == "close"]
    assert closes == ["RAVI", "ASHA", "RAVI"]  # the opening wide carries the first line


def test_filter_moves_the_picture_to_the_close_up(tmp_path: Path) -> None:
    samples = (np.random.default_rng(0).standard_normal(RATE * 2) * 0.2).astype(np.float32)
    phonemes = [Timed("a", i * 0.1, i * 0.1 + 0.1) for i in range(20)]
    speech = [Speech("ASHA", 0.4, phonemes, samples, RATE), Speech("RAVI", 2.8, phonemes, samples, RATE, "angry")]
    out = tmp_path / "shots.mp4"
    stats = render_clip(art(), speech, 5.6, 24, out, preset="ultrafast", direction=Direction())
    assert [s.kind for s in stats.shots][:2] == ["establishing", "close"]
    close = stats.shots[1]
    frames = read_frames(out, (640, 360), [0.2, (close.start + close.end) / 2])
    assert np.abs(frames[0].astype(int) - frames[1].astype(int)).mean() > 15  # a different framing, not a drift
    assert "scale=" in camera_filter(stats.shots, 640, 360, 24)


def test_listeners_turn_to_the_speaker_and_speakers_nod() -> None:
    lines = [LineCue("RAVI", 1.0, 3.0, "neutral")]
    loud = np.zeros(96, dtype=np.float32)
    loud[24:72] = np.abs(np.sin(np.arange(48) / 3))
    dx, _ = head_offsets("ASHA", 0.3, {"RAVI": 0.7}, lines, None, 96, 24)
    assert dx[48] > 0 and dx[5] == 0  # turned right toward Ravi while he talks
    _, dy = head_offsets("RAVI", 0.7, {"ASHA": 0.3}, lines, loud, 96, 24)
    assert len(set(dy[24:72].tolist())) > 1  # his head moves as he talks


def test_head_motion_moves_the_head_region_and_keeps_mouths_on_it() -> None:
    scene_art = art()
    samples = (np.random.default_rng(1).standard_normal(RATE * 2) * 0.3).astype(np.float32)
    phonemes = [Timed("a", i * 0.1, i * 0.1 + 0.1) for i in range(20)]
    speech = [Speech("RAVI", 0.0, phonemes, samples, RATE, "angry")]
    tracks = tracks_for(speech, 48, 24)
    heads = head_motion(scene_art, speech, tracks, 48, 24)
    blinks = {name: blink_frames(name, 48, 24) for name in scene_art.actors}
    moved = 0
    for i, frame in enumerate(iter_frames(scene_art, tracks, blinks, 48, heads)):
        rig, dxs, dys = heads["RAVI"]
        if dxs[i] or dys[i]:
            moved += 1
            x, y, w, h = rig.region
            outside = np.ones(frame.shape[:2], dtype=bool)
            for other in heads.values():
                ox, oy, ow, oh = other[0].region
                outside[oy : oy + oh, ox : ox + ow] = False
            assert np.array_equal(frame[outside], scene_art.frame[outside])  # only heads change
    assert moved > 5


def test_a_scene_with_two_hundred_lines_still_renders(tmp_path: Path) -> None:
    beats = [Beat("ASHA" if i % 2 else "RAVI", 0.5 + i * 0.8, 0.5 + i * 0.8 + 0.6) for i in range(220)]
    shots = plan_shots(art(), beats, 178.0)
    assert 40 < len(shots) <= 64  # shots held longer so ffmpeg can still parse the camera's expressions
    assert len(camera_filter(shots, 640, 360, 24)) > 30_000  # too long to pass inline: read from a file
    speech = [Speech(b.speaker, b.start, [Timed("a", 0.0, 0.5)], np.full(9600, 0.1, dtype=np.float32), 16000)
              for b in beats[:2]]  # fmt: skip
    out = tmp_path / "long.mp4"
    stats = render_clip(art(), speech, 2.0, 24, out, preset="ultrafast", direction=Direction(shots=shots))
    assert stats.frames == 48 and read_frames(out, (160, 90)).shape[0] == 48


VOICE_OVER = [
    Beat("ASHA", 0.5, 2.0, "neutral"),
    Beat("Narrator", 2.5, 21.0, "neutral"),
    Beat("RAVI", 21.4, 23.0, "happy"),
]


def _voice_over_shots(shots: list) -> list:  # type: ignore[type-arg]
    return [s for s in shots if s.start < 21.0 and s.end > 2.5 and s.kind not in ("establishing", "closing")]


def test_a_long_voice_over_is_covered_by_several_moving_shots() -> None:
    """One slow push over an 18 s narration eases to a stop long before it ends: a frozen picture."""
    shots = plan_shots(art(), VOICE_OVER, 24.0)
    covering = _voice_over_shots(shots)
    assert len(covering) >= 3
    assert max(s.end - s.start for s in covering) <= 6.5
    assert all(s.begin != s.finish for s in covering)  # every one of them moves
    assert {s.kind for s in covering} >= {"wide", "two"}  # the plate and the group in turn
    assert all(a.end == b.start for a, b in zip(shots, shots[1:]))


def test_a_plate_that_cannot_be_pushed_in_cleanly_eases_in_on_the_group(monkeypatch: pytest.MonkeyPatch) -> None:
    still = (Pose(0.5, 0.5, 1.0), Pose(0.5, 0.5, 1.0))
    monkeypatch.setattr("models.lipsync.camera.wide_pose", lambda art, drift: still)
    covering = _voice_over_shots(plan_shots(art(), VOICE_OVER, 24.0))
    assert covering and all(s.kind == "two" and s.begin != s.finish for s in covering)
