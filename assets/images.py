"""scene_images: an illustrated background plate per scene with its characters staged."""

import dagster as dg

from assets.common import FILM_ASSET, GPU_TAGS, breakdown_of
from dagster_project.resources import StudioResource
from models.film.picture import scene_images as draw_plates


@dg.asset(**FILM_ASSET, group_name="pictures", kinds={"python"}, op_tags=GPU_TAGS)
def scene_images(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: dict, character_sheets: dict
) -> dg.Output[dict]:
    """Location archetype lit by the time of day, culture-aware props, characters by who is present."""
    fmt = studio.film_format(context.partition_key)
    manifest = draw_plates(breakdown_of(scene_breakdown), character_sheets, fmt.size, studio.work_dir(context))
    return dg.Output(manifest, metadata={"scenes": len(manifest["scenes"]), "size": f"{fmt.size[0]}x{fmt.size[1]}"})
