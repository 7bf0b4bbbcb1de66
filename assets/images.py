"""scene_images: an illustrated background plate per scene with its characters staged."""

import dagster as dg

from assets.common import FILM_ASSET, GPU_TAGS, breakdown_of
from dagster_project.resources import StudioResource
from models.film.picture import scene_images as draw_plates
from models.image.backends import ImageBackend, create_backend


def image_backend(studio: StudioResource) -> ImageBackend:
    """The configured image backend (STUDIO_IMAGE_BACKEND), built by the step that needs it."""
    return create_backend(*studio.image_config())


@dg.asset(**FILM_ASSET, group_name="pictures", kinds={"python"}, op_tags=GPU_TAGS)
def scene_images(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: dict, character_sheets: dict
) -> dg.Output[dict]:
    """Location archetype (coast, sea, lighthouse, forest, street, home, office, classroom, temple,
    ghat, desert, mountain...) lit by the time of day, weather from the scene's words, culture-aware
    props, characters staged by who is present with expressions from their lines; flat or storybook
    style; an uploaded background reference becomes the plate's backdrop."""
    fmt = studio.film_format(context.partition_key)
    manifest = draw_plates(
        breakdown_of(scene_breakdown), character_sheets, fmt.picture_size, studio.work_dir(context),
        studio.scene_cache("scene_images"), fmt.style, fmt.references, image_backend(studio),
    )  # fmt: skip
    return dg.Output(manifest, metadata={"scenes": len(manifest["scenes"]), "size": "{}x{}".format(*fmt.picture_size),
                                         "draft": fmt.draft,
                                         "style": fmt.style,
                                         "backend": f"{manifest['backend']['name']} {manifest['backend']['version']}",
                                         "scenes_recomputed": manifest["scenes_recomputed"],
                                         "scenes_reused": manifest["scenes_reused"]})  # fmt: skip
