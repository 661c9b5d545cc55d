"""« Exporter… »: every document of the event, previewed before it is saved.

The documents are those of ``exports.documents`` (the list ``facilitator export`` uses), made in a
worker thread that opens its own ``EventFile``; they are written atomically. Errors (an
unwritable folder, a full disk) go to the app's one error handler.
"""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from exports.documents import Options
from facilitator.store import EventFile
from ui.after.post_common import STYLE
from ui.common import background, errors

ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Kind:
    key: str
    suffix: str
    default_name: str
    module: str  # what must be importable for this document
    produce: Callable[[EventFile, Options], bytes]
    preview: str  # "restitution" (the HTML of the restitution), "text" or "pdf"


def _document(key: str) -> Callable[[EventFile, Options], bytes]:
    """A document of ``exports.documents``: the same list and renderers as ``facilitator export``."""

    def produce(ev: EventFile, o: Options) -> bytes:
        from exports.documents import BY_KEY, Source
        from exports.documents import Options as DocumentOptions

        return BY_KEY[key].produce(Source.of_event(ev), DocumentOptions(annex=o.annex, size=o.size, bom=o.bom))

    return produce


def _proposals(ev, o):
    from facilitator.traceability import render_proposals

    return render_proposals(ev, bom=o.bom)


KINDS = (
    Kind("restitution", ".pdf", "restitution.pdf", "exports.pdf.restitution", _document("restitution"), "restitution"),
    Kind("booklet", ".pdf", "livret.pdf", "exports.pdf.booklet", _document("booklet"), "pdf"),
    Kind("sheets", ".pdf", "fiches-animateurs.pdf", "exports.pdf.sheets", _document("sheets"), "pdf"),
    Kind("markdown", ".md", "restitution.md", "exports.markdown", _document("markdown"), "text"),
    Kind("html", ".html", "restitution.html", "exports.html", _document("html"), "restitution"),
    Kind("odt", ".odt", "restitution.odt", "exports.odt", _document("odt"), "restitution"),
    Kind("csv", ".csv", "notes.csv", "exports.notes_csv", _document("csv"), "text"),
    Kind("json", ".json", "evenement.json", "exports.json_export", _document("json"), "text"),
    Kind("proposals", ".csv", "propositions.csv", "facilitator.traceability", _proposals, "text"),
)


def available(kind: Kind) -> bool:
    try:
        importlib.import_module(kind.module)
    except ImportError:
        return False
    return True


def preview_html(ev) -> str:
    """The restitution as HTML for the preview: the page ``facilitator export html`` publishes."""
    return _document("html")(ev, Options()).decode("utf-8")


def _pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def produce_job(path: Path, device: str, kind: Kind, options: Options, with_preview: bool):
    """In the worker thread: the document's bytes and its preview, from a connection of its own."""
    ev = EventFile.open(path, device)
    try:
        data = kind.produce(ev, options)
        preview = None
        if with_preview:
            preview = preview_html(ev) if kind.preview == "restitution" else None
        return data, preview
    finally:
        ev.close()


def save_job(path: Path, device: str, kind: Kind, options: Options, target: Path) -> Path:
    from exports.write import write_atomic

    ev = EventFile.open(path, device)
    try:
        write_atomic(target, kind.produce(ev, options))
    finally:
        ev.close()
    return target


