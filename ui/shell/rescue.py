"""When the event file cannot be written: say so, keep what was typed, offer to save it elsewhere.

The session keeps every change the file refused and the typed text not stored (``Session.kept``,
the pending text: the editors go on showing it) and emits ``storageChanged``. Here, the window:

* shows ONE French message (through ``ui.common.errors``) saying what happened and that nothing typed
  is lost, with the choice « Enregistrer une copie ailleurs… »;
* shows a banner (objectName ``storageWarning``) as long as something is unsaved, with the same
  button, and says so in the status bar;
* saves a copy elsewhere: ``EventFile.save_copy`` (everything stored, even from a deleted file),
  then the session goes on working on the copy (``Session.reopen``), where what was kept is stored;
* asks before closing a window whose changes are unsaved.

When the cause goes away (space freed, USB stick back), the next operation, or the session's
retry, stores what was kept and the banner goes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from facilitator.errors import StoreError
from ui.common import documents, errors


def _choose_target(parent: QWidget | None, suggested: Path) -> str:

    name, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("Rescue", "Enregistrer une copie de l'événement ailleurs"),
                                          str(suggested), documents.event_filter())
    return name


# Tests replace this: ``choose_target(parent, suggested path) -> chosen path, or "" if cancelled``.
choose_target: Callable[[QWidget | None, Path], str] = _choose_target


def _sentence(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def message(exc: BaseException) -> str:
    return QCoreApplication.translate("Rescue", "{problem}\n\nCe que vous avez saisi n'est pas perdu : il reste affiché et gardé en mémoire, "
              "et sera enregistré dès que le fichier sera de nouveau accessible (place libérée, clé USB "
              "rebranchée).\n\nVous pouvez aussi enregistrer dès maintenant une copie de l'événement "
              "ailleurs (disque de l'ordinateur, autre clé) et continuer à travailler sur cette copie."
              ).format(problem=_sentence(exc))


def suggested_target(path: Path) -> Path:
    """A free name for the copy, in the documents folder (the original's medium may be gone)."""
    folder = documents.documents_dir()
    for i in range(1, 1000):
        suffix = "-copie" if i == 1 else f"-copie-{i}"
        candidate = folder / f"{path.stem}{suffix}{path.suffix or '.facilitator'}"
        if not candidate.exists():
            return candidate
    return folder / path.name


def save_elsewhere(window) -> Path | None:
    """Ask where, write a copy of everything stored, go on working on it; the copy, or None."""
    session = window.session
    focused, note = QApplication.focusWidget(), window.current_note
    name = choose_target(window, suggested_target(session.ev.path))
    if not name:
        return None
    target = Path(name)
    if target.suffix == "":
        target = target.with_suffix(".facilitator")
    try:
        session.ev.save_copy(target)
        session.reopen(target)
    except StoreError as exc:
        errors.report(exc, window)
        return None
    _refocus(window, focused, note)
    window.statusBar().showMessage(QCoreApplication.translate("Rescue", "Copie enregistrée : {path}. Vous travaillez maintenant sur cette copie.")
                                   .format(path=target), 15000)
    return target


def _refocus(window, focused: QWidget | None, note: str | None) -> None:
    """Back to the note being typed (the banner's button or the dialog took the focus)."""
    from ui.capture.outline import NoteEdit

    if not (isinstance(focused, NoteEdit) and shiboken6.isValid(focused)) and note:
        for ed in window.sections.values():
            focused = ed.editor(note) or focused
    if isinstance(focused, NoteEdit) and shiboken6.isValid(focused):
        focused.setFocus(Qt.FocusReason.OtherFocusReason)


def offer(window, exc: BaseException) -> None:
    """The one message of a storage failure, with the choice of saving a copy elsewhere."""
    if not window.session.unsaved:
        return  # stored meanwhile (a retry succeeded)
    choice = errors.choose(message(exc), [QCoreApplication.translate("Rescue", "Enregistrer une copie ailleurs…"), QCoreApplication.translate("Rescue", "Continuer ici")], window)
    if choice == 0:
        save_elsewhere(window)


def may_close(window) -> bool:
    """Before closing: nothing unsaved, or the person chose (copy elsewhere, or close anyway)."""
    session = window.session
    session.flush()
    if not session.unsaved:
        return True
    text = QCoreApplication.translate("Rescue", "{problem}\n\nDes modifications ne sont pas enregistrées dans le fichier : si vous fermez "
              "maintenant, elles seront perdues.").format(problem=_sentence(session.failing or ""))
    choice = errors.choose(text, [QCoreApplication.translate("Rescue", "Enregistrer une copie ailleurs…"), QCoreApplication.translate("Rescue", "Fermer sans enregistrer"),
                                  QCoreApplication.translate("Rescue", "Ne pas fermer")], window)
    if choice == 0:
        return save_elsewhere(window) is not None and not session.unsaved
    return choice == 1


class StorageBanner(QFrame):
    """Visible while changes are unsaved: what happened, and the way out."""

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("storageWarning")
        self.setAccessibleName(QCoreApplication.translate("Rescue", "Modifications non enregistrées"))
        self.setStyleSheet("#storageWarning { background: #fdecea; border: 2px solid #b3261e; }"
                           "#storageWarning QLabel { color: #5f0f0a; font-weight: bold; }")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(QCoreApplication.translate("Rescue", "Enregistrer une copie ailleurs…"))
        self.button.setObjectName("saveElsewhere")
        self.button.clicked.connect(lambda: save_elsewhere(window))
        lay.addWidget(self.label, 1)
        lay.addWidget(self.button, 0)
        self.hide()

    def show_problem(self, exc: BaseException) -> None:
        self.label.setText(QCoreApplication.translate("Rescue", "⚠ Modifications NON enregistrées — {problem} Elles sont gardées en mémoire : "
                              "ne fermez pas la fenêtre, ou enregistrez une copie ailleurs.")
                           .format(problem=_sentence(exc)))
        self.setAccessibleDescription(self.label.text())
        self.show()


def install(window) -> StorageBanner:
    """The banner above the outlines and the reactions to ``Session.storageChanged``."""
    banner = StorageBanner(window)
    window.scroll.parentWidget().layout().insertWidget(0, banner)
    session = window.session

    def changed(exc) -> None:
        if exc is None:
            if banner.isAncestorOf(QApplication.focusWidget()):  # hiding would move it anywhere
                _refocus(window, None, window.current_note)
            banner.hide()
            window.statusBar().showMessage(QCoreApplication.translate("Rescue", "Tout est de nouveau enregistré."), 10000)
            return
        banner.show_problem(exc)
        window.statusBar().showMessage(QCoreApplication.translate("Rescue", "Modifications non enregistrées : voir le bandeau."))
        # after the current operation (not inside a flush, which the box's focus change re-enters)
        QTimer.singleShot(0, window, lambda: offer(window, exc))

    def reopened(path: Path) -> None:
        window.update_title()
        documents.remember(Path(path))

    session.storageChanged.connect(changed)
    session.reopened.connect(reopened)
    window.storage_banner = banner
    return banner
