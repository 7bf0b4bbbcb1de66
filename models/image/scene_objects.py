"""The objects a scene names: the breakdown's own list when it has one, else the nouns of its action lines.

Also who holds what: a small object named in the same sentence as a character is put in that
character's hand ("Maya lifts the lantern").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.breakdown import NARRATOR, Scene
from models.image.backgrounds import ARCHETYPE_WORDS
from models.script import lexicon

MAX_OBJECTS = 6  # per plate: more would crowd the characters out of the picture

# Nouns that are no props: what names no thing (lexicon.NOT_THINGS), parts of a body, and what the
# plate draws in its own way: wardrobe on the figures, weather and light in the sky.
NOT_PROPS = (
    lexicon.NOT_THINGS
    | lexicon.BODY_PARTS
    | {"heart", "river", "pieces"}
    | set(
        """
coat raincoat jacket shirt trousers uniform robe cloak overalls apron sweater
light sun sunlight rain storm wind snow fog weather thunder lightning forest woods kitchen
""".split()
    )
)


# The set itself (lighthouse, quay, cliff...) is the plate's archetype, not a prop standing in it.
PLACE_WORDS = {w for _, words in ARCHETYPE_WORDS for w in words if " " not in w} - {
    "boat",
    "desk",
    "tower",
    "ship",
    "car",
    "taxi",
    "cab",
    "jeep",
    "train",
    "raft",
    "sailboat",
    "yacht",
    "ferry",
    "throne",
    "stall",
    "trees",
    "well",
    "lockers",
    "locker",
    "river",
}


@dataclass(frozen=True)
class NamedObject:
    word: str
    holder: str | None = None  # a character's name when the action puts it in their hands


def _declared(scene: Scene) -> list[str] | None:
    """The breakdown's per-scene objects, when the script parser provides them (strings or dicts)."""
    declared = getattr(scene, "objects", None)
    if not declared:
        return None
    words = []
    for item in declared:
        word = (
            item
            if isinstance(item, str)
            else (item.get("name") or item.get("word") if isinstance(item, dict) else getattr(item, "name", None))
        )
        if word:
            words.append(str(word).lower().strip())
    return words


def _nouns(sentences: list[str], exclude: set[str]) -> list[tuple[str, int]]:
    """Concrete nouns (compounds kept: "oil lamp") with the sentence index they occur in."""
    from models.script.nlp import english
    from models.script.objects import names_people

    found: list[tuple[str, int]] = []
    for index, doc in enumerate(english().pipe(sentences)):
        for token in doc:
            if token.pos_ != "NOUN" or token.dep_ == "compound":  # "oak" of "oak tree" comes with its head
                continue
            word = token.text.lower()
            if word in NOT_PROPS or names_people(word) or word in exclude or not re.fullmatch(r"[a-z][a-z'-]+", word):
                continue
            compound = [c.text.lower() for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
            found.append((" ".join([*compound, word]), index))
    return found


def named_objects(scene: Scene, character_names: list[str] | None = None) -> list[NamedObject]:
    """The objects to stage in `scene`, in order of first mention, at most MAX_OBJECTS."""
    names = [n for n in (character_names or scene.characters) if n != NARRATOR]
    name_words = {w.lower() for n in names for w in re.findall(r"[A-Za-z']+", n)}
    sentences = [s for line in scene.action for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    declared = _declared(scene)
    if declared is not None:
        on_figures = body_parts(scene)
        declared = [w for w in declared if w not in on_figures]
        mentions = [(w, next((i for i, s in enumerate(sentences) if w.split()[-1] in s.lower()), -1)) for w in declared]
    else:
        place_words = set(re.findall(r"[a-z]+", f"{scene.location} {scene.heading}".lower())) | PLACE_WORDS
        mentions = _nouns(sentences, name_words | place_words) if sentences else []
    objects: dict[str, NamedObject] = {}
    for word, index in mentions:
        if word in objects or any(word == o.split()[-1] for o in objects):
            continue
        holder = None
        if index >= 0:
            sentence = sentences[index].lower()
            holder = next((n for n in names if re.search(rf"\b{re.escape(n.lower().split()[0])}\b", sentence)), None)
        objects[word] = NamedObject(word, holder)
    return list(objects.values())[:MAX_OBJECTS]


def body_parts(scene: Scene) -> list[str]:
    """The breakdown's objects that are parts of a body (the crow's beak, the lion's paw): a story
    can turn on them, but they are drawn with the figure, not staged as props."""
    return [w for w in _declared(scene) or [] if w.split()[-1] in lexicon.BODY_PARTS]
