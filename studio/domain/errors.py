"""Errors the CLI reports as one line, without a traceback."""


class UserError(Exception):
    """Bad input from the user: nothing was created or spent."""


class RenderFailed(Exception):
    """The pipeline failed for a system reason; the film is marked failed."""
