"""Where each scene of a breakdown lives in the script's text, so one scene can be edited in place.

The parsers do not keep source offsets, so each non-empty line of the script is matched to the
scene whose words it shares most (headings, action and spoken lines), moving only forward
through the scenes. A scene's span runs from its first matched line to the start of the next
scene; text before the first scene (a title page) belongs to no scene and is never touched.
Replacing a scene's span and leaving every other byte alone keeps the other scenes' inputs, and so
their per-scene cache keys, unchanged.
"""

from __future__ import annotations

import re

from models.breakdown import Breakdown

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


_STOP = frozenset(
    "the and but for with that this from into over then than you your are was were has have had "
    "his her its our their she him they them not all one out".split()
)
_TITLE_PAGE = re.compile(r"^\s*(title|credit|author|authors|source|draft date|date|contact|notes|copyright)\s*:", re.I)


def _words(text: str) -> set[str]:
    return {w for w in (w.lower() for w in _WORD.findall(text)) if (len(w) > 2 or not w.isascii()) and w not in _STOP}


def _scene_words(breakdown: Breakdown) -> list[set[str]]:
    corpora = []
    for scene in breakdown.scenes:
        parts = [scene.heading, *scene.action, *(f"{line.speaker} {line.text}" for line in scene.lines)]
        corpora.append(_words(" ".join(parts)))
    return corpora


def scene_spans(script: str, breakdown: Breakdown) -> dict[str, tuple[int, int]]:
    """Scene id -> (start, end) character offsets into `script`."""
    corpora = _scene_words(breakdown)
    starts: dict[int, int] = {}
    current = -1
    offset = 0
    title = _words(breakdown.title)
    headings = [" ".join(scene.heading.split()).lower() for scene in breakdown.scenes]
    for raw in script.splitlines(keepends=True):
        words = _words(raw)
        preamble = current < 0 and (_TITLE_PAGE.match(raw) or (title and words == title))
        if words and not preamble:
            # Scenes are read in order: a line belongs to the scene being read or starts the next one.
            here = len(words & corpora[current]) / len(words) if current >= 0 else 0.0
            following = current + 1
            there = len(words & corpora[following]) / len(words) if following < len(corpora) else 0.0
            # A line that is the next scene's heading starts it; other headings and cues that
            # match both scenes equally stay with the scene being read.
            heading = following < len(headings) and " ".join(raw.split()).lower() == headings[following]
            if heading or (there >= 0.5 and there > here):
                current = following
                starts[current] = offset
        offset += len(raw)
    ids = [scene.scene_id for scene in breakdown.scenes]
    spans: dict[str, tuple[int, int]] = {}
    ordered = sorted(starts.items())
    for n, (index, start) in enumerate(ordered):
        end = ordered[n + 1][1] if n + 1 < len(ordered) else len(script)
        spans[ids[index]] = (start, end)
    return spans


def scene_source(script: str, breakdown: Breakdown) -> dict[str, str]:
    """Scene id -> the script text of that scene, as the creator wrote it."""
    return {sid: script[a:b] for sid, (a, b) in scene_spans(script, breakdown).items()}


def replace_scene(script: str, breakdown: Breakdown, scene_id: str, new_text: str) -> str:
    """The script with one scene's text replaced; ValueError when the scene cannot be located."""
    spans = scene_spans(script, breakdown)
    if scene_id not in spans:
        known = ", ".join(s.scene_id for s in breakdown.scenes)
        raise ValueError(f"No scene {scene_id!r} in this film (scenes: {known}).")
    start, end = spans[scene_id]
    old = script[start:end]
    # Keep the blank lines that separated this scene from the next one.
    trailing = old[len(old.rstrip()) :]
    return script[:start] + new_text.strip("\n") + (trailing or "\n") + script[end:]


def scene_beats(text: str, heading: str) -> tuple[str, list[str]]:
    """A scene's text as its heading line (empty when the scene was written without one, as in prose)
    and its beats: the blank-line-separated paragraphs after it (an action paragraph, a speech)."""
    lines = text.strip("\n").split("\n")
    head = ""
    if lines and heading and " ".join(lines[0].split()).lower() == " ".join(heading.split()).lower():
        head = lines.pop(0)
    beats = [b.strip("\n") for b in _BLANK_LINE.split("\n".join(lines)) if b.strip()]
    return head, beats


def trim_text(text: str, heading: str, first: int, last: int) -> str:
    """The scene's text keeping its heading and beats `first`..`last` (1-based, inclusive); ValueError
    for a range outside the scene."""
    head, beats = scene_beats(text, heading)
    if not (1 <= first <= last <= len(beats)):
        raise ValueError(f"A trim keeps beats between 1 and {len(beats)} of this scene, first before last.")
    return "\n\n".join(([head] if head else []) + beats[first - 1 : last])


def arrange_scenes(
    script: str, breakdown: Breakdown, order: list[str], trims: dict[str, tuple[int, int]] | None = None
) -> str:
    """The script with its scenes in `order` (scene ids); scenes left out are deleted, and a scene in
    `trims` keeps only beats first..last (`trim_text`). Text before the first scene (a title page) stays
    first; every other scene keeps its own text byte for byte. ValueError for an unknown or repeated id,
    an empty order, a trim outside its scene, or a scene that cannot be located."""
    known = [s.scene_id for s in breakdown.scenes]
    if not order:
        raise ValueError("A film needs at least one scene.")
    unknown = [s for s in order if s not in known]
    if unknown:
        raise ValueError(f"No scene {unknown[0]!r} in this film (scenes: {', '.join(known)}).")
    if len(set(order)) != len(order):
        raise ValueError("Each scene can appear only once in the timeline.")
    spans = scene_spans(script, breakdown)
    lost = [s for s in known if s not in spans]
    if lost:
        raise ValueError(f"Scene {lost[0]} could not be found in the script's text; edit the whole script instead.")
    trims = trims or {}
    stray = [s for s in trims if s not in order]
    if stray:
        raise ValueError(f"Scene {stray[0]!r} is trimmed but not in the timeline.")
    headings = {s.scene_id: s.heading for s in breakdown.scenes}
    first = min(start for start, _ in spans.values())
    parts = []
    for scene_id in order:
        start, end = spans[scene_id]
        text = script[start:end]
        if scene_id in trims:
            text = trim_text(text, headings[scene_id], *trims[scene_id])
        # Every scene ends with one blank line, so moving the last scene up keeps scenes apart.
        parts.append(text.rstrip("\n") + "\n\n")
    return script[:first] + "".join(parts).rstrip("\n") + "\n"
