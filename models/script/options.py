"""The creator's render options that change the breakdown: film or podcast mode, and culture."""

from __future__ import annotations

from models.breakdown import NARRATOR, Breakdown, FilmMode


def is_two_person_dialogue(breakdown: Breakdown) -> bool:
    """A `NAME: line` script spoken by exactly two people (no narrator): a podcast."""
    speakers = {line.speaker for _, _, line in breakdown.spoken_lines()}
    return breakdown.format == "dialogue" and len(speakers) == 2 and NARRATOR not in speakers


def resolve_mode(breakdown: Breakdown, requested: str) -> FilmMode:
    """ "film" or "podcast"; "auto" is podcast for a two-person dialogue script."""
    if requested == "podcast":
        return "podcast"
    if requested == "film":
        return "film"
    if requested != "auto":
        raise ValueError(f"Mode must be auto, film or podcast, not {requested!r}.")
    return "podcast" if is_two_person_dialogue(breakdown) else "film"


def apply_culture(breakdown: Breakdown, culture: str) -> None:
    """A culture the creator chose (anything but "auto") replaces the detected one everywhere."""
    if culture == "auto":
        return
    breakdown.culture = culture
    for scene in breakdown.scenes:
        scene.culture = culture


def apply_options(breakdown: Breakdown, mode: str, culture: str = "auto") -> Breakdown:
    """Resolve the mode and apply the culture choice in place; returns the breakdown."""
    breakdown.mode = resolve_mode(breakdown, mode)
    apply_culture(breakdown, culture)
    return breakdown
