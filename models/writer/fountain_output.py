"""Model output to Fountain the studio can film, or a clear refusal.

Small models wrap scripts in code fences, chat before and after, and write "NAME: line" instead of
Fountain's cue-then-dialogue; those are repaired. What remains is parsed with the studio's own
parser (models/script/fountain.py) and must hold at least one scene heading and one spoken line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.errors import StudioModelError
from models.script.fountain import character_cue, parse_fountain

_FENCE = re.compile(r"```[a-zA-Z]*\n(.*?)(?:```|\Z)", re.DOTALL)
_HEADING = re.compile(r"^\s*(?:\*\*)?((?:INT|EXT|INT\./EXT|EXT\./INT|I/E)[\.\s].*?)(?:\*\*)?\s*$", re.IGNORECASE)
_COLON_LINE = re.compile(r"^([A-Z][A-Z0-9 .'\-]{0,30}?)\s*(\([^)]*\))?\s*:\s+(\S.*)$")
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s+|\*\*|__)+|(?:\*\*|__)\s*$")
_RULE_OR_LABEL = re.compile(r"^\s*(?:[-*_]{3,}|(?:scene|act)\s+\d+\s*:?)\s*$", re.IGNORECASE)  # Markdown dividers


class WriterOutputError(StudioModelError):
    """The model's text is not a usable screenplay (the message says what is missing)."""


@dataclass(frozen=True)
class Checked:
    text: str  # Fountain, ready for the editor
    scenes: int
    speakers: list[str]
    lines: int


def _unwrap(raw: str) -> str:
    fenced = _FENCE.findall(raw)
    text = max(fenced, key=len) if fenced else raw
    lines = text.replace("\r\n", "\n").split("\n")
    start = next((i for i, line in enumerate(lines) if _HEADING.match(line) or line.strip().lower().startswith("title:")),
                 None)  # fmt: skip
    if start is None:
        return text.strip()
    return "\n".join(lines[start:]).strip()


def _repair(text: str) -> str:
    """Markdown emphasis off headings and cues; "NAME: line" becomes a cue and its dialogue."""
    out: list[str] = []
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            out += ["", heading.group(1).strip().upper(), ""]
            continue
        bare = _MARKDOWN.sub("", line).strip() if _MARKDOWN.search(line) else line
        if _RULE_OR_LABEL.match(bare):
            continue
        colon = _COLON_LINE.match(bare.strip())
        if colon and not bare.strip().lower().startswith("title:"):
            name, paren, words = colon.groups()
            out += ["", name.strip().upper(), *([paren] if paren else []), words.strip(), ""]
            continue
        out.append(bare.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def _without_loops(text: str, truncated: bool) -> str:
    """Drop scenes that repeat an earlier one word for word (small models loop) and, when the
    model stopped at its token budget, the unfinished last paragraph."""
    paragraphs = text.strip().split("\n\n")
    if truncated and len(paragraphs) > 1:
        paragraphs = paragraphs[:-1]
    blocks: list[list[str]] = [[]]
    for paragraph in paragraphs:
        if _HEADING.match(paragraph.split("\n")[0]) and blocks[-1]:
            blocks.append([])
        blocks[-1].append(paragraph)
    kept: list[str] = []
    for block in blocks:
        body = "\n\n".join(block).strip()
        if body and not any(earlier.startswith(body) for earlier in kept):
            kept.append(body)
    return "\n\n".join(kept) + "\n"


def screenplay_from_model(raw: str, truncated: bool = False) -> Checked:
    """Fountain from the model's text; WriterOutputError when it has no scene or nobody speaks.
    `truncated`: the model stopped at its token budget, so its last paragraph is unfinished."""
    if not raw or not raw.strip():
        raise WriterOutputError("The assistant returned nothing; try again or shorten the logline.")
    text = _without_loops(_repair(_unwrap(raw)), truncated)
    doc = parse_fountain(text)
    scenes = doc.of_type("scene_heading")
    if not scenes:
        raise WriterOutputError(
            "The draft has no scene heading (INT. or EXT.); it was not put in the editor. Try again."
        )
    speakers: list[str] = []
    spoken = 0
    for index, element in enumerate(doc.elements):
        if element.type == "dialogue" and element.text.strip():
            spoken += 1
            cue = next((e for e in reversed(doc.elements[:index]) if e.type == "character"), None)
            if cue is not None and cue.name and cue.name not in speakers:
                speakers.append(cue.name)
    if not spoken:
        raise WriterOutputError(
            "The draft has no dialogue under a character cue; it was not put in the editor. Try again."
        )
    return Checked(text=text, scenes=len(scenes), speakers=speakers, lines=spoken)


def dialogue_line(raw: str, speaker: str | None = None) -> str:
    """One line of dialogue as Fountain ("NAME\\nline"), from "NAME: line", a cue block or bare words."""
    text = _unwrap(raw).strip().strip('"').strip()
    if not text:
        raise WriterOutputError("The assistant suggested nothing; try again.")
    block = _repair(text) if _COLON_LINE.match(text.split("\n")[0].strip()) else text
    doc = parse_fountain("INT. CHECK - DAY\n\n" + block.strip() + "\n")
    cue = next((e for e in doc.elements if e.type == "character"), None)
    said = next((e for e in doc.elements if e.type == "dialogue" and e.text.strip()), None)
    if cue is not None and said is not None:
        return f"{cue.name}\n{said.text.strip()}\n"
    words = " ".join(line.strip() for line in text.split("\n") if line.strip())
    if speaker and words and character_cue(speaker.upper()) is not None:
        return f"{speaker.upper()}\n{words}\n"
    raise WriterOutputError("The suggestion is not a line of dialogue (a character cue and what they say).")
