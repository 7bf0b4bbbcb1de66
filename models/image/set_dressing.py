"""Stage a scene's named objects in its plate: held in a hand, on a small table, or standing on the ground.

Positions avoid the characters (props stand in the gaps between and beside them) and always lie
wholly inside the frame; each staged prop keeps its box, so checks can measure it on the plate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import skia

from models.image.colours import fill
from models.image.figure import figure_size
from models.image.icons import IconSet
from models.image.look import CharacterLook
from models.image.prop_match import FAMILY_SUFFIXES, PropChoice, choose, named_icon, size_of
from models.image.prop_meaning import KeywordOnly, PropMatcher
from models.image.scene_objects import NamedObject
from models.image.staging import Placement
from models.script.wordnet import kinds_of

Box = tuple[int, int, int, int]
HEIGHTS = {"big": 0.62, "medium": 0.34, "small": 0.2}  # of an adult figure's height
HELD = 0.17  # a held prop's height, of its holder's height
# Props are flat emoji: a little less saturated so they sit in the illustration's palette.
GRADE = skia.ColorFilters.Matrix(
    [
        0.82 + 0.18 * 0.2126,
        0.18 * 0.7152,
        0.18 * 0.0722,
        0,
        0,
        0.18 * 0.2126,
        0.82 + 0.18 * 0.7152,
        0.18 * 0.0722,
        0,
        0,
        0.18 * 0.2126,
        0.18 * 0.7152,
        0.82 + 0.18 * 0.0722,
        0,
        0,
        0,
        0,
        0,
        1,
        0,
    ]
)


@dataclass(frozen=True)
class StagedProp:
    word: str
    icon: str
    match: str  # exact | substitute (a suffix rule, the nearest icon by meaning or a guess: `reason` says which)
    placement: str  # held | table | ground | back (behind the characters)
    holder: str | None
    x: float  # centre of the prop's base
    bottom: float
    height: float
    box: Box
    mirror: bool = False
    reason: str = ""  # why this icon: the curated word or icon name, the meaning and its cosine, or a guess

    def to_dict(self) -> dict:
        data = asdict(self)
        data["box"] = list(self.box)
        return data


def _spans(placements: list[Placement], looks: dict[str, CharacterLook]) -> list[tuple[float, float]]:
    spans = []
    for place in placements:
        w, _ = figure_size(looks[place.name], place.scale)
        spans.append((place.x - w * 0.55, place.x + w * 0.55))
    return spans


def _gaps(spans: list[tuple[float, float]], width: float, margin: float) -> list[tuple[float, float]]:
    gaps, left = [], margin
    for a, b in sorted(spans):
        if a > left:
            gaps.append((left, a))
        left = max(left, b)
    if width - margin > left:
        gaps.append((left, width - margin))
    return gaps


GUESS = "(a guess by spelling)"


def stage_props(
    objects: list[NamedObject],
    icons: IconSet,
    placements: list[Placement],
    looks: dict[str, CharacterLook],
    size: tuple[int, int],
    ground_y: float,
    interior: bool,
    matcher: PropMatcher | None = None,
) -> list[StagedProp]:
    """Where each named object goes; every object with an icon of its kind gets a place (the
    smallest if room runs out). A word only a spelling guess reaches is not drawn.
    `matcher` finds an icon by meaning for a word the curated map and icon names do not know."""
    width, height = size
    ref = max((figure_size(looks[p.name], p.scale)[1] for p in placements if p.row == 0), default=height * 0.55)
    by_name = {p.name: p for p in placements}
    occupied = _spans(placements, looks)
    staged: list[StagedProp] = []
    hands_used: set[str] = set()
    margin = width * 0.03
    for obj in objects:
        choice, why = pick_icon(obj.word, icons, matcher or KeywordOnly())
        if is_guess(why):  # a pill for a "mill" misleads more than nothing: objects_on_screen lists it as a miss
            continue
        holder = by_name.get(obj.holder or "")
        if choice.size == "small" and holder is not None and holder.name not in hands_used:
            hands_used.add(holder.name)
            fw, fh = figure_size(looks[holder.name], holder.scale)
            side = holder.facing or 1
            h = fh * HELD
            x = min(max(holder.x + side * fw * 0.42, margin + h / 2), width - margin - h / 2)
            bottom = holder.ground_y - fh * 0.36
            staged.append(
                StagedProp(
                    obj.word,
                    choice.icon,
                    choice.match,
                    "held",
                    holder.name,
                    x,
                    bottom,
                    h,
                    _box(x, bottom, h),
                    mirror=side < 0,
                    reason=why,
                )
            )
            continue
        h = ref * HEIGHTS[choice.size]
        on_table = choice.size == "small" and interior
        need = h * (1.5 if on_table else 1.1)
        gaps = sorted(_gaps(occupied, width, margin), key=lambda g: g[1] - g[0], reverse=True)
        gap = gaps[0] if gaps else (margin, margin)
        room = gap[1] - gap[0]
        if room < need:  # shrink to the room there is, but never below a readable size
            h = max(h * room / need, ref * 0.14)
            need = h * (1.5 if on_table else 1.1)
        back = room < need  # no room left beside the characters: it stands further back, between them
        if back:
            on_table = False
            x = _back_slot(staged, width, margin, need, occupied)
            bottom = ground_y - ref * 0.22
            staged.append(
                StagedProp(
                    obj.word, choice.icon, choice.match, "back", None, x, bottom, h, _box(x, bottom, h), reason=why
                )
            )
            continue
        x = min(max((gap[0] + gap[1]) / 2, margin + need / 2), width - margin - need / 2)
        bottom = ground_y - (ref * 0.02)
        if on_table:
            bottom = ground_y - h * 0.85  # the table's top
        staged.append(
            StagedProp(
                obj.word,
                choice.icon,
                choice.match,
                "table" if on_table else "ground",
                None,
                x,
                bottom,
                h,
                _box(x, bottom, h, table=ground_y if on_table else None),
                reason=why,
            )
        )
        occupied.append((x - need / 2, x + need / 2))
    return staged


def pick_icon(word: str, icons: IconSet, matcher: PropMatcher) -> tuple[PropChoice, str]:
    """The icon for `word` and why: the curated map, icon names and suffix rules first (the precise
    override), then the nearest kind of thing WordNet knows that has an icon ("bracken" is a fern),
    then the matcher's nearest icon by meaning, then the chooser's spelling guess."""
    choice = choose(word, icons)
    if choice.match == "exact":
        return choice, f'keyword: "{choice.word}" -> {choice.icon}'
    if by_suffix(choice.word, icons) == choice.icon:
        return choice, f'substitute: "{choice.word}" -> {choice.icon} (a kind of thing by its ending)'
    kind, icon = next(((k, i) for k in kinds_of(choice.word) if (i := named_icon(k, icons))), ("", None))
    if icon is not None:
        why = f'substitute: "{choice.word}" -> {icon} (a kind of {kind}, WordNet)'
        return PropChoice(choice.word, icon, "substitute", size_of(icon, icons.icons[icon].category)), why
    meaning = matcher.match(choice.word, icons)
    if meaning is not None:
        size = size_of(meaning.icon, icons.icons[meaning.icon].category)
        # Still a substitute, so the plate's checks list it for a person to review with the others.
        return PropChoice(choice.word, meaning.icon, "substitute", size), meaning.reason()
    return choice, f'substitute: "{choice.word}" -> {choice.icon} {GUESS}'


def is_guess(why: str) -> bool:
    """The icon came from spelling alone ("jamun" -> jeans): not the thing the script named."""
    return why.endswith(GUESS)


def by_suffix(word: str, icons: IconSet) -> str | None:
    """The chooser's kind-of-thing rule ("hovercraft" is a boat), which outranks a guess by meaning."""
    return next((icon for ends, icon in FAMILY_SUFFIXES if word.endswith(ends) and icon in icons), None)


