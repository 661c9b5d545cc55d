"""One error root: every error a person should read is a ``FacilitatorError`` with a French message.

The CLI prints ``str(error)`` and exits 1; the app shows it in one dialog. Anything else that
escapes is a bug: exit code 2, and the traceback goes to the log file.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path


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


class StaleChange(OperationError):
    """A change refused because another program open on the same event file (a merge, another
    window) changed one of its records since the change was made: applying it would silently
    revert that (``EventFile._check_current``). Nothing was written."""


class ExportError(FacilitatorError):
    """A document that could not be written."""


class SameFileError(ExportError, StoreError):
    """A write refused because its target is one of the files being read (``facilitator.files``):
    an export, a copy or an event file, so it is both kinds of error for their callers."""


def log_exception(exc: BaseException) -> Path:
    """Append ``exc``'s traceback to the log file (a bug's details); the file's path, or a
    French placeholder when it cannot be written."""

    return log_text("".join(traceback.format_exception(exc)))


def log_text(text: str) -> Path:
    """Append ``text`` to the log file, dated; the file's path, or a French placeholder when it
    cannot be written."""

    from facilitator import config
    from facilitator.i18n import tr

    folder = config.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "facilitator.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"\n--- {dt.datetime.now().isoformat()}\n{text.rstrip()}\n")
        return path
    except OSError:
        return Path(tr("cli.log_unwritable"))
