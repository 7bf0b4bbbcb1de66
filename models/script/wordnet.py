"""What nouns name, from WordNet 3.0 (Debian's `wordnet-base`, WordNet 3.0 licence, installed by
scripts/setup.sh): whether a noun can name a thing to stage, and what kinds of thing it is.

WordNet files every sense of a noun under a lexicographer file: noun.artifact (lamp), noun.food
(bread), noun.feeling (spite), noun.time (age). A noun every sense of which is an act, attribute,
idea, feeling, place, motive, relation, state, time or person names nothing a picture could stage
as a prop: the scene's object list leaves it out. A word WordNet does not know ("charpai",
"hīnaki") is not judged. Its hypernyms say what a thing is a kind of, so the illustrator can draw
a "bracken" as a fern and an abbey as a temple. The parser asks it too which unlisted nouns are
places (a cloister, a mine), which roles and animals can speak (a surveyor, a fossa) and which
person nouns carry a sex or an age (a nun, an urchin). nltk's reader would need the `lexnames` file, which Debian's package does
not ship; index.noun, noun.exc and data.noun are plain text, so a few lines read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from models.breakdown import AgeBand, Gender
from models.errors import BackendUnavailable

WORDNET_DIR = Path("/usr/share/wordnet")
# Lexicographer file numbers (lexnames(5WN)) of senses that are no thing to stage. A word with any
# other sense is not judged: events (a campfire), quantities (a droplet), groups (a pyre) can be seen.
NO_THING = {
    3,  # noun.Tops: "entity", "abstraction", "animal" as a category
    4,  # noun.act: war, posting, a game of chess (the board is an artifact)
    7,  # noun.attribute: age, difference
    9,  # noun.cognition: knowledge, logic
    12,  # noun.feeling: spite, fear
    15,  # noun.location: touchline, danger zone (a place is the scene's set, never a prop)
    16,  # noun.motive: conscience
    18,  # noun.person: herders (people are cast, never staged)
    24,  # noun.relation: ratio
    26,  # noun.state: poverty, sleep
    28,  # noun.time: tomorrow, age
}
# Lexicographer files of physical things, whose kinds can stand in for them in a picture.
PHYSICAL = {
    6,  # noun.artifact
    13,  # noun.food
    17,  # noun.object
    19,  # noun.phenomenon
    20,  # noun.plant
    27,  # noun.substance
}
HELD = {10, 21}  # noun.communication, noun.possession: letters, tickets, coins are things one holds
ANIMAL, ARTIFACT, BODY, GROUP, LOCATION, OBJECT, PERSON, TIME = 5, 6, 8, 14, 15, 17, 18, 28  # noun.animal, ...
# Plural endings and their singular (WordNet's morphy rules for nouns).
_ENDINGS = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"),
            ("s", ""))  # fmt: skip


# Hypernyms too general to stand for the thing ("a kind of device"): never offered as its kind.
_TOO_GENERAL = {
    "entity", "physical entity", "object", "physical object", "whole", "unit", "artifact", "artefact", "thing",
    "instrumentality", "instrumentation", "device", "container", "structure", "construction", "covering", "material",
    "stuff", "matter", "substance", "part", "portion", "organism", "being", "living thing", "commodity", "goods",
    "article", "creation", "product", "equipment", "implement", "system", "furnishing", "decoration", "facility",
    "area", "region", "surface", "way", "line", "mechanism", "means", "solid", "piece", "body", "natural object",
}  # fmt: skip


@dataclass(frozen=True)
class Synset:
    lexfile: int  # lexnames(5WN) number
    words: tuple[str, ...]  # its lemmas, "_" between words
    hypernyms: tuple[int, ...]  # offsets of the kinds it is a kind (or an instance) of
    gloss: str = ""  # its definition: "a woman religious"


@lru_cache(maxsize=1)
def _index(root: Path = WORDNET_DIR) -> tuple[dict[str, tuple[int, ...]], dict[str, list[str]]]:
    """Each noun lemma's synset offsets, most frequent sense first, and the irregular plurals (noun.exc)."""
    if not (root / "index.noun").is_file():
        raise BackendUnavailable(
            f"WordNet is not installed ({root}/index.noun is missing): apt-get install wordnet-base."
        )
    lemmas = {}
    with open(root / "index.noun", encoding="latin-1") as index:
        for line in index:
            if not line.startswith(" "):  # the licence header's lines start with spaces
                fields = line.split()
                lemmas[fields[0]] = tuple(int(o) for o in fields[-int(fields[2]) :])
    irregular = {}
    with open(root / "noun.exc", encoding="latin-1") as exceptions:
        for line in exceptions:
            plural, *singulars = line.split()
            irregular[plural] = singulars
    return lemmas, irregular


