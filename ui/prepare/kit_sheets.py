"""The kit editor's spreadsheet import with its
column mapping (which column fills which field; the choices are remembered)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.kit import sheets


class ImportDialog(QDialog):
    """Import commitments or ateliers from a spreadsheet into the editor's kit."""

    def __init__(self, editor, kind: str, path: str | Path | None = None) -> None:
        super().__init__(editor)
        self.setObjectName("importDialog")
        self.editor, self.kind = editor, kind
        self.setWindowTitle(self.tr("Importer d'un tableur"))
        self.tables: list[sheets.Table] = []
        lay = QVBoxLayout(self)
        self.what = QComboBox()
        self.what.addItem(self.tr("Engagements du plan"), "commitments")
        self.what.addItem(self.tr("Ateliers"), "workshops")
        self.what.setCurrentIndex(0 if kind == "commitments" else 1)
        self.what.currentIndexChanged.connect(self._kind_changed)
        self.file_label = QLabel(self.tr("Aucun fichier choisi"))
        choose = QPushButton(self.tr("&Choisir le tableur…"))
        choose.clicked.connect(self.choose)
        self.sheet = QComboBox()
        self.sheet.currentIndexChanged.connect(self._show_mapping)
        top = QFormLayout()
        top.addRow(self.tr("&Contenu :"), self.what)
        top.addRow(choose, self.file_label)
        top.addRow(self.tr("&Feuille :"), self.sheet)
        lay.addLayout(top)
        lay.addWidget(QLabel(self.tr("Quelle colonne remplit quel champ (choix retenus pour la prochaine fois) :")))
        self.mapping_host = QWidget()
        self.mapping_form = QFormLayout(self.mapping_host)
        lay.addWidget(self.mapping_host)
        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setAccessibleName(self.tr("Problèmes du tableur"))
        lay.addWidget(self.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("&Importer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("doImport")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.combos: list[QComboBox] = []
        self.chosen: dict[str, str] = {}  # this dialog's choices, by header (kept when the file is read again)
        self.resize(640, 560)
        if path is not None:
            self.load(Path(path))

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choisir le tableur"), str(self.editor.path.parent),
                                              self.tr("Tableurs (*.xlsx *.ods *.csv)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        self.problems.clear()
        try:
            self.tables = sheets.read_tables(path)
        except sheets.SheetError as exc:
            self.tables = []
            for p in exc.problems:
                self.problems.addItem(str(p))
            self.import_button.setEnabled(False)
            return
        self.file_label.setText(path.name)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for t in self.tables:
            self.sheet.addItem(t.name)
        self.sheet.blockSignals(False)
        self._show_mapping()

    def _kind_changed(self) -> None:
        self.kind = self.what.currentData()
        self._show_mapping()

    @property
    def table(self) -> sheets.Table | None:
        i = self.sheet.currentIndex()
        return self.tables[i] if 0 <= i < len(self.tables) else None

    def _show_mapping(self) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos = []
        t = self.table
        if t is None:
            return
        guess = sheets.guess_mapping(self.kind, t.headers)
        for i, h in enumerate(t.headers):
            if sheets.norm(h) in self.chosen:
                guess[i] = self.chosen[sheets.norm(h)]
            c = QComboBox()
            c.setObjectName(f"column:{i}")
            c.addItem(self.tr("— ignorée —"), "")
            for col in sheets.COLUMNS[self.kind]:
                c.addItem(sheets.label(self.kind, col.field), col.field)
            c.setCurrentIndex(max(c.findData(guess.get(i, "")), 0))
            c.currentIndexChanged.connect(lambda _i, c=c, h=h: self._chose(h, c.currentData()))
            c.setAccessibleName(self.tr("Colonne {col} : {header}").format(col=sheets.column_letter(i + 1), header=h))
            self.mapping_form.addRow(f"{sheets.column_letter(i + 1)} — {h or '…'}", c)
            self.combos.append(c)
        self.check()

    def _chose(self, header: str, fld: str) -> None:
        self.chosen[sheets.norm(header)] = fld
        self.check()

    def mapping(self) -> dict[int, str]:
        out: dict[int, str] = {}
        for i, c in enumerate(self.combos):
            if c.currentData() and c.currentData() not in out.values():
                out[i] = c.currentData()
        return out

    def set_column(self, index: int, field: str) -> None:
        c = self.combos[index]
        c.setCurrentIndex(c.findData(field))

    def check(self) -> list:
        self.problems.clear()
        t = self.table
        if t is None:
            return []
        self.records, problems = sheets.records(t, self.kind, self.mapping())
        for p in problems:
            self.problems.addItem(str(p))
        if not problems:
            self.problems.addItem(self.tr("{n} ligne(s) prêtes à importer.").format(n=len(self.records)))
        self.import_button.setEnabled(not problems and bool(self.records))
        return problems

    def do_import(self) -> None:
        if self.check():
            return
        t = self.table
        counts: list = []
        self.editor.edit(self.tr("Importer d'un tableur"),
                         lambda: counts.append(sheets.apply(self.editor.doc, self.kind, self.records)))
        sheets.remember(self.kind, t.headers, self.mapping())
        if counts:
            self.editor.statusBar().showMessage(self.tr("{u} mis à jour, {a} ajouté(s).").format(
                u=counts[0][0], a=counts[0][1]), 6000)
        self.accept()


