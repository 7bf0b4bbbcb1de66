"""Body and clothes in head units: feet on the ground at y = 0, up is negative, turned bodies face +x."""

from __future__ import annotations

from dataclasses import dataclass

import skia

from models.image.colours import fill, mix, shade, stroke
from models.image.look import CharacterLook

LONG_ROBES = ("saree", "thobe", "abaya")


@dataclass(frozen=True)
class Proportions:
    total: float  # height in head units
    head_cy: float
    shoulder_y: float
    hip_y: float
    knee_y: float
    shoulder: float  # half widths
    hip: float
    arm: float  # thickness
    leg: float


def proportions(look: CharacterLook) -> Proportions:
    total = {"child": 3.2, "teen": 4.0, "adult": 4.35, "senior": 4.2}.get(look.age_band, 4.7)
    if look.mode == "mascot":
        total *= 0.78  # a mascot's head is bigger against its body: fewer head units tall
    head_cy = -(total - 0.5)
    shoulder_y = head_cy + 0.6
    hip_y = shoulder_y * 0.56
    build = {"slim": 0, "average": 1, "broad": 2}.get(look.build, 1)
    shoulder = (0.5, 0.58, 0.68)[build] - (0.05 if look.gender == "female" else 0.0)
    hip = (0.4, 0.45, 0.56)[build] + (0.04 if look.gender == "female" else 0.0)
    kid = 0.85 if look.age_band == "child" else 1.0
    return Proportions(
        total,
        head_cy,
        shoulder_y,
        hip_y,
        hip_y * 0.48,
        shoulder * kid,
        hip * kid,
        (0.2, 0.22, 0.26)[build] * kid,
        (0.22, 0.25, 0.3)[build] * kid,
    )


def _garment(p: Proportions, bottom_y: float, bottom_half: float) -> skia.Path:
    sy, sw = p.shoulder_y, p.shoulder
    path = skia.Path()
    path.moveTo(-sw + 0.14, sy)
    path.lineTo(sw - 0.14, sy)
    path.quadTo(sw, sy, sw, sy + 0.18)
    path.quadTo(sw - 0.04, (sy + p.hip_y) / 2, p.hip + 0.02, p.hip_y)
    path.lineTo(bottom_half, bottom_y)
    path.quadTo(0, bottom_y + 0.04, -bottom_half, bottom_y)
    path.lineTo(-p.hip - 0.02, p.hip_y)
    path.quadTo(-sw + 0.04, (sy + p.hip_y) / 2, -sw, sy + 0.18)
    path.quadTo(-sw, sy, -sw + 0.14, sy)
    path.close()
    return path


def _arm_path(p: Proportions, side: int) -> skia.Path:
    sx = side * (p.shoulder - 0.16)
    path = skia.Path()
    path.moveTo(sx, p.shoulder_y + 0.2)  # start inside the torso so the round cap stays hidden
    length = (p.hip_y - p.shoulder_y) * 0.95 + 0.2
    path.quadTo(
        side * (p.shoulder + 0.07), p.shoulder_y + length * 0.5, side * (p.shoulder - 0.0), p.shoulder_y + length
    )
    return path


def _sleeve(look: CharacterLook) -> float:
    """Fraction of the arm the garment covers: 1 for long sleeves, 0.3 for a blouse or tee."""
    return {"tshirt": 0.35, "dress": 0.3, "saree": 0.3}.get(look.outfit, 1.0)


def _draw_arm(canvas: skia.Canvas, look: CharacterLook, p: Proportions, side: int, back: bool) -> None:
    path = _arm_path(p, side)
    cloth = shade(look.top, -0.12) if back else look.top
    skin = shade(look.skin, -0.1) if back else look.skin
    canvas.drawPath(path, stroke(skin, p.arm))
    covered = _sleeve(look)
    if covered >= 1.0:
        canvas.drawPath(path, stroke(cloth, p.arm + 0.02))
    else:
        measure = skia.PathMeasure(path, False, 100.0)  # head units are tiny: measure finely
        sleeve = skia.Path()
        measure.getSegment(0, measure.getLength() * covered, sleeve, True)
        # A round cap hides the skin stroke's own round end at the shoulder.
        canvas.drawPath(sleeve, stroke(look.accent if look.outfit == "saree" else cloth, p.arm + 0.03))
    end = path.getPoint(path.countPoints() - 1)
    canvas.drawCircle(end.x(), end.y() + 0.04, p.arm * 0.62, fill(skin))
    if "cane" in look.accessories and side < 0:
        canvas.drawLine(end.x(), end.y() + 0.02, end.x() + 0.05 * side, -0.02, stroke("#6b4423", 0.06))


