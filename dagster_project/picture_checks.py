"""Picture asset checks: lip-sync, frozen stretches, black frames mid-film, thumbnails.

Thin wrappers over models/edit/quality.py; each film partition shows its results in the UI.
"""

from __future__ import annotations

import warnings

import dagster as dg
import soundfile as sf

from assets.common import FILM_CHECK
from assets.final import final_cut
from assets.lipsync import lipsync_clips
from assets.manifests import (
    FinalCutManifest,
    LipsyncClipsManifest,
    MixManifest,
    SceneImagesManifest,
    VoiceTracksManifest,
)
from dagster_project.resources import StudioResource
from models.edit.quality import (
    VideoScan,
    check_lipsync,
    check_no_black,
    check_no_freeze,
    check_thumbnails,
    intended_black,
)
from models.film.checks import CheckOutcome
from models.film.picture import scene_art
from models.image.views import resting_mouths

warnings.filterwarnings("ignore", category=dg.PreviewWarning)  # partitioned asset checks (see checks.py)


def _scan(final_cut: FinalCutManifest) -> VideoScan | None:
    return VideoScan.from_dict(final_cut.scan) if final_cut.scan is not None else None


def _result(outcome: CheckOutcome) -> dg.AssetCheckResult:
    from dagster_project.checks import _result as result  # one rule: "not measured" is a WARN, never a pass

    return result(outcome)


@dg.asset_check(
    asset=lipsync_clips,
    **FILM_CHECK,
    additional_ins={"voice_tracks": dg.AssetIn(), "mix": dg.AssetIn(), "scene_images": dg.AssetIn()},
)
def lipsync_follows_speech(
    lipsync_clips: LipsyncClipsManifest,
    voice_tracks: VoiceTracksManifest,
    mix: MixManifest,
    scene_images: SceneImagesManifest,
    studio: StudioResource,
) -> dg.AssetCheckResult:
    """Per speaking shot, the speaker's mouth opening measured in the rendered clip's pixels (the
    mouth found from the staging and the camera's poses, compared with the plate's resting mouth)
    correlates with the envelope of the delivered dialogue audio at 0.5 or more."""
    dialogue = sf.read(mix.path(mix.dialogue), dtype="float32")
    images = scene_images.to_dict()
    rest = {clip["scene_id"]: resting_mouths(scene_art(images, clip["scene_id"])) for clip in lipsync_clips.clips}
    # Measurements are kept by clip bytes: a re-render decodes only the clips it changed.
    return _result(check_lipsync(lipsync_clips.to_dict(), voice_tracks.to_dict(), dialogue, rest,
                                 studio.json_cache("lipsync_measurements")))  # fmt: skip


@dg.asset_check(asset=final_cut, **FILM_CHECK)
def no_frozen_stretches(final_cut: FinalCutManifest) -> dg.AssetCheckResult:
    """No stretch of the film longer than 3 s without visible motion."""
    return _result(check_no_freeze(final_cut.path(final_cut.film), _scan(final_cut)))


@dg.asset_check(asset=final_cut, **FILM_CHECK,
                additional_ins={"lipsync_clips": dg.AssetIn(), "voice_tracks": dg.AssetIn()})  # fmt: skip
def no_black_frames_mid_film(
    final_cut: FinalCutManifest, lipsync_clips: LipsyncClipsManifest, voice_tracks: VoiceTracksManifest
) -> dg.AssetCheckResult:
    """Black frames only inside the fades the script asked for (and the opening and closing fades)."""
    allowed = intended_black(lipsync_clips.to_dict(), voice_tracks.to_dict())
    return _result(check_no_black(final_cut.path(final_cut.film), allowed, scan=_scan(final_cut)))


@dg.asset_check(asset=final_cut, **FILM_CHECK)
def thumbnails_not_blank(final_cut: FinalCutManifest) -> dg.AssetCheckResult:
    """Three thumbnails at 1280x720 or more, none blank, each a different moment."""
    return _result(check_thumbnails([final_cut.path(name) for name in final_cut.thumbnails]))


PICTURE_CHECKS = [lipsync_follows_speech, no_frozen_stretches, no_black_frames_mid_film, thumbnails_not_blank]
