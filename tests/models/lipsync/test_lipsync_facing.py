"""Characters turn toward whom they talk to, measured in decoded frames: in a two-person dialogue the
left one faces right and the right one faces left while they talk; a narrator leaves them facing
front; turns fall between lines; the listener is the one named, the other of two, or the last speaker."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from test_lipsync_body import FPS, SECONDS, art
from test_lipsync_clip import RATE, synthetic_speech

from integrations.ffmpeg import read_frames
from models.image.art import SceneArt
from models.image.views import views
from models.lipsync.animator import Direction, Speech, render_clip
from models.lipsync.camera import Pose, Shot
from models.lipsync.facing import facing_frames, listener
from models.lipsync.heads import LineCue

LINES = (("MAYA", 0.4, 1.2), ("ELIAS", 2.1, 1.2))  # speaker, start, seconds: MAYA (left) then ELIAS (right)


def _frames(tmp_path: Path, speakers: tuple[str, str]) -> np.ndarray:
    """Decoded frames of a still-camera clip without head motion in which `speakers` say LINES' lines."""
    speech = []
    for speaker, (_, start, seconds) in zip(speakers, LINES):
        samples, phonemes = synthetic_speech(seconds, 3)
        speech.append(Speech(speaker, start, phonemes, samples, RATE))
    still = Pose(0.5, 0.5, 1.0)
    direction = Direction(shots=[Shot(0.0, SECONDS, "wide", None, still, still)], head_motion=False)
    out = tmp_path / "clip.mp4"
    render_clip(art(), speech, SECONDS, FPS, out, direction=direction)
    return read_frames(out).astype(np.float32)


def _seen_facing(frames: np.ndarray, picture: SceneArt, name: str) -> np.ndarray:
    """Per frame, the view (-1, 0, 1) whose cut-out the figure's pixels match best, over every pixel any
    view covers (each view composed onto the plate behind the figure, as the animator pastes it)."""
    shown = views(picture.actors[name])
    assert set(shown) == {-1, 0, 1}
    layer = shown[0].figure
    assert layer is not None
    x, y, w, h = layer.box
    covered = np.any([v.figure.mask for v in shown.values() if v.figure is not None], axis=0)
    looks = {}
    for facing, seen in shown.items():
        assert seen.figure is not None
        composed = np.where(seen.figure.mask[..., None], seen.figure.figure(picture.frame), layer.behind)
        looks[facing] = composed.astype(np.float32)[covered]
    region = frames[:, y : y + h, x : x + w][:, covered]
    distance = {f: np.abs(region - look).mean(axis=(1, 2)) for f, look in looks.items()}
    order = sorted(distance)
    return np.array(order)[np.argmin([distance[f] for f in order], axis=0)]


def test_two_people_talking_face_each_other(tmp_path: Path) -> None:
    picture = art()
    assert picture.actors["MAYA"].head_box[0] < picture.actors["ELIAS"].head_box[0]  # MAYA stands on the left
    frames = _frames(tmp_path, ("MAYA", "ELIAS"))
    maya, elias = _seen_facing(frames, picture, "MAYA"), _seen_facing(frames, picture, "ELIAS")
    talk = slice(int(LINES[0][1] * FPS) + 1, None)  # from MAYA's first word to the end of the clip
    assert (maya[talk] == 1).all() and (elias[talk] == -1).all(), (maya, elias)
    assert maya[0] == elias[0] == 0  # front before anyone speaks


def test_a_narrator_leaves_the_figures_facing_front(tmp_path: Path) -> None:
    picture = art()
    frames = _frames(tmp_path, ("Narrator", "Narrator"))
    for name in picture.actors:
        assert (_seen_facing(frames, picture, name) == 0).all()
        layer = picture.actors[name].figure
        assert layer is not None
        x, y, w, h = layer.box
        region = frames[:, y : y + h, x : x + w]
        assert np.abs(region - region[:1]).mean(axis=(1, 2, 3)).max() < 1.5  # never turns: only blinks and noise


def test_turns_fall_between_lines_never_inside_one() -> None:
    lines = [LineCue("MAYA", 0.5, 2.0), LineCue("Narrator", 2.0, 3.0), LineCue("ELIAS", 3.4, 4.5)]
    facings = facing_frames(lines, {"MAYA": 0.35, "ELIAS": 0.65}, 120, 24)
    for facing in facings.values():
        for change in np.flatnonzero(np.diff(facing)) + 1:
            t = change / 24
            assert not any(line.start < t < line.end for line in lines), t
    assert facings["MAYA"][int(1.0 * 24)] == 1 and facings["ELIAS"][int(1.0 * 24)] == -1
    assert facings["MAYA"][int(2.5 * 24)] == facings["ELIAS"][int(2.5 * 24)] == 0  # the narrator speaks
    assert facings["MAYA"][-1] == 1 and facings["ELIAS"][-1] == -1


def test_the_listener_is_the_one_named_else_the_other_of_two_else_the_last_speaker() -> None:
    three = {"ASHA": 0.22, "RAVI": 0.5, "MEERA": 0.78}
    lines = [LineCue("ASHA", 0, 1, text="Ravi, bring the lamp."), LineCue("MEERA", 1, 2, text="It is late."),
             LineCue("RAVI", 2, 3, text="Yes, Meera."), LineCue("Narrator", 3, 4, text="Night fell.")]  # fmt: skip
    assert [listener(lines, k, three) for k in range(4)] == ["RAVI", "ASHA", "MEERA", None]
    two = {"MAYA": 0.35, "ELIAS": 0.65}
    assert listener([LineCue("MAYA", 0, 1, text="Look at the sea.")], 0, two) == "ELIAS"
    assert listener([LineCue("MAYA", 0, 1, text="Alone again.")], 0, {"MAYA": 0.5}) is None  # to the audience


def test_every_views_mouths_and_closed_eyes_match_the_figure_it_shows() -> None:
    """A mouth or blink is pasted as a rectangle: where the figure does not reach (past the edge of
    a turned face), it must show what the frame shows there. A view mirrored toward -x once kept the
    mirrored backdrop in those pixels: a flickering patch beside the face, and a lip-sync check that
    compared the rendered mouth with a resting mouth the frame never shows."""
    picture = art()
    checked = 0
    for actor in picture.actors.values():
        for seen in views(actor).values():
            layer = seen.figure
            assert layer is not None
            lx, ly = layer.box[:2]
            composed = np.where(layer.mask[..., None], layer.figure(picture.frame), layer.behind).astype(int)
            x, y, w, h = seen.mouth_box
            assert (
                np.abs(seen.mouth("rest").astype(int) - composed[y - ly : y - ly + h, x - lx : x - lx + w]).max() <= 1
            )
            x, y, w, h = seen.eyes_box
            past = ~layer.mask[y - ly : y - ly + h, x - lx : x - lx + w]
            behind = layer.behind[y - ly : y - ly + h, x - lx : x - lx + w].astype(int)
            assert np.abs(seen.eyes_closed.astype(int)[past] - behind[past]).max(initial=0) <= 1
            checked += 1
    assert checked == 6  # two figures, three views each
