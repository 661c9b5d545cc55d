"""Run part of a test with the rights of an ordinary user, also when the tests run as root (CI).

Root writes into read-only folders, so a test of "this folder cannot be written" would prove
nothing as root. ``as_ordinary_user(fn)`` runs ``fn`` in a forked child that has dropped to the
"nobody" user and group (65534) when the tests run as root, and directly otherwise; it returns
``fn``'s integer result and what it wrote on ``sys.stderr``. Everything ``fn`` needs must be
imported already (the child may not read the interpreter's folders) and must lie in a folder
that user can reach: ``reachable_folder()``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

NOBODY = 65534


def as_ordinary_user(fn: Callable[[], int | None]) -> tuple[int, str]:
    if os.geteuid() != 0:
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = int(fn() or 0)
        return code, err.getvalue()
    r, w = os.pipe()
    with warnings.catch_warnings():  # Python ≥ 3.12 warns about fork() beside threads (Qt's)
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: drop root, run, report, leave without running the parent's cleanups
        code = 99
        try:
            os.close(r)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            sys.stderr = io.StringIO()
            code = int(fn() or 0)
            os.write(w, sys.stderr.getvalue().encode("utf-8"))
        except BaseException:  # noqa: BLE001 — reported to the parent
            os.write(w, traceback.format_exc().encode("utf-8"))
        finally:
            os._exit(code)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8")


@contextlib.contextmanager
def reachable_folder() -> Iterator[Path]:
    """A new folder that the ordinary user can enter and write (pytest's tmp_path is root's 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="facilitator-user-"))
    try:
        folder.chmod(0o777)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
