"""Errors raised by model backends and script understanding, each with a one-line user message."""


class StudioModelError(Exception):
    """Base class: the message is a complete sentence meant for the user."""


class BackendUnavailable(StudioModelError):
    """A backend cannot run here: its program, package or weights are missing (the message names which)."""


class ScriptError(StudioModelError):
    """The script cannot become a film (empty, binary, too large, nothing speakable)."""
