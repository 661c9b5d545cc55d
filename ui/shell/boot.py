"""Starting the app from a command: the core first, then Qt (used by ``ui.shell.launcher`` and
the ``self-test`` command). Nothing here imports Qt before it is needed."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(event: Path | None, then=None) -> int:
    # The core before Qt: once imported, PySide6 reads the source of every module imported after
    # it (its ``__feature__`` import hook looks for "PySide6" in each), which the core never needs.
    import facilitator.store  # noqa: F401

    try:
        from ui.shell.app import run
    except ImportError as exc:  # Qt missing or its system libraries absent
        # the core's catalogue (not Qt's: named so as to stay out of lupdate)
        from facilitator.i18n import tr as message

        print(message("cli.gui_unavailable", reason=exc), file=sys.stderr)
        return 1
    return run(event, then)


def missing(path: Path) -> int:
    """1, with the French message on stderr, when ``path`` is no file to open; else 0."""
    if path.is_file():
        return 0
    from facilitator.i18n import tr as message  # the core's catalogue (see run_app)

    key = "store.is_dir" if path.is_dir() else "store.not_found"
    print(message("cli.error", message=message(key, path=path)), file=sys.stderr)
    return 1
