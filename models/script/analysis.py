"""Scene and line analysis: mood and sentiment (vaderSentiment plus keywords), line emotion,
cultural context, time of day and location. Character attributes live in `characters`, and
are re-exported here so callers have one place to look.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from models.script import lexicon, wordnet
from models.script.characters import (  # re-exported: one place for all analysis
    band_for,
    describe_character,
    infer_age,
    infer_gender,
    infer_language,
    infer_wardrobe,
    introduction,
)
from models.script.nlp import english

__all__ = [
    "band_for", "count_words", "culture_scores", "describe_character", "detect_culture", "heading_time",
    "infer_age", "infer_gender", "infer_language", "infer_wardrobe", "introduction", "line_emotion",
    "mood_fits", "parse_heading", "scene_mood", "sentiment", "setting_from_words", "time_from_words",
]  # fmt: skip

MOODS = ("joyful", "calm", "tense", "sad", "mysterious")
EMOTIONS = ("neutral", "happy", "sad", "angry", "surprised", "afraid", "tender")
CULTURES = ("indian", "western", "middle_eastern", "east_asian", "african", "latin")


@cache
def _vader():  # type: ignore[no-untyped-def]
    # Imported lazily: the lexicon load is cheap but not free, and only analysis needs it.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


_VADER_WORDS = 1500  # vader's negation check is quadratic in a text's length


def sentiment(text: str) -> float:
    """vaderSentiment's compound score in [-1, 1]; a very long text is the mean of its pieces."""
    if not text.strip():
        return 0.0
    words = text.split()
    if len(words) <= _VADER_WORDS:
        return float(_vader().polarity_scores(text)["compound"])
    pieces = [" ".join(words[i : i + _VADER_WORDS]) for i in range(0, len(words), _VADER_WORDS)]
    return sum(float(_vader().polarity_scores(p)["compound"]) for p in pieces) / len(pieces)


@cache
def _phrase_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])", re.IGNORECASE)


def count_words(text: str, words: set[str]) -> int:
    """How many times any of `words` (or phrases) occurs in `text`, case-insensitively."""
    return len(_phrase_pattern(frozenset(words)).findall(text))


def scene_mood(text: str) -> tuple[str, float]:
    """(mood, compound) for a scene's text.

    Keywords say what kind of feeling it is (a funeral and a chase are both negative); the
    compound score says how strongly and rules out moods of the wrong sign.
    """
    compound = sentiment(text)
    score = {mood: float(count_words(text, words)) for mood, words in lexicon.MOOD_WORDS.items()}
    # Long mixed scenes drift positive, so sentiment alone makes "joyful" only when it is strong.
    if compound >= 0.8:
        score["joyful"] += 2
    elif compound >= 0.5:
        score["joyful"] += 1.5
    elif compound >= 0.2:
        score["joyful"] += 0.5
    if compound <= -0.5:
        score["tense"] += 1.5
        score["sad"] += 1.5
    elif compound <= -0.2:
        score["tense"] += 0.5
        score["sad"] += 0.5
    ranked = sorted(
        (m for m in ("tense", "sad", "mysterious", "joyful") if mood_fits(m, compound)), key=lambda m: -score[m]
    )
    if ranked and score[ranked[0]] >= 2:
        return ranked[0], compound
    return "calm", compound


def mood_fits(mood: str, compound: float) -> bool:
    """The sign rule: a mood of the wrong sign for the sentiment is ruled out (calm always fits)."""
    limits = {
        "joyful": compound >= 0.05,
        "tense": compound < 0.5,
        "sad": compound <= 0.3,
        "mysterious": compound < 0.8,
    }
    return limits.get(mood, True)


_LOVE = {"love", "dear", "darling", "sweetheart", "my child", "beta", "hold you", "miss you"}
_FEAR = {"afraid", "scared", "help", "please", "don't go", "run", "hide", "danger"}
_ANGER = {"hate", "how dare", "stop it", "get out", "leave me", "enough", "liar", "shut up"}


