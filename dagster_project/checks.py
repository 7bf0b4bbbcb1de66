"""Asset checks: the film's quality gate, shown per film partition in the Dagster UI."""

from __future__ import annotations

import warnings

import dagster as dg

from assets.common import FILM_CHECK
from assets.final import final_cut
from assets.manifests import (
    FinalCutManifest,
    MixManifest,
    SceneBreakdownManifest,
    SubtitlesManifest,
    VoiceTracksManifest,
)
from assets.sound import mix
from assets.subtitles import subtitles
from models.errors import BackendUnavailable
from models.film.checks import (
    CheckOutcome,
    check_duration,
    check_intelligibility,
    check_loudness,
    check_subtitle_timing,
    check_subtitles,
    delivered_speech,
    not_measured,
    scored_lines,
)  # fmt: skip
from models.subtitles import parse_srt

# Partitioned asset checks are a preview feature in Dagster 1.13; they are what lets the UI show
# each film's quality gate, so accept them without a warning on every import.
warnings.filterwarnings("ignore", category=dg.PreviewWarning)


def _result(outcome: CheckOutcome) -> dg.AssetCheckResult:
    """A check that could not measure is a WARN-severity non-pass with metadata measured=False."""
    if not outcome.measured:
        return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.WARN,
                                   description=outcome.description, metadata=outcome.metadata)  # fmt: skip
    return dg.AssetCheckResult(passed=outcome.passed, description=outcome.description, metadata=outcome.metadata)


def _heard(final_cut: FinalCutManifest, scene_breakdown: SceneBreakdownManifest,
           voice_tracks: VoiceTracksManifest) -> tuple[list, object]:  # fmt: skip
    """The scored lines and what Whisper hears in the delivered MP4 (decoded once per film: cached;
    the hearing lives beside the film's assets so a re-render decodes only the stretches that changed)."""
    film = final_cut.path(final_cut.film)
    lines = scored_lines(scene_breakdown.breakdown, voice_tracks.to_dict())
    return lines, delivered_speech(film, lines, film.parent.parent / ".heard")


_DELIVERED_INS = {"subtitles": dg.AssetIn(), "scene_breakdown": dg.AssetIn(), "voice_tracks": dg.AssetIn()}


@dg.asset_check(asset=final_cut, **FILM_CHECK, additional_ins={"scene_breakdown": dg.AssetIn()})
def duration_matches_request(
    final_cut: FinalCutManifest, scene_breakdown: SceneBreakdownManifest
) -> dg.AssetCheckResult:
    """The film is within ±5% of the requested length, or the breakdown explains why not."""
    return _result(check_duration(scene_breakdown.breakdown, final_cut.path(final_cut.film)))


@dg.asset_check(asset=subtitles, **FILM_CHECK, additional_ins={"scene_breakdown": dg.AssetIn()})
def subtitles_cover_every_line(
    subtitles: SubtitlesManifest, scene_breakdown: SceneBreakdownManifest
) -> dg.AssetCheckResult:
    """Every spoken line has subtitle cues, in order, and no cue runs past the end of the film."""
    srt = subtitles.path(subtitles.srt)
    return _result(check_subtitles(scene_breakdown.breakdown, srt, subtitles.duration))


@dg.asset_check(asset=final_cut, **FILM_CHECK, additional_ins=_DELIVERED_INS)
def subtitles_match_speech(final_cut: FinalCutManifest, subtitles: SubtitlesManifest,
                           scene_breakdown: SceneBreakdownManifest,
                           voice_tracks: VoiceTracksManifest) -> dg.AssetCheckResult:  # fmt: skip
    """Median |cue start - word start heard by Whisper in the delivered film| <= 150 ms, and no cue
    past the end of the film. Not measured (WARN) when the recognizer is missing or too few cues'
    first words are heard."""
    cues = parse_srt(subtitles.path(subtitles.srt).read_text(encoding="utf-8"))
    try:
        _, heard = _heard(final_cut, scene_breakdown, voice_tracks)
    except BackendUnavailable as error:
        return _result(not_measured("subtitle_timing", str(error)))
    return _result(check_subtitle_timing(cues, heard, float(final_cut.duration)))


@dg.asset_check(asset=final_cut, **FILM_CHECK, additional_ins=_DELIVERED_INS)
def speech_is_intelligible(final_cut: FinalCutManifest, subtitles: SubtitlesManifest,
                           scene_breakdown: SceneBreakdownManifest,
                           voice_tracks: VoiceTracksManifest) -> dg.AssetCheckResult:  # fmt: skip
    """Whisper tiny.en, with no prompt, hears the English lines in the delivered film's audio (the
    final MP4) with a word error rate of at most 10 % (Whisper's English normalisation). Not
    measured (WARN) when there is no English line or no recognizer."""
    try:
        lines, heard = _heard(final_cut, scene_breakdown, voice_tracks)
    except BackendUnavailable as error:
        return _result(not_measured("intelligibility", str(error)))
    return _result(check_intelligibility(lines, heard))


@dg.asset_check(asset=mix, **FILM_CHECK)
def loudness_meets_preset(mix: MixManifest) -> dg.AssetCheckResult:
    """Integrated loudness on the film's preset ± 1 LU (YouTube -14 LUFS, broadcast -23 LUFS) and
    true peak at most -1 dBTP."""
    return _result(check_loudness(mix.path(mix.file), mix.loudness_preset))


ALL_CHECKS = [duration_matches_request, subtitles_cover_every_line, subtitles_match_speech, speech_is_intelligible,
              loudness_meets_preset]  # fmt: skip
