"""Wardrobe matched by meaning: garment nouns the clothing list does not hold ("doublet", "toga")
are found among the nouns bound to a character when they are close enough to a described
catalogue of garments, and every garment the illustrator cannot draw ("kimono") is drawn as the
nearest one it can ("silk kimono (drawn as robe)"), compared as all-MiniLM-L6-v2 sentence
embeddings (models/script/meaning.py).

An optional backend, chosen by the same name as the place matcher ("keyword" | "embedding"): the
clothing list (lexicon.CLOTHING) stays the precise override and needs no threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from models.image.wording import ACCESSORY_WORDS, GARMENTS
from models.script import lexicon
from models.script.meaning import Catalogue, Meaning, by_meaning, load_model

# How much closer a noun in its words ("Aiko wore a silk kimono") must be to wearing clothes than to
# handling a thing. Set on tune phrases (a wool tunic, a tattered smock, a kilt, an anorak against a
# lantern, a blanket, a mask, a drum): at 0.11 no thing passed and four of five garments did.
THRESHOLD = 0.11
KINDS: dict[str, tuple[str, ...]] = {
    "clothing": ("someone wearing clothes", "dressed in a garment", "a costume they wear"),
    "thing": (
        "someone holding an object", "a tool or a thing they carry", "furniture in a room", "an animal",
        "food to eat", "a building", "bedding on a bed",
    ),
}  # fmt: skip
CONTEXT = 6  # words up to the noun: the verb before it ("wore", "carried") says most

# What the illustrator draws (models/image/wording.py: GARMENTS, ACCESSORY_WORDS), each word described
# as a costume designer would, in general words.
DRAWN: dict[str, tuple[str, ...]] = {
    "raincoat": ("a long coat or cloak worn outdoors over other clothes",),
    "jacket": ("a fitted jacket with sleeves, buttoned at the front", "a soldier's or a servant's uniform"),
    "shirt": ("a shirt or blouse with sleeves", "a knitted woollen top"),
    "t-shirt": ("a casual t-shirt or sweatshirt",),
    "dress": ("a woman's dress or gown, one piece from the shoulders down",),
    "robe": ("a long loose robe reaching the ankles, tied with a sash", "a long wrapped garment of draped cloth"),
    "kurta": ("a long loose Indian tunic worn by men",),
    "saree": ("a long Indian cloth draped around a woman's body",),
    "salwar": ("loose South Asian trousers worn with a long tunic",),
    "abaya": ("a long black cloak covering the whole body",),
    "hat": ("a hat, cap or helmet worn on the head",),
    "scarf": ("a scarf or shawl around the neck and shoulders",),
}
_DRAWABLE = set(GARMENTS) | set(ACCESSORY_WORDS)


@dataclass(frozen=True)
class Worn:
    """One wardrobe item: the script's phrase, and what the illustrator draws when it cannot draw it."""

    phrase: str  # "silk kimono"
    drawn_as: str = ""  # "robe"; "" when the illustrator draws the phrase's own garment
    meaning: Meaning | None = None  # why: the noun, the garment, the cosine

    def __str__(self) -> str:
        return f"{self.phrase} (drawn as {self.drawn_as})" if self.drawn_as else self.phrase

    def note(self) -> str:
        """The breakdown's record of a substitute: "wardrobe: doublet -> jacket (meaning 0.52)"."""
        score = f" (meaning {self.meaning.score:.2f})" if self.meaning else ""
        return f"wardrobe: {self.phrase.split()[-1]} -> {self.drawn_as}{score}"


class WardrobeMatcher(Protocol):
    """Turns the clothing phrases the list found, and the phrases bound to a character, into items."""

    name: str

    def dress(self, found: list[str], bound: list[str]) -> list[Worn]: ...


class KeywordOnly:
    """The default: the clothing list decides and the illustrator draws what it knows."""

    name = "keyword"

    def dress(self, found: list[str], bound: list[str]) -> list[Worn]:
        return [Worn(phrase) for phrase in found]


class EmbeddingWardrobe:
    """Garment nouns beyond the list, above THRESHOLD; each undrawable one drawn as its nearest garment."""

    name = "embedding"

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._model = load_model()  # raises StudioModelError naming what is missing
        self._drawn, self._kinds = Catalogue(DRAWN), Catalogue(KINDS)  # encoded once per matcher

    def dress(self, found: list[str], bound: list[str]) -> list[Worn]:
        items: dict[str, bool] = dict.fromkeys(found, True)  # listed garments: clothing whatever the score
        for phrase, context in _nouns(tuple(bound)):
            if phrase.split()[-1] not in lexicon.CLOTHING and phrase not in items and self.worn(context):
                items[phrase] = False
        out = []
        for phrase in items:
            if phrase.split()[-1] in _DRAWABLE:
                out.append(Worn(phrase))
            else:
                best = self._drawn.ranked([f"dressed in a {phrase}"])[0]
                out.append(Worn(phrase, best.label, best))
        return out

    def worn(self, context: str) -> bool:
        """Whether the words around a noun say it is worn, by more than THRESHOLD."""
        scores = {m.label: m.score for m in self._kinds.ranked([context])}
        return scores["clothing"] - scores["thing"] >= self.threshold


@cache
def _nouns(bound: tuple[str, ...]) -> list[tuple[str, str]]:
    """(noun phrase, the words up to it) for the phrases bound to a character, once each."""
    from models.script.objects import scene_objects  # spaCy: loaded only by this backend

    found: dict[str, str] = {}
    for phrase in bound:
        words = re.findall(r"[\w'-]+", phrase)
        lowered = [w.lower() for w in words]
        for noun in scene_objects(phrase):
            head = noun.split()[-1]
            if re.fullmatch(r"[a-z ]+", noun) and head in lowered and noun not in found:
                at = lowered.index(head)
                found[noun] = " ".join(words[max(0, at + 1 - CONTEXT) : at + 1])
    return list(found.items())


def wardrobe_matcher(name: str = "keyword") -> WardrobeMatcher:
    """The wardrobe backend by name: "keyword" (default, no extra packages) or "embedding"."""
    return EmbeddingWardrobe() if by_meaning(name, "wardrobe") else KeywordOnly()
