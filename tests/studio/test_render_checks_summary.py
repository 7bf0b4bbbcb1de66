"""The CLI's report of the quality gate: passed, failed and not measured are told apart."""

from __future__ import annotations

from studio.domain.checks import check_status, checks_summary

CHECKS = [
    {"check": "loudness_meets_preset", "passed": True, "description": "-14.0 LUFS", "metadata": {}},
    {"check": "speech_is_intelligible", "passed": False, "description": "Word error rate 31.0 %",
     "metadata": {"wer": 0.31, "measured": True}},
    {"check": "subtitles_match_speech", "passed": False, "description": "Not measured: no recognizer",
     "metadata": {"measured": False}},
]  # fmt: skip


def test_not_measured_is_never_counted_as_passed() -> None:
    assert [check_status(c) for c in CHECKS] == ["passed", "failed", "not measured"]
    lines, failed = checks_summary(CHECKS)
    assert lines[0] == "Checks: 1 passed, 1 failed, 1 not measured"
    assert failed == ["speech_is_intelligible"]
    assert any(line.startswith("  not measured: subtitles_match_speech") for line in lines)
    assert not any("all passed" in line for line in lines)


def test_only_unmeasured_checks_still_do_not_read_as_all_passed() -> None:
    lines, failed = checks_summary([CHECKS[0], CHECKS[2]])
    assert failed == [] and lines[0] == "Checks: 1 passed, 0 failed, 1 not measured"
