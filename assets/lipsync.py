"""lipsync_clips: one animated clip per scene; mouths follow the phoneme timings, the camera cuts on lines."""

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import LipsyncClipsManifest, SceneBreakdownManifest, SceneImagesManifest, VoiceTracksManifest
from dagster_project.resources import StudioResource
from models.film.motion import ClipOptions
from models.film.motion import lipsync_clips as animate


@dg.asset(**FILM_ASSET, group_name="pictures", kinds={"python"})
def lipsync_clips(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: SceneBreakdownManifest,
    scene_images: SceneImagesManifest, voice_tracks: VoiceTracksManifest,
) -> dg.Output[LipsyncClipsManifest]:  # fmt: skip
    """H.264 clip per scene: visemes from each line's phonemes, blinks, head turns and gestures, a camera
    that cuts on line boundaries (wide, two-shot, close-up on the speaker), the script's transitions,
    and the delivery overlays (watermark, burned-in subtitles). Unchanged scenes come from the cache."""
    fmt = studio.film_format(context.partition_key)
    breakdown = scene_breakdown.breakdown
    mode = fmt.mode if fmt.mode != "auto" else breakdown.mode
    options = ClipOptions(
        mode=mode if mode in ("film", "podcast") else "film",
        watermark=fmt.watermark,
        burn_subtitles=fmt.burn_subtitles,
        preset="ultrafast" if fmt.draft else "veryfast",
    )  # a draft is for review: speed first
    manifest = LipsyncClipsManifest.from_result(
        animate(scene_images.to_dict(), voice_tracks.to_dict(), fmt.picture_fps, studio.work_dir(context),
                studio.scene_cache("lipsync_clips"), breakdown, options)
    )  # fmt: skip
    shots = sum(len(clip["shots"]) for clip in manifest.clips)
    return dg.Output(manifest, metadata={"clips": len(manifest.clips), "fps": fmt.picture_fps, "shots": shots,
                                         "mode": options.mode, "watermark": fmt.watermark,
                                         "scenes_recomputed": manifest.scenes_recomputed,
                                         "scenes_reused": manifest.scenes_reused})  # fmt: skip
