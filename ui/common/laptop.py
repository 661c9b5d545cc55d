"""This laptop's human name (« Portable de Léa »): asked once, when an event is first opened,
editable from the File menu, kept beside the laptop's id and written into each event file it
works on, so that conflicts, revisions and merge reports name laptops, not ids
(``facilitator.store.laptops``)."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from facilitator import config
from facilitator.errors import FacilitatorError, StoreError
from facilitator.store.laptops import MAX_NAME
from ui.common import errors


def _ask_box(parent: QWidget | None, current: str, done: Callable[[str | None], None]) -> None:
    """The question, window-modal and not blocking: ``done`` gets the name typed (None: cancelled)."""

    dlg = QInputDialog(parent)
    dlg.setObjectName("laptopNameDialog")
    dlg.setWindowTitle(QCoreApplication.translate("Laptop", "Nom de ce portable"))
    dlg.setAccessibleName(QCoreApplication.translate("Laptop", "Nom de ce portable"))
    dlg.setLabelText(QCoreApplication.translate(
        "Laptop", "Comment s'appelle ce portable ? Ce nom est montré dans les conflits et les rapports "
                  "de fusion (par exemple « Portable de Léa » ou « Salle 2 »)."))
    dlg.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dlg.setTextValue(current)
    edit = dlg.findChild(QLineEdit)
    if edit is not None:
        edit.setMaxLength(MAX_NAME)
        edit.setAccessibleName(QCoreApplication.translate("Laptop", "Nom de ce portable"))
    dlg.finished.connect(lambda result: done(dlg.textValue() if result else None))
    dlg.finished.connect(dlg.deleteLater)
    dlg.open()


# Tests replace this: ``ask(parent, current, done)`` calls ``done`` with the name typed (None: cancelled).
ask: Callable[[QWidget | None, str, Callable[[str | None], None]], None] = _ask_box


def default_name() -> str:

    if os.environ.get("FACILITATOR_DEVICE"):  # several "laptops" on one machine (tests): their ids
        return os.environ["FACILITATOR_DEVICE"]
    return QCoreApplication.translate("Laptop", "Portable {host}").format(host=socket.gethostname()[:40])


def name() -> str:
    return config.laptop_name() or default_name()


def names(session) -> dict[str, str]:
    """Device id → human name, of every laptop the open file knows (this one included)."""
    try:
        found = session.ev.laptop_names()
    except Exception:  # noqa: BLE001 — an unreadable name never stops a view: ids are shown
        found = {}
    found.setdefault(session.ev.device, name())
    return found


def _store(session) -> None:
    try:
        if session.ev.laptop_names().get(session.ev.device) == name():
            return
    except StoreError:
        return  # (closed meanwhile, or unreadable: the name is written the next time)
    session.store_laptop_name(name())


def ensure_named(window) -> None:
    """Ask this laptop's name the first time (a cancel keeps the default, never asked again), and
    write it into the open event file if that file does not have it yet. Not asked where
    ``FACILITATOR_DEVICE`` names the laptop (several "laptops" on one machine: tests, benches)."""
    if config.laptop_name() is not None or os.environ.get("FACILITATOR_DEVICE"):
        _store(window.session)
        return

    def done(typed: str | None) -> None:
        _keep((typed or "").strip()[:MAX_NAME] or default_name())
        _store(window.session)

    ask(window, default_name(), done)


def rename(window) -> None:
    """« Nom de ce portable… »: change it; the open file gets the new name at once."""

    def done(typed: str | None) -> None:
        if typed is not None and typed.strip():
            _keep(typed.strip()[:MAX_NAME])
            _store(window.session)

    ask(window, name(), done)


def _keep(text: str) -> None:
    try:
        config.set_laptop_name(" ".join(text.split()))
    except OSError as exc:
        errors.report(FacilitatorError(QCoreApplication.translate(
            "Laptop", "Le nom du portable n'a pas pu être enregistré dans {path} : {reason}").format(
                path=config.config_dir(), reason=exc.strerror or exc)))
