"""A render's quality gate in words: each asset check passed, failed or not measured.

A check that could not measure (metadata `measured=False`) is never counted as passed.
"""

from __future__ import annotations

from html import escape
from typing import Any

STATUSES = ("passed", "failed", "not measured")


def check_status(check: dict[str, Any]) -> str:
    """ "passed", "failed" or "not measured" (a check that could not measure says measured=False)."""
    if check.get("metadata", {}).get("measured") is False:
        return "not measured"
    return "passed" if check["passed"] else "failed"


def checks_summary(checks: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The CLI's lines about the quality gate (passed, failed and not measured listed apart, never
    "all passed" while something went unmeasured) and the names of the checks that failed."""
    by_status = {status: [c for c in checks if c.get("status", check_status(c)) == status] for status in STATUSES}
    lines = [f"Checks: {len(by_status['passed'])} passed, {len(by_status['failed'])} failed, "
             f"{len(by_status['not measured'])} not measured"]  # fmt: skip
    if by_status["passed"]:
        lines.append("  passed: " + ", ".join(c["check"] for c in by_status["passed"]))
    for status in ("failed", "not measured"):
        for c in by_status[status]:
            lines.append(f"  {status}: {c['check']} ({c.get('description') or 'no description'})")
    return lines, [c["check"] for c in by_status["failed"]]


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
    "framing_is_clean": "Faces and titles are not cut off at the edges",
    "objects_on_screen": "What the script describes is on screen",
    "posters_are_legible": "The poster's title can be read",
}
# What each status means for the creator, after the check's own sentence.
MEANING = {
    "passed": "",
    "failed": "This needs a look before you share the film.",
    "not measured": "We could not measure this, so it is not counted as passed.",
}
MARKS = {"passed": ("✓", "Passed"), "failed": ("✗", "Failed"), "not measured": ("–", "Not measured")}


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
        items.append(
            f'<li data-check="{escape(c["check"])}" data-status="{escape(c["status"])}">{mark} '
            f"<b>{escape(word)}</b>: {escape(title)}. {escape(MEANING[c['status']])} "
            f"<small>{escape(_detail(c))}</small></li>"
        )
    summary = f"<p>{counts['passed']} passed, {counts['failed']} failed, {counts['not measured']} not measured.</p>"
    return summary + '<ul class="studio-checks">' + "".join(items) + "</ul>"


def _detail(check: dict[str, Any]) -> str:
    """What was measured, in the check's own words; a description that merely repeats "Not measured" is dropped."""
    text = str(check.get("description") or "").strip()
    if check["status"] == "not measured":
        text = text.removeprefix("Not measured:").removeprefix("Not measured").strip(" :.-")
        return f"Why: {text[0].lower()}{text[1:]}." if text else ""
    return text
