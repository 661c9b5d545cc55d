"""Keyboard helpers for the app's tests: keys go to the focused widget, as a person's would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def focus():
    return QApplication.focusWidget()


def key(k, mods=Qt.KeyboardModifier.NoModifier, widget=None):
    QTest.keyClick(widget or focus(), k, mods)


def type_text(text: str) -> None:
    """Type like a person, one key at a time (accented letters too)."""
    for ch in text:
        w = focus()
        if ch.isascii():
            QTest.keyClicks(w, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(w, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def settle() -> None:
    """Let the zero-delay store and coalesced redraws run."""
    for _ in range(3):
        QApplication.processEvents()
