"""The ``facilitator`` command: the core CLI, plus the commands that open the app.

``facilitator`` and ``facilitator open FILE`` (the desktop's launches) start the app without
loading the command line's machinery; every other command goes through ``facilitator.cli``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def cmd_open(args) -> int:
    return _missing(args.event) or _run_app(args.event, _when_shown)


_when_shown = None  # see main()


def _run_app(event: Path | None, then=None) -> int:
    # The core before Qt: once imported, PySide6 reads the source of every module imported after
    # it (its ``__feature__`` import hook looks for "PySide6" in each), which the core never needs.
    import facilitator.store  # noqa: F401

    try:
        from ui.app import run
    except ImportError as exc:  # Qt missing or its system libraries absent
        # the core's catalogue (not Qt's: named so as to stay out of lupdate)
        from facilitator.i18n import tr as message

        print(message("cli.gui_unavailable", reason=exc), file=sys.stderr)
        return 1
    return run(event, then)


def _missing(path: Path) -> int:
    """1, with the French message on stderr, when ``path`` is no file to open; else 0."""
    if path.is_file():
        return 0
    from facilitator.i18n import tr as message  # the core's catalogue (see _run_app)

    key = "store.is_dir" if path.is_dir() else "store.not_found"
    print(message("cli.error", message=message(key, path=path)), file=sys.stderr)
    return 1


def main(argv: list[str] | None = None, then=None) -> int:
    """``facilitator [COMMANDE …]``. Without arguments (the desktop launch) the app starts at
    once, without building the command line's parser. ``then(window)`` is called once the first
    event window is shown (bench/startup.py)."""
    global _when_shown
    _when_shown = then
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        code = _run_app(None, then)
    elif len(argv) == 2 and argv[0] == "open" and not argv[1].startswith("-"):
        # "Open with facilitator" from the desktop: the app at once, as for no argument
        code = _missing(Path(argv[1])) or _run_app(Path(argv[1]), then)
    else:
        from facilitator import cli
        from facilitator.i18n import tr as message  # the core's catalogue (see _run_app)

        cli.command(("open",), message("cli.help.open"), cli.event_argument)(cmd_open)
        from ui import selftest  # noqa: F401  (registers "self-test")
        code = cli.main(argv, gui=lambda args: _run_app(None, then))
    sys.exit(code)