def line_emotion(text: str, parenthetical: str | None = None) -> str:
    """neutral|happy|sad|angry|surprised|afraid|tender: the parenthetical first (it is the
    author's direction), then the line's own words and sentiment."""
    if parenthetical:
        for emotion in ("angry", "afraid", "sad", "surprised", "happy", "tender"):
            if count_words(parenthetical, lexicon.EMOTION_CUES[emotion]):
                return emotion
    compound = sentiment(text)
    exclaims = "!" in text
    if re.search(r"\?!|!\?", text) or re.match(r"\W*(what|really|no way|oh my)\b.*[!?]", text, re.IGNORECASE):
        return "surprised"
    if count_words(text, _FEAR) and compound <= 0.1:
        return "afraid"
    if count_words(text, _ANGER) and (exclaims or compound < 0):
        return "angry"
    if compound <= -0.3:
        return "angry" if exclaims else "sad"
    if compound >= 0.3 and count_words(text, _LOVE):
        return "tender"
    if compound >= 0.5 or (exclaims and compound >= 0.2):
        return "happy"
    return "neutral"


def culture_scores(text: str) -> Counter[str]:
    return Counter({c: n for c, words in lexicon.CULTURE_WORDS.items() if (n := count_words(text, words))})


def detect_culture(text: str, default: str = "western", threshold: int = 1) -> str:
    """The culture whose words appear most (diyas, Varanasi -> indian), else `default`."""
    scores = culture_scores(text)
    if not scores:
        return default
    culture, hits = scores.most_common(1)[0]
    return culture if hits >= threshold else default


# Heading time words, most specific first: "EARLY MORNING" is dawn before "MORNING" is day.
_HEADING_TIMES = [
    ("dawn", ("EARLY MORNING", "DAWN", "SUNRISE", "DAYBREAK", "FIRST LIGHT")),
    ("night", ("MIDNIGHT", "NIGHT")),
    ("dusk", ("DUSK", "SUNSET", "EVENING", "TWILIGHT", "MAGIC HOUR", "SUNDOWN")),
    ("day", ("DAY", "MORNING", "NOON", "AFTERNOON", "MIDDAY")),
    ("previous", ("CONTINUOUS", "LATER", "SAME TIME", "SAME", "MOMENTS LATER", "CONT'D")),
]
_PREFIX = re.compile(r"^(INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\s*/\s*E|INT|EXT|EST)\.?\s*", re.IGNORECASE)


def heading_time(part: str) -> str | None:
    """dawn|day|dusk|night, "previous" for CONTINUOUS/LATER, or None if `part` has no time word."""
    upper = part.upper()
    for time, words in _HEADING_TIMES:
        if any(re.search(rf"\b{re.escape(w)}\b", upper) for w in words):
            return time
    return None


def parse_heading(heading: str) -> tuple[str, str | None, bool | None]:
    """ "INT. LIGHTHOUSE - LAMP ROOM - NIGHT" -> ("LIGHTHOUSE - LAMP ROOM", "night", True).

    The time is None when the heading names none and "previous" for CONTINUOUS/LATER.
    """
    heading = heading.strip()
    prefix = _PREFIX.match(heading)
    interior: bool | None = None
    if prefix:
        tag = re.sub(r"[\s.]", "", prefix.group(1)).upper()
        interior = True if tag == "INT" else False if tag in ("EXT", "EST") else None
        heading = heading[prefix.end() :]
    parts = [p.strip(" .") for p in re.split(r"\s+[-–—]+\s+|\s+--\s+", heading) if p.strip(" .")]
    time = heading_time(parts[-1]) if len(parts) > 1 else None
    if time is not None:
        parts = parts[:-1]
    return " - ".join(parts), time, interior


