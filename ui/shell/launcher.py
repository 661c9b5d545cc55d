"""The ``facilitator`` command: the core CLI, plus the commands that open the app.

``facilitator`` and ``facilitator open FILE`` (the desktop's launches) start the app without
loading the command line's machinery; every other command goes through ``facilitator.cli``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ui.shell import boot


def cmd_open(args) -> int:
    return boot.missing(args.event) or boot.run_app(args.event, _when_shown)


_when_shown = None  # see main()


def main(argv: list[str] | None = None, then=None) -> int:
    """``facilitator [COMMANDE …]``. Without arguments (the desktop launch) the app starts at
    once, without building the command line's parser. ``then(window)`` is called once the first
    event window is shown (bench/startup.py)."""
    global _when_shown
    _when_shown = then
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        code = boot.run_app(None, then)
    elif len(argv) == 2 and argv[0] == "open" and not argv[1].startswith("-"):
        # "Open with facilitator" from the desktop: the app at once, as for no argument
        code = boot.missing(Path(argv[1])) or boot.run_app(Path(argv[1]), then)
    else:
        from facilitator import cli
        from facilitator.i18n import tr as message  # the core's catalogue (see ui.shell.boot)

        cli.command(("open",), message("cli.help.open"), cli.event_argument)(cmd_open)
        from ui.shell import selftest  # noqa: F401  (registers "self-test")
        code = cli.main(argv, gui=lambda args: boot.run_app(None, then))
    sys.exit(code)
