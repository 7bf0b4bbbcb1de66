"""A YouTube video's metadata generated from a finished film: title, short description with chapters,
tags from the breakdown, category Film & Animation.

Chapters follow YouTube's rules (the first at 0:00, at least three, each at least 10 s long):
scenes shorter than 10 s fold into the chapter before them; with fewer than three chapters left,
none are written (YouTube would ignore them) and `chapters_note` says why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integrations.youtube import FILM_AND_ANIMATION

MIN_CHAPTER_SECONDS = 10.0
MIN_CHAPTERS = 3
TITLE_LIMIT = 100
DESCRIPTION_LIMIT = 5000
TAGS_LIMIT = 500  # YouTube counts all tags together


@dataclass(frozen=True)
class Chapter:
    start: float
    title: str

    def line(self) -> str:
        seconds = int(self.start)
        hours, rest = divmod(seconds, 3600)
        stamp = f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
        return f"{stamp} {self.title}"


@dataclass(frozen=True)
class VideoMetadata:
    title: str
    description: str
    tags: list[str]
    category_id: str = FILM_AND_ANIMATION
    chapters: list[Chapter] = field(default_factory=list)
    chapters_note: str | None = None


def _clean(text: str) -> str:
    # YouTube refuses "<" and ">" in titles and descriptions.
    return re.sub(r"\s+", " ", text.replace("<", "(").replace(">", ")")).strip()


def scene_starts(breakdown: dict[str, Any], voice_manifest: dict[str, Any] | None) -> list[tuple[float, str]]:
    """(start seconds, heading) per scene: the voice timeline's scene starts when present, else each
    scene's first spoken line in breakdown.json."""
    headings = {s["scene_id"]: s.get("heading") or s.get("location") or s["scene_id"] for s in breakdown["scenes"]}
    timeline = (voice_manifest or {}).get("timeline", {}).get("scenes")
    if timeline:
        return [(float(s["start"]), headings.get(s["scene_id"], s["scene_id"])) for s in timeline]
    starts = []
    for scene in breakdown["scenes"]:
        if scene.get("lines"):
            starts.append((float(scene["lines"][0]["start"]), headings[scene["scene_id"]]))
    return starts


def chapters_from(starts: list[tuple[float, str]], duration: float) -> tuple[list[Chapter], str | None]:
    chapters: list[Chapter] = []
    for index, (start, heading) in enumerate(sorted(starts)):
        title = _clean(heading.title() if heading.isupper() else heading)[:80] or f"Scene {index + 1}"
        start = 0.0 if not chapters else start
        if chapters and start - chapters[-1].start < MIN_CHAPTER_SECONDS:
            continue  # too close to the previous chapter: this scene folds into it
        chapters.append(Chapter(start, title))
    if chapters and duration - chapters[-1].start < MIN_CHAPTER_SECONDS:
        chapters.pop()  # the last chapter would be shorter than 10 s
    if len(chapters) < MIN_CHAPTERS:
        return [], f"no chapters: YouTube needs at least {MIN_CHAPTERS} of {MIN_CHAPTER_SECONDS:g} s or more"
    return chapters, None


def _summary(script: str, breakdown: dict[str, Any]) -> str:
    """A short description: the first sentences the film speaks or shows, at most about 280 characters."""
    lines = [line["text"] for scene in breakdown["scenes"] for line in scene.get("lines", [])]
    text = _clean(" ".join(lines[:4]))
    if not text:
        text = _clean(script)[:280]
    if len(text) > 280:
        text = text[:277].rsplit(" ", 1)[0] + "…"
    return text


def tags_from(breakdown: dict[str, Any]) -> list[str]:
    """Keywords of the breakdown: characters, places, cultural context, moods, then generic ones."""
    words: list[str] = []
    words += [c["name"].title() for c in breakdown.get("characters", []) if c.get("name", "").upper() != "NARRATOR"]
    words += [s.get("location", "").title() for s in breakdown["scenes"]]
    words += [s.get("culture", "").replace("_", " ") for s in breakdown["scenes"]]
    words += [s.get("mood", "") for s in breakdown["scenes"]]
    words += ["short film", "animation", "Film Studio"]
    tags, seen, total = [], set(), 0
    for word in words:
        word = _clean(word).strip(",")
        if not word or word.casefold() in seen or total + len(word) + 1 > TAGS_LIMIT:
            continue
        seen.add(word.casefold())
        tags.append(word)
        total += len(word) + 1
    return tags


def video_metadata(title: str, script: str, breakdown: dict[str, Any], duration: float,
                   voice_manifest: dict[str, Any] | None = None,
                   licences: list[dict[str, str]] | None = None) -> VideoMetadata:  # fmt: skip
    chapters, note = chapters_from(scene_starts(breakdown, voice_manifest), duration)
    parts = [_summary(script, breakdown)]
    if chapters:
        parts.append("Chapters:\n" + "\n".join(chapter.line() for chapter in chapters))
    if licences:  # the film's licence record (final_cut's licences.json): CC BY art must be credited
        parts.append("Art: " + "; ".join(f"{lic['set']} by {lic['author']} ({lic['licence']})" for lic in licences))
    parts.append("Made with Film Studio.")
    description = "\n\n".join(p for p in parts if p)[:DESCRIPTION_LIMIT]
    return VideoMetadata(_clean(title)[:TITLE_LIMIT] or "Untitled film", description, tags_from(breakdown),
                         chapters=chapters, chapters_note=note)  # fmt: skip


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_json_list(path: Path) -> list[dict[str, str]]:
    """The film's licence record; a film rendered before it existed has none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []
