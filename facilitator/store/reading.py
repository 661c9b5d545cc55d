"""Reading an event file that may not be writable (a write-protected stick, a share, a CD)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from facilitator.files import copy_database, reading
from facilitator.store.event import EventFile, inspect


@contextmanager
def open_for_reading(path: Path) -> Iterator[EventFile]:
    """The event file at ``path``, open for reading (exports). The store opens files for writing,
    so a read-only one is read from a consistent copy in a temporary folder, removed after."""
    path = Path(path)
    inspect(path)  # a clear message for a file that is not an event file
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        ev = EventFile.open(path)
        try:
            yield ev
        finally:
            ev.close()
        return
    with reading(path), tempfile.TemporaryDirectory(prefix="facilitator-") as tmp:
        copy = Path(tmp) / path.name
        copy_database(path, copy)
        ev = EventFile.open(copy)
        try:
            yield ev
        finally:
            ev.close()