def _back_slot(
    staged: list[StagedProp], width: float, margin: float, need: float, occupied: list[tuple[float, float]]
) -> float:
    """The position along the back line least hidden by what stands in front (characters, props
    on the ground), then farthest from the props already standing there."""
    taken = [p.x for p in staged if p.placement == "back"]
    candidates = [margin + need / 2 + i * (width - 2 * margin - need) / 16 for i in range(17)]

    def hidden(c: float) -> float:
        return sum(max(0.0, min(c + need / 2, hi) - max(c - need / 2, lo)) for lo, hi in occupied)

    def crowding(c: float) -> float:
        return -min((abs(c - t) for t in taken), default=width - abs(c - width / 2))

    return min(candidates, key=lambda c: (round(hidden(c)), crowding(c)))


def _box(x: float, bottom: float, h: float, table: float | None = None) -> Box:
    if table is not None:
        return int(x - h * 0.75), int(bottom - h), int(h * 1.5), int(table - bottom + h)
    return int(x - h / 2), int(bottom - h), int(round(h)), int(round(h))


def draw_table(canvas: skia.Canvas, x: float, top: float, floor: float, width: float) -> None:
    """A small wooden side table the prop stands on."""
    leg = max(2.0, width * 0.06)
    canvas.drawRect(skia.Rect(x - width / 2 + leg, top, x - width / 2 + 2 * leg, floor), fill("#6b4226"))
    canvas.drawRect(skia.Rect(x + width / 2 - 2 * leg, top, x + width / 2 - leg, floor), fill("#6b4226"))
    canvas.drawRoundRect(skia.Rect(x - width / 2, top - leg, x + width / 2, top + leg * 0.6), leg, leg, fill("#8a5a33"))


def draw_props(canvas: skia.Canvas, props: list[StagedProp], icons: IconSet, ground_y: float) -> None:
    canvas.saveLayer(None, skia.Paint(ColorFilter=GRADE))
    for prop in props:
        if prop.placement == "table":
            draw_table(canvas, prop.x, prop.bottom, ground_y, prop.height * 1.5)
        icons.draw(canvas, prop.icon, prop.x, prop.bottom, prop.height, prop.mirror)
    canvas.restore()
