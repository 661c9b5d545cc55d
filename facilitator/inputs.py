"""Reading a file the user names (a kit, a spreadsheet, a JSON export): regular files only, and
never more than a bound.

A device, a pipe or a socket (``/dev/zero``, ``/dev/stdin``, a FIFO) has no size that ``stat``
can tell and may never end, so it is refused before anything is read; a regular file is read up
to its bound plus one byte, whatever its size claimed when it was checked (it may grow meanwhile).
Callers turn the two refusals into their own located messages.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path names a device, a pipe, a socket or a folder, not a file."""


class TooBig(OSError):
    """The file holds more than the bound; ``size`` is what it holds (at least ``limit + 1``)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} > {limit}")
        self.size = size
        self.limit = limit


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path`` if it holds at most ``limit`` bytes.

    Raises ``NotRegularFile``, ``TooBig`` or the ``OSError`` of opening or reading (not found,
    permission denied, …). Opening does not wait on a FIFO nobody writes to (``O_NONBLOCK``)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path}")
        if info.st_size > limit:
            raise TooBig(info.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooBig(max(len(data), os.stat(path).st_size), limit)
    return data
