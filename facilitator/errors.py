"""One error root: every error a person should read is a ``FacilitatorError`` with a French message.

The CLI prints ``str(error)`` and exits 1; the app shows it in one dialog. Anything else that
escapes is a bug: exit code 2, and the traceback goes to the log file.
"""

from __future__ import annotations


class FacilitatorError(Exception):
    """An error caused by the user's input or environment, with a message fit to show them."""


class KitError(FacilitatorError):
    """A kit that cannot be loaded; ``issues`` holds every located problem."""

    def __init__(self, issues: list) -> None:
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


class StoreError(FacilitatorError):
    """An event file that cannot be opened, created or written."""


class OperationError(FacilitatorError):
    """A core operation refused (unknown note, impossible indent, …)."""


class ExportError(FacilitatorError):
    """A document that could not be written."""
