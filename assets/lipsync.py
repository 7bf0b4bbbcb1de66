"""lipsync_clips: one animated clip per scene; mouths follow the phoneme timings."""

import dagster as dg

from assets.common import FILM_ASSET, GPU_TAGS
from dagster_project.resources import StudioResource
from models.film.picture import lipsync_clips as animate


@dg.asset(**FILM_ASSET, group_name="pictures", kinds={"python"}, op_tags=GPU_TAGS)
def lipsync_clips(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_images: dict, voice_tracks: dict
) -> dg.Output[dict]:
    """H.264 clip per scene: visemes from each line's phonemes, blinking eyes, a moving camera."""
    fps = studio.film_format(context.partition_key).fps
    manifest = animate(scene_images, voice_tracks, fps, studio.work_dir(context))
    return dg.Output(manifest, metadata={"clips": len(manifest["clips"]), "fps": fps})
