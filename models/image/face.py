"""The head: face shape, ears, eyes (open or closed), brows, nose, facial hair and head accessories.

Head units: centre at (0, 0), head height 1 (top -0.5, chin 0.5), a turned head faces +x.
"""

from __future__ import annotations

import skia

from models.image.colours import fill, shade, stroke
from models.image.expressions import brow_for
from models.image.look import CharacterLook

JAW = {"oval": 0.55, "round": 0.8, "square": 0.95, "heart": 0.35}
WIDTH = {"oval": 0.76, "round": 0.84, "square": 0.8, "heart": 0.8}
EYE_Y = -0.02
MOUTH_Y = 0.27
PROFILE = 2.0  # a `turn` of this value draws the head in true profile (turnaround sheets)


def head_width(look: CharacterLook) -> float:
    return WIDTH.get(look.face_shape, 0.8) + (0.05 if look.age_band == "child" else 0.0)


def feature_shift(turn: float) -> float:
    """How far the features slide towards the facing side in a three-quarter view."""
    return 0.07 * turn


def eye_centres(look: CharacterLook, turn: float) -> list[tuple[float, float]]:
    if turn >= PROFILE:  # one eye, near the front of the head
        x = head_width(look) / 2 - 0.14
        return [(x, EYE_Y), (x, EYE_Y)]
    dx = feature_shift(turn)
    return [(-0.17 + dx, EYE_Y), (0.17 + dx, EYE_Y)]


def mouth_centre(turn: float) -> tuple[float, float]:
    if turn >= PROFILE:
        return 0.26, MOUTH_Y
    return feature_shift(turn) * 1.3, MOUTH_Y


def face_path(look: CharacterLook) -> skia.Path:
    w, jaw = head_width(look), JAW.get(look.face_shape, 0.6)
    path = skia.Path()
    path.moveTo(-w / 2, 0)
    path.arcTo(skia.Rect(-w / 2, -0.5, w / 2, 0.5), 180, 180, False)
    path.cubicTo(w / 2, 0.28 + 0.1 * jaw, w / 2 * jaw * 0.9, 0.5, 0, 0.5)
    path.cubicTo(-w / 2 * jaw * 0.9, 0.5, -w / 2, 0.28 + 0.1 * jaw, -w / 2, 0)
    path.close()
    return path


def draw_ears(canvas: skia.Canvas, look: CharacterLook, turn: float) -> None:
    w = head_width(look)
    sides = (-1, 1) if turn < 0.5 else (-1,)
    for side in sides:
        x = side * (w / 2 - 0.01) + feature_shift(turn) * 0.4 if turn < PROFILE else -0.06
        canvas.drawOval(skia.Rect(x - 0.07, -0.06, x + 0.07, 0.14), fill(look.skin))
        canvas.drawArc(
            skia.Rect(x - 0.035, -0.02, x + 0.035, 0.1), 100, 180 * side, False, stroke(shade(look.skin, -0.2), 0.015)
        )
        if "earrings" in look.accessories:
            canvas.drawCircle(x, 0.17, 0.028, fill("#e2b53a"))


def _profile_nose(look: CharacterLook) -> skia.Path:
    w = head_width(look)
    nose = skia.Path()
    nose.moveTo(w / 2 - 0.04, -0.04)
    nose.quadTo(w / 2 + 0.06, 0.08, w / 2 + 0.09, 0.13)
    nose.quadTo(w / 2 + 0.04, 0.18, w / 2 - 0.04, 0.17)
    nose.close()
    return nose


