"""Non-human characters (fable animals, robots) on the same identity system as people.

A creature is a CharacterLook with `species` set; it is drawn from the Fluent Emoji icon of its
kind (a face on a simple body in its own fur colour, or a whole bird), and reports the same
mouth, eyes, head and body boxes as a person, so lip-sync patches, blinks, staging, framing and
the consistency check work unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import skia

from models.image.colours import fill, shade, to_hex
from models.image.icons import icon_set

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Kind:
    icon: str
    whole: bool  # the icon is the whole animal (a bird), not a face on a body
    size: float  # height relative to an adult person
    eyes: tuple[float, float, float]  # left eye x, right eye x, eye y (fractions of the icon)
    mouth: tuple[float, float]  # mouth centre x, y


FACE = (0.36, 0.64, 0.52)
KINDS: dict[str, Kind] = {
    "fox": Kind("fox", False, 0.5, FACE, (0.5, 0.76)),
    "lion": Kind("lion", False, 0.72, FACE, (0.5, 0.76)),
    "tiger": Kind("tiger-face", False, 0.72, FACE, (0.5, 0.76)),
    "cat": Kind("cat-face", False, 0.48, FACE, (0.5, 0.72)),
    "dog": Kind("dog-face", False, 0.58, FACE, (0.5, 0.76)),
    "rabbit": Kind("rabbit-face", False, 0.5, (0.38, 0.62, 0.62), (0.5, 0.8)),
    "bear": Kind("bear", False, 0.75, FACE, (0.5, 0.76)),
    "mouse": Kind("mouse-face", False, 0.4, (0.38, 0.62, 0.6), (0.5, 0.78)),
    "monkey": Kind("monkey-face", False, 0.6, FACE, (0.5, 0.74)),
    "wolf": Kind("wolf", False, 0.62, FACE, (0.5, 0.8)),
    "pig": Kind("pig-face", False, 0.58, (0.34, 0.66, 0.45), (0.5, 0.82)),
    "cow": Kind("cow-face", False, 0.72, (0.34, 0.66, 0.42), (0.5, 0.8)),
    "horse": Kind("horse-face", False, 0.75, (0.45, 0.55, 0.4), (0.3, 0.75)),
    "panda": Kind("panda", False, 0.62, FACE, (0.5, 0.76)),
    "koala": Kind("koala", False, 0.55, FACE, (0.5, 0.74)),
    "frog": Kind("frog", False, 0.42, (0.3, 0.7, 0.35), (0.5, 0.62)),
    "unicorn": Kind("unicorn", False, 0.75, (0.5, 0.56, 0.45), (0.3, 0.78)),
    "dragon": Kind("dragon-face", False, 0.8, (0.45, 0.55, 0.45), (0.3, 0.72)),
    "hamster": Kind("hamster", False, 0.38, FACE, (0.5, 0.74)),
    "robot": Kind("robot", False, 0.85, (0.38, 0.62, 0.5), (0.5, 0.72)),
    "crow": Kind("blackbird", True, 0.45, (0.42, 0.42, 0.16), (0.62, 0.2)),
    "bird": Kind("bird", True, 0.42, (0.4, 0.4, 0.22), (0.22, 0.27)),
    "owl": Kind("owl", True, 0.48, (0.33, 0.67, 0.3), (0.5, 0.4)),
    "penguin": Kind("penguin", True, 0.5, (0.42, 0.58, 0.3), (0.5, 0.4)),
}
BODY_SAMPLE = {"robot": (0.22, 0.62), "frog": (0.5, 0.8), "panda": (0.5, 0.3)}  # where the icon shows its body colour
WORDS = {
    "fox": "fox",
    "vixen": "fox",
    "lion": "lion",
    "lioness": "lion",
    "tiger": "tiger",
    "tigress": "tiger",
    "cat": "cat",
    "kitten": "cat",
    "kitty": "cat",
    "dog": "dog",
    "puppy": "dog",
    "hound": "dog",
    "rabbit": "rabbit",
    "hare": "rabbit",
    "bunny": "rabbit",
    "bear": "bear",
    "mouse": "mouse",
    "mice": "mouse",
    "rat": "mouse",
    "monkey": "monkey",
    "ape": "monkey",
    "wolf": "wolf",
    "pig": "pig",
    "piglet": "pig",
    "cow": "cow",
    "bull": "cow",
    "horse": "horse",
    "pony": "horse",
    "panda": "panda",
    "koala": "koala",
    "frog": "frog",
    "toad": "frog",
    "unicorn": "unicorn",
    "dragon": "dragon",
    "hamster": "hamster",
    "robot": "robot",
    "android": "robot",
    "droid": "robot",
    "automaton": "robot",
    "cyborg": "robot",
    "crow": "crow",
    "raven": "crow",
    "blackbird": "crow",
    "bird": "bird",
    "sparrow": "bird",
    "parrot": "bird",
    "finch": "bird",
    "owl": "owl",
    "penguin": "penguin",
}
HUMAN_WORDS = {
    "man",
    "woman",
    "boy",
    "girl",
    "person",
    "farmer",
    "king",
    "queen",
    "mother",
    "father",
    "child",
    "old",
    "young",
    "teacher",
    "doctor",
}


def species_of(name: str, description: str = "", declared: str | None = None) -> str:
    """'human' or a creature kind: the breakdown's species when it has one, else the name, else the
    description's words ("a sly fox"), unless those call the character a person."""
    if declared:
        kind = WORDS.get(declared.strip().lower(), declared.strip().lower())
        return kind if kind in KINDS else "human"
    for word in re.findall(r"[a-z]+", name.lower()):
        if word in WORDS:
            return WORDS[word]
    words = re.findall(r"[a-z]+", description.lower())
    if HUMAN_WORDS & set(words):
        return "human"
    for word in words[:6]:  # "a sly old fox who ..." : the kind comes early in a description
        if word in WORDS:
            return WORDS[word]
    return "human"


