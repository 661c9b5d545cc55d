"""The Aide menu: the shortcut sheet (F1), made from the actions themselves — the capture
window's menus, the keys of a note in the outline (``ui.capture.outline.outline_keys``) and the
projector's actions (``ui.projector.view.key_table``) — shown, printable; and « À propos » with the
version and the licences. Loaded when first used."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import facilitator
from ui.capture.outline import outline_keys

LICENCES = (
    ("facilitator", "MIT"),
    ("Qt {qt} / PySide6 {pyside}", "LGPL v3"),
    ("SQLAlchemy", "MIT"), ("ReportLab", "BSD"), ("qrcode", "BSD"), ("PyYAML", "MIT"),
    ("platformdirs", "MIT"), ("odfpy", "Apache 2.0 / GPL / LGPL"),
    ("DejaVu", "Bitstream Vera / public domain"),
)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def sections(window) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(keys, what)]) of the sheet, from the window's menus and the declared keys."""
    from ui.projector.view import key_table  # (the projector's module: loaded with the sheet)

    out = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None:
            continue
        rows = []
        for a in menu.actions():
            if a.isSeparator() or not a.isVisible() or a.menu() is not None:
                continue
            keys = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts())
            rows.append((keys, _plain(a.text())))
        if rows:
            out.append((_plain(top.text()), rows))
    out.append((QCoreApplication.translate("Help", "Dans une note du plan"),
                [(_keys(keys), text) for keys, text in outline_keys()]))
    out.append((QCoreApplication.translate("Help", "Vue projecteur"),
                [(_keys(keys), text) for text, keys, _name in key_table()]))
    return out


def _keys(keys: list[str]) -> str:
    """Key sequences as the person's keyboard names them (« Maj+Entrée »: Qt's own words)."""
    return " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def sheet_html(window) -> str:
    title = QCoreApplication.translate("Help", "Raccourcis clavier de facilitator")
    parts = [f"<h1>{html.escape(title)}</h1>"]
    for title, rows in sections(window):
        parts.append(f"<h2>{html.escape(title)}</h2><table cellspacing='0' cellpadding='3'>")
        for keys, what in rows:
            parts.append(f"<tr><td width='200'><b>{html.escape(keys) or '—'}</b></td>"
                         f"<td>{html.escape(what)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


class ShortcutSheet(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Raccourcis clavier"))
        self.setAccessibleName(self.tr("Raccourcis clavier"))
        self.resize(720, 760)
        lay = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("shortcutText")
        self.text.setAccessibleName(self.tr("Liste des raccourcis clavier"))
        self.text.setHtml(sheet_html(window))
        lay.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Imprimer…"))
        self.print_button.setObjectName("printShortcuts")
        self.print_button.setAccessibleName(self.tr("Imprimer les raccourcis clavier"))
        self.print_button.clicked.connect(self.print_dialog)
        close = QPushButton(self.tr("Fer&mer"))
        close.setAccessibleName(self.tr("Fermer"))
        close.clicked.connect(self.close)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(close)
        lay.addLayout(row)

    def print_to(self, printer) -> None:
        self.text.document().print_(printer)

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle(self.tr("Imprimer les raccourcis clavier"))
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)


def show_shortcuts(window) -> ShortcutSheet:
    sheet = getattr(window, "_shortcut_sheet", None)
    if sheet is None:
        sheet = window._shortcut_sheet = ShortcutSheet(window)
    sheet.show()
    sheet.raise_()
    sheet.activateWindow()
    return sheet


def about_text(parent: QWidget) -> str:
    import PySide6

    rows = "".join(f"<tr><td>{html.escape(name.format(qt=qVersion(), pyside=PySide6.__version__))}</td>"
                   f"<td>{html.escape(licence)}</td></tr>" for name, licence in LICENCES)
    what = QCoreApplication.translate("Help", "Prise de notes et restitution d'ateliers de gouvernement ouvert, "
                                              "hors ligne.")
    licences = QCoreApplication.translate("Help", "Licences")
    return (f"<h2>facilitator {html.escape(facilitator.__version__)}</h2><p>{html.escape(what)}</p>"
            f"<p><b>{html.escape(licences)}</b></p><table cellpadding='2'>{rows}</table>")


def show_about(window) -> QMessageBox:
    box = QMessageBox(window)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("Help", "À propos de facilitator"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(window))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    qt = box.addButton(QCoreApplication.translate("Help", "À propos de &Qt"), QMessageBox.ButtonRole.ActionRole)
    qt.clicked.disconnect()  # (an action button would close the box)
    qt.clicked.connect(lambda: QMessageBox.aboutQt(box))
    box.open()
    return box
