"""Whole-figure moves on screen, measured in the decoded frames: a character who sits (kneels,
crouches) is lower from the beat on and back up after "stands"; one who walks out leaves the plate
behind it showing; one who enters is absent before the beat and in place after it; one who speaks
after leaving comes back for the line; without such a verb no figure moves."""

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
from models.image.poses import STAGES, lift, pose_key
from models.lipsync.animator import Direction, Speech, render_clip
from models.lipsync.body import LOWER, SETTLE, WALK
from models.lipsync.camera import Pose, Shot
from models.lipsync.gestures import Gesture, plan_gestures

CAST = [Character("MAYA", "adult", 34, "female", "yellow raincoat"), Character("ELIAS", "senior", 70, "male", "beard")]
GENDERS = {"MAYA": "female", "ELIAS": "male"}
FPS, SECONDS = 24, 4.0


@cache
def art() -> SceneArt:
    # The plate draws its figures' poses only when the scene's action takes someone down.
    scene = Scene("s01", "INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", "night", True, characters=["MAYA", "ELIAS"],
                  action=["Maya sits down."])  # fmt: skip
    return draw_scene(scene, cast_looks(CAST, "western"), (640, 360))


def _clip(tmp_path: Path, action: list[str], speech: list[Speech] | None = None) -> tuple[np.ndarray, list[Gesture]]:
    """The decoded frames of a still-camera clip without head motion: only the beats move anything."""
    gestures, _ = plan_gestures(action, list(art().actors), SECONDS, GENDERS)
    still = Pose(0.5, 0.5, 1.0)
    direction = Direction(shots=[Shot(0.0, SECONDS, "wide", None, still, still)], head_motion=False, gestures=gestures)
    out = tmp_path / f"clip{len(list(tmp_path.iterdir()))}.mp4"
    render_clip(art(), speech or [], SECONDS, FPS, out, direction=direction)
    return read_frames(out).astype(np.float32), gestures


def _presence(frames: np.ndarray, name: str, dy: int = 0) -> np.ndarray:
    """Per frame, the share of the figure's distinctive pixels (those that differ clearly from the plate
    behind it) that show the figure rather than the plate, looked for `dy` pixels below its staged place:
    about 1 where the figure stands there, about 0 where it has gone."""
    layer = art().actors[name].figure
    assert layer is not None
    x, y, w, h = layer.box
    figure = art().frame[y : y + h, x : x + w].astype(np.float32)
    behind = layer.behind.astype(np.float32)
    distinct = layer.mask & (np.abs(figure - behind).max(axis=2) > 40)
    distinct[max(0, frames.shape[1] - y - dy) :] = False  # rows that would fall below the frame
    rows = slice(y + dy, y + dy + h)
    seen = frames[:, rows, x : x + w][:, : distinct.shape[0]]
    keep = distinct[: seen.shape[1]]
    to_figure = np.abs(seen - figure[: seen.shape[1]]).sum(axis=3)
    to_behind = np.abs(seen - behind[: seen.shape[1]]).sum(axis=3)
    return (to_figure < to_behind)[:, keep].mean(axis=1)


def _at(t: float) -> int:
    return int(t * FPS)


@pytest.mark.parametrize("verb", ["sits down", "kneels by the fire", "crouches", "dives under the table"])
def test_a_character_who_sits_bends_its_legs_and_keeps_its_feet_on_the_ground(tmp_path: Path, verb: str) -> None:
    """Down, the figure is drawn in its pose: its head (mouth box) lower by the pose's lift, nothing of
    it below the standing figure's feet, and the plate below its ground line untouched."""
    frames, gestures = _clip(tmp_path, [f"MAYA {verb}."])
    (beat,) = gestures
    assert beat.actor == "MAYA" and beat.kind in LOWER
    maya = art().actors["MAYA"]
    assert maya.figure is not None and maya.body_box is not None
    drop = lift(pose_key(beat.kind, STAGES), maya.body_box[3])
    assert abs(drop - LOWER[beat.kind] * maya.body_box[3]) <= 1
    before, after = slice(0, _at(beat.start)), slice(_at(beat.start + SETTLE + 0.1), None)
    home, lowered = _presence(frames, "MAYA"), _presence(frames, "MAYA", drop)
    assert home[before].min() > 0.9, home[before].min()  # standing in place before the beat
    assert home[after].max() < 0.6, home[after].max()  # not standing there any more ...
    x, y, w, h = maya.mouth_box
    mouth = art().frame[y : y + h, x : x + w].astype(np.float32)
    seen = frames[after, y + drop : y + drop + h, x : x + w]
    assert np.abs(seen - mouth).mean(axis=(1, 2, 3)).max() < 4  # ... its face exactly the drop lower
    assert lowered[after].min() > 0.3  # the body moved down with it (its legs are drawn anew)
    fx, fy, fw, fh = maya.figure.box
    feet = maya.body_box[1] + maya.body_box[3] + 2  # under the standing figure's lowest row (past chroma bleed)
    under = frames[after, feet : fy + fh + 8, fx : fx + fw]
    changed = np.abs(under - frames[:1, feet : fy + fh + 8, fx : fx + fw]).max(axis=3) > 24  # past encoding noise
    assert changed.mean() < 0.01, changed.mean()  # nothing of the figure sinks below its ground line
    assert _presence(frames, "ELIAS").min() > 0.9  # the other one does not move


