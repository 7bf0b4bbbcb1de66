"""scene_images: an illustrated background plate per scene with its characters staged."""

import dagster as dg

from assets.common import FILM_ASSET, GPU_TAGS
from assets.manifests import CharacterSheetsManifest, SceneBreakdownManifest, SceneImagesManifest
from dagster_project.resources import ImageBackendResource, StudioResource
from models.film.picture import scene_images as draw_plates


@dg.asset(**FILM_ASSET, group_name="pictures", kinds={"python"}, op_tags=GPU_TAGS)
def scene_images(
    context: dg.AssetExecutionContext,
    studio: StudioResource,
    image: ImageBackendResource,
    scene_breakdown: SceneBreakdownManifest,
    character_sheets: CharacterSheetsManifest,
) -> dg.Output[SceneImagesManifest]:
    """Location archetype (coast, sea, lighthouse, forest, street, home, office, classroom, temple,
    ghat, desert, mountain...) lit by the time of day, weather from the scene's words, culture-aware
    props, characters staged by who is present with expressions from their lines; flat or storybook
    style; an uploaded background reference becomes the plate's backdrop."""
    fmt = studio.film_format(context.partition_key)
    manifest = SceneImagesManifest.from_result(draw_plates(
        scene_breakdown.breakdown, character_sheets.to_dict(), fmt.picture_size, studio.work_dir(context),
        studio.scene_cache("scene_images"), fmt.style, fmt.references, image.create(),
    ))  # fmt: skip
    return dg.Output(manifest, metadata={"scenes": len(manifest.scenes), "size": "{}x{}".format(*fmt.picture_size),
                                         "draft": fmt.draft,
                                         "style": fmt.style,
                                         "backend": f"{manifest.backend['name']} {manifest.backend['version']}",
                                         "places": dg.MetadataValue.md(_places(manifest)),
                                         "scenes_recomputed": manifest.scenes_recomputed,
                                         "scenes_reused": manifest.scenes_reused,
                                         "licences": ", ".join(f"{lic['set']} ({lic['licence']})"
                                                               for lic in manifest.licences) or "none"})  # fmt: skip


def _places(manifest: SceneImagesManifest) -> str:
    """Which archetype each scene's place was drawn as, and why (an unknown place says so)."""
    rows = ["| scene | drawn as | why |", "|---|---|---|"]
    for scene_id in manifest.scenes:
        why = manifest.archetype_reasons.get(scene_id) or "-"
        rows.append(f"| {scene_id} | {manifest.archetypes.get(scene_id) or '-'} | {why.replace('|', '/')} |")
    return "\n".join(rows)
