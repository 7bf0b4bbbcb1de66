"""The camera of a scene: a shot list cut on line boundaries, rendered as one ffmpeg scale+crop chain.

A shot is an eased move between two poses (the view's centre as fractions of the plate, and a
zoom >= 1). The scene opens on an establishing wide that pushes in and drifts, each line gets a
close-up on its speaker or a two-shot, cuts fall in the pause between lines, and the scene closes
on a wide pull-out that ends on the full plate (so a dissolve into the next scene starts from a
picture the viewer has just seen). Every shot moves, so no stretch of the film is ever frozen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models.image.art import SceneArt
from models.lipsync.framing import shot_issues

MIN_SHOT = 1.2  # seconds: shorter shots are merged into the one before (no flash cuts)
MAX_SHOTS = 64  # per scene: ffmpeg's expression parser refuses much longer piecewise expressions
ESTABLISH = 1.6  # seconds the opening wide holds before the first cut at the earliest
HOLD = 5.0  # seconds: a voice-over longer than this is covered by several shots (see _voice_over_cuts)
INTENSE = {"angry", "surprised", "afraid"}  # tighter framing and a quicker push
QUIET = {"sad", "tender"}  # a slower, gentler push


@dataclass(frozen=True)
class Pose:
    cx: float  # centre of the view, fraction of the plate's width
    cy: float  # centre of the view, fraction of the plate's height
    zoom: float  # 1.0 shows the whole plate


@dataclass(frozen=True)
class Shot:
    start: float  # seconds from the clip's start
    end: float
    kind: str  # establishing | close | two | medium | wide | closing
    subject: str | None  # the character framed, for close-ups
    begin: Pose
    finish: Pose


@dataclass(frozen=True)
class Beat:
    """What the camera needs to know about one spoken line."""

    speaker: str
    start: float  # seconds from the clip's start
    end: float
    emotion: str = "neutral"


def _head(art: SceneArt, name: str) -> tuple[float, float, float]:
    width, height = art.size
    x, y, w, h = art.actors[name].head_box
    return (x + w / 2) / width, (y + h / 2) / height, h / height


def _eyes_y(art: SceneArt, name: str) -> float:
    x, y, w, h = art.actors[name].eyes_box
    return (y + h / 2) / art.size[1]


UPPER_THIRD = 0.5 - 0.34  # the view's centre sits this far (in view heights) below the eyes


Cut = tuple[float, str, str | None, tuple[Pose, Pose]]  # (at, kind, subject, (begin, finish)): a planned cut


def _clean(art: SceneArt, kind: str, subject: str | None, poses: tuple[Pose, ...]) -> bool:
    return not any(shot_issues(art, kind, subject, clamp_pose(p)) for p in poses)


def close_pose(art: SceneArt, name: str, emotion: str, portrait: bool) -> tuple[Pose, Pose]:
    """A close-up with the eyes on the upper third; pushed a little tighter or shifted sideways
    until no neighbour is sliced by the frame's edge (wholly in or wholly out)."""
    hx, hy, hh = _head(art, name)
    eyes = _eyes_y(art, name)
    zoom = min(1.9, max(1.4, 0.3 / max(hh, 1e-3)))
    if portrait:
        zoom = min(zoom, 1.5)  # a tall frame already shows the figure large
    if emotion in INTENSE:
        zoom *= 1.1
    push = 1.09 if emotion in INTENSE else 1.03 if emotion in QUIET else 1.06

    def poses(z: float, dx: float) -> tuple[Pose, Pose]:
        cy = eyes + UPPER_THIRD / z
        return Pose(hx + dx, cy, z), Pose(hx + dx, cy - 0.01 / z, z * push)

    for z in (zoom, zoom * 1.15, zoom * 1.3, zoom * 0.85, zoom * 1.5, zoom * 0.72, zoom * 1.75, 2.4, 2.8):
        if z < 1.05:
            continue
        for dx in (0.0, 0.04, -0.04, 0.08, -0.08, 0.13, -0.13, 0.18, -0.18):
            candidate = poses(z, dx / z)
            if _clean(art, "close", name, candidate):
                return candidate
    return poses(zoom, 0.0)


def framed_close(art: SceneArt, name: str, emotion: str, portrait: bool) -> tuple[str, tuple[Pose, Pose]]:
    """A clean close-up on `name`, or (crowded plates) a clean two-shot of everyone instead."""
    poses = close_pose(art, name, emotion, portrait)
    if _clean(art, "close", name, poses):
        return "close", poses
    return "two", two_pose(art, list(art.actors))


