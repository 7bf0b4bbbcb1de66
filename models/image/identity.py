"""A character's identity on top of the derived look: edited traits and the three modes.

- **avatar** (default): the look derived from the script's words (models/image/look.py).
- **mascot**: a brand mascot: saturated flat colours, one simple hairdo, no small accessories;
  the figure is drawn with a bigger head and a bold outline (models/image/figure.py reads `mode`).
- **actor**: skin and hair colours sampled from an uploaded photo (models/image/photo.py).

Traits a person changes in a new version are applied last, so they always win.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import replace
from typing import Any

from models.image.colours import hsl, to_rgb
from models.image.look import CharacterLook

MODES = ("avatar", "mascot", "actor")
HAIR_STYLES = (
    "short",
    "crew",
    "side_part",
    "messy",
    "curly",
    "long",
    "bob",
    "bun",
    "ponytail",
    "braid",
    "pigtails",
    "balding",
    "bald",
)
OUTFITS = ("shirt", "shirt_jacket", "tshirt", "dress", "raincoat", "kurta", "saree", "salwar", "thobe", "abaya")
ACCESSORIES = (
    "beard",
    "mustache",
    "glasses",
    "hat",
    "cap",
    "scarf",
    "earrings",
    "necklace",
    "bindi",
    "headscarf",
    "freckles",
    "cane",
)
COLOUR_TRAITS = ("skin", "hair_colour", "eye_colour", "top", "bottom", "accent", "shoes")
CHOICE_TRAITS: dict[str, tuple[str, ...]] = {
    "hair_style": HAIR_STYLES,
    "face_shape": ("round", "oval", "square", "heart"),
    "build": ("slim", "average", "broad"),
    "outfit": OUTFITS,
    "gender": ("male", "female"),
    "age_band": ("child", "teen", "adult", "senior"),
}
TRAITS = (*COLOUR_TRAITS, *CHOICE_TRAITS, "height", "accessories")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
MASCOT_DROPS = {"earrings", "freckles", "necklace", "glasses", "bindi"}


def check_traits(traits: dict[str, Any]) -> dict[str, Any]:
    """Validated, normalised traits; ValueError naming the first bad one."""
    clean: dict[str, Any] = {}
    for key, value in traits.items():
        if key not in TRAITS:
            raise ValueError(f"Unknown character trait {key!r}; traits are: {', '.join(TRAITS)}.")
        if key in COLOUR_TRAITS:
            if not isinstance(value, str) or not _HEX.match(value):
                raise ValueError(f"Trait {key} must be a colour like #a0b1c2, not {value!r}.")
            clean[key] = value.lower()
        elif key in CHOICE_TRAITS:
            if value not in CHOICE_TRAITS[key]:
                raise ValueError(f"Trait {key} must be one of {', '.join(CHOICE_TRAITS[key])}, not {value!r}.")
            clean[key] = value
        elif key == "height":
            if not isinstance(value, (int, float)) or not 0.7 <= float(value) <= 1.3:
                raise ValueError(f"Trait height is relative to an average adult (0.7-1.3), not {value!r}.")
            clean[key] = round(float(value), 3)
        else:
            if not isinstance(value, list) or any(item not in ACCESSORIES for item in value):
                raise ValueError(f"Trait accessories must be a list drawn from {', '.join(ACCESSORIES)}.")
            clean[key] = list(dict.fromkeys(value))
    return clean


def _palette(look: CharacterLook) -> list[str]:
    return [look.skin, look.hair_colour, look.top, look.bottom, look.accent]


def _saturate(hex_colour: str, sat: float, light: float) -> str:
    r, g, b = (c / 255 for c in to_rgb(hex_colour))
    hue, _, _ = colorsys.rgb_to_hls(r, g, b)
    return hsl(hue, sat, light)


def as_mascot(look: CharacterLook) -> CharacterLook:
    """Simpler, bolder shapes: saturated primaries, a plain hairdo, no fiddly accessories."""
    style = {
        "side_part": "short",
        "messy": "short",
        "curly": "short",
        "braid": "ponytail",
        "pigtails": "ponytail",
        "long": "bob",
        "balding": "crew",
    }.get(look.hair_style, look.hair_style)
    top = _saturate(look.top, 0.85, 0.52)
    return replace(
        look,
        mode="mascot",
        hair_style=style,
        top=top,
        accent=_saturate(look.accent, 0.9, 0.55),
        bottom=_saturate(look.bottom, 0.6, 0.35) if look.bottom != look.top else top,
        accessories=[a for a in look.accessories if a not in MASCOT_DROPS],
    )


def as_actor(look: CharacterLook, skin: str, hair: str | None) -> CharacterLook:
    """The look with skin (and hair, when the photo shows it) sampled from a reference photo."""
    return replace(look, mode="actor", skin=skin, hair_colour=hair or look.hair_colour)


def resolve(
    look: CharacterLook, mode: str = "avatar", traits: dict[str, Any] | None = None, photo: dict[str, str] | None = None
) -> CharacterLook:
    """The look that renders: derived look -> mode -> edited traits."""
    if mode not in MODES:
        raise ValueError(f"Character mode must be one of {', '.join(MODES)}, not {mode!r}.")
    if mode == "mascot":
        look = as_mascot(look)
    elif mode == "actor":
        if not photo:
            raise ValueError(f"Actor-reference mode for {look.name} needs a reference photo (--reference NAME=PATH).")
        look = as_actor(look, photo["skin"], photo.get("hair"))
    if traits:
        look = replace(look, **check_traits(traits))
        look.from_script = sorted(set(look.from_script) | {"edited"})
    look.palette = _palette(look)
    return look
