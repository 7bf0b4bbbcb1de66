"""Put the recognizer's word times on the script's own words, so subtitles keep the script's text.

Both sides are normalised the same way as the word error rate (models/asr/wer.py) and aligned
with difflib over the whole film; a script word gets the times of the heard tokens matched to it.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from models.asr.wer import normalize
from models.voice.base import Timed


def _tokens(words: list[str]) -> tuple[list[str], list[int]]:
    """Normalised tokens and, for each, the index of the word it came from ("25" gives two tokens)."""
    tokens, owners = [], []
    for index, word in enumerate(words):
        for token in normalize(word).split():
            tokens.append(token)
            owners.append(index)
    return tokens, owners


def align_words(script_words: list[str], heard: list[Timed]) -> list[tuple[float, float] | None]:
    """For each script word, (start, end) in the heard audio's seconds, or None where it was not heard."""
    script_tokens, script_owner = _tokens(script_words)
    heard_tokens, heard_owner = _tokens([w.label for w in heard])
    times: list[tuple[float, float] | None] = [None] * len(script_words)
    matcher = SequenceMatcher(None, script_tokens, heard_tokens, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            word = script_owner[block.a + k]
            timed = heard[heard_owner[block.b + k]]
            known = times[word]
            times[word] = (timed.start, timed.end) if known is None else (min(known[0], timed.start),
                                                                          max(known[1], timed.end))  # fmt: skip
    return times