def two_pose(art: SceneArt, names: list[str]) -> tuple[Pose, Pose]:
    """Every face wholly in frame, eyes on the upper third, no one sliced by an edge."""
    heads = [_head(art, n) for n in names]
    left, right = min(h[0] for h in heads), max(h[0] for h in heads)
    eyes = min(_eyes_y(art, n) for n in names)
    cx = (left + right) / 2
    first = max(1.05, min(1.4, 0.75 / max(right - left + 0.25, 0.3)))
    for z in sorted({first, *(x for x in (1.3, 1.2, 1.1, 1.05, 1.0) if x <= first)}, reverse=True):
        candidate = (Pose(cx - 0.01, eyes + UPPER_THIRD / z, z), Pose(cx + 0.01, eyes + UPPER_THIRD / z, z * 1.04))
        if _clean(art, "two", None, candidate):
            return candidate
    return Pose(0.5, 0.5, 1.0), Pose(0.5, 0.5, 1.02)


def wide_pose(art: SceneArt, drift: float) -> tuple[Pose, Pose]:
    """The whole scene, drifting: pushed in only as far as keeps every figure and prop whole."""
    fx, fy = art.focus
    for z in (1.1, 1.07, 1.04, 1.02):
        candidate = (Pose(0.5 - drift, fy, 1.0), Pose(0.5 + drift, fy, z))
        if _clean(art, "wide", None, candidate):
            return candidate
    return Pose(0.5, 0.5, 1.0), Pose(0.5, 0.5, 1.0)


def plan_shots(art: SceneArt, beats: list[Beat], duration: float, mode: str = "film",
               staging: Callable[[float], SceneArt] | None = None) -> list[Shot]:  # fmt: skip
    """The scene's shots in order, covering [0, duration] without gaps.

    `mode` "podcast" frames every line as a close-up on its speaker (alternating as the talk goes).
    A very long scene holds its shots longer so that it never has more than MAX_SHOTS. `staging`
    gives the scene as staged at a clip second (figures seated, walked in or out: models/lipsync/body.py);
    each line is framed where its speaker is then.
    """
    min_shot = MIN_SHOT
    while True:
        shots = _plan(art, beats, duration, mode, min_shot, staging or (lambda _: art))
        if len(shots) <= MAX_SHOTS:
            return shots
        min_shot *= 1.5


def _plan(still: SceneArt, beats: list[Beat], duration: float, mode: str, min_shot: float,
          staging: Callable[[float], SceneArt]) -> list[Shot]:  # fmt: skip
    width, height = still.size
    portrait = height > width
    beats = sorted(beats, key=lambda b: b.start)
    art = staging(0.0)
    cuts: list[Cut] = [(0.0, "establishing", None, wide_pose(art, 0.02))]
    previous: tuple[str, str | None] = ("establishing", None)
    for i, beat in enumerate(beats):
        at = 0.0 if i == 0 else (beats[i - 1].end + beat.start) / 2
        at = max(at, beat.start - 0.4)
        if i == 0 and at < ESTABLISH:
            cuts += _voice_over_cuts(staging, beat, 0.0, i)
            continue  # the opening wide carries the first line
        art = staging(max(at, beat.start))
        on_screen = [name for name in art.actors]
        if beat.speaker not in art.actors:
            kind, poses = _voice_over_shot(art, i)
            subject = None
        elif mode == "podcast" or len(on_screen) == 1:
            kind, subject = ("close" if mode == "podcast" or i % 2 == 0 else "medium"), beat.speaker
            poses = close_pose(art, beat.speaker, beat.emotion, portrait)
            if kind == "medium":
                poses = (Pose(poses[0].cx, poses[0].cy, poses[0].zoom * 0.78),
                         Pose(poses[1].cx, poses[1].cy, poses[1].zoom * 0.8))  # fmt: skip
        elif previous == ("close", beat.speaker) or i % 3 == 2:
            kind, subject, poses = "two", None, two_pose(art, on_screen)
        else:
            kind, poses = framed_close(art, beat.speaker, beat.emotion, portrait)
            subject = beat.speaker if kind == "close" else None
        cuts.append((at, kind, subject, poses))
        if beat.speaker not in art.actors:
            cuts += _voice_over_cuts(staging, beat, at, i)
        previous = (kind, subject)
    art = still
    if beats:
        closing = beats[-1].end + 0.15
        if duration - closing >= 0.6:
            fx, fy = art.focus
            start = next((z for z in (1.08, 1.05, 1.02) if _clean(art, "closing", None, (Pose(0.5, fy, z),))), 1.0)
            cuts.append((closing, "closing", None, (Pose(0.5, fy, start), Pose(0.5, 0.5, 1.0))))
    merged: list[Cut] = []
    for cut in cuts:
        if merged and cut[0] - merged[-1][0] < min_shot:
            if merged[-1][1] == "establishing" or cut[1] != "closing":
                continue  # too soon after the last cut: the current shot carries on
            merged.pop()  # the closing wide wins over a flash shot just before it
        merged.append(cut)
    shots = []
    for k, (at, kind, subject, (begin, finish)) in enumerate(merged):
        end = merged[k + 1][0] if k + 1 < len(merged) else duration
        if end > at:
            shots.append(Shot(at, end, kind, subject, clamp_pose(begin), clamp_pose(finish)))
    return shots or [Shot(0.0, duration, "establishing", None, *(clamp_pose(p) for p in wide_pose(art, 0.02)))]


