"""Quality measures of staged plates: are the scene's named objects on screen, is the framing clean?

Both read the rendered plates (frame pixels) and their staging data (art.json): what was staged,
where, and where each figure, head and pair of eyes landed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from models.breakdown import Breakdown
from models.film.checks import CheckOutcome
from models.image.art import SceneArt
from models.image.scene_objects import body_parts, named_objects
from models.lipsync.framing import plate_issues

MIN_SHARE = 0.8  # of each scene's named objects that must be on screen
MIN_DETAIL = 6.0  # grey-level standard deviation inside a prop's box: a drawn thing, not empty wall


def _on_screen(art: SceneArt, box: list[int]) -> bool:
    """The box lies (almost) wholly inside the frame and the plate shows something drawn there."""
    height, width = art.frame.shape[:2]
    x, y, w, h = (int(v) for v in box)
    x0, y0, x1, y1 = max(0, x), max(0, y), min(width, x + w), min(height, y + h)
    if w <= 0 or h <= 0 or (x1 - x0) * (y1 - y0) < 0.9 * w * h:
        return False
    region = art.frame[y0:y1, x0:x1].astype(np.float32).mean(axis=2)
    return float(region.std()) >= MIN_DETAIL


def objects_on_screen(breakdown: Breakdown, arts: dict[str, SceneArt]) -> CheckOutcome:
    """Share of each scene's named objects that were staged on its plate (>= 0.8 in every scene)."""
    scenes: dict[str, Any] = {}
    notes = {art.props_note for art in arts.values() if art.props_note}
    for scene in breakdown.scenes:
        art = arts.get(scene.scene_id)
        # The breakdown's own object list when the parser gives one; else the nouns the plate recorded
        # it was asked to stage (recomputing them here would load spaCy again for the same answer).
        declared = getattr(scene, "objects", None)
        wanted = [o.word for o in named_objects(scene)] if declared else list(art.named_objects if art else [])
        if art is None or not wanted:
            continue
        shown = {p["word"] for p in art.objects if _on_screen(art, p["box"])}
        misses = [w for w in wanted if w not in shown]
        scenes[scene.scene_id] = {
            "share": round(1 - len(misses) / len(wanted), 3),
            "named": wanted,
            "misses": misses,
            "with_the_figures": body_parts(scene),  # beaks and paws: not props, so not counted
            "substitutes": {p["word"]: p["icon"] for p in art.objects if p.get("match") == "substitute"},
        }
    meta: dict[str, Any] = {"scenes": scenes, "min_share": MIN_SHARE}
    if not scenes:
        return CheckOutcome("objects_on_screen", True, "No scene names an object to stage.", meta)
    worst_id = min(scenes, key=lambda sid: scenes[sid]["share"])
    worst = scenes[worst_id]["share"]
    meta["worst_share"] = worst
    if notes:
        return CheckOutcome("objects_on_screen", False, f"No prop could be staged: {sorted(notes)[0]}", meta)
    if worst >= MIN_SHARE:
        return CheckOutcome(
            "objects_on_screen",
            True,
            f"Every scene shows at least {MIN_SHARE:.0%} of the objects it names (worst {worst:.0%} in {worst_id}).",
            meta,
        )
    return CheckOutcome(
        "objects_on_screen",
        False,
        f"{worst_id} shows {worst:.0%} of its named objects; missing: {', '.join(scenes[worst_id]['misses'])}.",
        meta,
    )


def framing_is_clean(arts: dict[str, SceneArt]) -> CheckOutcome:
    """No character sliced by the frame's edge, close-ups with eyes on the upper third, two-shots
    with every face, wides with everyone whole: over each plate and every shot the planner makes of it."""
    issues = [issue for art in arts.values() for issue in plate_issues(art)]
    measured = sum(len(art.actors) for art in arts.values())
    meta: dict[str, Any] = {
        "plates": len(arts),
        "characters_measured": measured,
        "issues": len(issues),
        "faults": [i.to_dict() for i in issues[:40]],
    }
    if not arts:
        return CheckOutcome("framing_is_clean", False, "Not measured: no plate was rendered.", meta)
    if not issues:
        return CheckOutcome(
            "framing_is_clean",
            True,
            f"{len(arts)} plates, {measured} staged characters: every shot framed cleanly.",
            meta,
        )
    first = issues[0]
    return CheckOutcome(
        "framing_is_clean",
        False,
        f"{len(issues)} framing faults; first: {first.who} {first.problem} ({first.kind} shot in {first.scene_id}).",
        meta,
    )