def creature_size(species: str, scale: float, height: float = 1.0) -> tuple[float, float]:
    """Pixel width and height of the creature drawn at `scale` (pixels per adult head unit)."""
    kind = KINDS[species]
    total = scale * 4.4 * kind.size * height
    head = total if kind.whole else total / 1.6
    return head * 1.05, total


@cache
def _icon_pixels(icon: str) -> np.ndarray:
    surface = skia.Surface(64, 64)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    icon_set().draw(canvas, icon, 32, 64, 64)
    image = surface.makeImageSnapshot().convert(skia.ColorType.kRGBA_8888_ColorType, skia.AlphaType.kUnpremul_AlphaType)
    return np.array(image, copy=True)


def fur(species: str, fx: float, fy: float) -> str:
    """The icon's own colour at a point (its fur, feathers or casing), for lids and the body."""
    pixels = _icon_pixels(KINDS[species].icon)
    x, y = min(63, max(0, int(fx * 64))), min(63, max(0, int(fy * 64)))
    r, g, b, a = (int(v) for v in pixels[y, x])
    return to_hex((r, g, b)) if a > 128 else "#8a6a48"


def _box(x0: float, y0: float, x1: float, y1: float) -> Box:
    return int(x0) - 1, int(y0) - 1, int(x1 - x0) + 3, int(y1 - y0) + 3


def draw_creature(
    canvas: skia.Canvas,
    species: str,
    x: float,
    ground: float,
    scale: float,
    height: float,
    facing: int,
    openness: float,
    eyes_open: bool,
) -> tuple[Box, Box, Box, Box]:
    """Draw the creature standing at (x, ground); returns its mouth, eyes, head and body boxes."""
    kind = KINDS[species]
    width, total = creature_size(species, scale, height)
    head = width / 1.05
    top = ground - total
    canvas.drawOval(
        skia.Rect(x - head * 0.4, ground - head * 0.05, x + head * 0.4, ground + head * 0.05), fill("#000000", 0.18)
    )
    mirror = facing < 0
    if not kind.whole:
        body = fur(species, *BODY_SAMPLE.get(species, (0.5, 0.38)))
        belly = shade(body, 0.25)
        b_top = top + head * 0.78
        canvas.drawOval(skia.Rect(x - head * 0.36, b_top, x + head * 0.36, ground - head * 0.06), fill(body))
        canvas.drawOval(
            skia.Rect(x - head * 0.2, b_top + head * 0.15, x + head * 0.2, ground - head * 0.12), fill(belly)
        )
        for side in (-1, 1):
            canvas.drawOval(
                skia.Rect(
                    x + side * head * 0.22 - head * 0.11,
                    ground - head * 0.12,
                    x + side * head * 0.22 + head * 0.11,
                    ground,
                ),
                fill(shade(body, -0.2)),
            )
    icon_set().draw(canvas, kind.icon, x, top + head, head, mirror=mirror)
    left = x - head / 2

    def at(fx: float, fy: float) -> tuple[float, float]:
        fx = 1 - fx if mirror else fx
        return left + fx * head, top + fy * head

    mx, my = at(*kind.mouth)
    if openness > 0.05:
        canvas.drawOval(
            skia.Rect(mx - head * 0.07, my - head * 0.02, mx + head * 0.07, my + head * 0.02 + head * 0.09 * openness),
            fill("#3a1a1a"),
        )
    ex0, ey = at(kind.eyes[0], kind.eyes[2])
    ex1, _ = at(kind.eyes[1], kind.eyes[2])
    if not eyes_open:
        lid = fur(species, kind.eyes[0], max(0.0, kind.eyes[2] - 0.12))
        for ex in {ex0, ex1}:
            canvas.drawOval(
                skia.Rect(ex - head * 0.085, ey - head * 0.075, ex + head * 0.085, ey + head * 0.075), fill(lid)
            )
            canvas.drawLine(
                ex - head * 0.07,
                ey,
                ex + head * 0.07,
                ey,
                skia.Paint(
                    Color=skia.ColorSetRGB(0x2A, 0x1E, 0x1E),
                    StrokeWidth=max(1.0, head * 0.02),
                    Style=skia.Paint.kStroke_Style,
                    AntiAlias=True,
                ),
            )
    lo, hi = min(ex0, ex1), max(ex0, ex1)
    mouth = _box(mx - head * 0.09, my - head * 0.04, mx + head * 0.09, my + head * 0.13)
    eyes = _box(lo - head * 0.1, ey - head * 0.09, hi + head * 0.1, ey + head * 0.09)
    head_box = _box(left, top, left + head, top + head)
    body_box = _box(x - width / 2, top, x + width / 2, ground + head * 0.05)
    return mouth, eyes, head_box, body_box
