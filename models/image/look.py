"""A character's locked visual identity, derived deterministically from the breakdown's Character.

The name's hash picks free choices (hue, hair, face) so the same character always looks the same;
words in the description and wardrobe ("grey hair", "yellow raincoat", "beard") override them.
"""

from __future__ import annotations

import colorsys
import random
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any

from models.breakdown import Character
from models.image import wording
from models.image.colours import hsl, hue_of, mix, shade
from models.image.creatures import species_of

SKIN_TONES: dict[str, list[str]] = {  # light -> dark within each culture
    "indian": ["#d9a47a", "#c68c5c", "#b07445", "#9a6136", "#855028", "#6e4020"],
    "western": ["#f6d5bd", "#f0c4a2", "#e3ad86", "#c98d62", "#9a6440", "#6e4428"],
    "east_asian": ["#f6dcc2", "#efcfae", "#e4bd98", "#d4a67f"],
    "african": ["#a36a42", "#8a5532", "#704226", "#5a331d", "#472817"],
    "latin": ["#eec3a0", "#dba57c", "#c68a5e", "#a86e45", "#8a5733"],
    "middle_eastern": ["#eec6a2", "#ddae86", "#c9946a", "#b07b52"],
}
DARK_HAIR = ["#1f1c1e", "#2b211d", "#3a2a20"]
WESTERN_HAIR = ["#1f1c1e", "#4a3020", "#6b4528", "#e3c06b", "#c9a15a", "#9c4a26", "#2b211d"]
GREY_HAIR = ["#a8a9ad", "#cfd0d4", "#ecebe6", "#8e8f94"]
EYE_COLOURS = {"dark": ["#3b2416", "#4a2e1b", "#2a1a12"], "light": ["#3d7bbf", "#4f8a4a", "#7a5a2e", "#5a8fa8"]}
NEUTRAL_BOTTOMS = ["#2e3f66", "#3b3d42", "#6e6250", "#4a5a7a", "#5b4636", "#394a3a"]

HAIR_STYLES = {
    ("male", "child"): ["messy", "short", "curly"],
    ("male", "teen"): ["messy", "short", "side_part", "curly"],
    ("male", "adult"): ["short", "side_part", "curly", "crew", "messy"],
    ("male", "senior"): ["side_part", "balding", "short", "balding"],
    ("female", "child"): ["pigtails", "ponytail", "bob"],
    ("female", "teen"): ["long", "ponytail", "bob", "curly"],
    ("female", "adult"): ["long", "bob", "bun", "ponytail", "curly"],
    ("female", "senior"): ["bun", "bob", "bun"],
}


@dataclass
class CharacterLook:
    name: str
    gender: str  # male|female (unknown is resolved by the hash so the figure can be drawn)
    age_band: str  # child|teen|adult|senior
    skin: str
    hair_style: str
    hair_colour: str
    eye_colour: str
    face_shape: str  # round|oval|square|heart
    build: str  # slim|average|broad
    height: float  # relative to an adult of average height
    outfit: str  # shirt|shirt_jacket|tshirt|dress|raincoat|kurta|saree|salwar|thobe|abaya
    top: str  # main garment colour
    bottom: str  # trousers, skirt or pyjama colour
    accent: str  # borders, lapels, scarf, trims
    shoes: str
    culture: str = "western"
    accessories: list[str] = field(default_factory=list)
    palette: list[str] = field(default_factory=list)
    from_script: list[str] = field(default_factory=list)  # attributes the script's words fixed
    seed: int = 0
    mode: str = "avatar"  # avatar|mascot|actor (see models/image/identity.py)
    species: str = "human"  # or a creature kind drawn from its icon (models/image/creatures.py)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CharacterLook:
        return cls(
            **{
                **data,
                "accessories": list(data.get("accessories", [])),
                "palette": list(data.get("palette", [])),
                "from_script": list(data.get("from_script", [])),
            }
        )


def stable_seed(text: str) -> int:
    return zlib.crc32(text.strip().lower().encode("utf-8"))


