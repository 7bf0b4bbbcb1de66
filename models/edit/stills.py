"""Key-moment stills for thumbnails and the poster, framed the way the film's camera frames them.

A still is the scene's plate with the speaker's mouth open mid-word, cropped to a camera pose
(establishing wide, close-up on the speaker, two-shot) and covered onto the target size; the title
is then set on it. Three thumbnails always show three different moments, even in a one-scene film.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.image import raster
from models.image.art import SceneArt
from models.lipsync.camera import Pose, clamp_pose, close_pose, two_pose, wide_pose


@dataclass(frozen=True)
class KeyMoment:
    scene_id: str
    kind: str  # wide | close | two | medium | left | right
    speaker: str | None = None
    emotion: str = "neutral"


def framed(art: SceneArt, moment: KeyMoment) -> tuple[np.ndarray, Pose]:
    """The plate (speaker's mouth open) and the pose the camera would hold for this moment."""
    frame = art.frame.copy()
    actor = art.actors.get(moment.speaker or "")
    if actor is not None:
        x, y, w, h = actor.mouth_box
        frame[y : y + h, x : x + w] = actor.mouth("A" if "A" in actor.mouths else "rest")
    width, height = art.size
    portrait = height > width
    if moment.kind in ("close", "medium") and actor is not None:
        pose = close_pose(art, actor.name, moment.emotion, portrait)[1]
        if moment.kind == "medium":
            pose = Pose(pose.cx, pose.cy, pose.zoom * 0.75)
    elif moment.kind == "two" and len(art.actors) >= 2:
        pose = two_pose(art, list(art.actors))[1]
    elif moment.kind == "two":
        pose = Pose(0.5, art.focus[1], 1.3)
    elif moment.kind in ("left", "right"):  # a detail of the set, for films with nobody on screen
        pose = Pose(0.3 if moment.kind == "left" else 0.7, art.focus[1], 1.5)
    else:
        pose = wide_pose(art, 0.0)[0]
    return frame, clamp_pose(pose)


def view(art: SceneArt, moment: KeyMoment) -> np.ndarray:
    """The part of the plate the camera sees at this moment, unscaled (scale it once, to its target)."""
    frame, pose = framed(art, moment)
    width, height = art.size
    view_w, view_h = width / pose.zoom, height / pose.zoom
    x0 = int(round(min(max(pose.cx * width - view_w / 2, 0), width - view_w)))
    y0 = int(round(min(max(pose.cy * height - view_h / 2, 0), height - view_h)))
    return np.ascontiguousarray(frame[y0 : y0 + int(view_h), x0 : x0 + int(view_w)])


def still(art: SceneArt, moment: KeyMoment) -> np.ndarray:
    """The moment's picture at the plate's own size."""
    return raster.resample_cover(view(art, moment), art.size)


def with_title(picture: np.ndarray, title: str, size: tuple[int, int]) -> np.ndarray:
    """`picture` covering `size` with the title set large on a band (the illustrator's title style)."""
    return SceneArt(frame=picture, focus=(0.5, 0.42)).thumbnail(title, size)


def key_moments(lines: list[tuple[str, str, str, float]], on_screen: dict[str, set[str]], first_scene: str,
                last_scene: str, count: int = 3) -> list[KeyMoment]:  # fmt: skip
    """`count` different moments: the opening wide, the strongest line's close-up, then a contrast.

    lines: (scene_id, speaker, emotion, strength) of every spoken line; on_screen: the characters
    drawn in each scene. The third is a two-shot or close-up from another scene or speaker when the
    film has one, else a medium shot of the same speaker; never a repeat of an earlier framing.
    """
    moments = [KeyMoment(first_scene, "wide")]
    shown = [line for line in lines if line[1] in on_screen.get(line[0], set())]
    ranked = sorted(shown, key=lambda line: -line[3])
    if ranked:
        scene_id, speaker, emotion, _ = ranked[0]
        moments.append(KeyMoment(scene_id, "close", speaker, emotion))
        # Prefer another speaker, then the same speaker in another scene.
        contrast = [o for o in ranked[1:] if o[1] != speaker] + [
            o for o in ranked[1:] if o[1] == speaker and o[0] != scene_id
        ]
        if contrast:
            other = contrast[0]
            kind = "two" if len(on_screen.get(other[0], ())) >= 2 and other[0] == scene_id else "close"
            moments.append(KeyMoment(other[0], kind, other[1], other[2]))
        else:
            moments.append(KeyMoment(scene_id, "medium" if len(on_screen.get(scene_id, ())) < 2 else "two",
                                     speaker, emotion))  # fmt: skip
    else:
        moments.append(KeyMoment(last_scene, "two"))
    while len(moments) < count:  # pad with framings not used yet
        used = {(m.scene_id, m.kind) for m in moments}
        extra = next(
            (
                KeyMoment(s, k)
                for s in (last_scene, first_scene)
                for k in ("two", "left", "right", "wide")
                if (s, k) not in used
            ),
            KeyMoment(last_scene, "two"),
        )
        moments.append(extra)
    return moments[:count]
