"""Figures composed once per held state give the same pixels as figures composed into every frame: on
a scene where both figures turn, one walks in and out, one sits and stands and gestures, the plate the
animator keeps equals a fresh composition at every frame, and every frame it yields equals that frame
built on its own (nothing carried over from the frames before it)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np
from test_lipsync_body import FPS, GENDERS, SECONDS, art
from test_lipsync_clip import RATE, synthetic_speech

from models.lipsync.animator import Arms, Heads, Speech, arm_motion, head_motion, iter_frames, tracks_for
from models.lipsync.body import Bodies, Stage, body_motion, stage
from models.lipsync.gestures import plan_gestures
from models.lipsync.timeline import MouthTrack, blink_frames

ACTION = ["ELIAS walks in.", "MAYA sits down.", "MAYA waves.", "She stands up.", "ELIAS walks out."]
N = round(SECONDS * FPS)

Motion = tuple[dict[str, MouthTrack], dict[str, np.ndarray], Heads, Arms, Bodies]


@cache
def motion() -> Motion:
    """Everything iter_frames animates: mouths, blinks, heads, arms and figures moving and turning."""
    samples, phonemes = synthetic_speech(1.5, 3)
    speech = [Speech("MAYA", 0.3, phonemes, samples, RATE), Speech("ELIAS", 2.0, phonemes, samples, RATE)]
    gestures, _ = plan_gestures(ACTION, list(art().actors), SECONDS, GENDERS)
    tracks = tracks_for(speech, N, FPS)
    blinks = {name: blink_frames(name, N, FPS) for name in art().actors}
    turn = np.arange(N)
    facings = {"MAYA": np.where(turn >= 10, 1, 0).astype(np.int8),  # turns to ELIAS, back front at the end
               "ELIAS": np.where((turn >= 30) & (turn < 80), -1, 0).astype(np.int8)}  # fmt: skip
    facings["MAYA"][85:] = 0
    heads = head_motion(art(), speech, tracks, N, FPS, gestures)
    return tracks, blinks, heads, arm_motion(art(), gestures, N, FPS), body_motion(art(), gestures, {}, N, FPS, facings)


def test_the_scene_moves_turns_and_gestures() -> None:
    _, _, _, arms, bodies = motion()
    maya, elias = bodies["MAYA"], bodies["ELIAS"]
    assert maya.dy.any() and maya.facing.any() and elias.dx.any() and not elias.shown.all() and elias.facing.any()
    assert "MAYA" in arms and not np.isnan(arms["MAYA"][1]).all()


def test_the_kept_plate_equals_a_fresh_composition_at_every_frame() -> None:
    bodies = motion()[4]
    kept = Stage(art().frame, bodies)
    for i in range(N):
        kept.at(i)
        fresh = art().frame.copy()
        stage(fresh, bodies, i)
        assert np.array_equal(kept.plate, fresh), i


def _alone(i: int) -> np.ndarray:
    """Frame `i` built on its own: a one-frame clip of every track from frame i."""
    tracks, blinks, heads, arms, bodies = motion()
    one = slice(i, i + 1)
    held = {name: replace(b, dx=b.dx[one], dy=b.dy[one], shown=b.shown[one], facing=b.facing[one], pose=b.pose[one])
            for name, b in bodies.items()}  # fmt: skip
    return next(
        iter_frames(
            art(),
            {name: MouthTrack(t.visemes[one], t.openness[one], t.loudness[one]) for name, t in tracks.items()},
            {name: b[one] for name, b in blinks.items()},
            1,
            {name: (rig, dx[one], dy[one]) for name, (rig, dx, dy) in heads.items()},
            {name: (rig, angles[one]) for name, (rig, angles) in arms.items()},
            held,
        )
    )


def test_every_frame_equals_that_frame_built_on_its_own() -> None:
    tracks, blinks, heads, arms, bodies = motion()
    for i, frame in enumerate(iter_frames(art(), tracks, blinks, N, heads, arms, bodies)):
        assert np.array_equal(frame, _alone(i)), i
