"""final_cut and trailer: the MP4 with subtitles and thumbnails, and a 15-30 s trailer."""

from pathlib import Path

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import (
    FinalCutManifest,
    LipsyncClipsManifest,
    MixManifest,
    SceneBreakdownManifest,
    SceneImagesManifest,
    SubtitlesManifest,
    TrailerManifest,
    VoiceTracksManifest,
)
from dagster_project.resources import StudioResource
from models.film.package import package_film
from models.film.package import trailer as cut_trailer
from models.film.scene_cache import FileCache


@dg.asset(**FILM_ASSET, group_name="delivery", kinds={"python"})
def final_cut(
    context: dg.AssetExecutionContext,
    studio: StudioResource,
    scene_breakdown: SceneBreakdownManifest,
    voice_tracks: VoiceTracksManifest,
    scene_images: SceneImagesManifest,
    lipsync_clips: LipsyncClipsManifest,
    mix: MixManifest,
    subtitles: SubtitlesManifest,
) -> dg.Output[FinalCutManifest]:
    """H.264/AAC MP4 of all scene clips (joined without re-encoding) with the mix, SRT and VTT timed
    from the real audio (the subtitles asset), three thumbnails of different key moments, a poster and the
    breakdown with every line's time in the film. Film-level: it re-runs on every render, cheaply."""
    manifest = FinalCutManifest.from_result(
        package_film(
            scene_breakdown.breakdown,
            voice_tracks.to_dict(),
            scene_images.to_dict(),
            lipsync_clips.to_dict(),
            mix.to_dict(),
            studio.work_dir(context),
            subtitles=subtitles.to_dict(),
            scans=studio.json_cache("clip_scans"),
        )
    )
    return dg.Output(manifest, metadata={"duration_s": manifest.duration, "cues": manifest.cues,
                                         "thumbnails": ", ".join(manifest.thumbnails), "poster": manifest.poster,
                                         "scenes": len(manifest.scenes),
                                         "scenes_recomputed": lipsync_clips.scenes_recomputed,
                                         "scenes_reused": lipsync_clips.scenes_reused})  # fmt: skip


@dg.asset(**FILM_ASSET, group_name="delivery", kinds={"python"})
def trailer(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: SceneBreakdownManifest,
    voice_tracks: VoiceTracksManifest, lipsync_clips: LipsyncClipsManifest, mix: MixManifest,
) -> dg.Output[TrailerManifest]:  # fmt: skip
    """Title card, the film's strongest lines, end card: cut from the scene clips and the mix (what
    the final cut joins), so it runs beside the subtitles and the final cut instead of after them."""
    fmt = studio.film_format(context.partition_key)
    manifest = TrailerManifest.from_result(
        cut_trailer(
            scene_breakdown.breakdown,
            voice_tracks.to_dict(),
            lipsync_clips.to_dict(),
            mix.to_dict(),
            fmt.picture_size,
            fmt.picture_fps,
            studio.work_dir(context),
            FileCache(Path(studio.home) / "cache" / "trailers"),
            FileCache(Path(studio.home) / "cache" / "trailer_parts"),
        )
    )
    return dg.Output(manifest, metadata={"duration_s": manifest.duration, "reused": manifest.reused})
