"""Writing a document atomically: a failed export never leaves a half-written file behind.

The bytes go to a temporary file in the target's folder, are flushed to disk, then renamed over
the target in one step; on any error the temporary file is removed and the previous document,
if any, is untouched.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from facilitator.errors import ExportError
from facilitator.i18n import tr


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        # never write through a link that could point outside the chosen folder
        raise ExportError(tr("export.symlink", path=path))
    if path.is_dir():
        raise ExportError(tr("export.is_dir", path=path))
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise ExportError(_message(exc, path)) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return path


def _message(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return tr("export.disk_full", path=path)
    if exc.errno == errno.ENOENT:
        return tr("export.no_folder", folder=path.parent)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        # path and reason too: the key is also used with those fields (facilitator/traceability.py)
        return tr("export.unwritable", folder=path.parent)
    return tr("export.failed", path=path, reason=exc.strerror or str(exc))
