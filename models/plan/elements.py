"""The production elements a scene's words name: props, set dressing, vehicles and animals,
sound effects and extras, sorted into the boxes of an industry breakdown sheet.

spaCy's noun chunks find the things; small word lists decide which box each goes in (a chair is
set dressing, a lantern a prop, a cart a vehicle). Anything the lists do not know is a prop, so
nothing the script names is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SET_DRESSING = {
    "bed", "bench", "bookcase", "bookshelf", "cabinet", "carpet", "chair", "chairs", "couch", "cupboard",
    "curtain", "curtains", "desk", "door", "doors", "fireplace", "furniture", "mirror", "painting", "rug",
    "shelf", "shelves", "sofa", "stairs", "staircase", "stool", "table", "tables", "wall", "walls", "wardrobe",
    "window", "windows", "altar", "counter", "stall", "stalls", "fence", "gate", "well", "hearth", "pillar",
    "pillars", "railing", "steps", "throne", "blackboard", "poster", "posters", "shrine", "lamp post",
}  # fmt: skip
VEHICLES = {
    "bicycle", "bike", "boat", "bus", "car", "cart", "carriage", "ferry", "lorry", "motorbike", "plane",
    "rickshaw", "scooter", "ship", "spaceship", "taxi", "tractor", "train", "truck", "van", "wagon", "canoe",
    "raft", "sled", "sledge", "helicopter", "jeep", "auto",
}  # fmt: skip
ANIMALS = {
    "bird", "birds", "buffalo", "camel", "cat", "cow", "cows", "crow", "deer", "dog", "donkey", "duck",
    "elephant", "fish", "fox", "goat", "goats", "hen", "horse", "horses", "lion", "monkey", "mouse", "owl",
    "parrot", "peacock", "pig", "rabbit", "sheep", "snake", "tiger", "tortoise", "wolf", "ox", "oxen",
    "hare", "bear", "frog", "crane", "eagle", "rooster",
}  # fmt: skip
EXTRAS = {
    "crowd", "villagers", "passengers", "guards", "soldiers", "children", "people", "pilgrims", "customers",
    "students", "workers", "fishermen", "dancers", "musicians", "monks", "priests", "shoppers", "travellers",
    "travelers", "neighbours", "neighbors", "guests", "sailors", "townsfolk", "onlookers", "vendors",
}  # fmt: skip
SOUND_EFFECTS = {
    "thunder", "rain", "wind", "knock", "knocks", "knocking", "bell", "bells", "crash", "bang", "gunshot",
    "explosion", "siren", "footsteps", "waves", "birdsong", "ringing", "rings", "creak", "creaks", "storm",
    "whistle", "horn", "drums", "drum", "applause", "shout", "shouts", "scream", "screams", "thud", "splash",
    "crackle", "crackles", "chime", "chimes", "bark", "barks", "howl", "howls", "roar", "roars", "engine",
}  # fmt: skip
WARDROBE = {
    "coat", "shawl", "sari", "saree", "hat", "cap", "uniform", "dress", "scarf", "boots", "shoes", "kurta",
    "dhoti", "turban", "cloak", "apron", "jacket", "gown", "robe", "veil", "gloves", "spectacles", "glasses",
    "sandals", "helmet", "mask", "crown", "raincoat", "dupatta", "sweater", "suit", "tie",
}  # fmt: skip
# Nouns that are never a thing a department has to find: time, abstractions, body parts, weather.
NOT_ELEMENTS = {
    "moment", "time", "way", "thing", "things", "something", "nothing", "everything", "anything", "day",
    "night", "morning", "evening", "afternoon", "dawn", "dusk", "light", "dark", "darkness", "silence",
    "voice", "voices", "eyes", "eye", "hand", "hands", "face", "head", "heart", "feet", "foot", "arm", "arms",
    "side", "end", "beginning", "sound", "air", "sky", "world", "life", "home", "place", "room", "one", "ones",
    "lot", "bit", "back", "front", "top", "bottom", "middle", "edge", "corner", "story", "name", "word",
    "words", "minute", "minutes", "hour", "hours", "year", "years", "smile", "breath", "tears", "sun", "moon",
    "stars", "water", "ground", "floor", "distance", "he", "she", "they", "it", "we", "you", "i", "them",
    "him", "her", "us", "who", "what", "which", "that", "this", "someone", "everyone", "nobody",
}  # fmt: skip
# People are cast or extras, never props; land and water are the location itself.
PEOPLE = {
    "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "kid", "baby", "person", "keeper",
    "father", "mother", "son", "daughter", "brother", "sister", "grandson", "granddaughter", "grandmother",
    "grandfather", "grandma", "grandpa", "husband", "wife", "friend", "stranger", "king", "queen", "prince",
    "princess", "captain", "teacher", "doctor", "nurse", "farmer", "fisherman", "priest", "monk", "guard",
    "soldier", "shepherd", "merchant", "boss", "officer", "driver", "uncle", "aunt", "lady", "gentleman",
    "elder", "old", "figure", "neighbour", "neighbor", "host", "hosts", "guest", "owner", "servant",
}  # fmt: skip
LANDSCAPE = {
    "rock", "rocks", "cliff", "cliffs", "path", "river", "sea", "ocean", "hill", "hills", "mountain",
    "mountains", "field", "fields", "road", "street", "forest", "woods", "shore", "beach", "sand", "island",
    "valley", "lake", "pond", "bank", "banks", "horizon", "clouds", "cloud", "grass", "mud", "snow", "waves",
    "tide", "coast", "harbour", "harbor", "village", "town", "city", "lighthouse", "temple", "house", "ghat",
    "ghats", "garden", "courtyard", "yard", "square", "market",
}  # fmt: skip
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass
class Elements:
    props: list[str] = field(default_factory=list)
    set_dressing: list[str] = field(default_factory=list)
    vehicles_animals: list[str] = field(default_factory=list)
    sound_effects: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wardrobe: list[str] = field(default_factory=list)

    def add(self, box: list[str], item: str) -> None:
        if item and item not in box:
            box.append(item)


def _phrase(chunk: object) -> tuple[str, str]:
    """A noun chunk without determiners or pronouns, and its head noun, lower-cased."""
    tokens = [t for t in chunk if t.pos_ not in {"DET", "PRON"} and not t.is_punct]  # type: ignore[attr-defined]
    phrase = " ".join(t.text for t in tokens).lower().strip()
    return phrase, chunk.root.text.lower()  # type: ignore[attr-defined]


def scene_elements(texts: list[str], exclude: set[str], named: list[str] | None = None) -> Elements:
    """Sort what `texts` (a scene's action lines) name into breakdown boxes.

    `exclude` holds lower-cased character names and place words, which are cast and sets, not
    props. `named` are objects the script analysis already picked out; they come first."""
    from models.script.nlp import english

    found = Elements()
    for item in named or []:
        _place(found, item.lower(), item.lower().split()[-1] if item.strip() else "")
    for doc in english().pipe(texts):
        for chunk in doc.noun_chunks:
            phrase, head = _phrase(chunk)
            if not phrase or head in NOT_ELEMENTS | PEOPLE | LANDSCAPE or head in exclude or phrase in exclude:
                continue
            if chunk.root.pos_ == "PROPN":
                continue  # a name: cast or place, never a prop
            _place(found, phrase, head)
        words = set(_WORD.findall(doc.text.lower()))
        for word in sorted(words & SOUND_EFFECTS):
            found.add(found.sound_effects, word)
    return found


def _place(found: Elements, phrase: str, head: str) -> None:
    words = phrase.split()
    for i, word in enumerate(words):  # "fishing boat glides": the tagger's noun is not always the thing
        if word in VEHICLES or word in ANIMALS:
            found.add(found.vehicles_animals, " ".join(words[: i + 1]))
            return
    if head in EXTRAS:
        found.add(found.extras, phrase)
    elif head in VEHICLES or head in ANIMALS:
        found.add(found.vehicles_animals, phrase)
    elif head in WARDROBE:
        found.add(found.wardrobe, phrase)
    elif head in SET_DRESSING:
        found.add(found.set_dressing, phrase)
    elif head in SOUND_EFFECTS:
        found.add(found.sound_effects, head)
    elif head:
        found.add(found.props, phrase)
