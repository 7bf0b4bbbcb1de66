"""score and mix: music per scene mood and culture (or the creator's own file), then the master."""

from pathlib import Path

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import MixManifest, SceneBreakdownManifest, ScoreManifest, VoiceTracksManifest
from dagster_project.resources import StudioResource
from models.film.sound import mix_film
from models.film.sound import score as compose_score


@dg.asset(**FILM_ASSET, group_name="sound", kinds={"python"})
def score(
    context: dg.AssetExecutionContext,
    studio: StudioResource,
    scene_breakdown: SceneBreakdownManifest,
    voice_tracks: VoiceTracksManifest,
) -> dg.Output[ScoreManifest]:
    """A MIDI cue per scene composed from its mood and culture (Indian ragas over a tanpura drone,
    devotional, orchestral, ambient, contemporary; the film's music style overrides), rendered with
    a General MIDI soundfont, with a beat map in film seconds and a drone under chanted verses.
    A creator's own MP3/WAV replaces the composed cues, looped or trimmed to the film's length."""
    fmt = studio.film_format(context.partition_key)
    manifest = ScoreManifest.from_result(compose_score(
        scene_breakdown.breakdown, voice_tracks.to_dict(), studio.work_dir(context),
        music_style=fmt.music_style, music_file=fmt.music_file, cache_dir=Path(studio.home) / "cache" / "music",
    ))  # fmt: skip
    return dg.Output(
        manifest,
        metadata={
            "cues": len(manifest.cues),
            "backend": manifest.backend,
            "version": manifest.version,
            "beats": len(manifest.beat_map["beats"]),
            "realtime_factor": manifest.realtime_factor,
            "chants_with_drone": len(manifest.chant_spans),
        },  # fmt: skip
    )


@dg.asset(**FILM_ASSET, group_name="sound", kinds={"python"})
def mix(context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: SceneBreakdownManifest,
        voice_tracks: VoiceTracksManifest, score: ScoreManifest) -> dg.Output[MixManifest]:  # fmt: skip
    """Dialogue high-passed and gently compressed, music ducked under speech, room tone under both
    voices in podcast mode, normalised to the film's loudness preset (YouTube -14 LUFS or broadcast
    -23 LUFS, true peak <= -1 dBTP, ITU-R BS.1770)."""
    fmt = studio.film_format(context.partition_key)
    podcast = scene_breakdown.breakdown.mode == "podcast"
    manifest = MixManifest.from_result(
        mix_film(voice_tracks.to_dict(), score.to_dict(), studio.work_dir(context), loudness=fmt.loudness,
                 podcast=podcast)
    )  # fmt: skip
    return dg.Output(
        manifest,
        metadata={
            "integrated_lufs": manifest.integrated_lufs,
            "true_peak_dbtp": manifest.true_peak_dbtp,
            "preset": manifest.loudness_preset,
            "room_tone": manifest.room_tone,
            "mix_seconds": manifest.mix_seconds,
        },  # fmt: skip
    )