def draw_face(
    canvas: skia.Canvas, look: CharacterLook, turn: float, eyes_open: bool, expression: str = "neutral"
) -> None:
    """Face fill and features except the mouth and the hair."""
    w = head_width(look)
    canvas.drawPath(face_path(look), fill(look.skin))
    if turn >= PROFILE:
        canvas.drawPath(_profile_nose(look), fill(look.skin))
    # The side away from the viewer falls into soft shadow, which sells the turn.
    if turn > 0:
        canvas.save()
        canvas.clipPath(face_path(look), doAntiAlias=True)
        canvas.drawOval(skia.Rect(w / 2 - 0.1, -0.6, w / 2 + 0.4, 0.7), fill(shade(look.skin, -0.1)))
        canvas.restore()
    dark = shade(look.skin, -0.3)
    centres = eye_centres(look, turn)[: 1 if turn >= PROFILE else 2]
    for i, (ex, ey) in enumerate(centres):
        brows = brow_for(expression, i)
        far = 0 < turn < PROFILE and i == 1
        rx = (0.062 if far else 0.075) * (1.15 if look.age_band == "child" else 1.0)
        ry = 0.085 * (1.15 if look.age_band == "child" else 1.0) * brows.eye_scale
        if turn >= PROFILE:
            rx *= 0.6
        canvas.drawCircle(ex, 0.13, 0.065, fill("#e8737a", 0.18))
        if "freckles" in look.accessories:
            for fx, fy in ((-0.03, 0.11), (0.02, 0.13), (0.04, 0.1)):
                canvas.drawCircle(ex + fx, fy, 0.009, fill(shade(look.skin, -0.3)))
        _draw_eye(canvas, look, ex, ey, rx, ry, turn, eyes_open)
        brow = skia.Path()
        # The inner end is the one nearest the nose: +x for the left eye, -x for the right one.
        left_dy, right_dy = (brows.outer, brows.inner) if i == 0 else (brows.inner, brows.outer)
        brow.moveTo(ex - rx, ey - ry - 0.035 + left_dy)
        brow.quadTo(ex, ey - ry - 0.075 + brows.arch + (left_dy + right_dy) / 2, ex + rx, ey - ry - 0.04 + right_dy)
        brow_colour = shade(look.hair_colour, -0.25) if look.age_band != "senior" else shade(look.hair_colour, -0.35)
        canvas.drawPath(brow, stroke(brow_colour, 0.042 if look.gender == "male" else 0.03))
    nose = skia.Path()
    nx = feature_shift(turn) * 1.7
    if turn >= PROFILE:
        pass  # the profile nose is part of the silhouette, drawn above
    elif turn > 0:
        nose.moveTo(nx + 0.01, 0.02)
        nose.quadTo(nx + 0.07, 0.12, nx + 0.045, 0.155)
        nose.quadTo(nx + 0.02, 0.17, nx - 0.02, 0.155)
    else:
        nose.moveTo(nx - 0.035, 0.14)
        nose.quadTo(nx, 0.175, nx + 0.035, 0.14)
    canvas.drawPath(nose, stroke(dark, 0.022))
    if "bindi" in look.accessories:
        canvas.drawCircle(feature_shift(turn), -0.2, 0.026, fill("#c8102e"))


def _draw_eye(
    canvas: skia.Canvas, look: CharacterLook, ex: float, ey: float, rx: float, ry: float, turn: float, eyes_open: bool
) -> None:
    ink = "#2a1c1c"
    if not eyes_open:
        lid = skia.Path()
        lid.moveTo(ex - rx, ey + 0.005)
        lid.quadTo(ex, ey + 0.05, ex + rx, ey + 0.005)
        canvas.drawPath(lid, stroke(ink, 0.022))
        if look.gender == "female":
            canvas.drawLine(ex + rx, ey + 0.005, ex + rx + 0.03, ey - 0.015, stroke(ink, 0.016))
        return
    white = skia.Rect(ex - rx, ey - ry, ex + rx, ey + ry)
    canvas.drawOval(white, fill("#ffffff"))
    canvas.save()
    canvas.clipRRect(skia.RRect.MakeOval(white), doAntiAlias=True)
    ix, iy = ex + 0.02 * turn, ey + 0.01
    canvas.drawCircle(ix, iy, 0.055, fill(look.eye_colour))
    canvas.drawCircle(ix, iy, 0.03, fill("#121014"))
    canvas.drawCircle(ix + 0.018, iy - 0.022, 0.016, fill("#ffffff"))
    canvas.restore()
    upper = skia.Path()
    upper.moveTo(ex - rx - 0.005, ey + 0.01)
    upper.quadTo(ex, ey - ry * 1.45, ex + rx + 0.005, ey + 0.01)
    canvas.drawPath(upper, stroke(ink, 0.022))
    if look.gender == "female":
        canvas.drawLine(ex + rx, ey - 0.01, ex + rx + 0.035, ey - 0.04, stroke(ink, 0.016))


