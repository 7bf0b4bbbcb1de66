"""character_sheets: each character's locked identity (look, voice), its version, and its pictures."""

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import CharacterSheetsManifest, SceneBreakdownManifest
from dagster_project.resources import ImageBackendResource, StudioResource
from models.film.picture import character_sheets as make_sheets
from models.film.picture import derived_looks, voices
from models.image.references import character_reference
from studio.services.characters import CharacterVersions


@dg.asset(**FILM_ASSET, group_name="characters", kinds={"python"})
def character_sheets(
    context: dg.AssetExecutionContext,
    studio: StudioResource,
    image: ImageBackendResource,
    scene_breakdown: SceneBreakdownManifest,
) -> dg.Output[CharacterSheetsManifest]:
    """The character engine's output: a look derived from the script's description (face, skin, hair,
    build, wardrobe by culture, accessories, palette) and a voice cast by age band, gender and
    language, the same in every scene. The active version of each character renders (version 1 is
    the concept; `studio characters FILM --rollback NAME N` picks another). Pictures: model sheet,
    turnaround (front, three-quarter, profile), seven expressions and the viseme mouth set."""
    film_id = context.partition_key
    breakdown = scene_breakdown.breakdown
    fmt = studio.film_format(film_id)
    history = CharacterVersions(studio.store())
    photos = {c.name: "actor" for c in breakdown.characters if character_reference(fmt.references, c.name)}
    history.ensure_concepts(film_id, {name: look.to_dict() for name, look in derived_looks(breakdown).items()}, photos)
    active = {name: {"version": v.version, "stage": v.stage, "mode": v.mode, "traits": v.traits}
              for name, v in history.active(film_id).items()}  # fmt: skip
    manifest = CharacterSheetsManifest.from_result(
        make_sheets(breakdown, fmt.voices, studio.work_dir(context), active, fmt.references, fmt.style,
                    image.create(), studio.scene_cache("character_sheets"))
    )  # fmt: skip
    for name, entry in manifest.characters.items():
        history.record_look(film_id, name, entry["version"], entry["look"])
    cast = voices(manifest.to_dict())
    studio.store().set_voices(film_id, cast)
    versions = {name: f"v{entry['version']} {entry['stage']} ({entry['mode']})"
                for name, entry in manifest.characters.items()}  # fmt: skip
    return dg.Output(manifest, metadata={"voices": dg.MetadataValue.json(cast),
                                         "versions": dg.MetadataValue.json(versions),
                                         "characters_recomputed": manifest.characters_recomputed,
                                         "characters_reused": manifest.characters_reused,
                                         "image_backend": f"{manifest.backend['name']} "
                                                          f"{manifest.backend['version']}"})  # fmt: skip
