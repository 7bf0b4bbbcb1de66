"""The Watch page's quality section: a real Dagster run's check results, in plain words."""

from __future__ import annotations

import dagster as dg

from studio.domain.checks import checks_html
from studio.orchestration.film_checks import film_checks

FILMS = dg.DynamicPartitionsDefinition(name="films")


@dg.asset(partitions_def=FILMS)
def final_cut() -> int:
    return 1


@dg.asset_check(asset=final_cut, partitions_def=FILMS)
def speech_is_intelligible() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.WARN,
                               description="Not measured: no recognizer.", metadata={"measured": False})  # fmt: skip


@dg.asset_check(asset=final_cut, partitions_def=FILMS)
def loudness_meets_preset() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True, description="-14.0 LUFS.")


@dg.asset_check(asset=final_cut, partitions_def=FILMS)
def lipsync_follows_speech() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=False, description="correlation min 0.12.", metadata={"measured": True})


def test_the_latest_runs_checks_are_shown_passed_failed_and_not_measured() -> None:
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", ["f1"])
    result = dg.materialize([final_cut, speech_is_intelligible, loudness_meets_preset, lipsync_follows_speech],
                            partition_key="f1", instance=instance, raise_on_error=False)  # fmt: skip
    assert result.success
    checks = {c["check"]: c["status"] for c in film_checks(instance, "f1")}
    assert checks == {"speech_is_intelligible": "not measured", "loudness_meets_preset": "passed",
                      "lipsync_follows_speech": "failed"}  # fmt: skip
    html = checks_html(film_checks(instance, "f1"))
    assert "1 passed, 1 failed, 1 not measured" in html
    assert "Viewers can understand every spoken line" in html and "Mouths move with the voices" in html
    assert (
        html.index('data-status="failed"')
        < html.index('data-status="not measured"')
        < html.index('data-status="passed"')
    )
    assert film_checks(instance, "unknown") == [] and "No quality checks" in checks_html([])
