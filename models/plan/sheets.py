"""Breakdown sheets: one per scene, the shape a first assistant director expects (scene number,
heading, INT/EXT, day/night, length in eighths of a page, cast by number, extras, props, wardrobe,
set dressing, vehicles and animals, sound effects)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from models.breakdown import NARRATOR, Breakdown, Scene
from models.plan.elements import scene_elements
from models.script.durations import BEAT_S, LINE_PAUSE_S, line_seconds

SECONDS_PER_PAGE = 60.0  # the screenplay rule of thumb: one page is a minute of screen time


class PlanError(ValueError):
    """A plan cannot be made from what was given (the message says what to change)."""


@dataclass(frozen=True)
class CastMember:
    number: int  # cast id on every sheet, by how much the character speaks (1 = lead)
    name: str
    lines: int


@dataclass
class SceneSheet:
    number: int
    scene_id: str
    heading: str
    int_ext: str  # INT | EXT | INT/EXT
    location: str
    time_of_day: str
    seconds: float
    eighths: int
    synopsis: str
    cast: list[CastMember] = field(default_factory=list)
    voice_only: list[str] = field(default_factory=list)  # narration and V.O.: recorded, not on set
    extras: list[str] = field(default_factory=list)
    props: list[str] = field(default_factory=list)
    wardrobe: list[str] = field(default_factory=list)
    set_dressing: list[str] = field(default_factory=list)
    vehicles_animals: list[str] = field(default_factory=list)
    sound_effects: list[str] = field(default_factory=list)

    @property
    def pages(self) -> str:
        """Page length as a script supervisor writes it: "1 3/8", "5/8"."""
        whole, rest = divmod(self.eighths, 8)
        if not rest:
            return str(whole)
        return f"{whole} {rest}/8" if whole else f"{rest}/8"


def cast_list(breakdown: Breakdown) -> list[CastMember]:
    """Every on-screen character, numbered by how many lines they speak (ties keep script order)."""
    counts = {c.name: 0 for c in breakdown.characters if c.name != NARRATOR}
    for _, _, line in breakdown.spoken_lines():
        if line.speaker in counts:
            counts[line.speaker] += 1
    ranked = sorted(counts, key=lambda name: -counts[name])  # sorted() is stable: script order on ties
    return [CastMember(i + 1, name, counts[name]) for i, name in enumerate(ranked)]


def _int_ext(scene: Scene) -> str:
    head = scene.heading.upper()
    if head.startswith(("INT./EXT", "INT/EXT", "I/E")):
        return "INT/EXT"
    if scene.interior is None:
        return "EXT" if head.startswith("EXT") else "INT"
    return "INT" if scene.interior else "EXT"


def _seconds(scene: Scene) -> float:
    if scene.target_seconds > 0:
        return scene.target_seconds
    spoken = sum(line_seconds(line.text) + LINE_PAUSE_S for line in scene.lines)
    return spoken + BEAT_S * len(scene.action)


def _synopsis(scene: Scene, limit: int = 160) -> str:
    text = " ".join(scene.action) or " ".join(line.text for line in scene.lines[:2])
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def build_sheets(breakdown: Breakdown) -> tuple[list[SceneSheet], list[CastMember]]:
    """One sheet per scene plus the film's cast list. Raises PlanError for a film with no scenes."""
    if not breakdown.scenes:
        raise PlanError("The film has no scenes to plan: write at least one scene first.")
    cast = cast_list(breakdown)
    by_name = {member.name: member for member in cast}
    characters = {c.name: c for c in breakdown.characters}
    sheets = []
    for number, scene in enumerate(breakdown.scenes, start=1):
        present = list(dict.fromkeys([*scene.characters, *(line.speaker for line in scene.lines)]))
        voice_only = [
            n
            for n in present
            if n == NARRATOR
            or any(line.speaker == n and (line.extension or "").upper() in {"V.O.", "V.O"} for line in scene.lines)
        ]
        on_set = [by_name[n] for n in present if n in by_name and n not in voice_only]
        exclude = {n.lower() for n in characters} | {w.lower() for w in scene.location.split()}
        found = scene_elements(scene.action, exclude, named=getattr(scene, "objects", None))
        wardrobe = [f"{n}: {characters[n].wardrobe}" for n in present if n in characters and characters[n].wardrobe]
        seconds = _seconds(scene)
        sheets.append(SceneSheet(
            number=number, scene_id=scene.scene_id, heading=scene.heading, int_ext=_int_ext(scene),
            location=scene.location or scene.heading, time_of_day=scene.time_of_day, seconds=round(seconds, 1),
            eighths=max(1, math.ceil(seconds / SECONDS_PER_PAGE * 8)), synopsis=_synopsis(scene),
            cast=sorted(on_set, key=lambda m: m.number), voice_only=voice_only, extras=found.extras,
            props=found.props, wardrobe=wardrobe + [w for w in found.wardrobe if not any(w in x for x in wardrobe)], set_dressing=found.set_dressing,
            vehicles_animals=found.vehicles_animals, sound_effects=found.sound_effects,
        ))  # fmt: skip
    return sheets, cast
