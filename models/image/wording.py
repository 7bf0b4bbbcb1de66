"""Read a character's description for the visual facts a script states: colours, hair, garments, build."""

from __future__ import annotations

import re

from models.image.colours import COLOUR_WORDS, HAIR_WORDS

# Garment words -> the outfit we can draw for them.
GARMENTS: dict[str, str] = {
    "raincoat": "raincoat",
    "mackintosh": "raincoat",
    "coat": "raincoat",
    "overcoat": "raincoat",
    "trench": "raincoat",
    "saree": "saree",
    "sari": "saree",
    "kurta": "kurta",
    "dhoti": "kurta",
    "salwar": "salwar",
    "kameez": "salwar",
    "churidar": "salwar",
    "suit": "shirt_jacket",
    "blazer": "shirt_jacket",
    "jacket": "shirt_jacket",
    "uniform": "shirt_jacket",
    "dress": "dress",
    "gown": "dress",
    "frock": "dress",
    "t-shirt": "tshirt",
    "tshirt": "tshirt",
    "hoodie": "tshirt",
    "sweater": "shirt",
    "jumper": "shirt",
    "cardigan": "shirt",
    "shirt": "shirt",
    "blouse": "shirt",
    "thobe": "thobe",
    "kaftan": "thobe",
    "robe": "thobe",
    "abaya": "abaya",
}

ACCESSORY_WORDS: dict[str, str] = {
    "beard": "beard",
    "bearded": "beard",
    "moustache": "mustache",
    "mustache": "mustache",
    "glasses": "glasses",
    "spectacles": "glasses",
    "specs": "glasses",
    "bespectacled": "glasses",
    "hat": "hat",
    "cap": "cap",
    "scarf": "scarf",
    "shawl": "scarf",
    "dupatta": "scarf",
    "muffler": "scarf",
    "earrings": "earrings",
    "earring": "earrings",
    "necklace": "necklace",
    "bindi": "bindi",
    "headscarf": "headscarf",
    "hijab": "headscarf",
    "freckles": "freckles",
    "freckled": "freckles",
    "cane": "cane",
}

HAIR_STYLE_WORDS: dict[str, str] = {
    "bald": "bald",
    "balding": "balding",
    "curly": "curly",
    "curls": "curly",
    "ponytail": "ponytail",
    "pigtails": "pigtails",
    "bun": "bun",
    "braid": "braid",
    "plait": "braid",
    "bob": "bob",
    "long hair": "long",
    "long-haired": "long",
    "crew cut": "crew",
    "buzz": "crew",
}

FEMALE_WORDS = {
    "she",
    "her",
    "woman",
    "girl",
    "mother",
    "mom",
    "mum",
    "grandmother",
    "granny",
    "wife",
    "daughter",
    "sister",
    "aunt",
    "queen",
    "lady",
    "nani",
    "dadi",
    "amma",
    "widow",
    "actress",
}
MALE_WORDS = {
    "he",
    "his",
    "him",
    "man",
    "boy",
    "father",
    "dad",
    "grandfather",
    "grandpa",
    "husband",
    "son",
    "brother",
    "uncle",
    "king",
    "gentleman",
    "nana",
    "dada",
    "appa",
    "widower",
    "actor",
}
SENIOR_WORDS = {
    "old",
    "elderly",
    "aged",
    "grandmother",
    "grandfather",
    "granny",
    "grandpa",
    "retired",
    "wrinkled",
    "ageing",
    "aging",
    "nani",
    "dadi",
    "nana",
    "dada",
}
CHILD_WORDS = {"child", "kid", "boy", "girl", "toddler", "little"}
SLIM_WORDS = {"thin", "slim", "skinny", "lanky", "slender", "wiry", "frail"}
BROAD_WORDS = {"stout", "heavy", "plump", "broad", "burly", "fat", "portly", "stocky"}


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*", text.lower())


def garment_and_colour(text: str) -> tuple[str | None, str | None]:
    """The first garment named and the colour word right before it ("a faded yellow raincoat")."""
    tokens = words_of(text)
    for i, token in enumerate(tokens):
        if token in GARMENTS:
            colour = None
            for back in tokens[max(0, i - 3) : i][::-1]:
                if back in COLOUR_WORDS:
                    colour = COLOUR_WORDS[back]
                    break
            return GARMENTS[token], colour
    return None, None


def accessory_colour(text: str) -> str | None:
    """The colour word before a scarf, headscarf or hat ("a red headscarf"): it becomes the accent."""
    tokens = words_of(text)
    for i, token in enumerate(tokens):
        if ACCESSORY_WORDS.get(token) in ("scarf", "headscarf", "hat", "cap"):
            for back in tokens[max(0, i - 2) : i][::-1]:
                if back in COLOUR_WORDS:
                    return COLOUR_WORDS[back]
    return None


def hair_colour(text: str) -> str | None:
    lowered = text.lower()
    match = re.search(r"([a-z-]+(?:[ -]and[ -][a-z]+)?)[ -](?:hair|haired)", lowered)
    candidates = []
    if match:
        candidates.extend(re.split(r"[ -]and[ -]|-", match.group(1)))
        candidates.insert(0, match.group(1))
    candidates.extend(
        w for w in ("blonde", "blond", "redhead", "greying", "graying", "salt-and-pepper") if w in lowered
    )
    for word in candidates:
        if word == "redhead":
            return HAIR_WORDS["red"]
        if word in HAIR_WORDS:
            return HAIR_WORDS[word]
    return None


def hair_style(text: str) -> str | None:
    lowered = text.lower()
    for phrase, style in HAIR_STYLE_WORDS.items():
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            return style
    return None


def accessories(text: str) -> list[str]:
    found: list[str] = []
    for token in words_of(text):
        name = ACCESSORY_WORDS.get(token)
        if name and name not in found:
            found.append(name)
    return found


def build(text: str) -> str | None:
    tokens = set(words_of(text))
    if tokens & SLIM_WORDS:
        return "slim"
    if tokens & BROAD_WORDS:
        return "broad"
    return None


def height_shift(text: str) -> float:
    lowered = text.lower()
    shift = 0.0
    if re.search(r"\btall\b", lowered):
        shift += 0.07
    if re.search(r"\b(short|small|tiny|petite)\b(?![- ]hair)", lowered):
        shift -= 0.07
    return shift


def skin_hint(text: str) -> str | None:
    lowered = text.lower()
    if re.search(r"\b(fair|pale)\b", lowered):
        return "light"
    if re.search(r"\b(dark[- ]skinned|dark skin|dusky)\b", lowered):
        return "dark"
    if re.search(r"\b(tanned|sunburnt|weathered|weather-beaten)\b", lowered):
        return "tan"
    return None