def time_from_words(text: str) -> str | None:
    """The time of day prose suggests ("moonlight", "dusk"), or None when it says nothing."""
    counts: dict[str, float] = {t: count_words(text, words) for t, words in lexicon.TIME_WORDS.items()}
    counts["day"] = counts["day"] * 0.5  # "one day" rarely means daylight
    best = max(counts, key=lambda t: counts[t])
    return best if counts[best] > 0 else None


_PLACE_MODIFIED = {
    "bell", "bells", "door", "doors", "wall", "walls", "roof", "steps", "window", "windows", "gate",
    "gates", "light", "lights", "keeper", "keepers", "owner", "cat", "dog", "key", "keys", "lamp",
}  # fmt: skip


# "a flat stone" is no flat: such a word is a place only before a preposition or the sentence's end.
_ALSO_ADJECTIVES = {"flat"}
_AFTER_PLACE = {"", "in", "on", "at", "above", "below", "where", "full", "with", "near", "by", "and", "was", "is"}


_QUOTED = re.compile(r"\"[^\"]{0,2000}\"|“[^”]{0,2000}”")


def _place_counts(text: str) -> Counter[str]:
    """Place nouns by weight: two per mention, four where a preposition puts someone there ("on
    the hillside", "at the edge of the marsh") rather than naming it in passing ("the village
    sheep"), one where someone only comes from it ("in from the patio")."""
    raw = re.findall(r"[a-zé]+(?:[-'’][a-zé]+)*|[,.;:!?]", text, re.IGNORECASE)
    tokens = [_POSSESSIVE.sub("", t.lower()) for t in raw]
    counts: Counter[str] = Counter()
    compound = False
    for i, word in enumerate(tokens):
        if word not in lexicon.PLACES:
            word = word.split("-")[-1]  # "the lamp-room": a room
        if word not in lexicon.PLACES and word[:-1] in lexicon.PLACES and word.endswith("s"):
            word = word[:-1]  # "down in the line rooms": one place, however many of it
        after = tokens[i + 1] if i + 1 < len(tokens) else "."
        if compound:  # the second word of "signal box", counted with the first
            compound = False
            continue
        if (
            after.isalpha()
            and f"{word} {after}" not in lexicon.PLACES
            and _setting_noun(f"{word} {after}", tokens[max(0, i - 3) : i])
        ):
            word, compound = f"{word} {after}", True  # a place WordNet knows by two words: "signal box"
            after = tokens[i + 2] if i + 2 < len(tokens) else "."
        elif word not in lexicon.PLACES and not _setting_noun(word, tokens[max(0, i - 3) : i]):
            continue
        if after in _PLACE_MODIFIED:
            continue  # "temple bells", "house door": a place noun as a modifier is not where we are
        if word in _ALSO_ADJECTIVES and not (after in _AFTER_PLACE or not after.isalpha()):
            continue
        before = tokens[max(0, i - 3) : i]
        if word in _BUILDING_PARTS and before[-1:] and before[-1] in _MATERIALS:
            continue  # "rain on the glass roof", "gulls on the tin roof": part of a building, not the setting
        # "on Emad el-Din Street": the street a named place is on, less likely where the scene is.
        named = i > 0 and raw[i][0].isupper() and any(c.isupper() for c in raw[i - 1])
        counts[word] += {"in": 4, "from": 1, None: 2}[None if named else _preposition(tokens, i)]
    return counts


# "her great-grandmother's kitchen": the owner is one more word before the place, like "her".
_POSSESSIVE = re.compile(r"['’]s$")
_SOURCES = {"from"}
# "The greenhouse behind the house", "the goat track behind the village": beside a place, not in it.
_BESIDE = {"behind", "beyond", "outside", "past"}


