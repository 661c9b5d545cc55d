"""A networked event in the app: « Rejoindre l'événement en réseau… », a sync worker off the
GUI thread, and a status in the window (connected, offline since HH:MM, N changes waiting) —
never a modal dialog once joined.

The worker (``SyncWorker``, a ``QThread``) opens its own ``EventFile`` on the window's file and
runs ``facilitator.sync.laptop`` rounds: woken by the hub's notifications or by the file
changing, polling otherwise. What it pulls enters the file through the merge's writer; the
window then reads the file anew (``Session.reload``). Typing never waits for the network: the
window's own writes go to the file as always. Loaded only when a person joins (start-up stays
without any network module).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

POLL = 2.0  # seconds between two checks when the hub does not notify


class SyncWorker(QThread):
    """Rounds of sync of one event file with one hub, until ``requestInterruption()``."""

    connected = Signal(int, int)  # pulled in the last round, revisions waiting to be sent
    offline = Signal(str, int)  # why (French, never the secret), revisions waiting (-1: unknown)
    refused = Signal(str)  # another event or kit: the worker stops
    rejected = Signal(str)  # a bad record pulled, refused and not written

    def __init__(self, path, device: str, code, poll: float = POLL) -> None:
        super().__init__()
        self.path, self.device, self.code, self.poll = path, device, code, poll

    def run(self) -> None:
        from facilitator.errors import FacilitatorError
        from facilitator.store import EventFile
        from facilitator.sync.laptop import Laptop, Refused, watch

        try:
            ev = EventFile.open(self.path, self.device)
        except FacilitatorError as exc:
            self.offline.emit(str(exc), -1)
            return
        laptop = Laptop(ev, self.code)

        def waiting() -> int:
            """What the hub lacks, as far as this laptop knows (unknown before a first contact)."""
            return laptop.pending() if laptop.on_hub is not None else -1
        stop = self.isInterruptionRequested

        def report(r, error) -> None:
            if error is not None:
                self.offline.emit(str(error), waiting())
                return
            for line in r.refused:
                self.rejected.emit(line)
            self.connected.emit(r.pulled, laptop.pending())

        try:
            while not stop():
                try:
                    watch(laptop, poll=self.poll, until=stop, report=report)
                except Refused as exc:
                    self.refused.emit(str(exc))
                    return
                except FacilitatorError as exc:  # the file busy or full: said, then tried again
                    self.offline.emit(str(exc), waiting())
                    end = dt.datetime.now() + dt.timedelta(seconds=self.poll)
                    while not stop() and dt.datetime.now() < end:
                        self.msleep(100)
        finally:
            laptop.close()
            ev.close()


class NetworkStatus(QLabel):
    """The status bar's word on the network: « Réseau : connecté », « hors ligne depuis 14:05 »,
    « 3 modifications en attente »."""

    def __init__(self, where: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("networkStatus")
        self.where = where
        self.since: dt.datetime | None = None
        self.pending = 0
        self.state = "connecting"
        self.setAccessibleName(QCoreApplication.translate("Network", "État du réseau"))
        self._show()

    def set_connected(self, pending: int) -> None:
        self.state, self.since, self.pending = "connected", None, pending
        self._show()

    def set_offline(self, reason: str, pending: int = -1) -> None:
        if self.state != "offline":
            self.since = dt.datetime.now()
        self.state = "offline"
        if pending >= 0:
            self.pending = pending
        self.setToolTip(reason)
        self._show()

    def set_refused(self, reason: str) -> None:
        self.state = "refused"
        self.setToolTip(reason)
        self._show()

    def _show(self) -> None:
        if self.state == "connected":
            text = QCoreApplication.translate("Network", "Réseau : connecté au hub {where}").format(where=self.where)
            self.setToolTip("")
        elif self.state == "offline":
            text = QCoreApplication.translate("Network", "Réseau : hors ligne depuis {time}").format(time=self.since.strftime("%H:%M"))
        elif self.state == "refused":
            text = QCoreApplication.translate("Network", "Réseau : refusé par le hub {where}").format(where=self.where)
        else:
            text = QCoreApplication.translate("Network", "Réseau : connexion au hub {where}…").format(where=self.where)
        if self.pending and self.state != "refused":
            text += " · " + (QCoreApplication.translate("Network", "1 modification en attente") if self.pending == 1 else
                             QCoreApplication.translate("Network", "{n} modifications en attente").format(n=self.pending))
        self.setText(text)


class JoinDialog(QDialog):
    """Paste or type the join code; it is never shown in clear (screenshots, projection)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Network", "Rejoindre l'événement en réseau"))
        layout = QVBoxLayout(self)
        intro = QLabel(QCoreApplication.translate("Network", "Collez le code pour rejoindre donné par l'organisateur (carte « Rejoindre "
                          "l'événement »). Vos notes restent enregistrées sur ce portable ; le réseau "
                          "les partage avec les autres."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = QLineEdit()
        self.code.setObjectName("joinCode")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setPlaceholderText("facilitator://…")
        self.code.setAccessibleName(QCoreApplication.translate("Network", "Code pour rejoindre"))
        label = QLabel(QCoreApplication.translate("Network", "&Code :"))
        label.setBuddy(self.code)
        layout.addWidget(label)
        layout.addWidget(self.code)
        self.problem = QLabel()
        self.problem.setObjectName("joinProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Network", "Rejoindre"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.parsed = None

    def _accept(self) -> None:
        from facilitator.sync.hub import JoinCode
        from facilitator.sync.server import HubError

        try:
            self.parsed = JoinCode.parse(self.code.text())
        except HubError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.accept()


def join(window, code=None):
    """Join the hub of ``code`` (else ask for it): the worker starts, the status shows."""
    if code is None:
        dialog = JoinDialog(window)
        dialog.setModal(True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        code = dialog.parsed
    leave(window)
    window.session.flush()
    worker = SyncWorker(window.session.ev.path, window.session.ev.device, code)
    status = NetworkStatus(code.where, window)
    window.statusBar().addPermanentWidget(status)
    worker.connected.connect(lambda pulled, pending: _connected(window, status, pulled, pending))
    worker.offline.connect(status.set_offline)
    worker.refused.connect(status.set_refused)
    worker.refused.connect(lambda text: window.statusBar().showMessage(text, 15000))
    worker.rejected.connect(lambda text: window.statusBar().showMessage(text, 15000))
    window._network = (worker, status)
    worker.start()
    return worker


def _connected(window, status: NetworkStatus, pulled: int, pending: int) -> None:
    status.set_connected(pending)
    if pulled and not getattr(window, "_closed", False):
        window.session.reload()  # notes from the other laptops: the views read the file anew


def leave(window) -> None:
    """Stop syncing (the window closes, or another hub is joined); waits for the worker."""
    current = getattr(window, "_network", None)
    if current is None:
        return
    worker, status = current
    worker.requestInterruption()
    worker.wait(15000)
    window.statusBar().removeWidget(status)
    status.deleteLater()
    window._network = None


def current_code(window):
    """The join code to show: the hub this window is joined to, else the hub started on this
    laptop (``facilitator hub start``, the default folder); None if neither."""
    current = getattr(window, "_network", None)
    if current is not None:
        return current[0].code
    from facilitator.config import config_dir
    from facilitator.errors import FacilitatorError
    from facilitator.sync.hub import JoinCode
    from facilitator.sync.server import HubInfo

    try:
        info = HubInfo.load(config_dir() / "hub")
        return JoinCode.parse(info.join_code) if info.join_code else None
    except FacilitatorError:
        return None


def qr_image(text: str, module: int = 6):
    """The QR code of ``text`` as a QImage (black on white, 4 modules of quiet zone)."""
    import qrcode

    qr = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    matrix = qr.get_matrix()
    size = len(matrix) * module
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                painter.fillRect(c * module, r * module, module, module, QColor("black"))
    painter.end()
    return image


class CodeDialog(QDialog):
    """The join code for the other laptops: its QR code, the code itself only when asked (a
    projected or shared screen never shows it by accident), and the card to print."""

    def __init__(self, window, code) -> None:

        super().__init__(window)
        self.window_, self.code = window, code
        self.setWindowTitle(QCoreApplication.translate("Network", "Code pour rejoindre l'événement"))
        layout = QVBoxLayout(self)
        where = QLabel(QCoreApplication.translate("Network", "Hub : {where}").format(where=code.where))
        layout.addWidget(where)
        self.qr = QLabel()
        self.qr.setObjectName("joinQr")
        self.qr.setAccessibleName(QCoreApplication.translate("Network", "QR code pour rejoindre"))
        self.qr.setPixmap(QPixmap.fromImage(qr_image(str(code))))
        layout.addWidget(self.qr)
        self.text = QLineEdit(str(code))
        self.text.setObjectName("joinCodeShown")
        self.text.setReadOnly(True)
        self.text.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.reveal = QPushButton(QCoreApplication.translate("Network", "&Afficher le code"))
        self.reveal.setCheckable(True)
        self.reveal.toggled.connect(lambda on: self.text.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        row.addWidget(self.reveal)
        self.card = QPushButton(QCoreApplication.translate("Network", "&Carte à imprimer (PDF)…"))
        self.card.clicked.connect(self.save_card)
        row.addWidget(self.card)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def card_bytes(self) -> bytes:
        from exports.pdf.join_card import render_join_card

        return render_join_card(self.window_.session.kit, str(self.code), self.code.where)

    def save_card(self, path=None):

        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("Network", "Carte à imprimer"),
                                                  "rejoindre.pdf", "PDF (*.pdf)")
            if not path:
                return None
        from exports.write import write_atomic

        write_atomic(path, self.card_bytes())
        return path


def show_code(window):
    code = current_code(window)
    if code is None:
        window.statusBar().showMessage(QCoreApplication.translate(
            "Network", "Aucun hub : démarrez-en un (facilitator hub start) ou rejoignez-en un."), 10000)
        return None
    dialog = CodeDialog(window, code)
    dialog.show()
    window._code_dialog = dialog
    return dialog