def leg_colour(look: CharacterLook, side: int) -> str:
    """What a leg shows: bare skin under a dress or a child's tee, else the trousers (a robe over
    bent legs), the far leg a shade darker."""
    bare = look.outfit == "dress" or (look.outfit == "tshirt" and look.age_band == "child")
    colour = look.skin if bare else look.top if look.outfit in LONG_ROBES else look.bottom
    return shade(colour, -0.06 * (side + 1))


def draw_shoe(canvas: skia.Canvas, look: CharacterLook, x: float, turn: float) -> None:
    """One shoe (a raincoat's boot) standing on the ground at `x`."""
    boot = look.outfit == "raincoat"
    shoe = skia.Rect(x - 0.15 + 0.1 * turn, -0.16 if boot else -0.12, x + 0.17 + 0.12 * turn, 0.0)
    canvas.drawRoundRect(shoe, 0.08, 0.08, fill(shade(look.top, -0.25) if boot else look.shoes))


def _draw_legs(canvas: skia.Canvas, look: CharacterLook, p: Proportions, turn: float) -> None:
    for side in (-1, 1):
        x = side * p.hip * 0.48
        canvas.drawLine(x, p.hip_y, x, -0.1, stroke(leg_colour(look, side), p.leg, round_cap=False))
        if look.outfit == "tshirt" and look.age_band == "child":
            canvas.drawLine(x, p.hip_y - 0.05, x, p.hip_y + 0.4, stroke(look.bottom, p.leg + 0.04, round_cap=False))
        draw_shoe(canvas, look, x, turn)


def _draw_torso(canvas: skia.Canvas, look: CharacterLook, p: Proportions) -> None:
    top, accent, sy = look.top, look.accent, p.shoulder_y
    outfit = look.outfit
    lengths = {
        "shirt": (p.hip_y + 0.08, p.hip + 0.04),
        "tshirt": (p.hip_y + 0.04, p.hip + 0.02),
        "shirt_jacket": (p.hip_y + 0.14, p.hip + 0.06),
        "raincoat": (p.knee_y + 0.12, p.hip + 0.22),
        "kurta": (p.knee_y + 0.05, p.hip + 0.08),
        "salwar": (p.knee_y + 0.05, p.hip + 0.16),
        "dress": (p.hip_y - 0.02, p.hip),
        "saree": (p.hip_y - 0.15, p.hip - 0.02),
        "thobe": (-0.14, p.hip + 0.2),
        "abaya": (-0.1, p.hip + 0.3),
    }
    bottom_y, half = lengths.get(outfit, lengths["shirt"])
    if outfit == "dress":
        skirt = skia.Path()
        skirt.moveTo(-p.hip, p.hip_y - 0.1)
        skirt.lineTo(p.hip, p.hip_y - 0.1)
        skirt.lineTo(p.hip + 0.3, p.knee_y + 0.1)
        skirt.quadTo(0, p.knee_y + 0.18, -p.hip - 0.3, p.knee_y + 0.1)
        skirt.close()
        canvas.drawPath(skirt, fill(shade(top, -0.05)))
    if outfit == "saree":
        skirt = skia.Path()
        skirt.moveTo(-p.hip - 0.02, p.hip_y - 0.2)
        skirt.lineTo(p.hip + 0.02, p.hip_y - 0.2)
        skirt.lineTo(p.hip + 0.16, -0.08)
        skirt.lineTo(-p.hip - 0.16, -0.08)
        skirt.close()
        canvas.drawPath(skirt, fill(top))
        canvas.drawRect(skia.Rect(-p.hip - 0.16, -0.2, p.hip + 0.16, -0.08), fill(accent))
        for i in range(4):
            x = 0.05 + i * 0.06
            canvas.drawLine(x, p.hip_y, x + 0.04 * i, -0.2, stroke(shade(top, -0.18), 0.015))
    body = _garment(p, bottom_y, half)
    canvas.drawPath(body, fill(accent if outfit == "saree" else top))
    canvas.save()
    canvas.clipPath(body, doAntiAlias=True)
    canvas.drawRect(skia.Rect(p.shoulder * 0.45, sy - 1, 3, 3), fill("#000000", 0.1))  # far-side shadow
    neck_open = skia.Path()
    neck_open.moveTo(-0.13, sy - 0.02)
    neck_open.quadTo(0, sy + (0.22 if outfit in ("saree", "dress", "tshirt") else 0.12), 0.13, sy - 0.02)
    canvas.drawPath(neck_open, fill(look.skin))
    if outfit == "shirt_jacket":
        vee = skia.Path()
        vee.moveTo(-0.17, sy - 0.02)
        vee.lineTo(0.17, sy - 0.02)
        vee.lineTo(0, sy + 0.6)
        vee.close()
        canvas.drawPath(vee, fill(mix(accent, "#ffffff", 0.75)))
        for side in (-1, 1):
            lapel = skia.Path()
            lapel.moveTo(side * 0.17, sy - 0.02)
            lapel.lineTo(side * 0.27, sy + 0.2)
            lapel.lineTo(side * 0.02, sy + 0.62)
            lapel.close()
            canvas.drawPath(lapel, fill(shade(top, -0.22)))
    if outfit in ("shirt", "shirt_jacket", "raincoat", "kurta", "thobe"):
        x = 0.0 if outfit != "raincoat" else 0.08
        stop = min(bottom_y - 0.1, p.hip_y) if outfit != "raincoat" else bottom_y - 0.2
        first = sy + (0.7 if outfit == "shirt_jacket" else 0.3)
        count = max(2, int((stop - first) / 0.2))
        for i in range(count):
            canvas.drawCircle(x, first + i * (stop - first) / max(1, count - 1), 0.028, fill(shade(top, -0.35)))
    if outfit in ("kurta", "thobe"):
        canvas.drawLine(0, sy + 0.12, 0, sy + 0.7, stroke(accent if outfit == "kurta" else shade(top, -0.15), 0.06))
    if outfit in ("raincoat", "dress"):
        canvas.drawRect(skia.Rect(-3, p.hip_y - 0.16, 3, p.hip_y - 0.07), fill(shade(top, -0.25)))
    if outfit == "saree":
        pallu = skia.Path()
        pallu.moveTo(-p.shoulder + 0.02, sy - 0.04)
        pallu.lineTo(-p.shoulder + 0.42, sy - 0.04)
        pallu.lineTo(p.hip + 0.2, p.hip_y + 0.1)
        pallu.lineTo(p.hip - 0.25, p.hip_y + 0.1)
        pallu.close()
        canvas.drawPath(pallu, fill(top))
        canvas.drawLine(-p.shoulder + 0.42, sy - 0.04, p.hip + 0.2, p.hip_y + 0.1, stroke(accent, 0.06))
    canvas.restore()
    if outfit == "raincoat":
        for side in (-1, 1):
            collar = skia.Path()
            collar.moveTo(side * 0.12, sy - 0.06)
            collar.lineTo(side * 0.36, sy + 0.02)
            collar.lineTo(side * 0.06, sy + 0.3)
            collar.close()
            canvas.drawPath(collar, fill(shade(top, -0.18)))


