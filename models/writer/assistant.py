"""Drafting a screenplay from a logline and suggesting the next line, checked as Fountain."""

from __future__ import annotations

import time
from dataclasses import dataclass

from models.writer.backends import Progress, WriterBackend
from models.writer.fountain_output import dialogue_line, screenplay_from_model
from models.writer.limits import MAX_CONTEXT_CHARS, WriterInputError, check_logline, check_minutes

SYSTEM = ("You are a screenwriter. You write short films in Fountain screenplay format: scene headings like "
          "'INT. KITCHEN - NIGHT', action paragraphs, character names in capitals on their own line with their "
          "dialogue on the next line. You write only the screenplay, with no commentary and no Markdown.")  # fmt: skip
# The format shown once, about something else: a small model copies whatever story its example tells.
EXAMPLE = (
    "Title: Short Title\n\nEXT. PLACE - DAY\n\nOne sentence of action.\n\nFIRST NAME\nWhat they say.\n\n"
    "SECOND NAME\n(how they say it)\nWhat they answer.\n"
)
TOKENS_PER_MINUTE = 220  # about a page of screenplay a minute


@dataclass(frozen=True)
class Draft:
    fountain: str
    scenes: int
    speakers: list[str]
    lines: int
    tokens: int
    seconds: float
    backend: str

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def _counting(progress: Progress | None, counter: list[int]) -> Progress:
    def report(done: int, total: int) -> None:
        counter[0] = done
        if progress is not None:
            progress(done, total)

    return report


def draft_screenplay(backend: WriterBackend, logline: str, minutes: float, progress: Progress | None = None) -> Draft:
    """A short screenplay for `logline` of about `minutes`, validated as Fountain before it is returned."""
    text, length = check_logline(logline), check_minutes(minutes)
    scenes = max(1, min(4, length))
    prompt = (f"Write a {length}-minute short film screenplay in Fountain format with {scenes} scene(s), two or "
              f"three characters with real names and mostly dialogue.\nLogline: {text}\n\nUse this layout (replace every "
              f"placeholder; never repeat a scene):\n\n{EXAMPLE}\nNow write the screenplay for the logline, with a "
              "beginning, a turn and an ending.")  # fmt: skip
    counter = [0]
    started = time.perf_counter()
    budget = TOKENS_PER_MINUTE * length + 80
    raw = backend.generate(SYSTEM, prompt, budget, _counting(progress, counter))
    seconds = time.perf_counter() - started
    checked = screenplay_from_model(raw, truncated=counter[0] >= budget)
    return Draft(checked.text, checked.scenes, checked.speakers, checked.lines, counter[0], seconds,
                 f"{backend.name} {backend.version}")  # fmt: skip


def suggest_line(backend: WriterBackend, script: str, speaker: str | None = None,
                 progress: Progress | None = None) -> str:  # fmt: skip
    """The next line of dialogue for `script` (optionally for `speaker`), as a Fountain cue and line."""
    if not isinstance(script, str) or not script.strip():
        raise WriterInputError("Write the start of a scene first; the assistant suggests the line that comes next.")
    tail = script.strip()[-MAX_CONTEXT_CHARS:]
    who = f"for {speaker.strip().upper()} " if speaker and speaker.strip() else ""
    prompt = (f"Here is a screenplay so far:\n\n{tail}\n\nWrite only the next line of dialogue {who}in Fountain: "
              "the character's name in capitals on one line and what they say on the next.")  # fmt: skip
    return dialogue_line(backend.generate(SYSTEM, prompt, 80, progress), speaker)
