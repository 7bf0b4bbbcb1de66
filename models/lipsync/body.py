"""Whole-figure moves: a character sits (kneels, crouches) and stands, walks in and walks out, turns.

The illustrator cuts each figure out of the plate once (models.image.art.FigureLayer: which pixels
of its box it covers, and the plate behind it drawn without it). Moving a figure is then array
copies: its box is filled with what lies behind it and the cut-out is pasted at an integer offset.

Rules, per character, in time order of its beats (gestures.plan_gestures reads them from the action):
- "sits" (kneels, crouches) brings the figure down over SETTLE seconds and it stays down until
  "stands"; "stands" brings it back up; sitting while already down, or standing while up, does nothing.
  Going down and getting up are two cuts between three drawn cut-outs (models/image/poses.py):
  standing, knees bent half way, and the pose; its head, mouth and eyes drop with each by the pose's
  lift (LOWER[kind] of its height), its feet stay on the ground. Limited animation, as cut-out
  animation does it: a pose cut from its own drawing reads as the body moving, where a continuous
  slide of one drawing read as a standing figure sinking into the floor. A figure whose art has no
  poses (a creature) still slides down by the lift.
- "enters": the figure starts the scene out of frame and walks in from the nearer side edge over
  the beat (WALK seconds at most); entering while on screen does nothing.
- "leaves": the figure gets up if it was down and walks out to the nearer side edge, and stays out:
  no mouth, no blink, no head or arm motion while it is out of frame.
- A line spoken by a character out of frame brings it back: it walks in to arrive as the line
  starts (not before it has finished leaving), so a character is never heard talking off screen.
- While a figure is away from its staged place (sliding), its head holds still; where it holds a new
  place (seated) the head moves as usual, from a copy of the plate with the figure seated.
- A figure that turns to face someone (models/lipsync/facing.py) is pasted from the cut-out of that
  view (models/image/views.py), moved or not; its mouth and eyes are that view's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from models.image.art import ActorArt, Box, SceneArt
from models.image.poses import LOWER, POSES, STAGES, lift, pose_key
from models.image.views import views
from models.lipsync.gestures import Gesture
from models.lipsync.heads import HeadRig

BODY_KINDS = {*LOWER, "stand", "enter", "exit"}
SETTLE = 0.6  # seconds to sit down or get up
WALK = 1.4  # seconds to walk in or out, at most
HOLD_SECONDS = 0.5  # an offset held this long gets its own head rig (a seated head still moves)


def _shift(box: Box, dx: int, dy: int) -> Box:
    x, y, w, h = box
    return x + dx, y + dy, w, h


def _clip(box: Box, window: Box) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of `box` inside `window` (empty when x1 <= x0 or y1 <= y0)."""
    x, y, w, h = box
    wx, wy, ww, wh = window
    return max(wx, x), max(wy, y), min(wx + ww, x + w), min(wy + wh, y + h)


def _whole(frame: np.ndarray) -> Box:
    return 0, 0, frame.shape[1], frame.shape[0]


def _pose_code(key: str) -> int:
    """A pose as a number in the per-frame arrays and the recorded moves: 0 standing, else 1 + its index in POSES."""
    return POSES.index(key) + 1 if key else 0


class BodyRig:
    """One figure as cut-outs, one per view and pose: its box emptied to the plate behind it, a view
    pasted at an offset."""

    def __init__(self, frame: np.ndarray, shown: dict[int, ActorArt], lifts: dict[int, int]) -> None:
        layers = {facing: actor.figure for facing, actor in shown.items() if actor.figure is not None}
        self.box = layers[0].box
        self.behind = layers[0].behind
        self.lifts = lifts  # per pose code: pixels its head is lowered (0 standing)
        self.figures = {(facing, 0): layer.figure(frame).copy() for facing, layer in layers.items()}
        self.masks = {(facing, 0): layer.mask[..., None] for facing, layer in layers.items()}
        for facing, actor in shown.items():
            for key, posed in actor.poses.items():
                if _pose_code(key) in lifts:
                    self.figures[facing, _pose_code(key)] = posed.figure(frame)
                    self.masks[facing, _pose_code(key)] = posed.mask[..., None]

    def offset(self, dx: int, dy: int, facing: int, pose: int) -> tuple[int, int, tuple[int, int]]:
        """Where the cut-out of a figure moved by (dx, dy) goes: a drawn pose already holds its drop
        (its feet stay on the ground); a pose the art lacks slides the standing cut-out down."""
        view = (facing, pose) if (facing, pose) in self.figures else (facing, 0)
        return dx, dy - self.lifts.get(view[1], 0), view

    def uncover(self, work: np.ndarray, window: Box | None = None) -> Box:
        """Fill the figure's staged box (inside `window`, default the frame) with what lies behind it;
        returns the region touched."""
        return self._paste(work, self.behind, None, self.box, window)

    def place(self, work: np.ndarray, dx: int, dy: int, facing: int = 0, pose: int = 0,
              window: Box | None = None) -> Box:  # fmt: skip
        """Paste the figure's view `facing` in `pose` moved by (dx, dy), clipped to `window` (default
        the frame); returns the region touched."""
        ox, oy, view = self.offset(dx, dy, facing, pose)
        return self._paste(work, self.figures[view], self.masks[view], _shift(self.box, ox, oy), window)

    @staticmethod
    def _paste(work: np.ndarray, pixels: np.ndarray, mask: np.ndarray | None, box: Box, window: Box | None) -> Box:
        x0, y0, x1, y1 = _clip(box, _whole(work) if window is None else window)
        if x1 <= x0 or y1 <= y0:
            return x0, y0, 0, 0
        x, y = box[:2]
        cut = (slice(y0 - y, y1 - y), slice(x0 - x, x1 - x))
        if mask is None:
            work[y0:y1, x0:x1] = pixels[cut]
        else:
            np.copyto(work[y0:y1, x0:x1], pixels[cut], where=mask[cut])
        return x0, y0, x1 - x0, y1 - y0


