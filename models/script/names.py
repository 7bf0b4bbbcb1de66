"""A first name's usual gender, from gender-guesser's name list (about 40,000 first names from
many countries, inside the wheel; GPL-3.0). Used only when the script's own words (roles,
titles, pronouns) say nothing, and the breakdown records that the name decided."""

from __future__ import annotations

from functools import cache
from typing import Any

from models.breakdown import Gender
from models.script import lexicon

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "captain", "nurse", "king", "queen", "old", "young",
           "little", "big", "mama", "papa", "uncle", "aunt", "granny", "grandpa", "detective", "ensign",
           "commander", "inspector", "professor", "prof", "officer", "sergeant", "master", "madam"}  # fmt: skip


@cache
def _detector() -> Any:
    import gender_guesser.detector as detector  # the name list loads in about a second

    return detector.Detector(case_sensitive=False)


def gender_from_name(name: str) -> Gender:
    """ "male"/"female" when the first name (titles skipped) is usually one; else "unknown"."""
    words = [w.strip(".,'’") for w in name.split()]
    words = [w for w in words if w and w.lower() not in _TITLES]
    if not words or words[0].lower() in lexicon.SPEAKER_NOUNS:
        return "unknown"
    try:
        guess = _detector().get_gender(words[0].capitalize())
    except ImportError:
        return "unknown"  # the package is a listed dependency; without it the text alone decides
    if guess in ("male", "mostly_male"):
        return "male"
    if guess in ("female", "mostly_female"):
        return "female"
    return "unknown"
