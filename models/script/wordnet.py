"""Which nouns can name a thing in a picture, from WordNet 3.0 (Debian's `wordnet-base`, WordNet
3.0 licence, installed by scripts/setup.sh).

WordNet files every sense of a noun under a lexicographer file: noun.artifact (lamp), noun.food
(bread), noun.feeling (spite), noun.time (age). A noun every sense of which is an attribute, idea,
feeling, motive, relation, state, time or person names nothing a picture could stage: the scene's
object list leaves it out. A word WordNet does not know
("charpai", "hīnaki") is not judged. nltk's reader would need the `lexnames` file, which Debian's
package does not ship; the two files read here are plain text, so a few lines read them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from models.errors import BackendUnavailable

WORDNET_DIR = Path("/usr/share/wordnet")
# Lexicographer file numbers (lexnames(5WN)) of senses no picture can stage. A word with any other
# sense is not judged: acts (chess), events (a campfire), quantities (a droplet), groups (a pyre),
# places (a touchline) can all be seen.
NO_THING = {
    3,  # noun.Tops: "entity", "abstraction", "animal" as a category
    7,  # noun.attribute: age, difference
    9,  # noun.cognition: knowledge, logic
    12,  # noun.feeling: spite, fear
    16,  # noun.motive: conscience
    18,  # noun.person: herders (people are cast, never staged)
    24,  # noun.relation: ratio
    26,  # noun.state: poverty, sleep
    28,  # noun.time: dates, tomorrow
}
# Plural endings and their singular (WordNet's morphy rules for nouns).
_ENDINGS = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"),
            ("s", ""))  # fmt: skip


@lru_cache(maxsize=1)
def _senses(root: Path = WORDNET_DIR) -> tuple[dict[str, frozenset[int]], dict[str, list[str]]]:
    """Each noun lemma's lexicographer files, and the irregular plurals (noun.exc)."""
    if not (root / "index.noun").is_file():
        raise BackendUnavailable(
            f"WordNet is not installed ({root}/index.noun is missing): apt-get install wordnet-base."
        )
    files: dict[str, int] = {}
    with open(root / "data.noun", encoding="latin-1") as data:
        for line in data:
            if not line.startswith(" "):  # the licence header's lines start with spaces
                offset, lexfile = line.split(maxsplit=2)[:2]
                files[offset] = int(lexfile)
    lemmas = {}
    with open(root / "index.noun", encoding="latin-1") as index:
        for line in index:
            if not line.startswith(" "):
                fields = line.split()
                lemmas[fields[0]] = frozenset(files[o] for o in fields[-int(fields[2]) :])
    irregular = {}
    with open(root / "noun.exc", encoding="latin-1") as exceptions:
        for line in exceptions:
            plural, *singulars = line.split()
            irregular[plural] = singulars
    return lemmas, irregular


def lexicographer_files(word: str) -> set[int]:
    """The lexicographer files of every sense of `word` (any number; a phrase joined by spaces)."""
    lemmas, irregular = _senses()
    word = word.lower().replace(" ", "_")
    forms = [word, *irregular.get(word, [])]
    forms += [word[: -len(end)] + base for end, base in _ENDINGS if word.endswith(end)]
    return {number for form in forms for number in lemmas.get(form, ())}


def names_no_thing(word: str) -> bool:
    """True when WordNet knows `word` and none of its senses is something a picture could stage
    ("spite", "age", "miles", "herders"); False for things and for words WordNet does not know."""
    files = lexicographer_files(word)
    return bool(files) and files <= NO_THING
