"""Side panels: the current note's details and the search (the atelier's and participants' tabs:
ui/capture/atelier_panels.py, made when first shown)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import OperationError
from facilitator.store import Change, EventFile


def contributor_names(_w: QWidget | None = None) -> dict[str, str]:
    return {"administration": QCoreApplication.translate("Contributors", "Administration"),
            "societe-civile": QCoreApplication.translate("Contributors", "Société civile"),
            "citoyen": QCoreApplication.translate("Contributors", "Citoyen·ne"),
            "autre": QCoreApplication.translate("Contributors", "Autre")}


class NoteDetails(QWidget):
    """URL(s), contributor type, linked commitments and votes of the current note."""

    def __init__(self, window) -> None:
        super().__init__()
        self.main = window
        self.session = window.session
        self.note_id: str | None = None
        self.setObjectName("noteDetails")
        self.setAccessibleName(self.tr("Détails de la note"))
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.back_to_note)  # Esc: back to the note
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        lay = QVBoxLayout(self)
        self.heading = QLabel(self.tr("Aucune note sélectionnée"))
        self.heading.setWordWrap(True)
        self.heading.setObjectName("detailsHeading")
        lay.addWidget(self.heading)
        form = QFormLayout()
        self.urls = QLineEdit()
        self.urls.setObjectName("noteUrls")
        self.urls.setAccessibleName(self.tr("Adresses web de la note"))
        self.urls.setPlaceholderText(self.tr("https://… (plusieurs : séparées par des espaces)"))
        self.urls.editingFinished.connect(self.store_urls)
        lbl = QLabel(self.tr("&Liens :"))
        lbl.setBuddy(self.urls)
        form.addRow(lbl, self.urls)
        self.contributor = QComboBox()
        self.contributor.setObjectName("noteContributor")
        self.contributor.setAccessibleName(self.tr("Type de contributeur"))
        self.contributor.addItem(self.tr("— non précisé —"), "")
        for key, name in contributor_names(self).items():
            self.contributor.addItem(name, key)
        self.contributor.activated.connect(self.store_contributor)
        self.contributor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.contributor.setMinimumContentsLength(12)
        lbl = QLabel(self.tr("&Contributeur :"))
        lbl.setBuddy(self.contributor)
        form.addRow(lbl, self.contributor)
        votes = QHBoxLayout()
        self.minus = QPushButton("−")
        self.minus.setAccessibleName(self.tr("Retirer un vote"))
        self.minus.setToolTip(self.tr("Retirer un vote (Ctrl+-)"))
        self.minus.clicked.connect(lambda: self.vote(-1))
        self.votes = QLabel("0")
        self.votes.setObjectName("noteVotes")
        self.votes.setAccessibleName(self.tr("Votes"))
        self.votes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.votes.setMinimumWidth(30)
        self.plus = QPushButton("+")
        self.plus.setAccessibleName(self.tr("Ajouter un vote"))
        self.plus.setToolTip(self.tr("Ajouter un vote (Ctrl++)"))
        self.plus.clicked.connect(lambda: self.vote(+1))
        for w in (self.minus, self.votes, self.plus):
            votes.addWidget(w)
        votes.addStretch(1)
        form.addRow(self.tr("Votes :"), votes)
        lay.addLayout(form)
        lbl = QLabel(self.tr("&Engagements liés :"))
        self.commitments = QListWidget()
        self.commitments.setObjectName("noteCommitments")
        self.commitments.setAccessibleName(self.tr("Engagements liés à la note"))
        lbl.setBuddy(self.commitments)
        self.commitments.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.commitments.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.commitments.itemChanged.connect(self.store_commitments)
        lay.addWidget(lbl)
        lay.addWidget(self.commitments, 1)
        self._loading = False
        self._shown: tuple | None = None
        self.setEnabled(False)
        self.session.changed.connect(self.on_change)

    def _fill_commitments(self) -> None:
        """The plan's commitments, to check: listed with the first note shown (until then the
        panel has nothing to edit, and the list is a few milliseconds of the start-up)."""
        plan = self.session.kit.plan
        for c in plan.commitments if plan else ():
            item = QListWidgetItem(f"{c.id}. {c.short_title or c.title}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(c.title)
            self.commitments.addItem(item)

    def show_note(self, note_id: str | None) -> None:
        self.note_id = note_id
        self.reload()

    def back_to_note(self) -> None:
        """Esc in the details: back to the note they are of, where it was left."""
        if self.note_id:
            self.focus_widget_stored()
            self.main.focus_note(self.note_id)

    def focus_widget_stored(self) -> None:
        """A field stored when left (the links) is stored before the focus goes."""
        if self.urls.hasFocus():
            self.store_urls()

    def reload(self) -> None:
        row = None
        if self.note_id:
            try:
                row = self.session.note(self.note_id)
            except OperationError:  # gone (undo of its creation): show nothing
                row = None
        self._loading = True
        try:
            enabled = row is not None and not row.deleted
            if enabled != self.isEnabled():
                self.setEnabled(enabled)
            if row is None or row.deleted:
                self._shown = None
                self.heading.setText(self.tr("Aucune note sélectionnée"))
                self.urls.clear()
                self.votes.setText("0")
                return
            text = (row.text.splitlines() or [""])[0]
            heading = self.tr("Note : {text}").format(text=(text[:60] + "…") if len(text) > 60 else text)
            if heading != self.heading.text():
                self.heading.setText(heading)
            shown = (row.id, row.urls, row.contributor, row.votes, row.commitments,
                     self.main.workshop.number if self.main.workshop else None)
            if shown == self._shown:
                return  # only the text changed: typing must stay cheap
            self._shown = shown
            if not self.urls.hasFocus():
                self.urls.setText(" ".join(row.urls))
            i = self.contributor.findData(row.contributor or "")
            self.contributor.setCurrentIndex(max(0, i))
            self.votes.setText(str(row.votes))
            if not self.commitments.count():
                self._fill_commitments()
            linked = set(row.commitments)
            ws = self.main.workshop
            mine = set(ws.commitments) if ws else set()
            for i in range(self.commitments.count()):
                item = self.commitments.item(i)
                cid = item.data(Qt.ItemDataRole.UserRole)
                item.setCheckState(Qt.CheckState.Checked if cid in linked else Qt.CheckState.Unchecked)
                f = item.font()
                f.setBold(cid in mine)
                item.setFont(f)
        finally:
            self._loading = False

    def on_change(self, change: Change) -> None:
        if self.note_id and self.note_id in change.notes():
            self.reload()

    def store_urls(self) -> None:
        if self._loading or not self.note_id:
            return
        urls = tuple(self.urls.text().split())
        if urls == self.session.note(self.note_id).urls:
            return
        if self.session.run(EventFile.edit_note, self.note_id, urls=urls) is None:
            self.reload()

    def store_contributor(self, _index: int) -> None:
        if not self._loading and self.note_id:
            self.session.run(EventFile.edit_note, self.note_id, contributor=self.contributor.currentData() or None)

    def store_commitments(self, _item) -> None:
        if self._loading or not self.note_id:
            return
        ids = [self.commitments.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.commitments.count())
               if self.commitments.item(i).checkState() == Qt.CheckState.Checked]
        self.session.run(EventFile.edit_note, self.note_id, commitments=ids)

    def vote(self, delta: int) -> None:
        if self.note_id:
            self.session.run(EventFile.vote, self.note_id, delta)


class SearchPanel(QWidget):
    """Search across every note of the event, filtered by contributor type or commitment."""

    chosen = Signal(int, str)  # workshop, note id

    def __init__(self, window) -> None:
        super().__init__()
        self.main = window
        self.session = window.session
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.box = QLineEdit()
        self.box.setObjectName("searchBox")
        self.box.setAccessibleName(self.tr("Rechercher dans toutes les notes"))
        self.box.setPlaceholderText(self.tr("Rechercher (Ctrl+F)"))
        self.box.setClearButtonEnabled(True)
        lay.addWidget(self.box)
        self.contributor = QComboBox()
        self.contributor.setObjectName("searchContributor")
        self.contributor.setAccessibleName(self.tr("Filtrer par type de contributeur"))
        self.contributor.addItem(self.tr("Tous les contributeurs"), "")
        for key, name in contributor_names(self).items():
            self.contributor.addItem(name, key)
        self.commitment = QComboBox()
        self.commitment.setObjectName("searchCommitment")
        self.commitment.setAccessibleName(self.tr("Filtrer par engagement"))
        self.commitment.addItem(self.tr("Tous les engagements"), "")
        plan = self.session.kit.plan
        for c in plan.commitments if plan else ():
            self.commitment.addItem(f"{c.id}. {(c.short_title or c.title)[:40]}", c.id)
        for combo in (self.contributor, self.commitment):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            lay.addWidget(combo)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Résultats de la recherche"))
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        lay.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _t: self._timer.start())
        self.box.returnPressed.connect(self._enter)
        self.contributor.currentIndexChanged.connect(lambda _i: self.run())
        self.commitment.currentIndexChanged.connect(lambda _i: self.run())
        self.run()

    def active(self) -> bool:
        return bool(self.box.text().strip() or self.contributor.currentData() or self.commitment.currentData())

    def matches(self) -> list:
        words = self.box.text().casefold().split()
        who = self.contributor.currentData() or None  # "" is "all" (no None in a QVariant:
        cid = self.commitment.currentData() or None  # PySide6 6.12 mis-counts None's references)
        out = []
        for row in self.session.ev.notes():
            if who is not None and row.contributor != who:
                continue
            if cid is not None and cid not in row.commitments:
                continue
            hay = (row.text + " " + " ".join(row.urls)).casefold()
            if all(w in hay for w in words):
                out.append(row)
        return out

    def run(self) -> None:
        self._timer.stop()
        self.results.clear()
        if not self.active():
            self.results.addItem(self._info(self.tr("Tapez un mot ou choisissez un filtre")))
            return
        kit = self.session.kit
        rows = self.matches()
        for row in rows[:500]:
            s = kit.section(row.section)
            first = (row.text.splitlines() or [""])[0]
            item = QListWidgetItem(f"{row.workshop} · {s.title if s else row.section}\n{first[:120]}")
            item.setData(Qt.ItemDataRole.UserRole, (row.workshop, row.id))
            self.results.addItem(item)
        if not rows:
            self.results.addItem(self._info(self.tr("Aucune note trouvée")))
        self.results.setAccessibleDescription(self.tr("{n} résultat(s)").format(n=len(rows)))

    @staticmethod
    def _info(text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, "")  # never read an unset role (see matches)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _enter(self) -> None:
        self.run()
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)

    def _activated(self, item) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.chosen.emit(*data)