def _age_band(character: Character, words: set[str]) -> str:
    if character.age_band != "unknown":
        return character.age_band
    if character.age is not None:
        return (
            "child"
            if character.age < 13
            else "teen"
            if character.age < 20
            else "adult"
            if character.age < 60
            else "senior"
        )
    if words & wording.SENIOR_WORDS:
        return "senior"
    if words & wording.CHILD_WORDS:
        return "child"
    return "adult"


def _gender(character: Character, words: set[str], rng: random.Random) -> str:
    if character.gender != "unknown":
        return character.gender
    female, male = len(words & wording.FEMALE_WORDS), len(words & wording.MALE_WORDS)
    if female != male:
        return "female" if female > male else "male"
    return rng.choice(["male", "female"])


def _default_outfit(culture: str, gender: str, age: str, rng: random.Random) -> str:
    if age == "child":
        return "dress" if gender == "female" else "tshirt"
    if culture == "indian":
        if gender == "female":
            return "salwar" if age == "teen" else "saree"
        return "kurta" if age != "teen" else rng.choice(["tshirt", "kurta"])
    if culture == "middle_eastern" and age != "teen":
        return "abaya" if gender == "female" else "thobe"
    if gender == "female":
        return rng.choice(["dress", "shirt", "dress"])
    return rng.choice(["shirt_jacket", "shirt", "tshirt"] if age in ("adult", "teen") else ["shirt_jacket", "shirt"])


