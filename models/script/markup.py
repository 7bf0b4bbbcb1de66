"""Small text helpers shared by the script parsers: emphasis stripping, whitespace, word counts,
and the words that open a new scene by moving in time or place."""

from __future__ import annotations

import re
from functools import lru_cache

_TIME = r"(?:night|evening|morning|afternoon|dawn|dusk|day|week|winter|summer|spring|autumn|noon|midnight)"
# A paragraph that opens on a new time or place starts a new scene ("That night", "By the time
# the sun rose", "Back at the house", "Meanwhile").
SHIFT = re.compile(
    rf"^[\"“‘]?(?:(?:that|this|the\s+next|next|the\s+following|the\s+same|later\s+that)\s+{_TIME}\b"
    rf"|(?:dawn|dusk|night|morning|evening|midnight|noon|sunrise|sunset|later)\s*[.,;:—–]"  # "[Dawn. The depot doors roll up.]"
    rf"|(?:at|by|before|after|towards?|near|around|just\s+before|just\s+after|long\s+after|long\s+before|well\s+after"
    rf"|well\s+past|past)\s+(?:dawn|dusk|sunrise|sunset|nightfall"
    rf"|daybreak|first\s+light|midnight|noon|midday|mid-?morning|mid-?afternoon|dark|moonrise|moonset)\b"
    rf"|the\s+(?:first|second|third|last|next)\s+{_TIME}\b"
    rf"|the\s+sun\s+(?:was|had)\s+(?:going\s+down|setting|coming\s+up|rising|gone\s+down|set|risen)\b"
    rf"|(?:by|at)\s+the\s+time\b"
    rf"|(?:in|by)\s+the\s+(?:morning|evening|afternoon|night)\b"
    rf"|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|a\s+few|several|\d+)\s+"
    rf"(?:minutes?|hours?|days?|weeks?|months?|years?)\s+later\b"
    rf"|(?:when|as)\s+(?:the\s+)?(?:sun|night|morning|evening|dawn|darkness)\s+(?:rose|set|came|fell)\b"
    rf"|(?:meanwhile|elsewhere|later|hours\s+later|days\s+later|weeks\s+later|years\s+later|the\s+next\s+day|all\s+night)\b"
    rf"|back\s+(?:at|in|on|home)\b)",
    re.IGNORECASE,
)

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
