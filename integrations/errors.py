"""Errors shared by the wrappers of external programs and the model backends built on them."""


class StudioModelError(Exception):
    """Base class: the message is a complete sentence meant for the user."""


class BackendUnavailable(StudioModelError):
    """A backend cannot run here: its program, package or weights are missing (the message names which)."""
