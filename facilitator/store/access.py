"""How the parts of an open event file (``event.py`` and the modules of its concepts) meet the
database: the one family of its errors, the French messages they become, the decorators of a
read (``reads``) and of an operation (``operation``), and the ids and times of new records.

The database errors are sqlite3's only: SQLAlchemy's wrapper never comes out of a transaction
(``engine.transaction`` raises sqlite3's own error), so nothing here needs to know whether
SQLAlchemy is loaded.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.errors import StaleChange, StoreError
from facilitator.i18n import tr

if TYPE_CHECKING:
    from facilitator.store.states import Change

# the errors of the database layer; a text of the file that is not UTF-8 (damage
# ``quick_check`` does not see) is one too
DB_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, UnicodeDecodeError)
ATTEMPTS = 5  # how many times an operation that raced another program is built again


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    """A new random id (notes, proposals, revisions). ``uuid`` is imported on the first write,
    not with the module: opening a file to read it never needs it."""
    import uuid

    return str(uuid.uuid4())


def reads(method):
    """A read of the file: a failure of the disk under it (or damage ``quick_check`` did not
    see) becomes a French ``StoreError``."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DB_ERRORS as exc:  # the disk went away under a read, …: a French message
            raise db_failure(exc, self.path, self._closed) from exc

    return wrapper


def operation(method):
    """A core operation: it reads what the file holds, builds its change and applies it. When
    another program open on the file changed one of those records between the reads and the
    write (``StaleChange``), the operation is built again from what the file holds now, so
    what was typed is stored over the other's change instead of reverting it; a few times at
    most, then the refusal is the operation's answer."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        for attempt in range(ATTEMPTS):
            try:
                return method(self, *args, **kwargs)
            except StaleChange:
                if attempt == ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    return wrapper


def unsaved(error: StoreError, change: Change) -> StoreError:
    """The error of a write that failed, carrying the change that was not stored.

    The app keeps it to apply again once the problem is solved, or to a copy (``save_copy``).
    """
    error.change = change
    return error


def os_message(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return tr("store.disk_full", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("store.read_only", path=path)
    return tr("store.unwritable", path=path, reason=exc.strerror or str(exc))


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an error (``SQLITE_FULL``…), through SQLAlchemy's wrapper;
    errors are told apart by it, never by their English text."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def db_failure(exc: BaseException, path: Path, closed: bool = False) -> StoreError:
    """The French ``StoreError`` of a failure of the database under ``path``.

    ``closed``: the event file was closed by its owner; sqlite3 then raises ``ProgrammingError``
    for any use of the connection, told as "fermé". Any other ``ProgrammingError`` (a statement
    our code got wrong) is not a failure of the file: it is raised as it is, for the one error
    handler to report as an internal error, and never shown as a full disk or a closed file.
    """
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy's DBAPIError wraps sqlite3's error
    if isinstance(orig, sqlite3.ProgrammingError):
        if closed:
            return StoreError(tr("store.closed", path=path))
        raise exc
    return StoreError(db_message(exc, path))


def db_message(exc: BaseException, path: Path) -> str:
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps sqlite3's error
    text = str(orig) if orig is not None else str(exc)
    code = sqlite_code(exc)
    if isinstance(orig or exc, UnicodeDecodeError):
        return tr("store.corrupt", path=path, detail=tr("store.not_utf8"))
    if not path.exists():
        return tr("store.gone", path=path)
    if code == sqlite3.SQLITE_FULL:
        return tr("store.disk_full", path=path)
    if code == sqlite3.SQLITE_READONLY:
        return tr("store.read_only", path=path)
    return tr("store.io", path=path, reason=text)
