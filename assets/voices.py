"""voice_tracks: one synthesized take per line with phoneme and word timings, on the film clock."""

from pathlib import Path

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import CharacterSheetsManifest, SceneBreakdownManifest, VoiceTracksManifest
from dagster_project.resources import StudioResource
from models.film.picture import voices
from models.film.scene_cache import FileCache
from models.film.voicing import voice_film


@dg.asset(**FILM_ASSET, group_name="sound", kinds={"python"})
def voice_tracks(
    context: dg.AssetExecutionContext,
    studio: StudioResource,
    scene_breakdown: SceneBreakdownManifest,
    character_sheets: CharacterSheetsManifest,
) -> dg.Output[VoiceTracksManifest]:
    """Each line spoken by its character's cast voice; the timeline places lines and scenes."""
    manifest = VoiceTracksManifest.from_result(
        voice_film(
            scene_breakdown.breakdown,
            voices(character_sheets.to_dict()),
            studio.work_dir(context),
            studio.scene_cache("voice_tracks"),
            FileCache(Path(studio.home) / "cache" / "voice_takes"),  # an edited scene's unchanged lines
        )
    )
    engines = sorted({take["voice"] for take in manifest.takes})
    return dg.Output(
        manifest,
        metadata={
            "takes": len(manifest.takes),
            "duration_s": manifest.duration,
            "voices": ", ".join(engines),
            "scenes_recomputed": manifest.scenes_recomputed,
            "scenes_reused": manifest.scenes_reused,
        },
    )
