"""A parser for the Fountain screenplay format (https://fountain.io/syntax).

`parse_fountain(text)` returns a `FountainDocument`: the title page as a dict and a flat list of
typed `Element`s in script order. Element `text` is plain (emphasis and markup removed); `raw`
keeps the source. Notes and boneyard become their own elements so nothing is silently lost,
but they, sections, synopses and the title page are never spoken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from models.script.limits import pairs
from models.script.markup import strip_emphasis

ElementType = Literal[
    "scene_heading",
    "action",
    "character",
    "parenthetical",
    "dialogue",
    "lyrics",
    "transition",
    "centered",
    "section",
    "synopsis",
    "note",
    "boneyard",
    "page_break",
]


@dataclass
class Element:
    type: ElementType
    text: str  # plain text: markers, emphasis and inline notes removed
    raw: str = ""  # the source line(s) as written (after notes/boneyard were lifted out)
    scene_number: str | None = None  # "#1A#" on a scene heading -> "1A"
    depth: int = 0  # section level: "#" -> 1, "##" -> 2
    name: str | None = None  # character: the name without extensions, "^" or "@"
    extensions: list[str] = field(default_factory=list)  # "MAYA (V.O.) (CONT'D)" -> ["V.O.", "CONT'D"]
    dual: bool = False  # the second speaker of a dual-dialogue pair ("^"), and its lines
    forced: bool = False  # written with a forcing prefix (. ! @ >)


@dataclass
class FountainDocument:
    # Lower-cased keys ("title", "draft date"); plain values, continuation lines joined by "\n".
    title_page: dict[str, str]
    elements: list[Element]

    def of_type(self, kind: ElementType) -> list[Element]:
        return [e for e in self.elements if e.type == kind]


TITLE_KEYS = {
    "title", "credit", "author", "authors", "source", "draft date", "date", "contact",
    "copyright", "notes", "revision", "episode", "series",
}  # fmt: skip

_HEADING = re.compile(r"^(?:INT\.?/EXT|EXT\.?/INT|I/E|INT|EXT|EST)(?:\.|\s)", re.IGNORECASE)
_SCENE_NUMBER = re.compile(r"\s+#([\w.\-]+)#\s*$")
_TITLE_KEY = re.compile(r"^([A-Za-z][A-Za-z ]{0,30}):(.*)$")
_PAGE_BREAK = re.compile(r"^={3,}$")
# Common transitions that do not end in "TO:" but are written as transitions anyway.
_EXTRA_TRANSITIONS = {"FADE IN:", "FADE OUT.", "FADE TO BLACK.", "CUT TO BLACK.", "THE END."}

# Lifted-out notes and boneyard leave a marker so element order and line structure survive.
_MARKER = re.compile("\ue010([NB])(\\d+)\ue011")


def parse_fountain(text: str) -> FountainDocument:
    """Parse a whole Fountain document; never raises on odd input (unknown lines are action)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    stash: dict[str, list[str]] = {"N": [], "B": []}
    text = _lift(text, re.compile(r"/\*(.*?)(?:\*/|\Z)", re.DOTALL), "B", stash)
    text = _lift_notes(text, stash)
    lines = text.split("\n")
    title_page, start = _title_page(lines)
    elements = _Body(lines[start:], stash).parse()
    return FountainDocument(title_page=title_page, elements=elements)


def _lift(text: str, pattern: re.Pattern[str], tag: str, stash: dict[str, list[str]]) -> str:
    def replace(match: re.Match[str]) -> str:
        stash[tag].append(match.group(1).strip())
        return f"\ue010{tag}{len(stash[tag]) - 1}\ue011"

    return pattern.sub(replace, text)


