"""posters: the film's posters in three styles and a 16:9 banner (marketing)."""

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import CharacterSheetsManifest, PostersManifest, SceneBreakdownManifest, SceneImagesManifest
from dagster_project.resources import StudioResource
from models.film.posters import material, render_posters


@dg.asset(**FILM_ASSET, group_name="marketing", kinds={"python", "skia"})
def posters(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: SceneBreakdownManifest,
    character_sheets: CharacterSheetsManifest, scene_images: SceneImagesManifest,
) -> dg.Output[PostersManifest]:  # fmt: skip
    """Posters at 1080x1600 (27x40) in three styles: key art (the lead over the strongest scene's
    plate, tagline, title and billing block), minimal (one colour, one prop, the title) and ensemble
    (every character's portrait), plus a 1920x1080 banner. The posters_are_legible check measures
    the title's contrast and size and the styles' difference from the delivered files."""
    title = studio.store().get_film(context.partition_key).title
    stuff = material(scene_breakdown.breakdown, scene_images.to_dict(), character_sheets.to_dict(), title)
    manifest = PostersManifest.from_result(render_posters(stuff, studio.work_dir(context)))
    return dg.Output(manifest, metadata={
        "posters": ", ".join(p["file"] for p in manifest.posters), "banner": manifest.banner["file"],
    })  # fmt: skip
