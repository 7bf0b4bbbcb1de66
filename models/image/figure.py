"""Draw a whole character at a position and scale, and report where its mouth and eyes landed."""

from __future__ import annotations

from dataclasses import dataclass

import skia

from models.image import face, hair
from models.image.body import Proportions, draw_body, proportions
from models.image.colours import fill
from models.image.creatures import creature_size, draw_creature
from models.image.look import CharacterLook
from models.image.mouths import MOUTH_DEPTH, MOUTH_HALF_WIDTH, draw_mouth
from models.image.poses import draw_bent_legs, draw_seat
from models.lipsync.visemes import OPENNESS

Box = tuple[int, int, int, int]  # x, y, width, height in pixels

CHILD_SCALE = 0.85  # children are drawn smaller overall on top of their shorter proportions


@dataclass(frozen=True)
class Pose:
    x: float  # pixel position of the point between the feet
    ground_y: float
    scale: float  # pixels per head unit for an adult of average height
    facing: int = 0  # -1 left, 0 front, 1 right
    viseme: str = "rest"
    eyes_open: bool = True
    expression: str = "neutral"  # see models/image/expressions.py
    profile: bool = False  # true side view (turnaround sheets); `facing` picks the side
    turn: float = 1.0  # how far a turned figure turns: 1 three-quarter, toward face.PROFILE (side view)
    bend: str = ""  # a pose (models/image/poses.py: "sit-2", ...), "" standing
    drop: int = 0  # pixels the posed figure's head and body are lowered onto its bent legs


@dataclass(frozen=True)
class FigureBoxes:
    mouth: Box
    eyes: Box
    head: Box
    body: Box


def pixel_scale(look: CharacterLook, pose: Pose) -> float:
    return pose.scale * look.height * (CHILD_SCALE if look.age_band == "child" else 1.0)


def figure_size(look: CharacterLook, scale: float) -> tuple[float, float]:
    """Pixel width and height of the figure drawn at `scale` (pixels per head unit)."""
    if look.species != "human":
        return creature_size(look.species, scale, look.height)
    p = proportions(look)
    s = scale * look.height * (CHILD_SCALE if look.age_band == "child" else 1.0)
    return (2 * p.shoulder + 0.5) * s, (p.total + 0.05) * s


def _to_box(canvas: skia.Canvas, rect: skia.Rect) -> Box:
    mapped = canvas.getTotalMatrix().mapRect(rect)
    x0, y0 = int(mapped.left()) - 1, int(mapped.top()) - 1
    x1, y1 = int(mapped.right()) + 2, int(mapped.bottom()) + 2
    return x0, y0, x1 - x0, y1 - y0


def draw_figure(canvas: skia.Canvas, look: CharacterLook, pose: Pose) -> FigureBoxes:
    """Draw `look` standing at `pose`; turned figures are drawn facing +x and mirrored for -x."""
    if look.species != "human":
        mouth, eyes, head, body = draw_creature(
            canvas,
            look.species,
            pose.x,
            pose.ground_y,
            pose.scale,
            look.height,
            pose.facing,
            OPENNESS.get(pose.viseme, 0.0),
            pose.eyes_open,
        )
        return FigureBoxes(mouth=mouth, eyes=eyes, head=head, body=body)
    p: Proportions = proportions(look)
    s = pixel_scale(look, pose)
    turn = face.PROFILE if pose.profile else pose.turn if pose.facing != 0 else 0.0
    mirror = s * (-1 if pose.facing < 0 else 1)
    canvas.save()
    canvas.translate(pose.x, pose.ground_y)
    canvas.scale(mirror, s)
    canvas.drawOval(skia.Rect(-p.shoulder - 0.2, -0.08, p.shoulder + 0.2, 0.08), fill("#000000", 0.18))
    canvas.restore()
    outlined = look.mode == "mascot"
    if outlined:  # a mascot's bold silhouette: the figure's shape grown by a few pixels, in ink, behind it
        radius = max(1.0, s * 0.035)
        grown = skia.ImageFilters.Dilate(radius, radius)
        ink = skia.ImageFilters.ColorFilter(
            skia.ColorFilters.Blend(skia.ColorSetRGB(0x22, 0x1C, 0x2C), skia.BlendMode.kSrcIn), grown
        )
        canvas.saveLayer(None, skia.Paint(ImageFilter=skia.ImageFilters.Merge([ink, None])))
    canvas.save()
    canvas.translate(pose.x, pose.ground_y)
    canvas.scale(mirror, s)
    body_box = _to_box(canvas, skia.Rect(-p.shoulder - 0.25, -p.total - 0.05, p.shoulder + 0.25, 0.05))
    if pose.bend:
        draw_seat(canvas, p, pose.bend, pose.drop / s)
        # The rest lowered by whole pixels (so the standing figure's mouth and eye patches fit it
        # moved), cut off at the lap: a coat or robe folds there, and the bent legs show below it.
        canvas.restore()
        canvas.save()
        canvas.translate(pose.x, pose.ground_y + pose.drop)
        canvas.scale(mirror, s)
        canvas.clipRect(skia.Rect(-p.total, -2 * p.total, p.total, min(p.hip_y + 0.25, -0.16 - pose.drop / s)))
    canvas.save()
    canvas.translate(0, p.head_cy)
    covered = "headscarf" in look.accessories
    if covered:
        face.draw_headscarf(canvas, look, back=True)
    else:
        hair.draw_hair_back(canvas, look.hair_style, look.hair_colour, face.head_width(look), p.shoulder_y - p.head_cy)
    canvas.restore()
    draw_body(canvas, look, p, min(turn, 1.0), legs=not pose.bend)
    canvas.translate(0, p.head_cy)
    face.draw_ears(canvas, look, turn) if not covered else None
    face.draw_face(canvas, look, turn, pose.eyes_open, pose.expression)
    face.draw_facial_hair(canvas, look, turn, before_mouth=True)
    mx, my = face.mouth_centre(turn)
    canvas.save()
    canvas.translate(mx, my)
    draw_mouth(canvas, pose.viseme, look.skin, pose.expression)
    canvas.restore()
    face.draw_facial_hair(canvas, look, turn, before_mouth=False)
    if covered:
        face.draw_headscarf(canvas, look, back=False)
    else:
        hair.draw_hair_front(canvas, look.hair_style, look.hair_colour, face.head_width(look))
    face.draw_head_accessories(canvas, look, turn)
    # Boxes generous enough to hold every viseme and both eyelids, in pixels.
    mouth = _to_box(
        canvas,
        skia.Rect(mx - MOUTH_HALF_WIDTH - 0.02, my - MOUTH_DEPTH[0], mx + MOUTH_HALF_WIDTH + 0.02, my + MOUTH_DEPTH[1]),
    )
    centres = face.eye_centres(look, turn)
    eyes = _to_box(canvas, skia.Rect(centres[0][0] - 0.12, face.EYE_Y - 0.13, centres[1][0] + 0.12, face.EYE_Y + 0.12))
    w = face.head_width(look)
    head = _to_box(canvas, skia.Rect(-w / 2 - 0.1, -0.6, w / 2 + 0.1, 0.55))
    canvas.restore()
    if pose.bend:
        canvas.save()
        canvas.translate(pose.x, pose.ground_y)
        canvas.scale(mirror, s)
        draw_bent_legs(canvas, look, p, min(turn, 1.0), pose.bend, pose.drop / s)
        canvas.restore()
    if outlined:
        canvas.restore()
    return FigureBoxes(mouth=mouth, eyes=eyes, head=head, body=body_box)