class ExportDialog(QDialog):
    """Choose a document, see it, save it."""

    def __init__(self, main, kind: str = "restitution") -> None:
        super().__init__(main)
        self.main = main
        self.session = main.session
        self.data: bytes | None = None
        self.saved: Path | None = None
        self._wanted: tuple | None = None
        self.setObjectName("exportDialog")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(self.tr("Exporter les documents"))
        self.setWindowTitle(self.tr("Exporter — {title}").format(title=self.session.kit.event.title))
        self.resize(1200, 800)
        names = self.names()
        lay = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.kinds = QListWidget()
        self.kinds.setObjectName("exportKinds")
        self.kinds.setAccessibleName(self.tr("Document à exporter"))
        self.kinds.setWordWrap(True)
        for k in KINDS:
            item = QListWidgetItem(names[k.key])
            item.setData(ROLE, k.key)
            if not available(k):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setText(names[k.key] + " " + self.tr("(pas encore disponible)"))
            self.kinds.addItem(item)
        lbl = QLabel(self.tr("&Document :"))
        lbl.setBuddy(self.kinds)
        ll.addWidget(lbl)
        ll.addWidget(self.kinds, 1)
        self.annex = QCheckBox(self.tr("Annexe « Ce que nous avons entendu »"))
        self.annex.setObjectName("exportAnnex")
        self.annex.setAccessibleName(self.tr("Inclure l'annexe « Ce que nous avons entendu »"))
        self.annex.setChecked(True)
        ll.addWidget(self.annex)
        row = QHBoxLayout()
        self.size = QComboBox()
        self.size.setObjectName("exportSize")
        self.size.setAccessibleName(self.tr("Format du livret"))
        self.size.addItem("A5", "A5")
        self.size.addItem("A4", "A4")
        lbl = QLabel(self.tr("&Format du livret :"))
        lbl.setBuddy(self.size)
        row.addWidget(lbl)
        row.addWidget(self.size, 1)
        ll.addLayout(row)
        self.bom = QCheckBox(self.tr("CSV pour tableur (avec BOM)"))
        self.bom.setObjectName("exportBom")
        self.bom.setAccessibleName(self.tr("CSV avec indicateur d'ordre des octets pour les tableurs"))
        ll.addWidget(self.bom)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        lbl = QLabel(self.tr("A&perçu :"))
        self.preview = QTextBrowser()
        self.preview.setObjectName("exportPreview")
        self.preview.setAccessibleName(self.tr("Aperçu du document"))
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        lbl.setBuddy(self.preview)
        rl.addWidget(lbl)
        rl.addWidget(self.preview, 1)
        split.addWidget(right)
        split.setSizes([300, 900])
        lay.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setAccessibleName(self.tr("Préparation du document"))
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save = QPushButton(self.tr("&Enregistrer sous…"))
        self.save.setObjectName("exportSave")
        self.save.setAccessibleName(self.tr("Enregistrer le document sous"))
        self.save.setDefault(True)
        self.save.clicked.connect(self.save_as)
        close = QPushButton(self.tr("Fer&mer"))
        close.setAccessibleName(self.tr("Fermer"))
        close.clicked.connect(self.close)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save)
        bottom.addWidget(close)
        lay.addLayout(bottom)

        self.kinds.currentItemChanged.connect(lambda *_: self.refresh())
        self.annex.toggled.connect(lambda *_: self.refresh())
        self.size.currentIndexChanged.connect(lambda *_: self.refresh())
        self.bom.toggled.connect(lambda *_: self.refresh())
        self.select(kind)

    def names(self) -> dict[str, str]:
        return {
            "restitution": self.tr("Restitution (PDF)"),
            "booklet": self.tr("Livret participant (PDF)"),
            "sheets": self.tr("Fiches animateur (PDF)"),
            "markdown": self.tr("Restitution en Markdown"),
            "html": self.tr("Restitution en page HTML"),
            "odt": self.tr("Restitution en OpenDocument (ODT)"),
            "csv": self.tr("Notes en CSV"),
            "json": self.tr("Événement complet en JSON"),
            "proposals": self.tr("Propositions et décisions (CSV)"),
        }

    # ------------------------------------------------------------------ state
    def kind(self) -> Kind | None:
        item = self.kinds.currentItem()
        key = item.data(ROLE) if item else None
        return next((k for k in KINDS if k.key == key), None)

    def options(self) -> Options:
        return Options(annex=self.annex.isChecked(), size=self.size.currentData(), bom=self.bom.isChecked())

    def select(self, key: str) -> None:
        for i in range(self.kinds.count()):
            if self.kinds.item(i).data(ROLE) == key:
                self.kinds.setCurrentRow(i)
                return

    def _busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        self.save.setEnabled(not busy and self.kind() is not None and available(self.kind()))
        if text:
            self.status.setText(text)

    # ------------------------------------------------------------------ preview
    def refresh(self) -> None:
        kind = self.kind()
        if kind is None:
            return
        self.annex.setEnabled(kind.key in ("restitution", "markdown", "html", "odt"))
        self.size.setEnabled(kind.key == "booklet")
        self.bom.setEnabled(kind.key in ("csv", "proposals"))
        self.data = None
        if not available(kind):
            self.preview.setPlainText(self.tr("Ce document n'est pas encore disponible dans cette version."))
            self._busy(False, "")
            self.save.setEnabled(False)
            return
        wanted = (kind.key, self.options())
        self._wanted = wanted
        if background.busy():
            return  # the running job re-checks what is wanted when it ends
        self.session.flush()
        self._busy(True, self.tr("Préparation de l'aperçu…"))
        path, device = self.session.ev.path, self.session.ev.device
        options = self.options()
        background.start(lambda: produce_job(path, device, kind, options, True),
                         lambda result, w=wanted: self._previewed(w, result), self._failed, self)

    def _previewed(self, wanted, result) -> None:
        if wanted != self._wanted:  # the choice changed meanwhile
            self._busy(False)
            self.refresh()
            return
        data, html_preview = result
        kind = self.kind()
        self.data = data
        if html_preview is not None:
            self.preview.setHtml(html_preview)
        elif kind.preview == "pdf":
            self.preview.setHtml(self._pdf_summary(kind, data))
        else:
            text = data.decode("utf-8-sig", errors="replace")
            lines = text.splitlines()
            if len(lines) > 400:
                text = "\n".join(lines[:400]) + "\n" + self.tr("… ({n} lignes en tout)").format(n=len(lines))
            self.preview.setPlainText(text)
        self._busy(False, self.tr("{name} : {size} Ko. Choisissez où l'enregistrer.").format(
            name=self.names()[kind.key], size=max(1, round(len(data) / 1024))))

    def _pdf_summary(self, kind: Kind, data: bytes) -> str:
        e = html.escape
        kit = self.session.kit
        out = [f"<h2>{e(self.names()[kind.key])}</h2>",
               "<p>" + e(self.tr("{pages} page(s), {size} Ko.").format(
                   pages=_pages(data), size=max(1, round(len(data) / 1024)))) + "</p>"]
        if kind.key == "booklet":
            links = sum(len(w.online) + len(w.readings) for w in kit.workshops)
            out.append("<p>" + e(self.tr("Format {size} ; {n} atelier(s) ; {links} lien(s), chacun avec son code QR.")
                                   .format(size=self.size.currentData(), n=len(kit.workshops), links=links)) + "</p>")
        out.append("<ol>")
        out.extend(f"<li>{e(w.title)}" + (f" — <i>{e(w.question)}</i>" if w.question else "") + "</li>"
                   for w in kit.workshops)
        out.append("</ol>")
        return "".join(out)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False, self.tr("L'export a échoué."))
        errors.report(exc, self)

    # ------------------------------------------------------------------ saving
    def ask_path(self, kind: Kind) -> Path | None:
        folder = self.session.ev.path.parent
        start = folder / f"{self.session.ev.path.stem}-{kind.default_name}"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Enregistrer le document"), str(start),
                                              f"{self.names()[kind.key]} (*{kind.suffix})")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(kind.suffix)

    def save_as(self) -> None:
        kind = self.kind()
        if kind is None or not available(kind) or background.busy():
            return
        target = self.ask_path(kind)
        if target is None:
            return
        self.save_to(target)

    def save_to(self, target: Path) -> None:
        kind = self.kind()
        self.session.flush()
        self._busy(True, self.tr("Écriture de {path}…").format(path=target))
        path, device, options = self.session.ev.path, self.session.ev.device, self.options()
        background.start(lambda: save_job(path, device, kind, options, Path(target)), self._saved, self._failed,
                         self)

    def _saved(self, target: Path) -> None:
        self.saved = target
        self._busy(False, self.tr("Enregistré : {path}").format(path=target))

    def closeEvent(self, e) -> None:  # noqa: N802
        background.wait_all()
        super().closeEvent(e)
