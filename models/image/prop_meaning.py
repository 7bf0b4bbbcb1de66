"""Props matched by meaning: an object noun with no icon of its own (no curated word, no icon
name) goes to the nearest icon of the set, compared as all-MiniLM-L6-v2 sentence embeddings
(models/script/meaning.py) of the noun and of each icon's name with the story words that draw it.
The emoji come first; when none is near, the nearest Game Icons silhouette by its terse name
("paddles", "lockers", "cool-spices"), under a stricter threshold of its own.

An optional backend, chosen by the same name as the place matcher ("keyword" | "embedding"): the
curated map and the icon names stay the precise override; this only replaces the spelling guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import numpy as np

from models.image.icons import IconSet
from models.image.prop_match import CURATED
from models.script.meaning import BACKENDS, by_meaning, load_model, nearest

__all__ = ["BACKENDS", "PropMatcher", "PropMeaning", "prop_matcher"]
# Cosine below this is no evidence of a kind of thing. Set on the tune half's annotated objects
# (bench/props_bench.py): at 0.66 every pick there made sense ("raincoat" ~ coat, "headset" ~
# headphone); from 0.62 down wrong ones crept in ("mud" ~ sponge, "laddoo" ~ dodo, "sleeve" ~ shield).
THRESHOLD = 0.66
# The silhouettes' names are terse and many are game things ("spiked-trunk", "skid-mark"), so a
# silhouette needs a closer match. Set on the tune half's object words (every word's nearest
# silhouette, judged by hand): picks scoring >= 0.85 were the thing or an honest near kind 88% of
# the time ("locker" ~ lockers, "paddle" ~ paddles, "water tanks" ~ water-tank), 0.80-0.85 only
# 73% ("dough" ~ dough-roller, "trunk" ~ spiked-trunk), 0.75-0.80 56%; 0.86 also leaves out the
# verb "sang" ~ sing (0.856).
SILHOUETTE_THRESHOLD = 0.86
# Materials whose namesake silhouette is another thing (a marble floor is not a bag of marbles).
MATERIALS = frozenset({"marble", "mud", "dust", "sand", "lacquer", "paste", "dough", "steam", "smoke"})


@dataclass(frozen=True)
class PropMeaning:
    word: str  # what the script said
    icon: str  # the nearest icon
    score: float  # cosine of the word and the icon's description

    def reason(self) -> str:
        return f'meaning: "{self.word}" ~ {self.icon} ({self.score:.2f})'


class PropMatcher(Protocol):
    """Finds an icon for a word the curated map and the icon names do not know."""

    name: str

    def match(self, word: str, icons: IconSet) -> PropMeaning | None: ...


class KeywordOnly:
    """The default: no icon by meaning; the chooser's suffix rules and spelling guess stand."""

    name = "keyword"

    def match(self, word: str, icons: IconSet) -> PropMeaning | None:
        return None


class EmbeddingProps:
    """The nearest emoji to the word, above THRESHOLD; else the nearest silhouette, above
    SILHOUETTE_THRESHOLD."""

    name = "embedding"

    def __init__(self, threshold: float = THRESHOLD, silhouette_threshold: float = SILHOUETTE_THRESHOLD) -> None:
        self.threshold = threshold
        self.silhouette_threshold = silhouette_threshold
        self._model = load_model()  # raises StudioModelError naming what is missing

    def match(self, word: str, icons: IconSet) -> PropMeaning | None:
        names, vectors = _catalogue(icons)
        _, column, best = nearest(_word_vector(word), vectors)
        if best >= self.threshold:
            return PropMeaning(word=word, icon=names[column], score=best)
        if word.split()[-1] in MATERIALS:
            return None
        silhouettes, shapes = _silhouette_catalogue(icons)
        if not silhouettes:  # the silhouettes are not installed
            return None
        _, column, best = nearest(_word_vector(word), shapes)
        if best < self.silhouette_threshold:
            return None
        return PropMeaning(word=word, icon=silhouettes[column], score=best)


def describe(icons: IconSet) -> dict[str, str]:
    """Each icon's text to embed: its name, then the story words the curated map draws with it."""
    aliases: dict[str, list[str]] = {}
    for word, icon in CURATED.items():
        aliases.setdefault(icon, []).append(word)
    texts = {}
    for name in icons.names():
        spoken = name.replace("-", " ")
        extra = [w for w in aliases.get(name, []) if w != spoken][:6]
        texts[name] = f"a {spoken}: {', '.join(extra)}" if extra else f"a {spoken}"
    return texts


# Keyed by the set itself: an IconSet is parsed once per process (icons.icon_set), so this embeds
# the few hundred descriptions once too (about a second on a CPU).
@cache
def _catalogue(icons: IconSet) -> tuple[list[str], Any]:
    texts = describe(icons)
    return list(texts), load_model().encode(list(texts.values()))


def terse_silhouettes(icons: IconSet) -> list[str]:
    """The silhouettes meaning may reach: names of one or two words without numbers ("anvil",
    "fishing-net"); the longer ones are scenes, weapons and game effects more often than a thing."""
    return [n for n in icons.silhouettes() if n.count("-") <= 1 and not re.search(r"\d", n)]


# The ~3,400 names take about six seconds to embed on a CPU, once per process and only when some
# word has no emoji near it; kept in memory, never written under the user's home.
@cache
def _silhouette_catalogue(icons: IconSet) -> tuple[list[str], Any]:
    names = terse_silhouettes(icons)
    if not names:
        return [], np.zeros((0, 384), dtype=np.float32)
    texts = [f"a {n.replace('-', ' ')}" for n in names]
    model = load_model()
    return names, np.concatenate([model.encode(texts[i : i + 256]) for i in range(0, len(texts), 256)])


@cache
def _word_vector(word: str) -> Any:
    return load_model().encode([f"a {word}"])  # the same article as the descriptions: closer scores


def prop_matcher(name: str = "keyword") -> PropMatcher:
    """The prop backend by name: "keyword" (default, no extra packages) or "embedding"."""
    return EmbeddingProps() if by_meaning(name, "prop") else KeywordOnly()