@dataclass
class BodyTrack:
    """One character's figure over a clip: the rig, its offset and view per frame and whether it is in frame."""

    rig: BodyRig
    dx: np.ndarray  # int, pixels per frame
    dy: np.ndarray
    shown: np.ndarray  # bool per frame: some of the figure is in frame
    facing: np.ndarray  # int per frame: the view shown (-1 left, 0 front, 1 right)
    pose: np.ndarray  # int per frame: the pose shown (0 standing, else 1 + its index in POSES)
    views: dict[int, ActorArt] = field(default_factory=dict)  # the actor per view: its boxes and patches
    heads: dict[tuple[int, int, int], HeadRig] = field(default_factory=dict)  # per held (dx, dy, facing)

    def moved(self, i: int) -> bool:
        return bool(self.dx[i] or self.dy[i] or self.facing[i] or self.pose[i])

    def state(self, i: int) -> State:
        """(dx, dy, facing, shown, pose) at frame `i`."""
        return int(self.dx[i]), int(self.dy[i]), int(self.facing[i]), bool(self.shown[i]), int(self.pose[i])

    def placed(self, state: State, frame: Box) -> Box | None:
        """The region inside `frame` that the figure's paste covers in `state` (None: none)."""
        dx, dy, facing, shown, pose = state
        ox, oy, _ = self.rig.offset(dx, dy, facing, pose)
        x0, y0, x1, y1 = _clip(_shift(self.rig.box, ox, oy), frame)
        return (x0, y0, x1 - x0, y1 - y0) if shown and x1 > x0 and y1 > y0 else None


State = tuple[int, int, int, bool, int]  # a figure's dx, dy, facing, whether it is in frame, and pose
HOME: State = (0, 0, 0, True, 0)  # in its staged place, facing front: as the plate has it
Bodies = dict[str, BodyTrack]


def stage(frame: np.ndarray, bodies: Bodies, i: int, window: Box | None = None) -> list[Box]:
    """Compose frame `i`'s moved and turned figures onto `frame` (a copy of the plate), inside `window`:
    every such figure's place emptied first, then each one in frame pasted, so no figure's emptied place
    erases a neighbour standing over it. Returns the regions touched."""
    moving = [b for b in bodies.values() if b.moved(i)]
    touched = [b.rig.uncover(frame, window) for b in moving]
    touched += [b.rig.place(frame, int(b.dx[i]), int(b.dy[i]), int(b.facing[i]), int(b.pose[i]), window)
                for b in moving if b.shown[i]]  # fmt: skip
    return touched


def _bounds(boxes: list[Box]) -> Box:
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return x0, y0, max(b[0] + b[2] for b in boxes) - x0, max(b[1] + b[3] for b in boxes) - y0


