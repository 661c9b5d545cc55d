"""Child process of the timer's SIGKILL test: opens the app on an event file, drives its phase
timer by the keyboard (F8 start, F9 next phase, F10 +5 min), then prints ``STATE <phase index>
<seconds left>`` and waits to be killed."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.common import errors  # noqa: E402
from ui.shell.app import build  # noqa: E402


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def main() -> None:
    errors.show = lambda parent, text, bug: say(f"ERROR {text}")
    errors.ask = lambda parent, text, choices: say(f"ERROR {text}")
    window = build(sys.argv[1])
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    for k in (Qt.Key.Key_F9, Qt.Key.Key_F10, Qt.Key.Key_F8):  # phase 2, +5 min, started
        QTest.keyClick(window, k)
        QApplication.processEvents()
    c = window.timer_state.current
    say(f"STATE {c.index} {c.remaining():.3f} {int(c.running)}")
    while True:
        QApplication.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    main()