def _preposition(tokens: list[str], i: int) -> str | None:
    """ "in" when the nearest preposition before tokens[i] puts someone there, "from" when someone
    only comes from it, None when none does. "At the edge of the marsh", "in the shade of the
    boathouse": a part or a side of a place puts them at the place."""
    before = tokens[max(0, i - 3) : i]
    if not all(w[0].isalpha() for w in before[-2:]):
        return None  # a comma or a full stop between: "in the rain, the village"
    for offset, word in enumerate(reversed(before)):
        if word in _SOURCES:
            return "from"
        if word in _BESIDE:
            return None
        if word in _LOCATING:
            return "in"
        if word == "of":
            return _preposition(tokens, i - offset - 1)
    return None


_DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "your"}


def _setting_noun(word: str, before: list[str]) -> bool:
    """A noun the lexicon does not list but WordNet knows as somewhere to be ("cloister", "mine",
    "signal box"), named as a thing, after a determiner: "the mine", not "that one is mine"."""
    determined = before[-1:] and (before[-1] in _DETERMINERS or (before[-2:-1] and before[-2] in _DETERMINERS))
    return bool(determined) and before[-1].isalpha() and wordnet.names_a_place(word)


# "That night the workshop", "At half past eleven the laundromat": a time may come first.
_OPENING_TIME = r"(?:(?:at|by|on|in|before|after|early|late|just|long|one|that|this|next|every|each)\s+(?:[\w-]+,?\s+){0,3}?(?=the\b))?"
_OPENING_SUBJECT = re.compile(
    rf"\W*{_OPENING_TIME}(?:the|an?)\s+"
    r"(?:[\w'’-]+\s+){0,3}?([a-z]+)\b"
    r"(?=\s+(?:behind|on|in|at|by|near|of|was|were|is|stood|sat|lay|had|smelled|smelt)\b)",
    re.IGNORECASE,
)
# "The halt at Verkhnyaya Luka had one lamp", "The compound in Enugu was loud": what a story
# opens on at a named place is a setting, though no list knows the word.
_OPENING_AT_A_NAME = re.compile(
    rf"\W*(?i:{_OPENING_TIME}(?:the|an?)\s+)(?:[a-z'’-]+\s+)?([a-z]+)\s+(?:in|at|on|behind|below|near|outside)\s+[A-Z]"
)
_BUILDING_PARTS = {"roof", "rooftop"}
_MATERIALS = {
    "tin", "glass", "iron", "corrugated", "thatched", "tiled", "slate", "zinc", "metal", "wooden", "straw",
    "palm", "leaking", "leaky", "copper", "sagging",
}  # fmt: skip
_LOCATING = {
    "in", "into", "inside", "on", "onto", "at", "up", "across", "through", "near", "by", "beside",
    "along", "around",
}  # fmt: skip


def setting_from_words(
    text: str, named_places: list[str] | None = None, spoken: bool = True
) -> tuple[str, bool | None]:
    """(LOCATION, interior) for prose: the most frequent place noun, with a named place (a city
    found by the caller's NER) in front: "VARANASI - GHAT". Places the narration names come
    first: people talk of places they are not in ("Don't come home"). A place only spoken of
    counts only where `spoken`; a later scene has the place before it to fall back on."""
    narration = _QUOTED.sub(" ", text)
    counts = _place_counts(narration) or (_place_counts(text) if spoken else Counter())
    opening = _OPENING_SUBJECT.match(narration)
    if opening and opening.group(1).lower() in lexicon.PLACES:
        # The first sentence's subject is a place: "The greenhouse behind her house was older than the
        # house", "At half past eleven the Bright Suds laundromat was empty"; not "In a village ...".
        counts[opening.group(1).lower()] += 3
    elif (at_a_name := _OPENING_AT_A_NAME.match(narration)) and _could_be_a_set(at_a_name.group(1).lower()):
        counts[at_a_name.group(1).lower()] += 5  # as much as a known place the scene opens on
    noun = counts.most_common(1)[0][0] if counts else ""
    parts = list(dict.fromkeys(p for p in [(named_places or [""])[0].lower(), noun] if p))  # not "BASILICA - BASILICA"
    return " - ".join(parts).upper(), lexicon.PLACES.get(noun)