class Stage:
    """The plate with the figures as frame after frame shows them, kept up to date incrementally.

    A figure holds its place and view for many frames (a turn lasts a line), so composing it into
    every frame would copy its whole box in and out each time; here a figure is recomposed only at
    a frame where its state changes, and only over the window its old and new paste cover, which
    `stage` redraws from the plate there exactly as it would over a whole fresh copy."""

    def __init__(self, base: np.ndarray, bodies: Bodies) -> None:
        self.base = base
        self.plate = base  # shared, never written, until some figure leaves its staged state
        self.bodies = bodies
        self._held = dict.fromkeys(bodies, HOME)

    def at(self, i: int) -> list[Box]:
        """Bring the plate to frame `i`; returns the regions that changed since the frame staged last."""
        frame = _whole(self.base)
        windows = []
        for name, body in self.bodies.items():
            was, now = self._held[name], body.state(i)
            if now == was:
                continue
            self._held[name] = now
            # Its paste before and after; leaving or regaining HOME also empties or fills its staged
            # box, which is HOME's paste. Every other figure's steps are unchanged outside this window.
            covered = [box for box in (body.placed(was, frame), body.placed(now, frame)) if box is not None]
            if covered:
                windows.append(_bounds(covered))
        if windows and self.plate is self.base:
            self.plate = self.base.copy()
        for window in windows:
            x, y, w, h = window
            self.plate[y : y + h, x : x + w] = self.base[y : y + h, x : x + w]
            stage(self.plate, self.bodies, i, window)
        return windows


def _ease(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3 - 2 * x)


def _out_x(box: Box, width: int) -> int:
    """The horizontal offset that puts the figure just past the nearer side edge."""
    x, _, w, _ = box
    return -(x + w) if x + w / 2 < width / 2 else width - x


