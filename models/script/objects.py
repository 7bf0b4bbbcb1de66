"""The things a scene's text names (lantern, cart, letter, water recycler): nouns found by the
packaged spaCy model, less people, creatures, times and abstract words (listed here, or known to
WordNet as no thing at all), in order of first mention. The illustrator stages them; the
breakdown lists them per scene."""

from __future__ import annotations

from typing import Any

from models.script import lexicon
from models.script.limits import OBJECT_SCENE_CHARS, for_spacy
from models.script.nlp import english
from models.script.wordnet import names_no_thing, thing_rank

MAX_OBJECTS = 12  # per scene
_CANDIDATES = 60  # nouns weighed before the most mentioned are kept
# Ideas, times and meals beyond lexicon.NOT_THINGS (which the illustrator shares).
_ABSTRACT = {
    "ways", "times", "kindness", "wisdom", "stories", "names", "lives", "mood", "news", "problem",
    "help", "turn", "fun", "breath", "course", "case", "record", "show", "tomorrow", "yesterday",
    "days", "weeks", "month", "months", "attention", "span", "spans", "heart's", "lesson", "game",
    "job", "disgrace", "gift", "status", "power", "fury", "count", "chance", "number", "sense",
    "use", "work", "trouble", "matter", "order", "point", "set", "back", "first", "last",
    "hardship", "company", "tears", "conversation", "supper", "breakfast", "lunch", "dinner",
    "half", "liar", "patience", "term", "living", "askew", "brood", "choice", "choices", "circle", "circles",
    "colour", "color", "occasion", "proof", "generation", "generations", "shift", "shifts", "slope", "bruise",
    "brass", "bronze", "copper", "dozen", "length", "season", "seasons", "gap", "none", "eve", "occupation",
    "question", "questions", "handwriting", "class", "row", "rows", "patch", "crease", "creases", "animal", "animals",
    "frost", "balcony", "balconies", "smell", "listening", "mid", "plastic", "squats", "highlife", "sand", "sands",
    "mesa", "mesas",
}  # fmt: skip
# Nouns in -ing that are things ("wedding ring", "the railing"); any other -ing head after a noun
# is the noun's participle ("tail twitching").
_ING_THINGS = {
    "ring", "string", "wing", "swing", "spring", "sling", "building", "painting", "ceiling", "clothing",
    "stocking", "stockings", "earring", "earrings", "railing", "awning", "bedding", "icing", "pudding",
    "dumpling", "drawing", "carving", "engraving", "landing", "mooring", "offering", "recording", "lightning",
    "wedding", "filling", "frosting", "stuffing", "shilling", "sapling", "bearing", "fishing",
}  # fmt: skip
_SUBJECT_PRONOUNS = {"he", "she", "it", "they"}
_TIMES = set().union(*lexicon.TIME_WORDS.values()) | lexicon.SEASONS | set(lexicon.DECADES)
# A scene's set (hall, hillside, canal) is its place, drawn as the background; what can also stand
# in a scene as a thing (a boat at the quay, a tent in a field) stays an object.
_SET_PLACES = set(lexicon.PLACES) - {
    "boat", "ship", "car", "train", "tent", "hut", "throne", "mill", "river", "bus", "tram", "ferry", "tower", "flat",
}  # fmt: skip
_CULTURE = set().union(*lexicon.CULTURE_WORDS.values())
_NOT_OBJECTS = (
    _ABSTRACT
    | set(lexicon.NUMBER_WORDS)  # "the number twelve is late": a bus number, not a clock
    | lexicon.NOT_THINGS
    | _TIMES
    | _SET_PLACES
    | (lexicon.PERSON_NOUNS | lexicon.CREATURES) - lexicon.CREATURE_NOT_PLACES
)


