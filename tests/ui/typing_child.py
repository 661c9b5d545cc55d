"""Child process of the SIGKILL test: opens the app on an event file and types notes, key by key.

After each change the event file has stored (its listeners are told after the commit returns),
prints ``ACK <note id> <json text>`` and flushes, so the parent knows what must survive a kill.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.common import errors  # noqa: E402
from ui.shell.app import build  # noqa: E402


def say(line: str) -> None:
    """One line in one write(): a kill never leaves half a line (print() makes two writes when
    Python runs unbuffered, as with PYTHONUNBUFFERED)."""
    os.write(1, (line + "\n").encode("utf-8"))


def main() -> None:
    errors.show = lambda parent, text, bug: say(f"ERROR {text}")
    errors.ask = lambda parent, text, choices: say(f"ERROR {text}")  # no modal box
    window = build(sys.argv[1])
    window.show()
    window.activateWindow()
    QApplication.processEvents()

    def ack(change) -> None:
        for e in change.edits:
            if e.kind == "note" and e.after is not None and not e.after.deleted:
                say(f"ACK {e.key} {json.dumps(e.after.text)}")

    window.session.ev.listeners.append(ack)
    sec = window.sections["futurs"]
    ids = sec.note_ids()
    if ids:
        sec.focus_note(ids[-1])
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    else:
        sec.add_last()
    say("READY")
    for i in range(10_000):
        for ch in f"note {i} : une phrase qui continue":
            QTest.keyClicks(QApplication.focusWidget(), ch)
            QApplication.processEvents()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        QApplication.processEvents()


if __name__ == "__main__":
    main()
