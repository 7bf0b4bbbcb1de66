"""Small text helpers shared by the script parsers: emphasis stripping, whitespace, word counts,
and the words that open a new scene by moving in time or place."""

from __future__ import annotations

import re
from functools import lru_cache

from models.script import lexicon, wordnet

_TIME = r"(?:night|evening|morning|afternoon|dawn|dusk|day|week|winter|summer|spring|autumn|noon|midnight)"
# A paragraph that opens on a new time or place starts a new scene ("That night", "By the time
# the sun rose", "Back at the house", "Meanwhile").
SHIFT = re.compile(
    rf"^[\"“‘]?(?:(?:that|this|the\s+next|next|the\s+following|the\s+same|later\s+that)\s+{_TIME}\b"
    # "[Dawn. The depot doors roll up.]", "[Evening on the roof of the chawl.]"
    rf"|(?:dawn|dusk|night|morning|evening|midnight|noon|midday|sunrise|sunset|sundown|nightfall|daybreak|twilight"
    rf"|first\s+light|later)(?:\s*[.,;:—–]|\s+(?:on|at|in)\s+the\b)"
    # A clock time: "At ten the statue swayed out", "At half past eleven the laundromat was empty".
    rf"|at\s+(?:half\s+past\s+|(?:a\s+)?quarter\s+(?:past|to)\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten"
    rf"|eleven|twelve|\d{{1,2}})(?:\s+o['’]clock|[:.]\d\d)?\s+(?:the|that|in\s+the)\b"
    rf"|(?:at|by|before|after|towards?|near|around|just\s+before|just\s+after|long\s+after|long\s+before|well\s+after"
    rf"|well\s+past|past|under)\s+(?:dawn|dusk|sunrise|sunset|nightfall|lamplighting"
    rf"|daybreak|first\s+light|midnight|noon|midday|mid-?morning|mid-?afternoon|dark|moonrise|moonset|the\s+(?:stars|moon)\b)\b"
    # The hour told by a bell, a siren or a prayer call, or by the shadows: "When the bell rang for
    # vespers", "The noon siren was still wailing", "As the shadows of the palms stretched long".
    rf"|(?:when|as)\s+the\s+(?:[\w-]+\s+){{0,2}}?(?:bells?|siren|whistle|hooter|gong|conch|muezzin|call\s+to\s+prayer)\b"
    rf"|the\s+(?:dawn|noon|midday|evening|night|midnight)\s+(?:siren|bells?|whistle|hooter|prayers?|call|chorus)\b"
    rf"|(?:as|when)\s+the\s+shadows\b"
    # A new place: "Inside the chapel, by the light of two candles", "Deep in the fourth level, where".
    rf"|(?:inside|outside|deep\s+in|deep\s+inside|down\s+in|high\s+in|out\s+on)\s+the\s+(?:[\w'’-]+\s+){{0,2}}?"
    rf"(?!(?:window|windows|door|doors|gate|glass|curtains?|walls?)\s*,)[\w'’-]+\s*,"  # not "Outside the window,""
    # A return or an occasion: "[The shed again, long after dark.]", "[Race day at the festival.]"
    rf"|the\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+again\s*[.,;:—–]|(?:[\w'’-]+\s+)?day\s+(?:at|in|on)\s+the\b"
    rf"|the\s+(?:first|second|third|last|next)\s+{_TIME}\b"
    rf"|the\s+sun\s+(?:was|had)\s+(?:going\s+down|setting|coming\s+up|rising|gone\s+down|set|risen)\b"
    rf"|(?:by|at)\s+the\s+time\b"
    rf"|(?:in|by)\s+the\s+(?:morning|evening|afternoon|night)\b"
    rf"|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|a\s+few|several|\d+)\s+"
    rf"(?:minutes?|hours?|days?|weeks?|months?|years?|{_TIME}s?)\s+later\b"
    rf"|(?:when|as)\s+(?:the\s+)?(?:sun|night|morning|evening|dawn|darkness)\s+(?:rose|set|came|fell)\b"
    rf"|(?:when|as|by\s+the\s+time)\s+the\s+sky\b"  # "When the sky over the river turned grey"
    rf"|the\s+sun\s+(?:was|is)\s+(?:barely|just|hardly|only\s+just)\s+(?:up|clear|above)\b"
    rf"|(?:late|early)\s+(?:that|this|the\s+next|next|the\s+following)\s+{_TIME}\b"  # "Late that night, the courtyard"
    rf"|on\s+(?:the\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"  # "On Sunday the pews were full"
    rf"|the\s+same\s+[\w'’-]+(?:\s+[\w'’-]+)?\s*,"  # "[The same room, hours later.]"
    rf"|(?:meanwhile|elsewhere|later|hours\s+later|days\s+later|weeks\s+later|years\s+later|the\s+next\s+day|all\s+night)\b"
    rf"|back\s+(?:at|in|on|home)\b"
    rf"|(?:down|up|out|over)\s+(?:at|by|on|in)\s+the\s+[\w'’-]+\s*,)",  # "Down at the river, the water had shrunk"
    re.IGNORECASE,
)