@lru_cache(maxsize=1)
def _adjectives(root: Path = WORDNET_DIR) -> frozenset[str]:
    """Every adjective lemma (index.adj); empty where WordNet is not installed."""
    if not (root / "index.adj").is_file():
        return frozenset()
    with open(root / "index.adj", encoding="latin-1") as index:
        return frozenset(line.split(" ", 1)[0] for line in index if not line.startswith(" "))


def modifies_as_noun(word: str) -> bool:
    """True when `word` before a role is a noun naming a kind of that role ("border" in "the border
    guard", "night" in "the night nurse"), not an adjective that may also be a noun ("the stout
    woman", "the second man")."""
    return names_a_thing(word) and word.lower() not in _adjectives()


@lru_cache(maxsize=65536)  # bounded: a long-running app reads many scenes
def _synset(offset: int, root: Path = WORDNET_DIR) -> Synset:
    """The synset at `offset`: WordNet's offsets are byte positions in data.noun, so one line is read."""
    with open(root / "data.noun", "rb") as data:
        data.seek(offset)
        line = data.readline().decode("latin-1")
    head, _, gloss = line.partition(" | ")
    fields = head.split()
    count = int(fields[3], 16)
    pointers = 4 + 2 * count
    hypernyms = tuple(
        int(fields[pointers + 2 + 4 * i])
        for i in range(int(fields[pointers]))
        if fields[pointers + 1 + 4 * i] in ("@", "@i")
    )
    return Synset(int(fields[1]), tuple(fields[4:pointers:2]), hypernyms, gloss.split(";")[0].strip())


def _offsets_of(word: str) -> list[int]:
    """The synset offsets of every sense of `word` (any number; a phrase joined by spaces), most frequent first."""
    lemmas, irregular = _index()
    word = word.lower().replace(" ", "_")
    forms = [word, *irregular.get(word, [])]
    forms += [word[: -len(end)] + base for end, base in _ENDINGS if word.endswith(end)]
    return list(dict.fromkeys(offset for form in forms for offset in lemmas.get(form, ())))


def _senses_of(word: str) -> list[Synset]:
    return [_synset(offset) for offset in _offsets_of(word)]


def lexicographer_files(word: str) -> set[int]:
    """The lexicographer files of every sense of `word`."""
    return {sense.lexfile for sense in _senses_of(word)}


def knows(word: str) -> bool:
    """Whether WordNet has any sense of `word` (or of a form it reads back to)."""
    return bool(_offsets_of(word))


def names_no_thing(word: str) -> bool:
    """True when WordNet knows `word` and every sense of it is an act, idea, feeling, place, state,
    time or person ("spite", "age", "war", "herders"); False for things and for words WordNet does not know."""
    files = lexicographer_files(word)
    return bool(files) and files <= NO_THING


def thing_rank(word: str) -> int:
    """How surely `word` names a thing to stage, by the sense WordNet lists first: 0 for a physical
    thing, a document or a possession (a kettle, a letter, a coin) and for words WordNet does not
    know (a story's "charpai"), 2 for a part of the body (drawn with the figure), 1 for the rest (a
    wound, a margin)."""
    senses = _senses_of(word)
    if not senses or senses[0].lexfile in PHYSICAL | HELD:
        return 0
    return 2 if senses[0].lexfile == BODY else 1


