"""Words a creator reads instead of the pipeline's keys: scene titles, cast lines, voice names, counts,
statuses and the tier table ("Scene 1: Scene 1", "unknown unknown", "piper-joe-senior", "1 credits",
"is failed" and "monthly_credits" are what they replace)."""

from __future__ import annotations

import re
from typing import Any

_GENERIC_HEADING = re.compile(r"^\s*scene\s*\d*\s*$", re.I)
_SLUG_PREFIX = re.compile(r"^\s*(INT\.?/EXT\.?|I/E\.?|INT\.?|EXT\.?|EST\.?)\s+", re.I)
AGES = {"child": "child", "teen": "teenager", "adult": "adult", "senior": "older"}
PEOPLE = {  # (age band, gender) -> noun; a missing age or gender falls back to a plainer word
    ("child", "male"): "boy", ("child", "female"): "girl", ("teen", "male"): "teenage boy",
    ("teen", "female"): "teenage girl", ("adult", "male"): "man", ("adult", "female"): "woman",
    ("senior", "male"): "older man", ("senior", "female"): "older woman",
}  # fmt: skip
GENDERS = {"male": "man", "female": "woman"}
# A film's status as the end of "This film …" and as a short badge.
STATUS_SENTENCES = {
    "draft": "has not been rendered yet", "queued": "is waiting in the render queue", "rendering": "is rendering",
    "ready": "is ready", "failed": "failed", "cancelled": "was cancelled", "canceling": "is being cancelled",
}  # fmt: skip
STATUS_BADGES = {
    "draft": "Draft", "queued": "Waiting to render", "rendering": "Rendering", "ready": "✓ Ready",
    "failed": "✗ Failed", "cancelled": "Cancelled",
}  # fmt: skip


def plural(count: int | float, word: str) -> str:
    """ "1 credit", "2 credits", "0 credits"."""
    return f"{count:g} {word}" if count == 1 else f"{count:g} {word}s"


def film_status_sentence(status: str) -> str:
    """ "This film failed.", "This film is waiting in the render queue." """
    return f"This film {STATUS_SENTENCES.get(status, 'is ' + status.replace('_', ' '))}."


def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, status.replace("_", " ").capitalize())


def person_name(name: str) -> str:
    """Script cues are often in capitals ("JOHN", "DR. LEE"); people read "John", "Dr. Lee"."""
    return name.title() if name.isupper() else name


def describe_person(age_band: str | None, gender: str | None) -> str:
    """ "older woman", "child", "man", or "" when the script told neither."""
    age = age_band if age_band in AGES else None
    sex = gender if gender in GENDERS else None
    if age and sex:
        return PEOPLE[(age, sex)]
    if sex:
        return GENDERS[sex]
    return AGES[age] if age else ""


def voice_name(voice_id: str | None, voices: list[dict[str, Any]]) -> str:
    """The voice's human name from the catalogue ("Walter, older man"), without the engine in brackets."""
    if not voice_id:
        return "no voice yet"
    for voice in voices:
        if voice.get("id") == voice_id:
            name = str(voice.get("name") or voice_id)
            return re.sub(r"\s*\([^)]*\)\s*$", "", name) or name
    return voice_id.replace("-", " ").replace("_", " ").capitalize()


def cast_line(character: dict[str, Any], voices: list[dict[str, Any]]) -> str:
    """ "John · man · voice: Walter, older man" (no "unknown unknown" when the script did not say)."""
    parts = [person_name(str(character.get("name") or ""))]
    who = describe_person(character.get("age_band"), character.get("gender"))
    parts.append(who or "age and gender not told")
    parts.append(f"voice: {voice_name(character.get('voice'), voices)}")
    return " · ".join(parts)


def _place(heading: str, location: str, time_of_day: str) -> str:
    """ "INT. LIGHTHOUSE - LAMP ROOM - NIGHT" -> "Lighthouse, lamp room (night)"."""
    place = location.strip() or _SLUG_PREFIX.sub("", heading).strip()
    if time_of_day and place.upper().endswith(time_of_day.upper()):
        place = place[: -len(time_of_day)].rstrip(" -–,")
    words = ", ".join(part.strip() for part in re.split(r"\s+[-–]\s+", place) if part.strip())
    words = words.capitalize() if words.isupper() else words
    return f"{words} ({time_of_day.lower()})" if words and time_of_day else words


def scene_title(index: int, scene: dict[str, Any]) -> str:
    """ "Scene 2: Lighthouse, lamp room (night)"; just "Scene 1" when the script gave the scene no heading."""
    heading = str(scene.get("heading") or "")
    if not heading or _GENERIC_HEADING.match(heading):
        return f"Scene {index + 1}"
    place = _place(heading, str(scene.get("location") or ""), str(scene.get("time_of_day") or ""))
    return f"Scene {index + 1}: {place}" if place else f"Scene {index + 1}"


def step_name(asset: str | None) -> str:
    """A render step's human name ("Recording the voices"); "Getting ready" before any step started."""
    if not asset:
        return "Getting ready"
    key = asset.split(".")[-1].split("[")[0].split("__")[-1]
    return STEPS.get(key) or key.replace("_", " ").capitalize()


STEPS = {
    "scene_breakdown": "Reading the script", "character_sheets": "Designing the characters",
    "voice_tracks": "Recording the voices", "scene_images": "Drawing the scenes", "lipsync_clips": "Animating the faces",
    "score": "Scoring the music", "mix": "Mixing the sound", "final_cut": "Editing the final cut",
    "subtitles": "Writing the subtitles", "trailer": "Cutting the trailer", "posters": "Designing the posters",
    "social_cutdowns": "Cutting the short versions", "press_kit": "Writing the press kit",
    "production_plan": "Planning the production", "youtube_release": "Publishing to YouTube",
}  # fmt: skip

# Tier rule field (StudioService.tiers) -> column heading.
TIER_HEADINGS = {
    "monthly_credits": "Monthly credits",
    "max_minutes": "Longest film",
    "max_resolution": "Best resolution",
    "watermark": "Watermark",
    "priority": "Render priority",
    "credits_per_minute": "Credits per minute",
}


def credits_text(count: int) -> str:
    return f"{count} credit" if abs(count) == 1 else f"{count} credits"


def tier_cell(field: str, value: Any) -> str:
    """One tier rule as a table cell."""
    if field == "monthly_credits":
        return "Unlimited" if value is None else str(value)
    if field == "max_minutes":
        return f"{value:g} minute" + ("s" if value != 1 else "")
    if field == "watermark":
        return "Yes" if value else "No"
    if field == "priority":
        return str(value).capitalize()
    return str(value)


def tier_table(tiers: dict[str, dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Headings and rows of the tier table: human names, one row per tier."""
    fields = [f for f in TIER_HEADINGS if any(f in rules for rules in tiers.values())]
    rows = [[name.title(), *(tier_cell(f, rules.get(f)) for f in fields)] for name, rules in tiers.items()]
    return ["Plan", *(TIER_HEADINGS[f] for f in fields)], rows
