"""A figure that sits, kneels or crouches: its legs bent under a lowered body, feet (or a knee) on the ground.

The illustrator draws each pose once per view as a cut-out (models.image.art.FigureLayer), in two
stages: half way down (knees bending) and all the way. The head, torso and arms of a pose are the
standing figure's, drawn lowered by a whole number of pixels (`lift`), so the standing view's mouth
and eye patches fit the posed figure moved by that much and lip-sync and blinks carry over as they are.
"""

from __future__ import annotations

import math

import skia

from models.image.body import Proportions, draw_shoe, leg_colour
from models.image.colours import fill, shade, stroke
from models.image.look import CharacterLook

# How far the head drops, as a share of the figure's height: what these proportions (hips at about
# 0.42 of the height, knees at 0.2) give with the thighs level on a knee-high seat, a knee on the
# ground, and the hips down near the heels.
LOWER = {"sit": 0.22, "kneel": 0.2, "crouch": 0.32}
STAGES = 2  # drawn poses per kind: half way down, then all the way
POSES = tuple(f"{kind}-{stage}" for kind in LOWER for stage in range(1, STAGES + 1))
FORESHORTEN = 0.85  # a bent thigh or shin's drawn length against its standing length
SEAT = "#8a5a34"  # a plain wooden stool, in the flat house palette


def pose_key(kind: str, stage: int) -> str:
    """The drawn pose of `kind` at `stage` (1 .. STAGES), or "" standing (stage 0)."""
    return f"{kind}-{stage}" if stage > 0 else ""


def lift(key: str, height: int) -> int:
    """Pixels pose `key` lowers the head of a figure `height` pixels tall (0 standing)."""
    if not key:
        return 0
    kind, stage = key.split("-")
    return round(LOWER[kind] * height * int(stage) / STAGES)


def _knee(
    hip: tuple[float, float], ankle: tuple[float, float], thigh: float, shin: float, side: int
) -> tuple[float, float]:
    """Where a knee bends out to (toward `side`) so that the thigh and shin keep their lengths."""
    dx, dy = ankle[0] - hip[0], ankle[1] - hip[1]
    d = math.hypot(dx, dy)
    if d >= thigh + shin:
        return hip[0] + dx * thigh / (thigh + shin), hip[1] + dy * thigh / (thigh + shin)
    along = (thigh * thigh - shin * shin + d * d) / (2 * d)
    out = math.sqrt(max(thigh * thigh - along * along, 0.0))
    px, py = hip[0] + dx * along / d, hip[1] + dy * along / d
    nx, ny = -dy / d, dx / d
    if nx * side < 0:
        nx, ny = -nx, -ny
    return px + nx * out, py + ny * out


def _draw_seat(canvas: skia.Canvas, p: Proportions, top: float) -> None:
    """A stool under the hips, seen from the front: a slab wider than the hips on two legs."""
    half = p.hip + 0.2
    for side in (-1, 1):
        canvas.drawLine(side * (half - 0.12), top, side * (half - 0.08), -0.02, stroke(shade(SEAT, -0.3), 0.09))
    slab = skia.Rect(-half, top - 0.02, half, top + 0.12)
    canvas.drawRoundRect(slab, 0.04, 0.04, fill(SEAT))


def draw_seat(canvas: skia.Canvas, p: Proportions, key: str, drop: float) -> None:
    """What pose `key` sits on (a stool under hips lowered by `drop` head units), if anything: drawn
    behind the figure, in its ground coordinates."""
    kind, stage = key.split("-")
    if kind == "sit" and int(stage) == STAGES:
        _draw_seat(canvas, p, p.hip_y + drop + 0.08)


def draw_bent_legs(canvas: skia.Canvas, look: CharacterLook, p: Proportions, turn: float, key: str,
                   drop: float) -> None:  # fmt: skip
    """The legs of pose `key` under hips lowered by `drop` head units, in the figure's ground
    coordinates: drawn over the lowered body, since bent legs come toward the viewer."""
    kind, stage = key.split("-")
    hip_y = p.hip_y + drop
    # Seen from the front, bent legs come toward the viewer: drawn shorter, so knees splay less.
    thigh, shin = FORESHORTEN * (p.knee_y - p.hip_y), FORESHORTEN * (-p.knee_y - 0.1)
    for side in (-1, 1):
        hip = (side * p.hip * 0.48, hip_y)
        ankle = (side * p.hip * 0.55, -0.1)
        paint = stroke(leg_colour(look, side), p.leg)
        if int(stage) < STAGES or kind == "crouch":
            knee = _knee(hip, ankle, thigh, shin, side)  # half way down every kind bends its knees out
        elif kind == "kneel" and side < 0:  # this knee on the ground, its shin going back out of sight
            canvas.drawLine(*hip, hip[0], -p.leg / 2, paint)
            continue
        else:  # the thigh points at the viewer: foreshortened to a knee just past the hip, shin straight down
            knee = (hip[0] + side * 0.1, hip_y - 0.05)
        canvas.drawLine(*hip, *knee, paint)
        canvas.drawLine(*knee, *ankle, paint)
        draw_shoe(canvas, look, ankle[0], turn)