def names_a_day(name: str) -> bool:
    """True for a holiday or a day WordNet knows and knows as no place ("Easter", "Lent", "New
    Year"): a story's "since Easter" is when, not where, whatever the tagger says."""
    files = lexicographer_files(name)
    return TIME in files and LOCATION not in files


def kinds_of(word: str, depth: int = 3) -> list[str]:
    """What `word` is a kind of, nearest first, when its most frequent sense is a physical thing:
    the other words for that thing, then its hypernyms up to `depth` levels ("greatcoat" -> "coat",
    "bracken" -> "fern"). A kind is offered only where that thing is its own word's most frequent
    sense, so the kind's word reads as meant (a riverbed is a "bed", but a bed is furniture first).
    Rarer senses of `word` are not followed: a "smoker" is a person before it is a railway car."""
    lemmas, _ = _index()
    first = _offsets_of(word)[:1]
    level = [(offset, _synset(offset)) for offset in first if _synset(offset).lexfile in PHYSICAL]
    found: dict[str, None] = {}
    for _ in range(depth + 1):
        for offset, synset in level:
            found.update(dict.fromkeys(w for w in synset.words if lemmas.get(w.lower(), (None,))[0] == offset))
        level = [(up, _synset(up)) for _, synset in level for up in synset.hypernyms]
    kinds = (w.replace("_", " ").lower() for w in found)
    return [kind for kind in dict.fromkeys(kinds) if kind != word.lower() and kind not in _TOO_GENERAL]


def _common_sense(word: str) -> Synset | None:
    """The most frequent sense of `word` when it is a common noun there, not a name ("Ford")."""
    first = _offsets_of(word)[:1]
    sense = _synset(first[0]) if first else None
    return sense if sense is not None and any(w.lower() == w for w in sense.words) else None


def names_a_thing(word: str) -> bool:
    """True when `word` itself (not a plural WordNet reads back: "Maria" as "mare") is a common
    noun whose most frequent sense is no person ("frost")."""
    if word.lower() not in _index()[0]:
        return False
    sense = _common_sense(word)
    return sense is not None and sense.lexfile != PERSON


def can_speak(word: str) -> bool:
    """True when `word` is first a kind of person ("the surveyor said"), or an animal in any sense:
    "said the fossa" (a pit in anatomy first, a Madagascan carnivore too). Not "the face", which
    is a body part before it is anyone."""
    animal = any(sense.lexfile == ANIMAL and any(w.lower() == w for w in sense.words) for sense in _senses_of(word))
    return animal or names_a_person(word)


def names_a_body_part(word: str) -> bool:
    """True when the most frequent sense of `word`, or of its singular, is a part of the body
    ("hands": a hired hand is a person only in a rarer sense)."""
    forms = [word, word[:-1]] if word.endswith("s") else [word]
    return any((sense := _common_sense(form)) is not None and sense.lexfile == BODY for form in forms)


def names_a_group(word: str) -> bool:
    """True when the most frequent sense of `word` is a group ("the class chorused", "the crowd
    roared"): people who may speak as one."""
    sense = _common_sense(word)
    return sense is not None and sense.lexfile == GROUP


def names_a_person(word: str) -> bool:
    """True when the most frequent sense of `word` is a kind of person ("surveyor", "palliri" is
    unknown): a role that can speak. Names are not kinds ("Ford")."""
    sense = _common_sense(word)
    return sense is not None and sense.lexfile == PERSON


