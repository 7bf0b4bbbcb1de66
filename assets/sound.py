"""score and mix: music per scene mood, then dialogue over the ducked score at -14 LUFS."""

import dagster as dg

from assets.common import FILM_ASSET, breakdown_of
from dagster_project.resources import StudioResource
from models.film.sound import mix_film, score as compose_score


@dg.asset(**FILM_ASSET, group_name="sound", kinds={"python"})
def score(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: dict, voice_tracks: dict
) -> dg.Output[dict]:
    """A MIDI cue per scene composed from its mood and culture, rendered with a GM soundfont."""
    manifest = compose_score(breakdown_of(scene_breakdown), voice_tracks, studio.work_dir(context))
    return dg.Output(manifest, metadata={"cues": len(manifest["cues"]), "backend": manifest["backend"]})


@dg.asset(**FILM_ASSET, group_name="sound", kinds={"python"})
def mix(context: dg.AssetExecutionContext, studio: StudioResource, voice_tracks: dict, score: dict) -> dg.Output[dict]:
    """Dialogue high-passed and centred, music ducked under speech, loudness normalised."""
    manifest = mix_film(voice_tracks, score, studio.work_dir(context))
    return dg.Output(
        manifest,
        metadata={"integrated_lufs": manifest["integrated_lufs"], "true_peak_dbtp": manifest["true_peak_dbtp"]},
    )