def _could_be_a_set(word: str) -> bool:
    """A noun WordNet knows that is not a person, a creature or a time: "The boy in Harry's
    class" and "The fish arrived at Villa María" open on no place."""
    files = wordnet.lexicographer_files(word)
    return bool(files) and word not in _NOT_SETTINGS and not files & {wordnet.PERSON, wordnet.ANIMAL, wordnet.TIME}


# A stage direction that opens on where we are: "A rainy bus shelter at night.", "[A barbershop
# in Accra.]", "A narrow hallway, late at night." The phrase's head noun is the place, known to
# the lexicon or not, so a setting nobody listed ("barbershop") is still named.
_ESTABLISHING = re.compile(
    r"^\W*(?:an?|the)\s+(?P<phrase>(?:(?!(?:for|of|to|from|and|or|with|as)\s)[\w'’-]+\s+){0,4}?[\w'’-]+)"
    r"(?=\s+(?:in|at|on|of|with|near|by|outside|inside|behind|beside|under|full|where|during|after|before|late|early"
    r"|somewhere|just)\b|\s*[,.;:—–]|\s*$)",
    re.IGNORECASE,
)


def establishing_place(text: str) -> tuple[str, bool | None] | None:
    """(PLACE, interior) when the text's first sentence is a verbless phrase naming a place;
    None for an ordinary sentence ("A fox trotted by.")."""
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0][:200]
    match = _ESTABLISHING.match(first)
    if not match:
        return None
    doc = english()(first)
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" and t.dep_ != "amod" for t in doc):
        # A sentence with a verb is action, not a setting, unless a known place opens it before a
        # description: "The distribution hall, a hangar where electric carts tow trolleys."
        clause = first.split(",")[0]
        if clause == first or "," not in first:
            return None
        opening = establishing_place(clause + ".")
        known = opening is not None and opening[0].split()[-1].lower() in lexicon.PLACES
        return opening if known else None
    words = match.group("phrase").lower().split()
    if len(words) > 1 and words[-1] == "again":  # "The shed again, long after dark."
        words = words[:-1]
    head = words[-1]
    if head in _NOT_SETTINGS or not re.fullmatch(r"[a-z][a-z'’-]+", head):
        return None  # "An old man, MR. PETROV,", "A long silence.", "The next morning, rain."
    # "A bare rehearsal room": the head with the noun that names its kind; adjectives drop. The
    # small tagger misreads some heads ("a shared flat" as an adverb), so the head is trusted.
    nouns = {t.text.lower() for t in doc if t.pos_ in ("NOUN", "PROPN")}
    kind = [w for w in words[:-1] if w in nouns and w not in _NOT_SETTINGS][-1:]
    within = _WITHIN.search(first[match.end() :])
    if head not in lexicon.PLACES and within and within.group("place").lower() in lexicon.PLACES:
        head, kind = within.group("place").lower(), []  # "A dining table in a suburban house."
    return " ".join([*kind, head]).upper(), lexicon.PLACES.get(head)


_WITHIN = re.compile(
    r"\b(?:in|at|inside|on|by|near|outside)\s+(?:the|an?|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?(?P<place>[A-Za-z]+)\b"
)


_NOT_SETTINGS = (
    lexicon.SPEAKER_NOUNS | lexicon.PERSON_NOUNS | lexicon.CREATURES | lexicon.PEOPLE_WORDS
    | lexicon.ABSTRACT_WORDS | {w for words in lexicon.TIME_WORDS.values() for w in words}
    # a part of a place is not the place: "The corner of a busy street."
    | {"wall", "floor", "ceiling", "corner", "side", "edge", "middle", "center", "centre", "front", "top",
       "bottom", "end", "distance", "way", "direction", "dark", "darkness", "shadow", "shadows", "shade"}
)  # fmt: skip
