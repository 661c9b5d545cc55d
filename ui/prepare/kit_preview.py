"""Live preview of the participant booklet, the facilitators' sheets and the QR codes (kit editor).

The PDF is rendered by the exports (``exports.pdf.booklet``, ``exports.pdf.sheets``) and its pages
turned into images by ``pdftoppm`` (poppler), both in a worker thread (``ui.common.background``): typing
never waits for it. A new render starts a moment after the last edit; while the kit has errors the
last good pages stay, with a line saying so.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.common import background

DEBOUNCE_MS = 400
RESOLUTION = 50  # dpi of the page images
MAX_PAGES = 40


def render_pages(kit, which: str) -> tuple[list[bytes], float]:
    """(PNG bytes of each page, seconds taken) of the booklet or the sheets of ``kit``
    (worker thread)."""
    start = time.perf_counter()
    if which == "sheets":
        from exports.pdf.sheets import render_sheets

        pdf = render_sheets(kit)
    else:
        from exports.pdf.booklet import render_booklet

        logo = kit.logo_path.read_bytes() if kit.logo_path and kit.logo_path.is_file() else None
        pdf = render_booklet(kit, logo=logo)
    tool = shutil.which("pdftoppm")
    if tool is None:
        return [], time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="facilitator-preview-") as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run([tool, "-png", "-r", str(RESOLUTION), "-l", str(MAX_PAGES), str(src), str(Path(tmp) / "p")],
                       check=True, capture_output=True, timeout=60)
        pages = [p.read_bytes() for p in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))]
    return pages, time.perf_counter() - start


def qr_image(url: str, module: int = 3) -> QImage | None:
    from exports.pdf.qr import encode_url, runs

    got = runs(encode_url(url))
    if got is None:
        return None
    n, dark = got
    quiet = 4
    size = (n + 2 * quiet) * module
    img = QImage(size, size, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    for r, c, length in dark:
        p.fillRect((c + quiet) * module, (r + quiet) * module, length * module, module, QColor("black"))
    p.end()
    return img


class BookletPreview(QWidget):
    def __init__(self, editor) -> None:
        super().__init__()
        self.setObjectName("kitPreview")
        self.editor = editor
        self.doc = None
        self.running = False
        self.pending = False
        self.last_seconds: float | None = None
        self.renders = 0
        self._stopped = False
        lay = QVBoxLayout(self)
        self.which = QComboBox()
        self.which.addItem(self.tr("Livret des participants"), "booklet")
        self.which.addItem(self.tr("Fiches des animateurs"), "sheets")
        self.which.setAccessibleName(self.tr("Document prévisualisé"))
        self.which.currentIndexChanged.connect(lambda _i: self.update_from(self.doc))
        lay.addWidget(self.which)
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.tabs = QTabWidget()
        self.pages_host = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages_host)
        self.tabs.addTab(scroll, self.tr("Pages"))
        self.qr = QListWidget()
        self.qr.setObjectName("previewQr")
        self.qr.setIconSize(QSize(120, 120))
        self.tabs.addTab(self.qr, self.tr("QR codes"))
        lay.addWidget(self.tabs)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._render)
        self.setMinimumWidth(380)

    def update_from(self, doc) -> None:
        self.doc = doc
        self.timer.start()

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()

    def _render(self) -> None:
        doc = self.doc
        if doc is None or self._stopped:
            return
        if doc.kit is None:
            self.status.setText(self.tr("Aperçu en attente : le kit a {n} erreur(s) ; les pages montrées "
                                        "sont celles de la dernière version sans erreur.").format(n=len(doc.errors)))
            return
        if self.running:
            self.pending = True
            return
        self.running = True
        self.status.setText(self.tr("Mise en page…"))
        kit, which = doc.kit, self.which.currentData()
        self._show_qr(kit)
        background.start(lambda: render_pages(kit, which), self._done, self._failed, owner=self)

    def _done(self, result) -> None:
        pages, seconds = result
        self.running = False
        self.last_seconds = seconds
        self.renders += 1
        while self.pages_layout.count():
            w = self.pages_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for data in pages:
            lbl = QLabel()
            pm = QPixmap()
            pm.loadFromData(data, "PNG")
            lbl.setPixmap(pm)
            lbl.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            lbl.setObjectName("previewPage")
            self.pages_layout.addWidget(lbl)
        self.pages_layout.addStretch(1)
        if pages:
            self.status.setText(self.tr("{n} page(s), mises en page en {ms} ms.").format(
                n=len(pages), ms=round(seconds * 1000)))
        else:
            self.status.setText(self.tr("Aperçu des pages indisponible : l'outil pdftoppm (poppler) n'est pas "
                                        "installé. Les QR codes restent visibles."))
        if self.pending:
            self.pending = False
            self._render()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.status.setText(self.tr("Aperçu impossible : {error}").format(error=exc))

    def _show_qr(self, kit) -> None:
        self.qr.clear()
        for link in kit.all_links():
            img = qr_image(link.url)
            it = QListWidgetItem(f"{link.title}\n{link.url}")
            if img is not None:
                it.setIcon(QPixmap.fromImage(img))
            self.qr.addItem(it)
