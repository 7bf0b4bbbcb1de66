"""A film's quality gate in plain words for the creator: the latest render's asset checks, each
passed, failed or not measured (a check that could not measure is never shown as passed)."""

from __future__ import annotations

from html import escape
from typing import Any

from studio.cli.render import check_status

PLAIN = {
    "speech_is_intelligible": "Viewers can understand every spoken line",
    "subtitles_match_speech": "Subtitles appear when the words are spoken",
    "subtitles_cover_every_line": "Every spoken line has subtitles",
    "lipsync_follows_speech": "Mouths move with the voices",
    "loudness_meets_preset": "Sound is at the right loudness",
    "duration_matches_request": "The film has the length you asked for",
    "characters_are_consistent": "Characters look the same in every scene",
    "no_frozen_stretches": "The picture never freezes",
    "no_black_frames_mid_film": "No unexpected black frames",
    "thumbnails_not_blank": "Thumbnails show the film",
}
MARKS = {"passed": ("✓", "Passed"), "failed": ("✗", "Failed"), "not measured": ("–", "Not measured")}


def film_checks(instance: Any, film_id: str, runs_to_search: int = 10) -> list[dict[str, Any]]:
    """The asset check results of the film's newest run that evaluated any, each with its status."""
    from dagster import RunsFilter

    from studio.orchestration.execute import check_results

    for run in instance.get_runs(RunsFilter(tags={"dagster/partition": film_id}), limit=runs_to_search):
        checks = check_results(instance, run.run_id)
        if checks:
            return [c | {"status": check_status(c)} for c in checks]
    return []


def checks_html(checks: list[dict[str, Any]]) -> str:
    """Failed first, then not measured, then passed; each in a sentence with what was measured."""
    if not checks:
        return "<p>No quality checks have run for this film yet.</p>"
    order = {"failed": 0, "not measured": 1, "passed": 2}
    counts = {s: sum(1 for c in checks if c["status"] == s) for s in order}
    items = []
    for c in sorted(checks, key=lambda c: (order[c["status"]], c["check"])):
        mark, word = MARKS[c["status"]]
        title = PLAIN.get(c["check"], c["check"].replace("_", " ").capitalize())
        items.append(f'<li data-check="{escape(c["check"])}" data-status="{escape(c["status"])}">{mark} '
                     f'<b>{escape(word)}</b>: {escape(title)}. <small>{escape(c.get("description") or "")}</small></li>')
    summary = (f"<p>{counts['passed']} passed, {counts['failed']} failed, {counts['not measured']} not measured.</p>")
    return summary + '<ul class="studio-checks">' + "".join(items) + "</ul>"


def quality_report(service: Any, token: str, film_id: str) -> str:
    """The Watch page's quality section; `service.film` checks the creator may see the film."""
    service.film(token, film_id)
    return checks_html(film_checks(service.instance, film_id))