def _draw_neckwear(canvas: skia.Canvas, look: CharacterLook, p: Proportions) -> None:
    sy = p.shoulder_y
    if "necklace" in look.accessories or (look.outfit == "saree" and "earrings" in look.accessories):
        canvas.drawArc(skia.Rect(-0.16, sy - 0.1, 0.16, sy + 0.2), 20, 140, False, stroke("#e2b53a", 0.03))
    if look.outfit == "salwar" or "scarf" in look.accessories:
        colour = look.accent
        scarf = skia.Path()
        scarf.moveTo(-p.shoulder + 0.1, sy)
        scarf.quadTo(0, sy + 0.45, p.shoulder - 0.1, sy)
        canvas.drawPath(scarf, stroke(colour, 0.14))
        canvas.drawLine(
            -p.shoulder + 0.12, sy + 0.02, -p.shoulder + 0.1, p.hip_y - 0.05, stroke(shade(colour, -0.1), 0.13)
        )


def draw_body(canvas: skia.Canvas, look: CharacterLook, p: Proportions, turn: float, legs: bool = True) -> None:
    """Legs (unless a pose draws its own), arms, torso, neck and neckwear; the head is drawn on top
    by the caller."""
    if not legs:
        pass
    elif look.outfit not in LONG_ROBES:
        _draw_legs(canvas, look, p, turn)
    else:
        _draw_legs_hidden(canvas, look, p, turn)
    # Arms hang from behind the torso: only what shows past its outline is seen, so sleeves
    # never bulge over the shoulder line.
    _draw_arm(canvas, look, p, 1, back=turn > 0)
    _draw_arm(canvas, look, p, -1, back=False)
    neck = skia.Rect(-0.11, p.head_cy + 0.3, 0.11, p.shoulder_y + 0.08)
    canvas.drawRect(neck, fill(shade(look.skin, -0.12)))
    _draw_torso(canvas, look, p)
    _draw_neckwear(canvas, look, p)


def _draw_legs_hidden(canvas: skia.Canvas, look: CharacterLook, p: Proportions, turn: float) -> None:
    for side in (-1, 1):
        x = side * p.hip * 0.45
        canvas.drawRoundRect(
            skia.Rect(x - 0.13 + 0.1 * turn, -0.1, x + 0.15 + 0.12 * turn, 0.0), 0.06, 0.06, fill(look.shoes)
        )
