"""Text hygiene before any engine sees a line: strip control characters, refuse unspeakable text."""

from __future__ import annotations

import unicodedata

# Zero-width (non-)joiners are format characters that change how Devanagari and other Indic
# scripts are spelled, so they survive the format-character purge.
_KEEP_FORMAT = {"\u200c", "\u200d"}


def _pictograph(char: str) -> bool:
    # Emoji, dingbats and arrows would be read out by name ("slightly smiling face"); symbols
    # below U+2190 (degree, copyright, currency) are still spoken as words.
    return (unicodedata.category(char) in ("So", "Sk") and ord(char) >= 0x2190) or 0xFE00 <= ord(char) <= 0xFE0F


def _speakable(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def clean_text(text: str) -> str:
    """Return `text` NFC-normalised on one line without control characters.

    Raises ValueError when nothing in it can be spoken (empty, whitespace, emoji, punctuation).
    """
    if not isinstance(text, str):
        raise TypeError(f"Text to speak must be a string, not {type(text).__name__}.")
    text = unicodedata.normalize("NFC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and char not in _KEEP_FORMAT):
            continue
        elif _pictograph(char):
            kept.append(" ")
        else:
            kept.append(char)
    cleaned = " ".join("".join(kept).split())
    if not any(_speakable(char) for char in cleaned):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValueError(f"Nothing speakable in {shown!r}: the line needs letters or digits.")
    return cleaned


def tokens(text: str) -> list[str]:
    """The written words of `text` (split on spaces, edge punctuation removed, empty ones dropped)."""
    words = []
    for token in text.split():
        # Edges are trimmed by category, not with \w: Devanagari vowel signs are marks (M*).
        start, end = 0, len(token)
        while start < end and unicodedata.category(token[start])[0] in "PSZ":
            start += 1
        while end > start and unicodedata.category(token[end - 1])[0] in "PSZ":
            end -= 1
        word = token[start:end]
        if any(_speakable(char) for char in word):
            words.append(word)
    return words


def to_ascii(text: str, speaker: str) -> str:
    """`text` with accents folded away ("café" -> "cafe") for engines whose front end is English
    and byte-based; ValueError naming `speaker` when no Latin letter is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    try:
        return clean_text(folded)
    except ValueError:
        raise ValueError(f"{speaker} speaks English only; nothing in {text[:40]!r} is in the Latin alphabet.") from None