def _voice_over_shot(art: SceneArt, k: int) -> tuple[str, tuple[Pose, Pose]]:
    """A shot under a voice nobody on screen speaks: the whole plate drifting (to alternate sides),
    or on every other shot, and whenever the plate cannot be pushed in cleanly (figures at its
    edges), an easing push on the group on screen, its pan turned round on alternate shots."""
    drift = 0.03 if k % 2 else -0.03
    wide = None if k % 2 else wide_pose(art, drift)  # the group's turn: the wide only if its push is unclean
    if art.actors and (wide is None or wide[0] == wide[1]):
        begin, finish = two_pose(art, list(art.actors))
        if k % 2:
            begin, finish = Pose(finish.cx, begin.cy, begin.zoom), Pose(begin.cx, finish.cy, finish.zoom)
        if _clean(art, "two", None, (begin, finish)):
            return "two", (begin, finish)
    return "wide", wide or wide_pose(art, drift)


def _voice_over_cuts(staging: Callable[[float], SceneArt], beat: Beat, start: float, k: int) -> list[Cut]:
    """Cuts every HOLD seconds through a long voice-over: one slow push over it eases to a stop
    seconds before it ends, and a picture that still reads as frozen."""
    cuts: list[Cut] = []
    at = start + HOLD
    while beat.end - at >= HOLD / 3:
        k += 1
        kind, poses = _voice_over_shot(staging(at), k)
        cuts.append((at, kind, None, poses))
        at += HOLD
    return cuts


def clamp_pose(pose: Pose) -> Pose:
    zoom = max(1.0, pose.zoom)
    half = 0.5 / zoom  # half the view, as a fraction of the plate
    return Pose(min(max(pose.cx, half), 1 - half), min(max(pose.cy, half), 1 - half), zoom)


def _piecewise(shots: list[Shot], fps: int, value: str) -> str:
    """An ffmpeg expression of frame number n: the eased value of `value` ("cx", "cy", "zoom") per shot.

    A flat sum of gated terms rather than nested if(): ffmpeg's expression parser limits nesting
    depth, and a long scene has more shots than that.
    """
    terms = []
    for k, shot in enumerate(shots):
        first, last = round(shot.start * fps), max(round(shot.end * fps) - 1, round(shot.start * fps) + 1)
        until = round(shots[k + 1].start * fps) - 1 if k + 1 < len(shots) else 10**9
        a, b = getattr(shot.begin, value), getattr(shot.finish, value)
        u = f"clip((n-{first})/{last - first},0,1)"
        eased = f"({a:.5f}+{b - a:.5f}*{u}*{u}*(3-2*{u}))"
        terms.append(eased if len(shots) == 1 else f"between(n,{first},{until})*{eased}")
    return "(" + "+".join(terms) + ")"


def camera_filter(shots: list[Shot], width: int, height: int, fps: int) -> str:
    """scale (per frame, to the zoomed size) then crop (per frame, at the view) back to width x height.

    The crop's offsets are computed from the zoomed size expression itself: crop's own in_w/in_h
    keep the size the filter was configured with, not the size of each scaled frame.
    """
    zoom, cx, cy = (_piecewise(shots, fps, v) for v in ("zoom", "cx", "cy"))
    scaled_w, scaled_h = f"2*floor({width}*{zoom}/2)", f"2*floor({height}*{zoom}/2)"
    return (
        f"scale=w='{scaled_w}':h='{scaled_h}':eval=frame:flags=bilinear,"
        f"crop=w={width}:h={height}:x='clip({cx}*{scaled_w}-{width}/2,0,{scaled_w}-{width})'"
        f":y='clip({cy}*{scaled_h}-{height}/2,0,{scaled_h}-{height})'"
    )


def pose_at(shots: list[Shot], t: float) -> Pose:
    """The camera's pose at `t` seconds (for stills: thumbnails and posters)."""
    shot = next((s for s in shots if s.start <= t < s.end), shots[-1])
    u = min(max((t - shot.start) / max(shot.end - shot.start, 1e-6), 0.0), 1.0)
    e = u * u * (3 - 2 * u)
    a, b = shot.begin, shot.finish
    return Pose(a.cx + (b.cx - a.cx) * e, a.cy + (b.cy - a.cy) * e, a.zoom + (b.zoom - a.zoom) * e)
