"""Scene moods matched by meaning: when the mood words and the sentiment decide nothing (the scene
stays "calm"), its sentences are compared with a described catalogue of moods using the
all-MiniLM-L6-v2 sentence-embedding model (models/script/meaning.py).

An optional backend, chosen by the same name as the place matcher ("keyword" | "embedding"): the
mood words stay the precise override, and the sentiment's sign rule (analysis.mood_fits) still
rules out a mood of the wrong sign. The music cue of a scene follows its mood (styles.style_for).
"""

from __future__ import annotations

from typing import Protocol

from models.script.analysis import mood_fits, scene_mood
from models.script.meaning import Catalogue, Meaning, by_meaning, load_model, prose_sentences

# Cosine below this is no evidence of a mood. Set on bench/moods/tune.tsv only (bench/mood_bench.py):
# 22 of 30 right at 0.15-0.20, 18 at 0.25, 13 at 0.30 (higher leaves more scenes calm).
THRESHOLD = 0.20
NEUTRAL = 0.05  # |compound| below this has no sign

# Each mood as a film's scene description would put it: what happens, in general words. Written
# without the words of any test or bench sentence, so the benches measure meaning, not overlap.
CATALOGUE: dict[str, tuple[str, ...]] = {
    "joyful": (
        "people celebrate together, laughing and dancing at a happy occasion",
        "good news arrives and everyone is delighted",
        "a party with music, food and friends having fun",
        "children play happily outdoors",
    ),
    "calm": (
        "an ordinary quiet moment of daily life",
        "someone does a simple task slowly and peacefully",
        "a still, peaceful scene of nature",
        "friends chat quietly over tea",
    ),
    "tense": (
        "characters are in danger and must escape",
        "a chase: someone is pursued by enemies",
        "a violent struggle or an attack",
        "a race against time to stop a catastrophe",
        "someone hides, afraid of being found",
    ),
    "sad": (
        "mourning someone who has died",
        "a painful loss: something loved is gone forever",
        "a lonely goodbye, someone left behind",
        "illness, grief and tears",
    ),
    "mysterious": (
        "something unexplained and uncanny happens",
        "a secret or a puzzle that no one can solve",
        "an eerie, haunted place at night",
        "a stranger whose identity is unknown",
    ),
}


class MoodMatcher(Protocol):
    """Finds a mood for a scene's text when the mood words and the sentiment found none."""

    name: str

    def match(self, text: str, compound: float) -> Meaning | None: ...


class KeywordOnly:
    """The default: the mood words and the sentiment decide; an undecided scene stays calm."""

    name = "keyword"

    def match(self, text: str, compound: float) -> Meaning | None:
        return None


class EmbeddingMoods:
    """The nearest described mood to any sentence of the scene that fits the sentiment's sign."""

    name = "embedding"

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._model = load_model()  # raises StudioModelError naming what is missing
        self._catalogue = Catalogue(CATALOGUE)  # encoded once per matcher

    def match(self, text: str, compound: float) -> Meaning | None:
        parts = prose_sentences(text)
        if not parts:
            return None
        ranked = self._catalogue.ranked(parts, self._model.encode(parts))  # one batch per scene
        # A text with no sign (vader finds no charged word: "a harvest feast") rules nothing out.
        fitting = [m for m in ranked if abs(compound) < NEUTRAL or mood_fits(m.label, compound)]
        best = fitting[0] if fitting else None
        if best is None or best.label == "calm" or best.score < self.threshold:
            return None
        return best


def decide_mood(text: str, moods: MoodMatcher | None = None) -> tuple[str, float, str]:
    """(mood, compound, why) of a scene: the mood words and sentiment first; when they leave it
    calm, the meaning of its sentences; `why` is "" unless meaning decided."""
    mood, compound = scene_mood(text)
    if moods is None or mood != "calm":
        return mood, compound, ""
    found = moods.match(text, compound)
    return (found.label, compound, found.reason()) if found is not None else (mood, compound, "")


def mood_matcher(name: str = "keyword") -> MoodMatcher:
    """The mood backend by name: "keyword" (default, no extra packages) or "embedding"."""
    return EmbeddingMoods() if by_meaning(name, "mood") else KeywordOnly()
