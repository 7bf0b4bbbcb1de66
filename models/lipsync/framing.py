"""Is a shot framed cleanly? Measured on a rendered plate's staging data (figure, head and eye boxes, props).

Rules a cinematographer would sign:
- no character is sliced by a side edge of the view (mostly in and partly out), and no head is
  partly out of the view (a head peeking in from the bottom or a face cut at the top);
- wide shots show every character and staged prop whole;
- a close-up puts its subject's eyes on the upper third (between 25 % and 42 % of the height);
- a two-shot keeps every face wholly in frame.
An over-the-shoulder shot (kind "ots") may cut its foreground character on purpose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from models.image.art import Box, SceneArt

if TYPE_CHECKING:  # the camera imports this module to frame its shots
    from models.lipsync.camera import Beat, Pose, Shot

EYES_BAND = (0.25, 0.42)
SLICE = (0.06, 0.94)  # a visible share of a figure's width in this range means the edge cuts it
WIDE = {"establishing", "wide", "closing"}


@dataclass(frozen=True)
class FramingIssue:
    scene_id: str
    shot: int
    kind: str
    who: str
    problem: str

    def to_dict(self) -> dict:
        return asdict(self)


View = tuple[float, float, float, float]  # x0, y0, x1, y1 in plate pixels


def view_of(pose: Pose, size: tuple[int, int]) -> View:
    width, height = size
    w, h = width / pose.zoom, height / pose.zoom
    x0, y0 = pose.cx * width - w / 2, pose.cy * height - h / 2
    return x0, y0, x0 + w, y0 + h


def _share(a0: float, a1: float, b0: float, b1: float) -> float:
    """How much of [a0, a1] lies inside [b0, b1]."""
    return max(0.0, min(a1, b1) - max(a0, b0)) / max(a1 - a0, 1e-6)


def body_of(art: SceneArt, name: str) -> Box:
    actor = art.actors[name]
    if actor.body_box is not None:
        return actor.body_box
    x, y, w, h = actor.head_box  # older art: a figure about 1.6 heads wide, down to the ground
    return int(x - w * 0.3), y, int(w * 1.6), int(art.size[1] * 0.93 - y)


def shot_issues(art: SceneArt, kind: str, subject: str | None, pose: Pose, index: int = 0) -> list[FramingIssue]:
    """Every framing fault of one camera pose over `art`."""
    issues: list[FramingIssue] = []
    x0, y0, x1, y1 = view_of(pose, art.size)
    for name, actor in art.actors.items():
        bx, by, bw, bh = body_of(art, name)
        hx, hy, hw, hh = actor.head_box
        across = _share(bx, bx + bw, x0, x1)
        head_in = _share(hx, hx + hw, x0, x1) * _share(hy, hy + hh, y0, y1)
        if kind == "ots" and name != subject:
            continue
        if SLICE[0] < across < SLICE[1]:
            issues.append(
                FramingIssue(art.scene_id, index, kind, name, f"cut by the side of the frame ({across:.0%} in)")
            )
        elif 0.02 < head_in < 0.98 and across >= SLICE[1]:
            issues.append(FramingIssue(art.scene_id, index, kind, name, f"head cut by the frame ({head_in:.0%} in)"))
        if kind in WIDE and across >= SLICE[1] and _share(by, by + bh, y0, y1) < 0.97:
            issues.append(FramingIssue(art.scene_id, index, kind, name, "not whole in a wide shot"))
        if kind == "two" and head_in < 0.98:
            issues.append(FramingIssue(art.scene_id, index, kind, name, "face out of the two-shot"))
        if kind == "close" and name == subject:
            ex, ey, ew, eh = actor.eyes_box
            eyes = ((ey + eh / 2) - y0) / (y1 - y0)
            if not EYES_BAND[0] <= eyes <= EYES_BAND[1]:
                issues.append(
                    FramingIssue(
                        art.scene_id, index, kind, name, f"eyes at {eyes:.0%} of the height, not on the upper third"
                    )
                )
    if kind in WIDE:
        for prop in art.objects:
            px, py, pw, ph = prop["box"]
            if _share(px, px + pw, x0, x1) * _share(py, py + ph, y0, y1) < 0.97:
                issues.append(FramingIssue(art.scene_id, index, kind, prop["word"], "prop cut by the frame"))
    return issues


def sample_beats(art: SceneArt) -> list[Beat]:
    """Each staged character speaks twice, in turn: enough for the planner to make every kind of shot."""
    from models.lipsync.camera import Beat

    names = list(art.actors)
    beats, t = [], 2.0
    for round_ in range(2):
        for name in names:
            beats.append(Beat(name, t, t + 2.4, "afraid" if round_ else "neutral"))
            t += 3.0
    return beats


def plate_issues(art: SceneArt, shots: list[Shot] | None = None) -> list[FramingIssue]:
    """The plate as staged (the full frame) and every shot the planner makes over it."""
    from models.lipsync.camera import Pose, plan_shots

    if shots is None:
        beats = sample_beats(art)
        shots = plan_shots(art, beats, (beats[-1].end + 2.0) if beats else 6.0)
    issues = shot_issues(art, "wide", None, Pose(0.5, 0.5, 1.0), -1)
    for index, shot in enumerate(shots):
        for pose in (shot.begin, shot.finish):
            issues += shot_issues(art, shot.kind, shot.subject, pose, index)
    unique = {(i.shot, i.who, i.problem): i for i in issues}
    return list(unique.values())
