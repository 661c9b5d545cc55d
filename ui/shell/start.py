"""The start screen: open an event file, create one from a kit, open the 2016 demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import kits
from facilitator.errors import FacilitatorError
from facilitator.kit import load_kit
from facilitator.store import EventFile
from ui.common import documents, errors, settings


class StartScreen(QWidget):
    """The start screen; the shell (``ui.shell.app``) opens what it asks for."""

    openRequested = Signal(Path)  # an event file to open in its window
    chooseRequested = Signal()  # ask for an event file, then open it
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startScreen")
        self.setWindowTitle("facilitator")
        self.setAccessibleName(self.tr("Accueil de facilitator"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 30, 40, 30)
        title = QLabel(self.tr("facilitator — ateliers de gouvernement ouvert"))
        f = QFont(title.font())
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        title.setFont(f)
        lay.addWidget(title)
        lay.addWidget(QLabel(self.tr("Tout fonctionne hors ligne ; chaque note est enregistrée dès sa saisie.")))
        for text, name, fn in (
            (self.tr("&Ouvrir un fichier d'événement…"), "openEvent", self.open_event),
            (self.tr("&Préparer un événement (éditeur de kit)…"), "prepareEvent", self.prepare_event),
            (self.tr("&Créer un événement depuis un kit…"), "createEvent", self.create_event),
            (self.tr("Ouvrir la &démo 2016 (Ministère ouvert #1)"), "openDemo", self.open_demo),
        ):
            b = QPushButton(text)
            b.setObjectName(name)
            b.setAccessibleName(text.replace("&", ""))
            b.setMinimumHeight(40)
            b.clicked.connect(fn)
            lay.addWidget(b)
        recent = [str(p) for p in settings.recent_files()]
        if recent:
            lbl = QLabel(self.tr("Fichiers &récents :"))
            self.recent = QListWidget()
            self.recent.setObjectName("recentFiles")
            self.recent.setAccessibleName(self.tr("Fichiers récents"))
            lbl.setBuddy(self.recent)
            for p in recent:
                item = QListWidgetItem(p)
                item.setData(Qt.ItemDataRole.UserRole, p)
                self.recent.addItem(item)
            self.recent.itemActivated.connect(lambda it: self._open(Path(it.data(Qt.ItemDataRole.UserRole))))
            lay.addWidget(lbl)
            lay.addWidget(self.recent)
        lay.addStretch(1)
        self.resize(620, 420)

    def _open(self, path: Path) -> None:
        self.openRequested.emit(path)  # the shell opens it (checked in a worker thread) and closes this

    def open_event(self) -> None:
        self.chooseRequested.emit()

    def open_demo(self) -> None:
        try:
            path = documents.demo_path()
        except (FacilitatorError, OSError) as exc:  # a broken kit, an unwritable folder: said in French
            errors.report(exc, self)
            return
        self._open(path)

    def prepare_event(self) -> None:
        from ui.prepare.kit_editor import prepare  # (the editor is loaded when first opened)

        prepare(self)

    def create_event(self) -> None:
        kit_name, _ = QFileDialog.getOpenFileName(self, self.tr("Choisir le kit"), str(kits.FOLDER),
                                                  self.tr("Kits (*.yaml *.yml)"))
        if not kit_name:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Nouveau fichier d'événement"),
                                                str(documents.documents_dir() / (Path(kit_name).stem + ".facilitator")),
                                                documents.event_filter())
        if not target:
            return
        try:
            EventFile.create(target, load_kit(Path(kit_name))).close()
        except (FacilitatorError, OSError) as exc:  # a broken kit, an unwritable folder: said in French
            errors.report(exc, self)
            return
        self._open(Path(target))
