"""The writing assistant: draft a short screenplay in Fountain from a logline, or suggest the next
line of dialogue, with a small instruction-tuned model (optional extra `[writer]`).

Model output never reaches the editor unchecked: it is parsed with the studio's own Fountain parser
and refused with a clear message when it is not a usable screenplay (models/writer/fountain_output.py).
"""

from models.writer.assistant import Draft, draft_screenplay, suggest_line
from models.writer.backends import INSTALL_HINT, WriterBackend, create_writer, writer_installed
from models.writer.fountain_output import WriterOutputError, dialogue_line, screenplay_from_model
from models.writer.limits import MAX_LOGLINE_CHARS, WriterInputError, check_logline, check_minutes

__all__ = [
    "Draft", "INSTALL_HINT", "MAX_LOGLINE_CHARS", "WriterBackend", "WriterInputError", "WriterOutputError",
    "check_logline", "check_minutes", "create_writer", "dialogue_line", "draft_screenplay",
    "screenplay_from_model", "suggest_line", "writer_installed",
]  # fmt: skip