def test_stands_brings_a_seated_character_back_up(tmp_path: Path) -> None:
    frames, gestures = _clip(tmp_path, ["MAYA sits down.", "She gets up."])
    assert [(g.actor, g.kind) for g in gestures] == [("MAYA", "sit"), ("MAYA", "stand")]
    home = _presence(frames, "MAYA")
    seated = slice(_at(gestures[0].start + SETTLE + 0.1), _at(gestures[1].start))
    assert home[seated].max() < 0.5, home[seated].max()
    up = slice(_at(gestures[1].start + SETTLE + 0.1), None)
    assert home[up].min() > 0.9, home[up].min()
    assert np.abs(frames[up] - frames[:1]).mean(axis=(1, 2, 3)).max() < 1.0  # the standing frame again


def test_a_character_who_walks_out_leaves_the_plate_behind_it_showing(tmp_path: Path) -> None:
    frames, gestures = _clip(tmp_path, ["ELIAS walks out."])
    assert [(g.actor, g.kind) for g in gestures] == [("ELIAS", "exit")]
    home = _presence(frames, "ELIAS")
    assert home[: _at(gestures[0].start)].min() > 0.9
    gone = _at(gestures[0].start + WALK + 0.1)
    assert home[gone:].max() < 0.05, home[gone:].max()
    layer = art().actors["ELIAS"].figure
    assert layer is not None
    x, y, w, h = layer.box
    left = np.abs(frames[-1, y : y + h, x : x + w] - layer.behind.astype(np.float32))
    assert left[layer.mask].mean() < 6, left[layer.mask].mean()  # the background where he stood
    assert _presence(frames, "MAYA").min() > 0.9


def test_a_character_who_enters_is_absent_before_the_beat_and_in_place_after(tmp_path: Path) -> None:
    frames, gestures = _clip(tmp_path, ["The door creaks.", "MAYA enters."])
    (beat,) = gestures
    assert (beat.actor, beat.kind) == ("MAYA", "enter") and beat.start > 1.0
    home = _presence(frames, "MAYA")
    assert home[: _at(beat.start)].max() < 0.05, home[: _at(beat.start)].max()  # not there at the beat's start
    assert home[_at(beat.start + WALK + 0.1) :].min() > 0.9  # walked in to her place
    assert _presence(frames, "ELIAS").min() > 0.9


def test_a_character_who_speaks_after_leaving_comes_back_for_the_line(tmp_path: Path) -> None:
    line = Speech("ELIAS", 3.3, [], np.zeros(int(0.6 * 16000), np.float32), 16000)
    frames, gestures = _clip(tmp_path, ["ELIAS walks out.", "The wind howls."], [line])
    exit_beat = next(g for g in gestures if g.kind == "exit")
    home = _presence(frames, "ELIAS")
    assert home[_at(exit_beat.start + WALK + 0.05)] < 0.05  # gone ...
    assert home[_at(line.start) + 1 :].min() > 0.9  # ... and back in place when he speaks


@pytest.mark.parametrize("action", [["The sea is calm beyond the window."], ["MAYA looks at the sea. ELIAS waits."]])
def test_without_a_move_verb_no_figure_moves(tmp_path: Path, action: list[str]) -> None:
    frames, gestures = _clip(tmp_path, action)
    assert not [g for g in gestures if g.kind in {*LOWER, "stand", "enter", "exit"}]
    for name in ("MAYA", "ELIAS"):
        assert _presence(frames, name).min() > 0.9
        layer = art().actors[name].figure
        assert layer is not None
        x, y, w, h = layer.box
        below = frames[:, y : min(y + h * 3 // 2, frames.shape[1]), x : x + w]  # its place and under it
        assert np.abs(below - below[:1]).mean(axis=(1, 2, 3)).max() < 1.5  # unchanged but for encoding noise


def test_move_verbs_are_read_and_he_she_resolved_by_gender() -> None:
    action = ["MAYA waits by the door.", "ELIAS looks up.", "He sits by the stove.", "She walks in from the rain.", "She leaves.",
              "Elias stands.", "The leaves fall."]  # fmt: skip
    gestures, _ = plan_gestures(action, ["MAYA", "ELIAS"], 12.0, GENDERS)
    assert [(g.actor, g.kind) for g in gestures] == [("ELIAS", "sit"), ("MAYA", "enter"), ("MAYA", "exit"),
                                                     ("ELIAS", "stand")]  # fmt: skip


def test_the_plate_draws_poses_only_when_the_action_takes_someone_down() -> None:
    """Drawing every figure's poses doubles a plate's drawing: a scene nobody sits in skips them, and
    a figure that goes down anyway (a move the plate did not foresee) slides, as creatures do."""
    plain = Scene("s01", "INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", "night", True, characters=["MAYA", "ELIAS"],
                  action=["Maya waves at the sea."])  # fmt: skip
    assert not any(a.poses for a in draw_scene(plain, cast_looks(CAST, "western"), (640, 360)).actors.values())
    assert all(a.poses for a in art().actors.values())