def draw_facial_hair(canvas: skia.Canvas, look: CharacterLook, turn: float, before_mouth: bool) -> None:
    colour = look.hair_colour
    mx, my = mouth_centre(turn)
    if before_mouth and "beard" in look.accessories:
        w = head_width(look)
        grown = skia.Path().addOval(skia.Rect(-w / 2 - 0.015, -0.45, w / 2 + 0.015, 0.6))
        jaw = skia.Path()  # below a line from the sideburns dipping under the cheeks
        jaw.moveTo(-2, 0.0)
        jaw.lineTo(-w / 2 + 0.02, 0.0)
        jaw.quadTo(mx, 0.32, w / 2 - 0.02, 0.0)
        jaw.lineTo(2, 0.0)
        jaw.lineTo(2, 2)
        jaw.lineTo(-2, 2)
        jaw.close()
        beard = skia.Op(grown, jaw, skia.PathOp.kIntersect_PathOp)
        hole = skia.Path().addOval(skia.Rect(mx - 0.11, my - 0.05, mx + 0.11, my + 0.085))
        beard = beard and skia.Op(beard, hole, skia.PathOp.kDifference_PathOp)
        if beard:
            canvas.drawPath(beard, fill(colour))
    if not before_mouth and ("mustache" in look.accessories or "beard" in look.accessories):
        tache = skia.Path()
        tache.moveTo(mx, my - 0.07)
        tache.cubicTo(mx - 0.06, my - 0.1, mx - 0.14, my - 0.06, mx - 0.13, my - 0.02)
        tache.cubicTo(mx - 0.08, my - 0.045, mx - 0.04, my - 0.04, mx, my - 0.045)
        tache.cubicTo(mx + 0.04, my - 0.04, mx + 0.08, my - 0.045, mx + 0.13, my - 0.02)
        tache.cubicTo(mx + 0.14, my - 0.06, mx + 0.06, my - 0.1, mx, my - 0.07)
        canvas.drawPath(tache, fill(shade(colour, -0.08)))


def draw_head_accessories(canvas: skia.Canvas, look: CharacterLook, turn: float) -> None:
    w = head_width(look)
    if "glasses" in look.accessories:
        frame = stroke("#2b2b30", 0.024)
        centres = eye_centres(look, turn)
        for ex, ey in centres:
            canvas.drawRoundRect(skia.Rect(ex - 0.1, ey - 0.085, ex + 0.1, ey + 0.08), 0.05, 0.05, frame)
        canvas.drawLine(centres[0][0] + 0.1, EYE_Y - 0.02, centres[1][0] - 0.1, EYE_Y - 0.02, frame)
        canvas.drawLine(centres[0][0] - 0.1, EYE_Y - 0.03, -w / 2 + 0.02, EYE_Y - 0.05, frame)
    if "hat" in look.accessories:
        hat = shade(look.accent, -0.35)
        canvas.drawRoundRect(skia.Rect(-w / 2 + 0.02, -0.86, w / 2 - 0.02, -0.36), 0.14, 0.14, fill(hat))
        canvas.drawRect(skia.Rect(-w / 2 + 0.02, -0.5, w / 2 - 0.02, -0.42), fill(look.accent))
        canvas.drawOval(skia.Rect(-w / 2 - 0.2, -0.44, w / 2 + 0.2, -0.32), fill(shade(hat, -0.1)))
    elif "cap" in look.accessories:
        cap = look.accent
        canvas.drawArc(skia.Rect(-w / 2 - 0.03, -0.72, w / 2 + 0.03, -0.12), 180, 180, True, fill(cap))
        canvas.drawRoundRect(
            skia.Rect(0.05 * turn, -0.46, w / 2 + 0.25 * max(turn, 0.4), -0.39), 0.04, 0.04, fill(shade(cap, -0.2))
        )


def draw_headscarf(canvas: skia.Canvas, look: CharacterLook, back: bool) -> None:
    """A scarf covering the hair: a hood behind the head, then a band framing the face."""
    w = head_width(look)
    stated = "accessories" in look.from_script
    colour = look.accent if look.outfit != "abaya" or stated else shade(look.top, 0.15)
    if back:
        canvas.drawRoundRect(skia.Rect(-w / 2 - 0.14, -0.66, w / 2 + 0.14, 0.85), 0.4, 0.4, fill(shade(colour, -0.12)))
        return
    band = skia.Path()
    band.addOval(skia.Rect(-w / 2 - 0.1, -0.64, w / 2 + 0.1, 0.62))
    hole = skia.Path().addOval(skia.Rect(-w / 2 + 0.05, -0.36, w / 2 - 0.05, 0.56))
    ring = skia.Op(band, hole, skia.PathOp.kDifference_PathOp)
    above_chin = skia.Path().addRect(skia.Rect(-1, -1, 1, 0.2))
    if ring:
        top = skia.Op(ring, above_chin, skia.PathOp.kIntersect_PathOp)
        canvas.drawPath(top or ring, fill(colour))