def figure_path(moves: list[Gesture], lines: list[tuple[float, float]], box: Box, width: int,
                n_frames: int, fps: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """The figure's dx per frame from its body beats and its lines, by the rules above, with how far
    down it is (0 standing .. 1 in its pose) and the pose it is going down to or getting up from."""
    t = (np.arange(n_frames) + 0.5) / fps
    out = _out_x(box, width)
    kinds = np.full(n_frames, "", dtype=object)
    entering = sorted(g.start for g in moves if g.kind == "enter")
    speaking = sorted(start for start, _ in lines)
    absent = bool(entering) and min(g.start for g in moves) == entering[0]  # its first beat brings it in
    x = np.full(n_frames, float(out if absent else 0))
    y = np.zeros(n_frames)
    state = [float(out if absent else 0), 0.0]  # where the figure rests after the last segment
    gone_at = 0.0  # when its last exit finished

    def go(t0: float, t1: float, to_x: float, to_y: float) -> None:
        t1 = max(t1, t0 + 1e-3)
        at = t >= t0
        k = np.searchsorted(t, t0)
        from_x = float(x[k]) if k < n_frames else state[0]
        from_y = float(y[k]) if k < n_frames else state[1]
        share = _ease((t[at] - t0) / (t1 - t0))
        x[at] = from_x + (to_x - from_x) * share
        y[at] = from_y + (to_y - from_y) * share
        state[:] = [to_x, to_y]

    events = sorted([(g.start, g.end, g.kind) for g in moves] + [(s, s, "speak") for s in speaking])
    for start, end, kind in events:
        present = state[0] == 0
        if kind in ("enter", "speak") and not present:
            t1 = start if kind == "speak" else start + min(WALK, max(end - start, 0.3))
            t0 = max(t1 - WALK, gone_at, 0.0) if kind == "speak" else start
            go(t0, max(t1, t0 + 0.3), 0.0, 0.0)
        elif kind == "exit" and present:
            t1 = start + min(WALK, max(end - start, 0.3))
            go(start, t1, float(out), 0.0)
            gone_at = t1
        elif kind in LOWER and present and state[1] == 0:
            kinds[t >= start] = kind
            go(start, start + SETTLE, 0.0, 1.0)
        elif kind == "stand" and present and state[1] != 0:
            go(start, start + SETTLE, 0.0, 0.0)
    return np.rint(x).astype(np.int32), y, kinds


def _poses(actor: ActorArt, down: np.ndarray, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
    """(dy, pose code) per frame of a figure `down` of the way into its pose `kinds`, and each drawn
    pose's lift: each stage of the way down cuts to its drawn pose (see the module's rules)."""
    assert actor.figure is not None
    height = actor.body_box[3] if actor.body_box is not None else actor.figure.box[3]
    stages = np.floor(down * STAGES + 0.5).astype(np.int32)
    dy, codes, lifts = np.zeros(down.size, np.int32), np.zeros(down.size, np.int32), {}
    for kind in set(kinds[stages > 0].tolist()):
        for stage in range(1, STAGES + 1):
            at = (kinds == kind) & (stages == stage)
            key = pose_key(kind, stage)
            if key in actor.poses:
                dy[at], codes[at] = lift(key, height), _pose_code(key)
                lifts[_pose_code(key)] = lift(key, height)
            else:  # no such drawing (a creature): the standing figure slides down instead
                dy[at] = np.rint(down[at] * LOWER[kind] * height)
    return dy, codes, lifts


def body_motion(art: SceneArt, gestures: list[Gesture], lines: dict[str, list[tuple[float, float]]],
                n_frames: int, fps: int, facings: dict[str, np.ndarray] | None = None) -> Bodies:  # fmt: skip
    """The figures that move or turn in this clip (by their body beats; `lines`: each speaker's (start,
    end) clip seconds; `facings`: each one's view per frame), each with its rig, path and a head rig
    for every place and view it holds. A figure drawn without a cut-out layer (older art) stays
    where it was staged, facing as drawn; a view its art lacks shows front."""
    width, height = art.size
    bodies: Bodies = {}
    for name, actor in art.actors.items():
        if actor.figure is None:
            continue
        shown_views = views(actor)
        facing = np.zeros(n_frames, dtype=np.int8)
        if facings is not None and name in facings:
            facing = np.where(np.isin(facings[name], list(shown_views)), facings[name], 0).astype(np.int8)
        moves = sorted((g for g in gestures if g.actor == name and g.kind in BODY_KINDS), key=lambda g: g.start)
        dx, down, kinds = figure_path(moves, lines.get(name, []), actor.figure.box, width, n_frames, fps)
        dy, pose, lifts = _poses(actor, down, kinds)
        if not (dx.any() or dy.any() or facing.any()):
            continue
        used = {int(f): shown_views[int(f)] for f in {0, *np.unique(facing).tolist()}}
        rig = BodyRig(art.frame, used, lifts)
        x, y, w, h = actor.figure.box
        shown = (x + dx < width) & (x + dx + w > 0) & (y + dy < height)
        track = BodyTrack(rig, dx, dy, shown, facing, pose, used)
        held, counts = np.unique(np.stack([dx, dy, facing, pose], axis=1)[shown], axis=0, return_counts=True)
        for (ox, oy, of, op), count in zip(held.tolist(), counts.tolist()):
            if (ox or oy or of) and count >= HOLD_SECONDS * fps:
                plate = art.frame.copy()
                rig.uncover(plate)
                rig.place(plate, ox, oy, of, op)
                track.heads[(ox, oy, of)] = HeadRig(plate, moved_actor(used[of], ox, oy))
        bodies[name] = track
    return bodies


def moved_actor(actor: ActorArt, dx: int, dy: int) -> ActorArt:
    """The actor's boxes where its figure is, moved by (dx, dy)."""
    return replace(actor, mouth_box=_shift(actor.mouth_box, dx, dy), eyes_box=_shift(actor.eyes_box, dx, dy),
                   head_box=_shift(actor.head_box, dx, dy),
                   body_box=_shift(actor.body_box, dx, dy) if actor.body_box else None)  # fmt: skip


def staged_at(art: SceneArt, bodies: Bodies, fps: int, t: float) -> SceneArt:
    """The scene as staged at clip second `t`: moved figures at their place then, absent ones left out
    (what the camera frames)."""
    if not bodies:
        return art
    actors = {}
    for name, actor in art.actors.items():
        track = bodies.get(name)
        if track is None:
            actors[name] = actor
            continue
        i = min(max(int(t * fps), 0), track.dx.size - 1)
        if track.shown[i]:
            seen = track.views.get(int(track.facing[i]), actor)
            actors[name] = moved_actor(seen, int(track.dx[i]), int(track.dy[i]))
    return replace(art, actors=actors)


def figure_changes(track: BodyTrack) -> list[list[int]]:
    """The figure's path as change points: [frame, dx, dy, shown, facing, pose] holding from that frame
    on (dy: how far its head, mouth and eyes are lowered; pose: 0 standing, else 1 + index in POSES)."""
    columns = [track.dx, track.dy, track.shown.astype(np.int32), track.facing.astype(np.int32), track.pose]
    rows = np.stack(columns, axis=1)
    starts = [0, *(np.flatnonzero((rows[1:] != rows[:-1]).any(axis=1)) + 1).tolist()]
    return [[int(i), *(int(v) for v in rows[i])] for i in starts]


def offset_at(changes: list[list[int]], frame: int) -> tuple[int, int, bool, int]:
    """(dx, dy, shown, facing) of a figure at `frame` from its change points (none: in its staged
    place, facing front; rows recorded before figures turned have no facing: front; the pose a row
    may end with moves no mouth: dy holds that)."""
    current = (0, 0, True, 0)
    for first, dx, dy, shown, *turned in changes:
        if first > frame:
            break
        current = (dx, dy, bool(shown), turned[0] if turned else 0)
    return current
