"""Dialogue scripts: one `NAME: line` (or `NAME (whispering): line`) per speech, with optional
scene separators (---, ***, "Scene 2", "INT. KITCHEN - NIGHT") and bracketed stage directions.
"""

from __future__ import annotations

import re

from models.breakdown import NARRATOR, Line, Scene
from models.script import lexicon
from models.script.analysis import establishing_place
from models.script.markup import SHIFT, squash, strip_emphasis
from models.script.parsed import ParsedScript, narrator_alias
from models.script.verse import VERSE_BREAK, keeps_line_breaks

SPEAKER_LINE = re.compile(r"^\s*(?P<name>[^\W\d_][\w.'’ -]{0,40}?)\s*(?:\((?P<paren>[^)]*)\))?\s*:\s+(?P<text>\S.*)$")
SEPARATOR = re.compile(r"^\s*(?:-{3,}|(?:\*\s*){3,}|={3,}|~{3,}|_{3,})\s*$")
SCENE_MARKER = re.compile(
    r"^\s*(?:#{1,3}\s*)?(?:scene|chapter|part|act|segment)\s+(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\b.*$",
    re.IGNORECASE,
)
HEADING = re.compile(r"^\s*\.?(?:INT|EXT|EST|I/E)[./\s]", re.IGNORECASE)
DIRECTION = re.compile(r"^\s*[\[(](?P<text>.*)[\])]\s*$")
META_KEYS = {"title", "author", "authors", "credit", "by", "written by", "date", "episode", "series", "source"}


def speaker_match(line: str) -> re.Match[str] | None:
    """A `NAME: text` line whose name is capitalised, at most four words and not a metadata key."""
    match = SPEAKER_LINE.match(line)
    if not match:
        return None
    name = match.group("name").strip()
    if not name[0].isupper() or len(name.split()) > 4 or name.lower() in META_KEYS or HEADING.match(name):
        return None
    return match


def parse_dialogue(text: str) -> ParsedScript:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    meta, start = _metadata(lines)
    scenes: list[Scene] = [Scene(scene_id="", heading="")]
    names: dict[str, str] = {}  # lower-case -> first spelling, so "ALEX" and "Alex" are one speaker
    last: Line | None = None
    for raw in lines[start:]:
        stripped = raw.strip()
        if not stripped:
            last = None
            continue
        if SEPARATOR.match(stripped) or SCENE_MARKER.match(stripped) or HEADING.match(stripped):
            heading = "" if SEPARATOR.match(stripped) else stripped.lstrip("#.").strip()
            if scenes[-1].lines or scenes[-1].action:
                scenes.append(Scene(scene_id="", heading=heading))
            else:
                scenes[-1].heading = heading or scenes[-1].heading
            last = None
            continue
        match = speaker_match(stripped)
        if match:
            spelled = narrator_alias(match.group("name").strip())
            speaker = names.setdefault(spelled.lower(), spelled)
            parenthetical, spoken = _split_directions(match.group("text"), match.group("paren"))
            if spoken:
                last = Line(speaker=speaker, text=spoken, parenthetical=parenthetical)
                last.kind = "narration" if speaker == NARRATOR else "dialogue"
                scenes[-1].lines.append(last)
            continue
        direction = DIRECTION.match(stripped)
        if last is not None and not direction:
            more = _split_directions(stripped, None)[1]
            # A chanted or recited speech keeps its line breaks (verse rhythm); prose wraps join.
            joiner = VERSE_BREAK if keeps_line_breaks(f"{last.text} {more}", last.parenthetical) else " "
            last.text = squash(f"{last.text}{joiner}{more}") if joiner == " " else f"{last.text}{joiner}{more}"
        else:
            said = squash(direction.group("text") if direction else stripped)
            if direction and scenes[-1].lines and (SHIFT.match(said) or _opens_on_a_known_place(said)):
                # "[Later. The bus idles at the terminus.]", "[The car park behind the station, just
                # after midnight.]": the story moves on in time or place.
                scenes.append(Scene(scene_id="", heading=""))
            scenes[-1].action.append(said)
    scenes = [s for s in scenes if s.lines or s.action]
    for number, scene in enumerate(scenes, start=1):
        scene.heading = scene.heading or f"Scene {number}"
    return ParsedScript(
        format="dialogue",
        scenes=scenes,
        title=meta.get("title", ""),
        author=meta.get("author", meta.get("authors", meta.get("by", meta.get("written by", "")))),
        credit=meta.get("credit", ""),
    )


def _opens_on_a_known_place(direction: str) -> bool:
    """A direction that opens on a setting the lexicon knows ("The car park behind the station."),
    not on some thing mid-scene ("The doorbell.", "A long silence.")."""
    setting = establishing_place(direction)
    return setting is not None and setting[0].split()[-1].lower() in lexicon.PLACES


def _split_directions(text: str, parenthetical: str | None) -> tuple[str | None, str]:
    """Pull "(laughing)" out of the spoken text; a leading one becomes the parenthetical."""
    text = strip_emphasis(text)
    leading = re.match(r"\s*\(([^)]*)\)\s*", text)
    if leading and not parenthetical:
        parenthetical = leading.group(1)
        text = text[leading.end() :]
    # Openers are excluded inside too, so a run of "(((" is scanned once, not once per "(".
    text = re.sub(r"\s*[\[(][^\[\]()]*[\])]\s*", " ", text)
    return (squash(parenthetical) or None) if parenthetical else None, squash(text)


def _metadata(lines: list[str]) -> tuple[dict[str, str], int]:
    """Leading `Title: ...`, `Author: ...` or `# Title` lines before the first speech."""
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        key = re.match(r"^([A-Za-z][A-Za-z ]{0,15}):\s*(.*)$", stripped)
        if not stripped:
            pass
        elif key and key.group(1).strip().lower() in META_KEYS:
            meta[key.group(1).strip().lower()] = key.group(2).strip()
        elif stripped.startswith("# ") and "title" not in meta and not SCENE_MARKER.match(stripped):
            meta["title"] = stripped[2:].strip()
        elif re.match(r"^by\s+\S", stripped, re.IGNORECASE) and "title" in meta:
            meta["author"] = stripped[3:].strip()
        elif "title" not in meta and _looks_like_title(stripped):
            meta["title"] = stripped
        else:
            break
        i += 1
    return meta, i


def _looks_like_title(line: str) -> bool:
    """A short first line that is no speech, direction or separator: "Morning Brew"."""
    return not (
        speaker_match(line)
        or DIRECTION.match(line)
        or SEPARATOR.match(line)
        or SCENE_MARKER.match(line)
        or HEADING.match(line)
        or len(line.split()) > 10
        or line[-1] in '.!?,;:"”'
    )