def _lift_notes(text: str, stash: dict[str, list[str]]) -> str:
    """`[[notes]]` lifted in one pass (a lazy regex rescans from every unclosed `[[`)."""
    pieces: list[str] = []
    last = 0
    for start, end in pairs(text, "[[", "]]"):
        stash["N"].append(text[start + 2 : end - 2].strip())
        pieces.append(f"{text[last:start]}\ue010N{len(stash['N']) - 1}\ue011")
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _title_page(lines: list[str]) -> tuple[dict[str, str], int]:
    """The leading `Key: value` block, if it is one (it must name at least one known key)."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    page: dict[str, str] = {}
    key: str | None = None
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        match = _TITLE_KEY.match(line)
        if match and not line[0].isspace():
            key = match.group(1).strip().lower()
            value = strip_emphasis(_MARKER.sub("", match.group(2))).strip()
            page[key] = value
        elif key is not None and (line.startswith("   ") or line.startswith("\t")):
            continuation = strip_emphasis(_MARKER.sub("", line)).strip()
            page[key] = f"{page[key]}\n{continuation}" if page[key] else continuation
        else:
            return {}, 0
        i += 1
    if not TITLE_KEYS & page.keys():
        return {}, 0
    return page, i


def _is_blank(line: str) -> bool:
    return not line.strip()


def character_cue(line: str, forced: bool = False) -> tuple[str, list[str], bool] | None:
    """Split "MAYA (V.O.) ^" into name, extensions and dual flag, if the line is a valid cue.

    Extensions may be any case ("HANS (on the radio)"); the name must be upper case unless the
    cue was forced with "@".
    """
    cue = line.strip()
    dual = cue.endswith("^")
    if dual:
        cue = cue[:-1].rstrip()
    paren = cue.find("(")
    name = (cue[:paren] if paren >= 0 else cue).strip()
    if not name or not any(c.isalpha() for c in name) or name.endswith(":"):
        return None
    if not forced and name != name.upper():
        return None
    tail = cue[paren:] if paren >= 0 else ""
    if re.sub(r"\([^)]*\)", "", tail).strip():
        return None  # words after the extensions: not a cue
    return name, [e.strip() for e in re.findall(r"\(([^)]*)\)", tail)], dual


class _Body:
    """Line-by-line state machine over the script body (everything after the title page)."""

    def __init__(self, lines: list[str], stash: dict[str, list[str]]) -> None:
        self.lines = lines
        self.stash = stash
        self.out: list[Element] = []

    def parse(self) -> list[Element]:
        i, prev_blank = 0, True
        while i < len(self.lines):
            line = self.lines[i]
            if _is_blank(line):
                prev_blank, i = True, i + 1
                continue
            if self._markers_only(line):
                self._emit_markers(line)
                i += 1  # notes and boneyard are transparent: prev_blank stays as it was
                continue
            i = self._line(i, prev_blank)
            prev_blank = False
        return self.out

    # -- helpers -------------------------------------------------------------------------------

    def _markers_only(self, line: str) -> bool:
        return bool(_MARKER.search(line)) and not _MARKER.sub("", line).strip()

    def _emit_markers(self, raw: str) -> None:
        for tag, index in _MARKER.findall(raw):
            content = self.stash[tag][int(index)]
            kind: ElementType = "note" if tag == "N" else "boneyard"
            self.out.append(Element(kind, content, raw=content))

    def _add(self, kind: ElementType, raw: str, body: str | None = None, **extra: object) -> Element:
        """Append an element; inline notes/boneyard in `raw` follow it as their own elements."""
        source = raw if body is None else body
        plain = strip_emphasis(_MARKER.sub("", source))
        plain = "\n".join(re.sub(r"[ \t]{2,}", " ", part).strip() for part in plain.split("\n"))
        element = Element(kind, plain.strip("\n"), raw=_MARKER.sub("", raw), **extra)  # type: ignore[arg-type]
        self.out.append(element)
        self._emit_markers(raw)
        return element

    def _next_blank(self, i: int) -> bool:
        j = i + 1
        while j < len(self.lines) and self._markers_only(self.lines[j]):
            j += 1
        return j >= len(self.lines) or _is_blank(self.lines[j])

    # -- one line (or a block starting at it) --------------------------------------------------

    def _line(self, i: int, prev_blank: bool) -> int:
        line = self.lines[i]
        stripped = _MARKER.sub("", line).strip()
        if _PAGE_BREAK.match(stripped):
            self._add("page_break", line, "")
        elif stripped.startswith("!"):
            return self._action(i, forced=True)
        elif stripped.startswith("@"):
            cue = None if self._next_blank(i) else character_cue(stripped[1:], forced=True)
            if cue is None:
                return self._action(i)
            return self._dialogue(i, cue, forced=True)
        elif stripped.startswith("~"):
            self._add("lyrics", line, stripped[1:].strip())
        elif stripped.startswith("#"):
            depth = len(stripped) - len(stripped.lstrip("#"))
            self._add("section", line, stripped[depth:].strip(), depth=depth)
        elif stripped.startswith("="):
            self._add("synopsis", line, stripped[1:].strip())
        elif stripped.startswith(">") and stripped.endswith("<"):
            self._add("centered", line, stripped[1:-1].strip())
        elif stripped.startswith(">"):
            self._add("transition", line, stripped[1:].strip(), forced=True)
        elif stripped.startswith(".") and not stripped.startswith(".."):
            self._heading(line, stripped[1:].strip(), forced=True)
        elif prev_blank and _HEADING.match(stripped):
            self._heading(line, stripped)
        elif prev_blank and self._next_blank(i) and self._is_transition(stripped):
            self._add("transition", line, stripped)
        elif prev_blank and not self._next_blank(i) and (cue := character_cue(stripped)):
            return self._dialogue(i, cue)
        else:
            return self._action(i)
        return i + 1

    def _is_transition(self, stripped: str) -> bool:
        plain = _MARKER.sub("", stripped)
        return plain == plain.upper() and (plain.endswith("TO:") or plain in _EXTRA_TRANSITIONS)

    def _heading(self, raw: str, body: str, forced: bool = False) -> None:
        number = _SCENE_NUMBER.search(body)
        if number:
            body = body[: number.start()]
        self._add("scene_heading", raw, body, scene_number=number.group(1) if number else None, forced=forced)

    def _action(self, i: int, forced: bool = False) -> int:
        """Consecutive non-blank lines form one action paragraph; line-level elements end it."""
        raw_lines: list[str] = []
        j = i
        while j < len(self.lines) and not _is_blank(self.lines[j]):
            stripped = _MARKER.sub("", self.lines[j]).strip()
            if j > i and stripped[:1] in ("~", "#", "=", ">"):
                break
            raw_lines.append(self.lines[j].rstrip())
            j += 1
        raw = "\n".join(raw_lines)
        body = raw.replace("!", "", 1) if forced else raw
        self._add("action", raw, body, forced=forced)
        return j

    def _dialogue(self, i: int, cue: tuple[str, list[str], bool], forced: bool = False) -> int:
        name, extensions, dual = cue
        self._add("character", self.lines[i], name, name=name, extensions=extensions, dual=dual, forced=forced)
        j = i + 1
        speech: list[str] = []

        def flush() -> None:
            if speech:
                self._add("dialogue", "\n".join(speech), dual=dual)
                speech.clear()

        # Dialogue runs to the next blank line; a line of just spaces ("  ") keeps it going.
        while j < len(self.lines) and (self.lines[j].strip() or self.lines[j].startswith("  ")):
            line = self.lines[j]
            stripped = _MARKER.sub("", line).strip()
            if self._markers_only(line):
                flush()
                self._emit_markers(line)
            elif stripped.startswith("(") and stripped.endswith(")"):
                flush()
                self._add("parenthetical", line, stripped[1:-1].strip(), dual=dual)
            elif stripped.startswith("~"):
                flush()
                self._add("lyrics", line, stripped[1:].strip(), dual=dual)
            else:
                speech.append(line.strip())  # a "  " line keeps a blank line in the speech
            j += 1
        flush()
        return j
