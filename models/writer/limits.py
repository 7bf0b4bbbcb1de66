"""What the writing assistant accepts: a logline of at most MAX_LOGLINE_CHARS and 1 to 10 minutes."""

from __future__ import annotations

from models.errors import StudioModelError

MAX_LOGLINE_CHARS = 1_000  # a logline is a sentence or two; a pasted novel is refused, not truncated
MIN_MINUTES, MAX_MINUTES = 1, 10  # a 1.5B model on one CPU thread writes about 4 tokens/s
MAX_CONTEXT_CHARS = 6_000  # the script tail given to "suggest the next line"


class WriterInputError(StudioModelError):
    """The request cannot go to the model (empty, too long, a length out of range)."""


def check_logline(logline: object) -> str:
    """The logline, stripped; WriterInputError with a one-line reason when it cannot be used."""
    if not isinstance(logline, str) or not logline.strip():
        raise WriterInputError(
            "Write a logline first: one or two sentences saying who wants what, and what stands in the way."
        )
    text = logline.strip()
    if len(text) > MAX_LOGLINE_CHARS:
        raise WriterInputError(f"The logline is {len(text):,} characters; the assistant takes at most "
                               f"{MAX_LOGLINE_CHARS:,}. Shorten it to a sentence or two.")  # fmt: skip
    return text


def check_minutes(minutes: object) -> int:
    try:
        value = float(minutes)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise WriterInputError(f"The length must be a number of minutes, not {str(minutes)[:20]!r}.") from None
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise WriterInputError(f"The assistant drafts films of {MIN_MINUTES} to {MAX_MINUTES} minutes, not {value:g}.")
    return round(value)