# A first clause that names the hour the story has moved to, not at its start: "The washerwoman
# came up the mule track at dawn"; or a first sentence that arrives somewhere: "They reached the marani at the hottest hour".
_MOVED_TO = re.compile(
    # "It was past midnight when they reached the floe edge", "It was evening when ..."
    r"^\W*(?:I|we|he|she|they)\s+woke\b"  # "I woke to the call to prayer": a new day
    r"|^\W*it\s+was\s+(?:already\s+|nearly\s+|almost\s+|just\s+|well\s+|long\s+)?(?:past\s+|after\s+)?"
    r"(?:midnight|dawn|dusk|noon|midday|night|evening|morning|afternoon|sunset|sunrise)\b"
    r"|\b(?:at|by|towards?|just\s+before|just\s+after)\s+(?:dawn|dusk|sunrise|sunset|nightfall|daybreak|first\s+light"
    r"|midnight)\b|\b(?:that|the\s+next|next|the\s+following)\s+(?:night|evening|morning|afternoon)\b"
    # the lamps coming on, the shadows creeping: "found them at the band club just as the street lamps flickered on"
    r"|\blamps\s+(?:flickered|came|blinked)\s+on\b|\bshadows?\s+(?:of\s+the\s+[\w-]+\s+)?(?:crept|stretched|lengthened|reached)\b",
    re.IGNORECASE,
)
# "In Naja's kitchen the wet boots steamed": someone's place, where the story goes next.
_SOMEONES_PLACE = re.compile(
    r"(?:[Ii]n|[Aa]t|[Ii]nside|[Bb]ack\s+in|[Bb]ack\s+at)\s+[A-Z][\w'’-]*['’]s\s+(?P<place>[a-z-]+)\b"
)
_ARRIVES = re.compile(
    r"(?:[\w'’-]+\s+){1,4}?(?:reached|arrived\s+at|arrived\s+in|came\s+out\s+onto)\s+the\s+"
    r"(?!(?:door|gate|top|bottom|end|edge|foot|head|front|back|window|table|bed|counter|corner)\b)",
    re.IGNORECASE,
)


def moves_on(paragraph: str) -> bool:
    """Whether a prose paragraph opens a new scene: it opens on a new time or place (SHIFT), or it
    is narration whose first sentence names the hour it has moved to or arrives somewhere."""
    if SHIFT.match(paragraph):
        return True
    if paragraph.lstrip().startswith(('"', "“", "‘")):
        return False
    first = next(iter(_sentences(paragraph)), "")
    # Only the first clause: "The wolf slunk off, and when the mother came home at dusk" ends a scene.
    if _MOVED_TO.search(re.split(r"[,;:—–]", first)[0]) or _ARRIVES.match(first):
        return True
    someones = _SOMEONES_PLACE.match(first.lstrip())
    place = someones.group("place") if someones else ""
    return bool(place) and (place in lexicon.PLACES or wordnet.names_a_place(place))


# Escaped markers are swapped for private-use characters so the emphasis patterns skip them.
_ESCAPES = {"\\*": "\ue000", "\\_": "\ue001"}
_UNESCAPES = {"\ue000": "*", "\ue001": "_"}

# Emphasis never spans lines and needs non-space next to both markers ("*  flying*" is literal).
_EMPHASIS = [
    re.compile(r"\*\*\*(?=\S)([^\n]+?)(?<=\S)\*\*\*"),
    re.compile(r"\*\*(?=\S)([^\n]+?)(?<=\S)\*\*"),
    re.compile(r"\*(?=\S)([^\n]+?)(?<=\S)\*"),
    re.compile(r"(?<![\w])_(?=\S)([^\n]+?)(?<=\S)_(?![\w])"),
]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def strip_emphasis(text: str) -> str:
    """Remove Fountain/Markdown emphasis (*italic*, **bold**, ***both***, _underline_) and
    turn escapes (\\*, \\_) into the literal characters."""
    for escaped, token in _ESCAPES.items():
        text = text.replace(escaped, token)
    # Repeat so nested emphasis ("_**both**_") unwraps fully.
    for _ in range(3):
        before = text
        for pattern in _EMPHASIS:
            text = pattern.sub(r"\1", text)
        if text == before:
            break
    for token, literal in _UNESCAPES.items():
        text = text.replace(token, literal)
    return text


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) into single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    """The words of `text`, apostrophes kept inside words ("don't" is one word)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def sentences(text: str) -> list[str]:
    """Split prose into sentences; honorifics such as "Mrs." do not end a sentence."""
    return list(_sentences(text))


@lru_cache(maxsize=4096)  # character analysis re-reads the same passages once per name
def _sentences(text: str) -> tuple[str, ...]:
    text = squash(text)
    if not text:
        return ()
    guarded = re.sub(r"\b(Mr|Mrs|Ms|Dr|St|Sr|Jr|Prof)\.", "\\1\ue002", text, flags=re.IGNORECASE)  # "MR." in cues too
    parts: list[str] = []
    start = 0
    # A stop (and any closing quote) followed by a capitalised start ends a sentence.
    for match in re.finditer(r"[.!?…][\"”’)]*(?=\s+[\"“‘(]*[A-Z0-9])", guarded):
        parts.append(guarded[start : match.end()])
        start = match.end()
    parts.append(guarded[start:])
    return tuple(p.replace("\ue002", ".").strip() for p in parts if p.strip())
