"""Errors raised by model backends and script understanding, each with a one-line user message.

`BackendUnavailable` is defined with the program wrappers (`integrations/errors.py`), which raise it
too and sit below `models/`.
"""

from integrations.errors import BackendUnavailable, StudioModelError

__all__ = ["BackendUnavailable", "ScriptError", "StudioModelError"]


class ScriptError(StudioModelError):
    """The script cannot become a film (empty, binary, too large, nothing speakable)."""
