"""Writing files so that a failure never leaves a half-written one under the chosen name.

``staged(target)`` gives a temporary path beside ``target``; when the block ends without error the
file is synced and renamed over ``target`` in one step, otherwise it is removed (with the side
files SQLite may have made). Everything the app writes (event files, copies, backups, imports,
documents) goes through it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from facilitator.errors import ExportError
from facilitator.i18n import tr

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def remove_quietly(path: str | Path) -> None:
    """Remove ``path`` and SQLite's side files of it, ignoring what is not there."""
    for suffix in ("", *SQLITE_SIDE_FILES):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass


@contextmanager
def staged(target: str | Path) -> Iterator[Path]:
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        remove_quietly(tmp)
        raise


def copy_database(source: str | Path, dest: str | Path) -> None:
    """A consistent copy of the SQLite file ``source`` into ``dest`` (SQLite's backup API).

    ``source`` is opened read-only, so it is never modified, even when another process is
    writing to it.
    """
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(str(dest))
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write a document: the previous file, if any, stays intact unless the new one is complete."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.is_symlink():
        # never write through a link that could point outside the chosen folder
        raise ExportError(tr("export.symlink", path=path))
    if path.is_dir():
        raise ExportError(tr("export.is_dir", path=path))
    try:
        with staged(path) as tmp:
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), "wb") as fh:
                fh.write(data)
    except OSError as exc:
        raise ExportError(_message(exc, path)) from exc
    return path


def _message(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return tr("export.disk_full", path=path)
    if exc.errno == errno.ENOENT:
        return tr("export.no_folder", folder=path.parent)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("export.unwritable", folder=path.parent)
    return tr("export.failed", path=path, reason=exc.strerror or str(exc))
