"""Where each visible character stands: side by side on the ground line, each one's inward side noted.

Figures are drawn facing front; `facing` is the side toward the others (where a held object goes);
whom a figure turns to while talking is the animator's call (models/lipsync/facing.py).

Wide frames use one row. Tall (9:16) frames cannot fit four figures across without shrinking
faces, so three or four characters stand in two rows, the back row higher and smaller.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.image.figure import figure_size
from models.image.look import CharacterLook

MAX_VISIBLE = 4
ADULT_HEAD_UNITS = 4.4  # an average adult's height in head units, with the head's hair

ROW_SLOTS = {1: [0.5], 2: [0.35, 0.65], 3: [0.22, 0.5, 0.78], 4: [0.15, 0.383, 0.617, 0.85]}


@dataclass(frozen=True)
class Placement:
    name: str
    x: float
    ground_y: float
    scale: float  # pixels per head unit for an adult of average height
    facing: int  # -1 left, 0 centre, 1 right: the side toward the others
    row: int  # 0 front, 1 back


def _facing(fx: float) -> int:
    if abs(fx - 0.5) < 0.05:
        return 0
    return 1 if fx < 0.5 else -1


def _fit_scale(looks: list[CharacterLook], scale: float, slot_width: float, top_room: float) -> float:
    """Shrink `scale` until every figure fits its slot and no head leaves the frame."""
    for look in looks:
        w, h = figure_size(look, scale)
        scale *= min(1.0, slot_width * 0.92 / max(w, 1.0), top_room / max(h, 1.0))
    return scale


def stage(names: list[str], looks: dict[str, CharacterLook], size: tuple[int, int], ground_y: float) -> list[Placement]:
    """Placements in drawing order (back row first)."""
    width, height = size
    visible = [n for n in names if n in looks][:MAX_VISIBLE]
    count = len(visible)
    if count == 0:
        return []
    portrait = height > width
    top_room = ground_y - height * 0.05
    if not portrait or count <= 2:
        share = 0.68 if count <= 2 else 0.6
        if portrait:
            share = 0.55 if count == 1 else 0.5
        scale = height * share / ADULT_HEAD_UNITS
        slots = ROW_SLOTS[count] if not portrait or count == 1 else [0.3, 0.7]
        slot_width = width / count
        scale = _fit_scale([looks[n] for n in visible], scale, slot_width, top_room)
        return [Placement(n, width * fx, ground_y, scale, _facing(fx), 0) for n, fx in zip(visible, slots)]
    front, back = visible[:2], visible[2:]
    front_scale = _fit_scale([looks[n] for n in front], height * 0.5 / ADULT_HEAD_UNITS, width / 2, top_room)
    back_ground = ground_y - height * 0.1
    back_scale = _fit_scale([looks[n] for n in back], front_scale * 0.82, width / 2, back_ground - height * 0.04)
    back_slots = [0.5] if len(back) == 1 else [0.38, 0.62]
    placements = [Placement(n, width * fx, back_ground, back_scale, _facing(fx), 1) for n, fx in zip(back, back_slots)]
    placements += [
        Placement(n, width * fx, ground_y, front_scale, _facing(fx), 0) for n, fx in zip(front, [0.18, 0.82])
    ]
    return placements


MAX_EXTRAS = 16
CROWD_WORDS = {
    "crowd",
    "crowds",
    "villagers",
    "townsfolk",
    "onlookers",
    "audience",
    "passengers",
    "people",
    "guests",
    "pilgrims",
    "devotees",
    "students",
    "soldiers",
    "spectators",
    "shoppers",
    "mob",
    "throng",
}


def stage_extras(
    names: list[str], looks: dict[str, CharacterLook], size: tuple[int, int], ground_y: float, front: list[Placement]
) -> list[Placement]:
    """Background extras in a row behind the cast: smaller, spread evenly, never at the frame's edge.

    The named cast beyond MAX_VISIBLE joins the extras, so a scene of 20 stays readable: four
    speaking figures in front, the rest a crowd behind them.
    """
    width, height = size
    extras = [n for n in names if n in looks][:MAX_EXTRAS]
    if not extras:
        return []
    front_scale = min((p.scale for p in front), default=height * 0.6 / ADULT_HEAD_UNITS)
    back_ground = ground_y - height * (0.14 if height > width else 0.12)
    slot = width * 0.9 / len(extras)
    tallest = max(figure_size(looks[n], 1.0)[1] for n in extras)
    scale = min(front_scale * 0.55, (back_ground - height * 0.06) / max(tallest, 1e-6))
    widest = max(figure_size(looks[n], scale)[0] for n in extras)
    scale *= min(1.0, slot * 1.6 / max(widest, 1.0))  # neighbours may overlap a little, as crowds do
    return [Placement(n, width * 0.05 + slot * (i + 0.5), back_ground, scale, 0, 2) for i, n in enumerate(extras)]
