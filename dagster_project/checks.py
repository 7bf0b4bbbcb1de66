"""Asset checks: the film's quality gate, shown per film partition in the Dagster UI."""

from __future__ import annotations

from pathlib import Path

import warnings

import dagster as dg

from assets.common import breakdown_of
from assets.final import final_cut
from assets.sound import mix
from assets.subtitles import subtitles
from dagster_project.partitions import films_partitions
from models.film.checks import (
    CheckOutcome, check_duration, check_intelligibility, check_loudness, check_subtitle_timing, check_subtitles,
)  # fmt: skip

# Partitioned asset checks are a preview feature in Dagster 1.13; they are what lets the UI show
# each film's quality gate, so accept them without a warning on every import.
warnings.filterwarnings("ignore", category=dg.PreviewWarning)


def _result(outcome: CheckOutcome) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=outcome.passed, description=outcome.description, metadata=outcome.metadata)


@dg.asset_check(asset=final_cut, partitions_def=films_partitions, additional_ins={"scene_breakdown": dg.AssetIn()})
def duration_matches_request(final_cut: dict, scene_breakdown: dict) -> dg.AssetCheckResult:
    """The film is within ±5% of the requested length, or the breakdown explains why not."""
    return _result(check_duration(breakdown_of(scene_breakdown), Path(final_cut["dir"]) / final_cut["film"]))


@dg.asset_check(asset=subtitles, partitions_def=films_partitions, additional_ins={"scene_breakdown": dg.AssetIn()})
def subtitles_cover_every_line(subtitles: dict, scene_breakdown: dict) -> dg.AssetCheckResult:
    """Every spoken line has subtitle cues, in order, and no cue runs past the end of the film."""
    srt = Path(subtitles["dir"]) / subtitles["srt"]
    return _result(check_subtitles(breakdown_of(scene_breakdown), srt, subtitles["duration"]))


@dg.asset_check(asset=subtitles, partitions_def=films_partitions)
def subtitles_match_speech(subtitles: dict) -> dg.AssetCheckResult:
    """Median |cue start - spoken word start| <= 150 ms, and no cue past the end of the film."""
    return _result(check_subtitle_timing(subtitles, subtitles["duration"]))


@dg.asset_check(asset=subtitles, partitions_def=films_partitions)
def speech_is_intelligible(subtitles: dict) -> dg.AssetCheckResult:
    """Whisper tiny.en hears the English lines with a word error rate of at most 10 %."""
    return _result(check_intelligibility(subtitles))


@dg.asset_check(asset=mix, partitions_def=films_partitions)
def loudness_meets_preset(mix: dict) -> dg.AssetCheckResult:
    """Integrated loudness on the film's preset ± 1 LU (YouTube -14 LUFS, broadcast -23 LUFS) and
    true peak at most -1 dBTP."""
    return _result(check_loudness(Path(mix["dir"]) / mix["file"], mix.get("loudness_preset", "youtube")))


ALL_CHECKS = [duration_matches_request, subtitles_cover_every_line, subtitles_match_speech, speech_is_intelligible,
              loudness_meets_preset]  # fmt: skip
