"""A first name's usual gender, from gender-guesser's name list (about 40,000 first names from
many countries, inside the wheel; GPL-3.0). Used only when the script's own words (roles,
titles, pronouns) say nothing, and the breakdown records that the name decided."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from models.breakdown import Gender
from models.script import lexicon

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "captain", "nurse", "king", "queen", "old", "young",
           "little", "big", "mama", "papa", "uncle", "aunt", "granny", "grandpa", "detective", "ensign",
           "commander", "inspector", "professor", "prof", "officer", "sergeant", "master", "madam",
           "don", "doña", "dona", "señor", "señora", "senor", "senora", "senhor", "senhora", "signor",
           "signora", "herr", "frau", "monsieur", "madame", "mademoiselle", "mister", "dame"}  # fmt: skip


def _unaccented(word: str) -> str:
    """ "Thảo" -> "Thao", "Zoë" -> "Zoe"; letters without a Latin base ("ı") stay."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@cache
def _detector() -> Any:
    import gender_guesser.detector as detector  # the name list loads in about a second

    return detector.Detector(case_sensitive=False)


def gender_from_name(name: str, strict: bool = False) -> Gender:
    """ "male"/"female" when the first name (titles skipped) is usually one; else "unknown".
    `strict`: only names the list gives as always one gender (not "mostly")."""
    words = [w.strip(".,'’") for w in name.split()]
    words = [w for w in words if w and w.lower() not in _TITLES | lexicon.FEMALE_TITLES | lexicon.MALE_TITLES]
    if not words or words[0].lower() in lexicon.SPEAKER_NOUNS:
        return "unknown"
    try:
        guess = _detector().get_gender(words[0].capitalize())
        if guess == "unknown":  # the list spells most names without accents: "Thảo" as "Thao"
            guess = _detector().get_gender(_unaccented(words[0]).capitalize())
    except ImportError:
        return "unknown"  # the package is a listed dependency; without it the text alone decides
    if guess == "male" or (guess == "mostly_male" and not strict):
        return "male"
    if guess == "female" or (guess == "mostly_female" and not strict):
        return "female"
    return "unknown"
