"""scene_breakdown: the script, parsed into scenes, characters and ordered lines."""

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import SceneBreakdownManifest
from dagster_project.resources import StudioResource, TrackingResource
from models.breakdown import Breakdown
from models.script import build_breakdown
from models.script.mood_meaning import mood_matcher
from models.script.options import apply_options
from models.script.place_meaning import place_matcher
from models.script.wardrobe_meaning import wardrobe_matcher


@dg.asset(**FILM_ASSET, group_name="script", kinds={"python"})
def scene_breakdown(
    context: dg.AssetExecutionContext, studio: StudioResource, tracking: TrackingResource
) -> dg.Output[SceneBreakdownManifest]:
    """Scenes (heading, location, time of day, mood, culture), characters (age band, gender,
    description) and ordered lines (speaker, text, parenthetical, emotion), with a target
    duration per scene fitted to the requested length, and the film's mode (film, or podcast for
    a two-person dialogue when the mode is auto). Saved to the film store too."""
    store = studio.store()
    film = store.get_film(context.partition_key)
    fmt = studio.film_format(film.id)
    from studio.domain.runs import script_for_run  # an edit's draft is rendered by its own run only

    script = script_for_run(film, dict(context.run.tags), context.run_id)
    # Which understanding backend renders: set on the resource, or the one promoted in MLflow
    # (notebooks/compare_backends.ipynb), recorded in this run's metadata either way. One name
    # selects places, moods, wardrobe and (through the scenes) props, so one promotion switches all.
    matcher_name, matcher_why = tracking.place_matcher_choice()
    places, moods, garments = place_matcher(matcher_name), mood_matcher(matcher_name), wardrobe_matcher(matcher_name)
    breakdown = apply_options(
        build_breakdown(script, requested_seconds=fmt.duration, places=places, moods=moods, garments=garments),
        fmt.mode,
        fmt.culture,
    )
    for scene in breakdown.scenes:  # one setting: the illustrator's props follow the place backend
        scene.prop_matcher = matcher_name
    store.save_breakdown(film.id, breakdown)
    lines = sum(len(scene.lines) for scene in breakdown.scenes)
    return dg.Output(
        SceneBreakdownManifest(breakdown=breakdown),
        metadata={
            "format": breakdown.format,
            "mode": breakdown.mode,
            "culture": breakdown.culture,
            "scenes": len(breakdown.scenes),
            "characters": ", ".join(c.name for c in breakdown.characters),
            "lines": lines,
            "duration_note": breakdown.duration_note or "",
            "place_matcher": f"{matcher_name} ({matcher_why})",
            # Per scene: where and why (the illustrator's place), its mood and why (the music's), and
            # the things the text names.
            "scene_places": dg.MetadataValue.md(_places_table(breakdown)),
            "wardrobe": "; ".join(f"{c.name}: {c.wardrobe}" for c in breakdown.characters if c.wardrobe) or "none",
            "assumed": "; ".join(f"{c.name}: {a}" for c in breakdown.characters for a in c.assumed) or "nothing",
            "notes": "; ".join(breakdown.notes) or "none",
        },
    )


def _places_table(breakdown: Breakdown) -> str:
    rows = ["| scene | place | why | time | mood | mood why | objects |", "|---|---|---|---|---|---|---|"]
    for scene in breakdown.scenes:
        cells = [
            scene.scene_id,
            scene.location or "-",
            scene.place_reason or "-",
            scene.time_of_day,
            scene.mood,
            scene.mood_why or f"words and sentiment ({scene.sentiment:+.2f})",
            ", ".join(scene.objects) or "-",
        ]
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(rows)
