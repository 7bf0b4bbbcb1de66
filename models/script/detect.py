"""Which of the three script formats a text is written in."""

from __future__ import annotations

import re

from models.breakdown import ScriptFormat
from models.script.dialogue import DIRECTION, SCENE_MARKER, SEPARATOR, speaker_match
from models.script.fountain import TITLE_KEYS, character_cue
from models.script.limits import pairs, remove_pairs

_HEADING = re.compile(r"^\s*(?:\.[A-Za-z]|(?:INT\.?/EXT|INT/EXT|I/E|INT|EXT|EST)[.\s])", re.IGNORECASE)
_TRANSITION = re.compile(r"^\s*(?:[A-Z ]+TO:|>[^<]+)\s*$")
_BONEYARD = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_MARKUP = re.compile(r"/\*|\*/|^\s*={3,}\s*$|^\s*~\S|^\s*@\S", re.MULTILINE)


def detect_format(text: str) -> ScriptFormat:
    """ "dialogue" when most lines are `NAME: line`; "fountain" when there are screenplay
    headings, a title page or character cues; otherwise "prose"."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Commented-out material says nothing about the format of what is left, except that
    # notes and boneyard are Fountain.
    # Notes are found by a one-pass scan: a lazy `\[\[.*?\]\]` rescans from every unclosed `[[`.
    visible = remove_pairs(_BONEYARD.sub("", text), "[[", "]]")
    if not visible.strip() and text.strip():
        return "fountain"
    lines = visible.split("\n")
    if _is_dialogue(lines):
        return "dialogue"
    if _fountain_score(lines) + 0.5 * min(_markup_count(text), 2) >= 2:
        return "fountain"
    return "prose"


def _markup_count(text: str) -> int:
    notes = sum(1 for _ in zip(range(2), pairs(text, "[[", "]]")))
    return notes + len(_MARKUP.findall(text))


def _is_dialogue(lines: list[str]) -> bool:
    content = [
        line.strip() for line in lines
        if line.strip() and not SEPARATOR.match(line) and not SCENE_MARKER.match(line) and not DIRECTION.match(line)
    ]  # fmt: skip
    speeches = [line for line in content if speaker_match(line)]
    return len(speeches) >= 2 and len(speeches) >= 0.6 * len(content)


def _fountain_score(lines: list[str]) -> float:
    score = 0.0
    first = next((line for line in lines if line.strip()), "")
    key = re.match(r"^([A-Za-z][A-Za-z ]{0,30}):", first)
    if key and key.group(1).strip().lower() in TITLE_KEYS:
        score += 2
    cues = 0
    for i, line in enumerate(lines):
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_text = i + 1 < len(lines) and bool(lines[i + 1].strip())
        if not line.strip() or not prev_blank:
            continue
        if _HEADING.match(line):
            score += 2
        elif _TRANSITION.match(line) and not next_text:
            score += 1
        elif next_text and not SCENE_MARKER.match(line) and character_cue(line):
            cues += 1
    return score + min(cues, 4)
