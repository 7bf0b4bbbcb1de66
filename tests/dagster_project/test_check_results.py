"""A check that could not measure reaches Dagster as a WARN-severity non-pass, never as a pass."""

from __future__ import annotations

import dagster as dg

from dagster_project.checks import _result
from models.film.checks import CheckOutcome, not_measured


def test_not_measured_is_a_warning_and_not_a_pass() -> None:
    result = _result(not_measured("intelligibility", "no recognizer installed."))
    assert result.passed is False and result.severity == dg.AssetCheckSeverity.WARN
    assert result.metadata["measured"].value is False and result.description.startswith("Not measured")


def test_a_measured_failure_is_an_error() -> None:
    result = _result(CheckOutcome("intelligibility", False, "Word error rate 31 %.", {"wer": 0.31}))
    assert result.passed is False and result.severity == dg.AssetCheckSeverity.ERROR
