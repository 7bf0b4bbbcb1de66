"""Bounds that keep script understanding linear in the size of the script.

A script is at most 200,000 bytes (studio.settings.MAX_SCRIPT_BYTES, checked before parsing),
but even a script that size can make quadratic work explode: thousands of unclosed `[[` note
openers scanned by a lazy regex, a scene of a hundred thousand words scored by vaderSentiment,
thousands of speakers each described from every passage. These helpers scan in one pass, and
the caps turn what no film could show into a one-line `ScriptError`.
"""

from __future__ import annotations

from collections.abc import Iterator

from models.errors import ScriptError

MAX_SPEAKERS = 100  # distinct speaking characters in one film
MAX_SCENES = 300
MAX_LINES = 5000  # spoken lines in one film
SPACY_PARAGRAPH_CHARS = 5000  # names are found in the first 5,000 characters of a paragraph
SPACY_TOTAL_CHARS = 120_000  # and in the first 120,000 characters of the story
OBJECT_SCENE_CHARS = 3000  # objects are read from the first 3,000 characters of a scene
OBJECT_TOTAL_CHARS = 60_000  # and of the first 60,000 characters of the film
_LONG_RUN = 40  # spaCy's suffix search is quadratic in a token's length


def for_spacy(text: str) -> str:
    """`text` with runs of over 40 non-space characters cut to 40: no word is longer, and
    spaCy's tokenizer slows quadratically on a "word" of 5,000 quote marks."""
    pieces: list[str] = []
    run = 0
    for char in text:
        if char.isspace():
            run = 0
        else:
            run += 1
            if run > _LONG_RUN:
                continue
        pieces.append(char)
    return "".join(pieces)


def pairs(text: str, opener: str, closer: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each `opener … closer` span, shortest match first, like the lazy regex
    `opener.*?closer` with DOTALL, but in one pass: once no closer is left, no later opener can
    close, so the scan stops instead of retrying from every opener."""
    position = 0
    while True:
        start = text.find(opener, position)
        if start < 0:
            return
        end = text.find(closer, start + len(opener))
        if end < 0:
            return
        yield start, end + len(closer)
        position = end + len(closer)


def remove_pairs(text: str, opener: str, closer: str) -> str:
    """`text` without its `opener … closer` spans."""
    pieces: list[str] = []
    last = 0
    for start, end in pairs(text, opener, closer):
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def check_size(speakers: int, scenes: int, lines: int) -> None:
    """A one-line ScriptError when the parsed script is beyond what one film can hold."""
    if speakers > MAX_SPEAKERS:
        raise ScriptError(f"The script has {speakers:,} different speakers; a film can cast at most {MAX_SPEAKERS}.")
    if scenes > MAX_SCENES:
        raise ScriptError(f"The script has {scenes:,} scenes; a film can hold at most {MAX_SCENES}.")
    if lines > MAX_LINES:
        raise ScriptError(f"The script has {lines:,} spoken lines; a film can hold at most {MAX_LINES:,}.")
