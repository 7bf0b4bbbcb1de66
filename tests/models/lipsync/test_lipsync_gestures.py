"""Action beats on screen: a character whose action line waves, points or hands something over moves
an arm in the decoded frames during the beat; without the verb nothing moves there; lighting a lamp
brightens the picture from that moment on."""

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
from models.lipsync.animator import Direction, render_clip
from models.lipsync.camera import Pose, Shot
from models.lipsync.gestures import ArmRig, arm_side, plan_gestures

CAST = [Character("MAYA", "adult", 34, "female", "yellow raincoat"), Character("ELIAS", "senior", 70, "male", "beard")]
FPS, SECONDS = 24, 4.0


@cache
def art() -> SceneArt:
    scene = Scene("s01", "INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", "night", True, characters=["MAYA", "ELIAS"])
    return draw_scene(scene, cast_looks(CAST, "western"), (640, 360))


def _clip(tmp_path: Path, action: list[str]) -> tuple[np.ndarray, list]:
    """The clip's decoded frames (a still camera, no speech, no head motion: only the beats move)."""
    scene_art = art()
    gestures, lights = plan_gestures(action, list(scene_art.actors), SECONDS)
    still = Pose(0.5, 0.5, 1.0)
    direction = Direction(shots=[Shot(0.0, SECONDS, "wide", None, still, still)], head_motion=False,
                          gestures=gestures, lights=lights)  # fmt: skip
    out = tmp_path / f"clip{len(list(tmp_path.iterdir()))}.mp4"
    render_clip(scene_art, [], SECONDS, FPS, out, direction=direction)
    return read_frames(out).astype(np.float32), gestures


def _arm_motion(frames: np.ndarray, name: str) -> np.ndarray:
    """Per frame, the share of pixels within the arm's reach (outside the head) that differ clearly from
    the first frame's: an arm drawn there changes a few percent of them, encoding noise none."""
    scene_art = art()
    actor = scene_art.actors[name]
    rig = ArmRig(scene_art.frame, actor, arm_side(actor, [a for n, a in scene_art.actors.items() if n != name]))
    x, y, w, h = rig.region
    mask = np.ones((h, w), bool)
    hx, hy, hw, hh = actor.head_box
    mask[max(0, hy - y) : max(0, hy + hh - y), max(0, hx - x) : max(0, hx + hw - x)] = False  # blinks live here
    region = frames[:, y : y + h, x : x + w]
    changed = np.abs(region - region[:1]).max(axis=3) > 30
    return changed[:, mask].mean(axis=1)


@pytest.mark.parametrize("verb", ["waves at the boat", "points at the reef", "hands Elias the letter"])
def test_the_character_named_in_an_action_line_moves_an_arm_during_the_beat(tmp_path: Path, verb: str) -> None:
    frames, gestures = _clip(tmp_path, [f"MAYA {verb}."])
    assert [(g.actor, g.kind) for g in gestures] == [("MAYA", {"w": "wave", "p": "point", "h": "give"}[verb[0]])]
    moved = _arm_motion(frames, "MAYA")
    beat = gestures[0]
    inside = moved[int((beat.start + 0.4) * FPS) : int((beat.end - 0.3) * FPS)]
    after = moved[int((beat.end + 0.4) * FPS) :]
    assert inside.min() > 0.01, inside.min()  # the arm is out for the whole beat: pixels there changed
    assert after.max() < 0.001, after.max()  # and back at rest afterwards
    other = _arm_motion(frames, "ELIAS")
    assert other.max() < inside.min()  # the one who does nothing: only Maya's arm reaching into his space


def test_without_an_action_verb_nothing_moves_in_the_arm_region(tmp_path: Path) -> None:
    frames, gestures = _clip(tmp_path, ["The sea is calm beyond the window."])
    assert gestures == []
    assert _arm_motion(frames, "MAYA").max() < 0.001
    assert _arm_motion(frames, "ELIAS").max() < 0.001


def test_lighting_the_lamp_brightens_the_picture_from_the_beat_on(tmp_path: Path) -> None:
    frames, _ = _clip(tmp_path, ["MAYA lights the lamp."])
    dark, _ = _clip(tmp_path, ["The sea is calm beyond the window."])
    before = frames[: int(0.3 * FPS)].mean() - dark[: int(0.3 * FPS)].mean()
    after = frames[-int(1.0 * FPS) :].mean() - dark[-int(1.0 * FPS) :].mean()
    assert abs(before) < 1.0 and after > 8.0, (before, after)


def test_he_and_she_are_the_latest_named_character_of_that_gender() -> None:
    action = ["ASHA waves the lantern. Ravi points at the reef.", "She lights the lamp.", "He hands her the letter."]
    gestures, lights = plan_gestures(action, ["ASHA", "RAVI"], 12.0, {"ASHA": "female", "RAVI": "male"})
    assert [(g.actor, g.kind) for g in gestures] == [("ASHA", "wave"), ("RAVI", "point"), ("ASHA", "strike"),
                                                     ("RAVI", "give")]  # fmt: skip
    assert len(lights) == 1 and lights[0].brightness > 0 and gestures[2].start < lights[0].at < gestures[2].end
