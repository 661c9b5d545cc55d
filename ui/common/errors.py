"""The one place where errors reach the person: a French message box, never a traceback.

``FacilitatorError`` (the user's input or environment) is shown as it is. Anything else is a bug:
it is written to the log file (``facilitator.errors.log_exception``) and the message names that file.
``report`` is called by the session for every failed operation and by ``sys.excepthook``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from facilitator.errors import FacilitatorError, log_exception


def message_for(exc: BaseException) -> tuple[str, bool]:
    """The text shown for ``exc``, and whether it is a bug (logged)."""
    if isinstance(exc, FacilitatorError):
        return str(exc), False
    log = log_exception(exc)
    text = QCoreApplication.translate("ErrorHandler", "Erreur interne inattendue : {error}.\nVos notes déjà saisies sont enregistrées.\n"
              "Le détail a été écrit dans {log}").format(error=exc, log=log)
    return text, True


def _show_box(parent: QWidget | None, text: str, bug: bool) -> None:

    box = QMessageBox(QMessageBox.Icon.Critical if bug else QMessageBox.Icon.Warning,
                      "facilitator", text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(QCoreApplication.translate("ErrorHandler", "Message d'erreur"))
    box.exec()


# Tests and scripts replace this (e.g. to collect messages instead of opening a modal box).
show: Callable[[QWidget | None, str, bool], None] = _show_box
shown: list[str] = []  # every message shown in this process (tests read it)


def _ask_box(parent: QWidget | None, text: str, choices: list[str]) -> int | None:
    """A warning with one button per choice (the first is the default, the last is Escape)."""

    box = QMessageBox(QMessageBox.Icon.Warning, "facilitator", text, QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(QCoreApplication.translate("ErrorHandler", "Message d'erreur"))
    buttons = [box.addButton(c, QMessageBox.ButtonRole.AcceptRole if i == 0 else QMessageBox.ButtonRole.RejectRole)
               for i, c in enumerate(choices)]
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


# Tests replace this too: ``ask(parent, text, choices)`` returns the index of the choice made.
ask: Callable[[QWidget | None, str, list[str]], int | None] = _ask_box


def choose(text: str, choices: list[str], parent: QWidget | None = None) -> int | None:
    """A French message about a problem, with choices of what to do (e.g. save a copy elsewhere)."""
    shown.append(text)
    if parent is None:
        app = QApplication.instance()
        parent = app.activeWindow() if isinstance(app, QApplication) else None
    return ask(parent, text, choices)


def report(exc: BaseException, parent: QWidget | None = None) -> None:
    text, bug = message_for(exc)
    shown.append(text)
    if parent is None:
        app = QApplication.instance()
        parent = app.activeWindow() if isinstance(app, QApplication) else None
    show(parent, text, bug)


def excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report(exc)