def look_for(character: Character, culture: str) -> CharacterLook:
    """The character's look: same Character and culture in, identical look out."""
    text = f"{character.description} {character.wardrobe}"
    words = set(wording.words_of(text))
    seed = stable_seed(character.name)
    rng = random.Random(seed)
    fixed: list[str] = []
    age = _age_band(character, words)
    gender = _gender(character, words, rng)
    tones = SKIN_TONES.get(culture, SKIN_TONES["western"])
    hint = wording.skin_hint(text)
    skin = {"light": tones[0], "dark": tones[-1], "tan": tones[len(tones) // 2]}.get(hint or "", rng.choice(tones))
    hair_pool = WESTERN_HAIR if culture in ("western", "latin") else DARK_HAIR
    hair_colour = rng.choice(GREY_HAIR if age == "senior" else hair_pool)
    if (stated := wording.hair_colour(text)) is not None:
        hair_colour, fixed = stated, [*fixed, "hair_colour"]
    style = rng.choice(HAIR_STYLES[(gender, age)])
    if culture == "indian" and gender == "female" and age in ("adult", "teen"):
        style = rng.choice(["braid", "bun", "long"])
    if (stated := wording.hair_style(text)) is not None:
        style, fixed = stated, [*fixed, "hair_style"]
    eye_pool = EYE_COLOURS["light"] + EYE_COLOURS["dark"] if culture == "western" else EYE_COLOURS["dark"]
    face = "round" if age == "child" else rng.choice(["round", "oval", "square", "heart"])
    body = wording.build(text) or rng.choice(["slim", "average", "average", "broad"])
    base_height = {"child": 1.0, "teen": 0.95, "adult": 1.0, "senior": 0.97}[age]
    height = base_height * (1.02 if gender == "male" else 0.97) + wording.height_shift(text) + rng.uniform(-0.03, 0.03)
    outfit, stated_colour = wording.garment_and_colour(text)
    if outfit is not None:
        fixed.append("outfit")
    outfit = outfit or _default_outfit(culture, gender, age, rng)
    # Free hues are spread by the name's hash; saturated festive colours suit indian wardrobes.
    hue = (seed % 997) / 997.0
    sat, light = (0.72, 0.5) if culture == "indian" else (0.55, 0.47)
    top = stated_colour or hsl(hue, sat, light)
    if stated_colour:
        fixed.append("top")
    accent = wording.accessory_colour(text) or (hsl(hue + 0.5, sat, 0.55) if culture != "indian" else "#e0b030")
    bottom = {
        "saree": top,
        "kurta": "#efe6d2",
        "salwar": mix(top, "#ffffff", 0.55),
        "thobe": "#f1efe8",
        "abaya": "#2a2a33",
        "dress": top,
    }.get(outfit, rng.choice(NEUTRAL_BOTTOMS))
    if outfit == "thobe" and not stated_colour:
        top = "#f1efe8"
    if outfit == "abaya" and not stated_colour:
        top = shade(hsl(hue, 0.35, 0.3), -0.2)
    extras = wording.accessories(text)
    if extras:
        fixed.append("accessories")
    extras += _default_accessories(culture, gender, age, rng, extras)
    return CharacterLook(
        name=character.name,
        gender=gender,
        age_band=age,
        skin=skin,
        hair_style=style,
        hair_colour=hair_colour,
        eye_colour=rng.choice(eye_pool),
        face_shape=face,
        build=body,
        height=round(height, 3),
        outfit=outfit,
        top=top,
        bottom=bottom,
        accent=accent,
        shoes=rng.choice(["#3b2a20", "#2a2a2e", "#5b3a24"]),
        culture=culture,
        accessories=extras,
        palette=[skin, hair_colour, top, bottom, accent],
        from_script=fixed,
        seed=seed,
        species=species_of(character.name, text, getattr(character, "species", None)),
    )


def _default_accessories(culture: str, gender: str, age: str, rng: random.Random, have: list[str]) -> list[str]:
    extra: list[str] = []
    if culture == "indian" and gender == "female" and age != "child" and rng.random() < 0.75:
        extra.append("bindi")
    if gender == "female" and age in ("adult", "senior", "teen") and rng.random() < 0.6:
        extra.append("earrings")
    if culture == "middle_eastern" and gender == "female" and age != "child":
        extra.append("headscarf")
    if age == "senior" and rng.random() < 0.6:
        extra.append("glasses")
    if gender == "male" and age in ("adult", "senior") and rng.random() < 0.35 and "beard" not in have:
        extra.append(rng.choice(["mustache", "beard"]))
    return [item for item in extra if item not in have]


def cast_looks(characters: list[Character], culture: str) -> dict[str, CharacterLook]:
    """Looks for a whole cast, nudging free choices so no two characters share a clothing hue or hairdo."""
    looks: dict[str, CharacterLook] = {}
    fresh = {c.name: look_for(c, culture) for c in characters}
    # Colours the script fixed are placed first so the free choices move around them.
    for name in sorted(fresh, key=lambda n: ("top" not in fresh[n].from_script, n)):
        look = fresh[name]
        for _ in range(12):
            clash = any(
                _hue_gap(look.top, other.top) < 0.08 or _distance(look.top, other.top) < 80 for other in looks.values()
            )
            if not clash or "top" in look.from_script:
                break
            look.top = _rotate_hue(look.top, 0.618)  # golden-ratio steps visit hues evenly
            if look.outfit in ("saree", "dress"):
                look.bottom = look.top
        same_hair = any((o.hair_style, o.hair_colour) == (look.hair_style, look.hair_colour) for o in looks.values())
        if same_hair and "hair_style" not in look.from_script:
            pool = HAIR_STYLES[(look.gender, look.age_band)]
            look.hair_style = (
                pool[(pool.index(look.hair_style) + 1) % len(pool)] if look.hair_style in pool else pool[0]
            )
        look.palette = [look.skin, look.hair_colour, look.top, look.bottom, look.accent]
        looks[name] = look
    return {c.name: looks[c.name] for c in characters}


def _hue_gap(a: str, b: str) -> float:
    """Distance round the colour wheel; whites, greys and blacks never clash by hue."""
    if min(_saturation(a), _saturation(b)) < 0.2:
        return 1.0
    gap = abs(hue_of(a) - hue_of(b)) % 1.0
    return min(gap, 1.0 - gap)


def _saturation(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    high, low = max(r, g, b), min(r, g, b)
    return 0.0 if high == 0 else (high - low) / high


def _rotate_hue(hex_colour: str, turn: float) -> str:
    """The same lightness and saturation at another hue, so a dark abaya stays dark."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    return hsl(hue + turn, sat, light)


def _distance(a: str, b: str) -> float:
    """Euclidean RGB distance, which also separates dark colours whose hues differ but read alike."""
    return sum((int(a[i : i + 2], 16) - int(b[i : i + 2], 16)) ** 2 for i in (1, 3, 5)) ** 0.5
