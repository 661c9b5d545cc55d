"""Writing files so that a failure never leaves a half-written one under the chosen name.

``staged(target)`` gives a temporary path beside ``target``; when the block ends without error the
file is synced and renamed over ``target`` in one step, otherwise it is removed (with the side
files SQLite may have made). Everything the app writes (event files, copies, backups, imports,
documents) goes through it.

``staged(target, replace=False)`` (new event files: ``new``, ``new --demo``, ``import json``, copies)
publishes without ever replacing anything: a hard link from the temporary file to ``target``
(which fails if ``target`` exists), then the temporary name is removed; where the file system has
no hard links (FAT on a USB stick) a rename that refuses to replace (``renameat2`` with
``RENAME_NOREPLACE`` on Linux, ``renamex_np`` with ``RENAME_EXCL`` on macOS, ``MoveFileEx``
without ``REPLACE_EXISTING`` — Python's ``os.rename`` — on Windows). Nothing appears under the
chosen name until the file is complete.

Temporary files are named ``.NAME.HOST-PID-RANDOM.facilitator-tmp`` (HOST: 8 hex digits of this
computer's name): one left by a killed run is recognised by its name and removed, with SQLite's
side files, at the next creation in that folder or when an event file of that folder is opened
(``clean_abandoned``) — if its process is gone (same computer) or it is a day old (another one).

No writer ever replaces one of its own inputs: the files being read (an open event file, the kit
or JSON a command reads) are registered with ``reading(path)`` (``EventFile`` registers itself
while open), and ``staged`` refuses a target that is the same file as any of them — the same path,
a symbolic link to it or a hard link (same ``st_dev``/``st_ino``) — before anything is written.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import socket
import sqlite3
import sys
import threading
import time
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


def is_input(path: str | Path) -> bool:
    """Whether ``path`` (or a link to it) is an input of this process now (an open event file,
    a file a command reads)."""
    resolved, inode = _identity(Path(path))
    with _inputs_lock:
        inputs = list(_inputs.values())
    for p in inputs:
        in_resolved, in_inode = _identity(p)
        if resolved == in_resolved or (inode is not None and inode == in_inode):
            return True
    return False


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


# ------------------------------------------------------------------------------------ temporary files
TMP_SUFFIX = ".facilitator-tmp"
_TMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-[0-9a-f]{8}"
                       + re.escape(TMP_SUFFIX) + r"(?:-wal|-shm|-journal)?$")
ABANDONED_AFTER = 24 * 3600  # seconds: a temporary file of another computer this old is abandoned


def _host() -> str:

    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def temporary_name(target: Path) -> Path:
    """A temporary path beside ``target``, recognisable as ours (see the module doc)."""
    return target.with_name(f".{target.name}.{_host()}-{os.getpid()}-{os.urandom(4).hex()}{TMP_SUFFIX}")


def is_temporary(path: str | Path) -> bool:
    return _TMP_NAME.match(Path(path).name) is not None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this computer (a killed run's pid is not)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would end the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def clean_abandoned(folder: str | Path) -> list[Path]:
    """Remove the temporary files a killed run left in ``folder`` (with SQLite's side files);
    the files removed. Those of a run still going on are left alone. Never raises."""
    removed = []
    host = None  # (hashlib and socket: only when there is a temporary file to judge)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP_NAME.match(entry.name)
        if m is None:
            continue
        try:
            host = host or _host()
            if m["host"] == host:
                if _alive(int(m["pid"])):
                    continue
            elif time.time() - entry.stat(follow_symlinks=False).st_mtime < ABANDONED_AFTER:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _fsync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` durable (POSIX; Windows has no directory handles for it)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _rename_noreplace(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst``, failing with ``FileExistsError`` if ``dst`` exists, atomically."""
    if os.name == "nt":
        os.rename(src, dst)  # MoveFileExW without MOVEFILE_REPLACE_EXISTING: never replaces
        return
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if sys.platform == "darwin":
        call = getattr(libc, "renamex_np", None)
        args = (os.fsencode(src), os.fsencode(dst), 0x4)  # RENAME_EXCL
    else:
        call = getattr(libc, "renameat2", None)
        args = (-100, os.fsencode(src), -100, os.fsencode(dst), 0x1)  # AT_FDCWD, RENAME_NOREPLACE
    if call is None:
        raise OSError(errno.ENOTSUP, os.strerror(errno.ENOTSUP), str(dst))
    if call(*args) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(dst))


def publish(tmp: Path, target: Path) -> None:
    """Give the complete file ``tmp`` the name ``target``, never replacing an existing file
    (``FileExistsError`` then, ``tmp`` left for the caller to remove)."""
    if os.name == "nt":  # MoveFileExW without MOVEFILE_REPLACE_EXISTING: atomic, never replaces
        os.rename(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS,
                             errno.EXDEV, errno.EINVAL):
            raise
        _rename_noreplace(tmp, target)  # a file system without hard links
    else:
        os.unlink(tmp)
    _fsync_folder(target.parent)


@contextmanager
def staged(target: str | Path, *, replace: bool = True) -> Iterator[Path]:
    """A temporary path beside ``target``, published as ``target`` when the block ends without
    error (synced first), removed otherwise. ``replace=False``: never over an existing file
    (``FileExistsError``), and the folder's abandoned temporary files are removed first."""
    target = Path(target)
    refuse_input(target)
    if not replace:
        clean_abandoned(target.parent)
    tmp = temporary_name(target)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, target)
        else:
            publish(tmp, target)
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
