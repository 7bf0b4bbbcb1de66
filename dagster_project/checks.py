"""Asset checks: the film's quality gate, shown per film partition in the Dagster UI."""

from __future__ import annotations

from pathlib import Path

import warnings

import dagster as dg

from assets.common import breakdown_of
from assets.final import final_cut
from assets.sound import mix
from dagster_project.partitions import films_partitions
from models.film.checks import CheckOutcome, check_duration, check_loudness, check_subtitles

# Partitioned asset checks are a preview feature in Dagster 1.13; they are what lets the UI show
# each film's quality gate, so accept them without a warning on every import.
warnings.filterwarnings("ignore", category=dg.PreviewWarning)


def _result(outcome: CheckOutcome) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=outcome.passed, description=outcome.description, metadata=outcome.metadata)


@dg.asset_check(asset=final_cut, partitions_def=films_partitions, additional_ins={"scene_breakdown": dg.AssetIn()})
def duration_matches_request(final_cut: dict, scene_breakdown: dict) -> dg.AssetCheckResult:
    """The film is within ±5% of the requested length, or the breakdown explains why not."""
    return _result(check_duration(breakdown_of(scene_breakdown), Path(final_cut["dir"]) / final_cut["film"]))


@dg.asset_check(asset=final_cut, partitions_def=films_partitions, additional_ins={"scene_breakdown": dg.AssetIn()})
def subtitles_cover_every_line(final_cut: dict, scene_breakdown: dict) -> dg.AssetCheckResult:
    """Every spoken line has subtitle cues, in order, and no cue runs past the end of the film."""
    srt = Path(final_cut["dir"]) / final_cut["srt"]
    return _result(check_subtitles(breakdown_of(scene_breakdown), srt, final_cut["duration"]))


@dg.asset_check(asset=mix, partitions_def=films_partitions)
def loudness_for_youtube(mix: dict) -> dg.AssetCheckResult:
    """Integrated loudness -14 LUFS ± 1 LU and true peak at most -1 dBTP."""
    return _result(check_loudness(Path(mix["dir"]) / mix["file"]))


ALL_CHECKS = [duration_matches_request, subtitles_cover_every_line, loudness_for_youtube]