# Kinds of person that carry a sex or an age: every "widow" is a woman, every "urchin" a child.
_PERSON_KINDS: dict[str, Gender | AgeBand] = {
    "female_person": "female", "male_person": "male", "adolescent": "teen", "juvenile_person": "child",
    "old_person": "senior", "female_child": "child", "male_child": "child",
}  # fmt: skip
# Definitions that open on the sex or age: "a woman religious" (nun), "a male religious" (monk).
# Not "an enlisted man or woman" (soldier).
_GLOSS_GENDER = re.compile(r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(woman|female|girl|man|male|boy)\b(?!\s+or\b)")
# WordNet 3.0 defines a hero as "a man distinguished by exceptional courage"; stories call anyone one.
_EITHER_SEX = {"hero"}
_GLOSS_OLD = re.compile(r"(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:old|elderly|aged)\b")


def person_traits(word: str) -> tuple[Gender | None, AgeBand | None]:
    """The sex and the age band a person noun carries in its most frequent sense, from the kinds it
    is a kind of and the opening of its definition: "ferrywoman" is unknown to WordNet (None,
    None), "nun" is ("female", None), "urchin" (None, "child"), "crone" ("female", "senior"),
    "novice" (None, None). Names are not followed: WordNet's "Ford" is one film maker, not every Ford."""
    sense = _common_sense(word)
    if sense is None or sense.lexfile != PERSON:
        return None, None
    found: set[str] = set()
    level, seen = [sense], set(_offsets_of(word)[:1])
    while level:
        found |= {_PERSON_KINDS[w] for s in level for w in s.words if w in _PERSON_KINDS}
        ups = [up for s in level for up in s.hypernyms if up not in seen]
        seen.update(ups)
        level = [_synset(up) for up in ups]
    said = _GLOSS_GENDER.match(sense.gloss)
    if said and word.lower() not in _EITHER_SEX:
        found.add("female" if said.group(1) in ("woman", "female", "girl") else "male")
    if _GLOSS_OLD.match(sense.gloss):
        found.add("senior")
    gender: Gender | None = None
    if "female" in found and "male" not in found:
        gender = "female"
    elif "male" in found and "female" not in found:
        gender = "male"
    bands: tuple[AgeBand, ...] = ("teen", "senior", "child")  # a "teenager" is a juvenile too: the narrowest wins
    return gender, next((band for band in bands if band in found), None)


# Kinds of place a scene can be set in: a cellar is a room, a cloister a building, a mine an
# excavation, a vineyard a geographic point. Doors and walls are structures too, but no setting.
_SETTINGS = {
    "building", "room", "excavation", "geographical_area", "geographic_point", "region", "tract",
    "body_of_water", "geological_formation", "workplace", "area", "basement",
}  # fmt: skip
# Positions relative to something else ("the edge", "the far side"), which WordNet files as places,
# and places too wide to stage ("the city").
_POSITIONS = {
    "side", "top", "edge", "bottom", "middle", "end", "front", "back", "rear", "inside", "outside", "interior",
    "center", "centre", "corner", "seat", "surface", "spot", "point", "place", "area", "part", "distance",
    "background", "foreground", "left", "right", "north", "south", "east", "west", "head", "foot", "tip", "rim",
    "open", "reach", "shallow", "shallows", "way",
    # too wide to set a scene in, or no kind at all
    "city", "town", "country", "kingdom", "state", "province", "district", "county", "region", "world", "land",
    "earth", "continent", "nation", "empire", "capital", "municipality", "metropolis", "territory", "building",
    "structure",
}  # fmt: skip


@lru_cache(maxsize=8192)
def names_a_place(word: str) -> bool:
    """True when the most frequent sense of `word` (a phrase joined by spaces: "signal box") is a
    kind of building, room, excavation, area or landform: somewhere a scene can be set, not a
    position ("the edge")."""
    if word.lower() in _POSITIONS:
        return False
    first = _offsets_of(word)[:1]
    level, seen = [_synset(offset) for offset in first], set(first)
    if not level or level[0].lexfile not in (ARTIFACT, LOCATION, OBJECT):
        return False
    if _common_sense(word) is None:
        return False  # a named place ("was" read as WA, Washington; "me" as Maine) is the tagger's to find
    for _ in range(8):
        if any(w in _SETTINGS for s in level for w in s.words):
            return True
        ups = [up for s in level for up in s.hypernyms if up not in seen]
        seen.update(ups)
        level = [_synset(up) for up in ups]
    return False
