"""Writing files so that a failure never leaves a half-written one under the chosen name.

``staged(target)`` gives a temporary path beside ``target``; when the block ends without error the
file is synced and renamed over ``target`` in one step, otherwise it is removed (with the side
files SQLite may have made). Everything the app writes (event files, copies, backups, imports,
documents) goes through it.

No writer ever replaces one of its own inputs: the files being read (an open event file, the kit
or JSON a command reads) are registered with ``reading(path)`` (``EventFile`` registers itself
while open), and ``staged`` refuses a target that is the same file as any of them — the same path,
a symbolic link to it or a hard link (same ``st_dev``/``st_ino``) — before anything is written.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from facilitator.errors import ExportError, SameFileError
from facilitator.i18n import tr

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def remove_quietly(path: str | Path) -> None:
    """Remove ``path`` and SQLite's side files of it, ignoring what is not there."""
    for suffix in ("", *SQLITE_SIDE_FILES):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass


# ------------------------------------------------------------------------------------ inputs
_Identity = tuple[str, tuple[int, int] | None]  # (resolved path, (st_dev, st_ino) or None)
_inputs: dict[int, Path] = {}
_inputs_lock = threading.Lock()
_next_token = iter(range(1, 1 << 62))


def _identity(path: Path) -> _Identity:
    try:
        resolved = os.path.realpath(path)
    except (OSError, ValueError):
        resolved = os.path.abspath(path)
    try:
        st = os.stat(path)
        inode = (st.st_dev, st.st_ino)
    except (OSError, ValueError):
        inode = None
    return resolved, inode


def register_input(path: str | Path) -> int:
    """Mark ``path`` as read by this process until ``release_input(token)``: no writer may
    replace it. Returns the token."""
    with _inputs_lock:
        token = next(_next_token)
        _inputs[token] = Path(path)
    return token


def release_input(token: int) -> None:
    with _inputs_lock:
        _inputs.pop(token, None)


@contextmanager
def reading(*paths: str | Path) -> Iterator[None]:
    """The files a command reads, protected from every writer for the duration of the block."""
    tokens = [register_input(p) for p in paths]
    try:
        yield
    finally:
        for t in tokens:
            release_input(t)


def refuse_input(target: str | Path) -> None:
    """Raise ``SameFileError`` when ``target`` is the same file as an input being read: the same
    resolved path, a symbolic link to it, or a hard link (same ``st_dev`` and ``st_ino``).

    Inputs are compared as they are now: one that was deleted while open (the rescue of a lost
    file) no longer stands in the way of writing a new file under its name.
    """
    target = Path(target)
    resolved, inode = _identity(target)
    with _inputs_lock:
        inputs = list(_inputs.values())
    for path in inputs:
        in_resolved, in_inode = _identity(path)
        if in_inode is None:  # gone: nothing left to destroy
            continue
        if resolved == in_resolved or inode == in_inode:
            raise SameFileError(tr("files.same_as_input", path=target, source=path))


@contextmanager
def staged(target: str | Path) -> Iterator[Path]:
    target = Path(target)
    refuse_input(target)
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
    refuse_input(path)
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
