"""scene_breakdown: the script, parsed into scenes, characters and ordered lines."""

import dagster as dg

from assets.common import FILM_ASSET
from dagster_project.resources import StudioResource
from models.script import build_breakdown


@dg.asset(**FILM_ASSET, group_name="script", kinds={"python"})
def scene_breakdown(context: dg.AssetExecutionContext, studio: StudioResource) -> dg.Output[dict]:
    """Scenes (heading, location, time of day, mood, culture), characters (age band, gender,
    description) and ordered lines (speaker, text, parenthetical, emotion), with a target
    duration per scene fitted to the requested length. Saved to the film store too."""
    store = studio.store()
    film = store.get_film(context.partition_key)
    fmt = studio.film_format(film.id)
    breakdown = build_breakdown(film.script, requested_seconds=fmt.duration)
    store.save_breakdown(film.id, breakdown)
    lines = sum(len(scene.lines) for scene in breakdown.scenes)
    return dg.Output(
        {"breakdown": breakdown.to_dict()},
        metadata={
            "format": breakdown.format,
            "culture": breakdown.culture,
            "scenes": len(breakdown.scenes),
            "characters": ", ".join(c.name for c in breakdown.characters),
            "lines": lines,
            "duration_note": breakdown.duration_note or "",
        },
    )
