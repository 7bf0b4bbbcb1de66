"""character_sheets: each character's locked identity (look, voice) and turnaround sheet."""

import dagster as dg

from assets.common import FILM_ASSET, breakdown_of
from dagster_project.resources import StudioResource
from models.film.picture import character_sheets as make_sheets, voices


@dg.asset(**FILM_ASSET, group_name="characters", kinds={"python"})
def character_sheets(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: dict
) -> dg.Output[dict]:
    """The character engine's output: a look derived from the script's description and a voice
    cast by age band, gender and language, the same in every scene."""
    breakdown = breakdown_of(scene_breakdown)
    fmt = studio.film_format(context.partition_key)
    manifest = make_sheets(breakdown, fmt.voices, studio.work_dir(context))
    cast = voices(manifest)
    studio.store().set_voices(context.partition_key, cast)
    return dg.Output(manifest, metadata={"voices": dg.MetadataValue.json(cast)})
