"""subtitles: SRT/VTT timed on the film's real dialogue audio, translations, and the render's MLflow run."""

from pathlib import Path

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import MixManifest, SceneBreakdownManifest, ScoreManifest, SubtitlesManifest, VoiceTracksManifest
from dagster_project.resources import RecogniserResource, StudioResource, TrackingResource
from models.film.subtitling import subtitle_film


def _log_render(context: dg.AssetExecutionContext, studio: StudioResource, tracking: TrackingResource,
                voice_tracks: VoiceTracksManifest, score: ScoreManifest, mix: MixManifest,
                manifest: SubtitlesManifest) -> str:  # fmt: skip
    """Register every voice and music backend version and log this render's run in MLflow."""
    from models.film.film_report import film_run

    run = film_run(context.partition_key, context.run_id, voice_tracks.to_dict(), score.to_dict(), mix.to_dict(),
                   manifest.to_dict(), Path(studio.home) / "cache" / "rtf")  # fmt: skip
    tracker = tracking.tracker()
    tracker.register_backends(run.backends)
    return tracker.log_film(run)


@dg.asset(**FILM_ASSET, group_name="delivery", kinds={"python", "mlflow"})
def subtitles(
    context: dg.AssetExecutionContext,
    studio: StudioResource,
    recogniser: RecogniserResource,
    tracking: TrackingResource,
    scene_breakdown: SceneBreakdownManifest,
    voice_tracks: VoiceTracksManifest,
    score: ScoreManifest,
    mix: MixManifest,
) -> dg.Output[SubtitlesManifest]:
    """SRT and WebVTT of the script's lines timed on the final dialogue stem: Whisper tiny.en hears
    the words (aligned to the script, so the text stays the script's), cue starts snap to speech
    onsets; translations through apertium (English<->Spanish); intelligibility (WER) and timing are
    measured, and the render is logged to MLflow with the Dagster run id and film partition."""
    fmt = studio.film_format(context.partition_key)
    multilingual = recogniser.whisper_base_path
    manifest = SubtitlesManifest.from_result(
        subtitle_film(scene_breakdown.breakdown, voice_tracks.to_dict(), mix.to_dict(), studio.work_dir(context),
                      fmt.subtitle_languages, multilingual, studio.json_cache("asr"))
    )  # fmt: skip
    for language, reason in manifest.unrecognised_languages.items():
        context.log.warning(f"Subtitles for {language} lines use synthesizer timings: {reason}")
    try:
        manifest.mlflow_run_id = _log_render(context, studio, tracking, voice_tracks, score, mix, manifest)
    except Exception as error:  # tracking must never cost the creator their subtitles; say so loudly
        context.log.error(f"MLflow logging failed ({tracking.tracking_uri}): {error}")
        manifest.mlflow_run_id = None
    return dg.Output(
        manifest,
        metadata={
            "cues": manifest.cues,
            "wer": manifest.wer,
            "languages": ", ".join(manifest.languages),
            "median_cue_offset_ms": manifest.median_cue_offset_ms,
            "mlflow_run_id": manifest.mlflow_run_id,
        },  # fmt: skip
    )