def scene_objects(text: str, names: list[str] | None = None) -> list[str]:
    """Noun phrases for the things `text` names: "brass lamp" stays "lamp"; compounds stay
    whole ("water recycler", "dragon lantern"); character names are left out."""
    skip = {n.lower() for n in names or []}
    doers = {n.split()[-1] for n in skip if n}  # "BABA BANKOLE grunts": the name's last word
    found: dict[str, int] = {}  # phrase -> mentions, in order of first mention
    for token in english()(for_spacy(text[:OBJECT_SCENE_CHARS])):
        if token.pos_ != "NOUN" or token.dep_ == "compound":
            continue
        word = token.text.lower()
        if not _listed_as_thing(word) or word in skip or not word.isalpha() or len(word) < 3:
            continue
        hyphened = token.i > 1 and token.doc[token.i - 1].text == "-" and not token.doc[token.i - 2].whitespace_
        if hyphened:  # "aso-oke", "puff-puff": the tagger split one word at its hyphen
            word = f"{token.doc[token.i - 2].text.lower()}-{word}"
        if _verb_read_as_noun(token) or _verb_after_its_doer(token, doers):
            continue
        if token.dep_ == "pobj" and token.head.lower_ == "like":
            continue  # "sits in its cradle like a sleeping animal": a likeness, not a thing there
        compounds = [
            c.text.lower()
            for c in token.children
            if c.dep_ == "compound" and c.i == token.i - 1 and not hyphened
            and not (c.text.lower().endswith("ing") and c.text.lower() not in _ING_THINGS)  # "playing highlife"
        ]  # fmt: skip
        if compounds and word.endswith("ing") and word not in _ING_THINGS:
            word, compounds = compounds[-1], compounds[:-1]  # "tail twitching" is a tail
        if not is_thing_word(word):
            continue
        phrase = " ".join([*compounds, word])
        if phrase in skip or any(c in skip for c in compounds):
            continue  # the scene's set ("bus shelter") or a name ("YOUSSEF paces", "CAPTAIN REYES")
        known = next((f for f in found if phrase == f or phrase in f.split()), None)
        if known is not None:
            found[known] += 1
        elif len(found) < _CANDIDATES:
            found[phrase] = 1
    # The things a scene returns to are the ones it turns on: the most mentioned, kept in story order;
    # among those mentioned as often, things first and body parts (drawn with the figure) last.
    kept = set(sorted(found, key=lambda f: (-found[f], thing_rank(f.split()[-1])))[:MAX_OBJECTS])
    return [f for f in found if f in kept]


def _listed_as_thing(word: str) -> bool:
    return word not in _NOT_OBJECTS and not names_people(word) and not _creatures(word)


def is_thing_word(word: str) -> bool:
    """Whether a lower-case noun can name a thing (not a person, group, set, time or idea): not in
    the lists here, and not a word whose every WordNet sense is no thing (an act, idea, feeling,
    place, state, time or person)."""
    # "dal" is a lentil dish in a story, not WordNet's decalitre: the lexicon's culture words are things.
    return _listed_as_thing(word) and (word in _CULTURE or not names_no_thing(word))


def _creatures(word: str) -> bool:
    """ "baboons", "wolves": creatures, however many (they are cast, not staged as props)."""
    if not word.endswith("s"):
        return False
    stems = {word[:-1], word[:-3] + "f" if word.endswith("ves") else "", word[:-2] if word.endswith("es") else ""}
    return bool(stems & (lexicon.CREATURES - lexicon.CREATURE_NOT_PLACES))


def names_people(word: str) -> bool:
    """ "thief", "thieves", "stepsisters", "ministers": people, however many."""
    if word in lexicon.PERSON_NOUNS:
        return True
    if not word.endswith("s"):
        return False
    stems = {word[:-1], word[:-3] + "f" if word.endswith("ves") else "", word[:-2] if word.endswith("es") else ""}
    return bool(stems & lexicon.PERSON_NOUNS)


def _verb_after_its_doer(token: Any, names: set[str]) -> bool:
    """ "MAEVE shuffles in.", "It skids.", "SAM, her roommate, shuffles out": a word in -s straight
    after a character's name, a subject pronoun, or the appositive after a name that opens the
    sentence is what they do, whatever the tagger says."""
    sentence = token.sent
    if not token.text.endswith("s") or token.i == sentence.start:
        return False
    before = token.doc[token.i - 1].text.lower()
    if before in names or before in _SUBJECT_PRONOUNS:
        return True
    first = token.doc[sentence.start].text
    opens_on_a_name = first.lower() in names or (first.isupper() and len(first) > 1)
    commas = sum(t.text == "," for t in token.doc[sentence.start : token.i])
    return before == "," and opens_on_a_name and commas == 2


def _verb_read_as_noun(token: Any) -> bool:
    """ "Pipkin squints.", "Her son Eli watches.", "The radio only crackles.": a verb the tagger read
    as a noun, in a sentence it left with no verb at all, right after the one doing it."""
    sentence = token.sent
    if not token.text.endswith("s") or any(t.pos_ in ("VERB", "AUX") for t in sentence):
        return False
    before = token.doc[token.i - 1] if token.i > sentence.start else None
    if before is not None and before.pos_ == "ADV" and before.i > sentence.start:  # "only", "still"
        before = token.doc[before.i - 1]
    # Right after its subject ("Eli (12) watches"); not the head of a compound ("chops herbs").
    after_doer = before is not None and (before.pos_ in ("NOUN", "PROPN") or before.text == ")")
    after_doer = after_doer and before is not None and (before.dep_ != "compound" or before.pos_ == "PROPN")
    return token.dep_ in ("ROOT", "appos") and after_doer
