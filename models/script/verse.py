"""Slokas and poems: find verse in a script, keep its line breaks, and mark how it is spoken.

A chanted verse (`kind="chant"`) is one the script marks as chanted ("(chanting)", "recites")
or that is Sanskrit: transliterated mantra words ("Om sarve bhavantu sukhinah"), the double
danda ("||", "॥") or the Devanagari Om. It is split at its half-verse marks so each half gets
its breath, and its scene is Indian. A poem (`kind="verse"`) is a block of short lines, or a
speech cued as a poem or recitation; each of its lines becomes one line of the breakdown so
the pauses fall at the line ends.

Parsers keep verse line breaks as `VERSE_BREAK` (" / "), which `mark_verse` splits on.
"""

from __future__ import annotations

import re
import unicodedata

from models.breakdown import Line, Scene
from models.script.markup import squash

VERSE_BREAK = " / "
CHANT_CUE = re.compile(r"\b(?:chant\w*|recit\w*|intone\w*|prays?|praying|mantra|sloka|shloka)\b", re.IGNORECASE)
VERSE_CUE = re.compile(r"\b(?:poem|poetry|verse|recit\w*|reads? aloud|lyrical\w*)\b", re.IGNORECASE)

# Words of common mantras and slokas in the usual (ASCII or IAST) transliterations; words that
# are also English ("ma", "yo", "tat", "deva") only count next to the unmistakable ones.
SANSKRIT_WORDS = {
    "om", "aum", "namah", "namaha", "namo", "namas", "shivaya", "sivaya", "narayanaya", "vasudevaya",
    "bhagavate", "sarve", "bhavantu", "sukhinah", "sukhina", "santu", "niramayah", "niramaya",
    "bhadrani", "pashyantu", "pasyantu", "kaschid", "kashchid", "duhkha", "dukha", "bhag", "bhagbhavet",
    "bhavet", "shanti", "shantih", "santih", "bhur", "bhuvah", "bhuva", "svah", "swaha", "svaha",
    "savitur", "varenyam", "bhargo", "devasya", "dhimahi", "dhiyo", "prachodayat", "pracodayat",
    "asato", "sadgamaya", "tamaso", "jyotirgamaya", "mrityor", "mrtyor", "amritam", "amrtam",
    "gamaya", "vakratunda", "mahakaya", "suryakoti", "samaprabha", "nirvighnam", "kurume",
    "sarvakaryeshu", "sarvada", "gurur", "brahma", "vishnu", "vishnuh", "devo", "maheshwarah",
    "maheshvarah", "sakshat", "parabrahma", "tasmai", "shri", "sri", "guruve", "gurave",
    "hare", "krishna", "rama", "ganapataye", "gam", "hreem", "kleem", "aim", "mani", "padme", "hum",
    "tryambakam", "yajamahe", "sugandhim", "pushtivardhanam", "urvarukamiva", "bandhanan",
    "mukshiya", "mamritat", "karmanye", "vadhikaraste", "phaleshu", "kadachana", "yada", "dharmasya",
    "glanir", "bhavati", "bharata", "sahana", "vavatu", "bhunaktu", "viryam", "karavavahai",
    "tejasvi", "navadhitamastu", "vidvishavahai", "purnamadah", "purnamidam", "lokah", "samastah",
}  # fmt: skip
_POEM_CUE = re.compile(r"\b(?:poem|poetry|verse|rhyme)s?\b", re.IGNORECASE)
_ALSO_ENGLISH = {"ma", "yo", "tat", "deva", "sa", "ha", "na", "no", "mam", "hum", "aim", "gam", "mani", "rama", "hare"}
_DANDAS = re.compile(r"\|\||॥")
_HALF_VERSE = re.compile(r"\s*(?:\|\|?\s*\d*\s*\|?\|?|॥\s*[०-९\d]*\s*॥?|।)\s*")


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.findall(r"[a-z]+", folded)


def is_sanskrit(text: str) -> bool:
    """Transliterated or Devanagari sloka text: Om or a double danda, or mostly mantra words."""
    if "ॐ" in text or _DANDAS.search(text):
        return True
    words = _ascii_words(text)
    if not words:
        return False
    known = [w for w in words if w in SANSKRIT_WORDS]
    strong = [w for w in known if w not in _ALSO_ENGLISH]
    if words[0] in ("om", "aum") and len(strong) >= 2:
        return True
    return len(strong) >= 2 and len(known) >= 0.5 * len(words)


def keeps_line_breaks(text: str, parenthetical: str | None) -> bool:
    """Whether a multi-line speech is verse whose line breaks must survive parsing."""
    cue = parenthetical or ""
    return bool(CHANT_CUE.search(cue) or VERSE_CUE.search(cue) or is_sanskrit(text))


def join_lines(raw: str, parenthetical: str | None = None) -> str:
    """A speech's text on one line; verse keeps its line breaks as VERSE_BREAK."""
    lines = [squash(part) for part in raw.split("\n") if squash(part)]
    if len(lines) > 1 and keeps_line_breaks(raw, parenthetical):
        return VERSE_BREAK.join(lines)
    return squash(raw)


def looks_like_poem(lines: list[str]) -> bool:
    """A prose block of three or more short lines (at most nine words each) is a poem stanza."""
    return len(lines) >= 3 and all(0 < len(line.split()) <= 9 and len(line) <= 64 for line in lines)


def _pieces(text: str, chant: bool) -> list[str]:
    parts = text.split(VERSE_BREAK.strip()) if VERSE_BREAK in text else [text]
    if chant:
        parts = [p for part in parts for p in _HALF_VERSE.split(part)]
    parts = [squash(p.strip(" /|")) for p in parts]
    return [p for p in parts if re.search(r"\w", p)]


def _kind(line: Line) -> str:
    cue = line.parenthetical or ""
    if is_sanskrit(line.text):
        return "chant"
    if _POEM_CUE.search(cue):  # "(reciting a poem)": recited, but as a poem
        return "verse"
    if CHANT_CUE.search(cue):
        return "chant"
    if line.kind == "lyric":
        return "lyric"
    if VERSE_CUE.search(cue) or VERSE_BREAK in line.text:
        return "verse"
    return line.kind


def mark_verse(scenes: list[Scene]) -> bool:
    """Mark chanted and poem lines (splitting them at line and half-verse ends) in place.

    Returns True when any line is chanted; such a scene's culture is Indian.
    """
    chanted = False
    for scene in scenes:
        out: list[Line] = []
        for line in scene.lines:
            kind = _kind(line)
            if kind not in ("chant", "verse"):
                out.append(line)
                continue
            pieces = _pieces(line.text, kind == "chant") or [line.text]
            for n, piece in enumerate(pieces):
                out.append(
                    Line(
                        speaker=line.speaker,
                        text=piece,
                        parenthetical=line.parenthetical,
                        kind=kind,  # type: ignore[arg-type]
                        extension=line.extension,
                        dual=line.dual and n == 0,
                    )  # fmt: skip
                )
            if kind == "chant":
                chanted = True
                scene.culture = "indian"
        scene.lines = out
    return chanted
