"""The note-taker's view across ateliers: every note of one section (e.g. every « Futurs
engagements »), filterable by commitment, contributor type and votes, from which proposals are
drafted.

Model/view as the capture is: the notes are a ``SectionAcrossModel`` (the capture's outline model,
one tree per atelier under the atelier's row), shown through a ``QSortFilterProxyModel`` that keeps
the notes the core's query finds (``facilitator.synthesis.section_notes``) and, recursively, the
ateliers and parent notes above them, so that a kept note is seen where it stands in its outline."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from facilitator.store import Change, EventFile
from ui.after.post_common import (
    STYLE,
    Located,
    add_undo_actions,
    first_line,
    go_to_note,
    needs_reload,
)
from ui.capture.outline import NOTE_ID_ROLE, SectionAcrossModel
from ui.capture.panels import contributor_names


class _Kept(QSortFilterProxyModel):
    """The notes the filters keep (``kept``: their ids), with what is above them (recursively)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.kept: set[str] = set()
        self.setRecursiveFilteringEnabled(True)

    def keep(self, ids: set[str]) -> None:
        self.beginFilterChange()
        self.kept = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        return self.sourceModel().index(row, 0, parent).data(NOTE_ID_ROLE) in self.kept


class NotetakerView(QWidget):
    """All notes of one section across the ateliers, with filters."""

    proposalCreated = Signal(str)

    def __init__(self, main) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.main = main
        self.session = main.session
        self.kit = self.session.kit
        self.setObjectName("notetakerView")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(self.tr("Vue du rapporteur : notes de tous les ateliers"))
        self.setWindowTitle(self.tr("Notes de tous les ateliers — {title}").format(title=self.kit.event.title))
        self.resize(1100, 760)
        add_undo_actions(self, self.session)
        lay = QVBoxLayout(self)
        filters = QHBoxLayout()

        def labelled(text: str, w: QWidget) -> None:
            lbl = QLabel(text)
            lbl.setBuddy(w)
            filters.addWidget(lbl)
            filters.addWidget(w)

        self.section = QComboBox()
        self.section.setObjectName("notetakerSection")
        self.section.setAccessibleName(self.tr("Section"))
        for s in self.kit.sections:
            self.section.addItem(s.title, s.id)
        futurs = self.section.findData("futurs")
        if futurs >= 0:
            self.section.setCurrentIndex(futurs)
        labelled(self.tr("&Section :"), self.section)
        self.commitment = QComboBox()
        self.commitment.setObjectName("notetakerCommitment")
        self.commitment.setAccessibleName(self.tr("Engagement"))
        self.commitment.setToolTip(self.tr("Notes liées à cet engagement, ou notes sans engagement des ateliers "
                                           "qui le traitent"))
        self.commitment.addItem(self.tr("Tous les engagements"), None)
        for c in self.kit.plan.commitments if self.kit.plan else ():
            self.commitment.addItem(f"{c.id}. {c.short_title or c.title}"[:70], c.id)
        self.commitment.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.commitment.setMinimumContentsLength(26)
        labelled(self.tr("&Engagement :"), self.commitment)
        self.contributor = QComboBox()
        self.contributor.setObjectName("notetakerContributor")
        self.contributor.setAccessibleName(self.tr("Type de contributeur"))
        self.contributor.addItem(self.tr("Tous"), None)
        for key, name in contributor_names(self).items():
            self.contributor.addItem(name, key)
        labelled(self.tr("&Contributeur :"), self.contributor)
        self.votes = QSpinBox()
        self.votes.setObjectName("notetakerVotes")
        self.votes.setAccessibleName(self.tr("Votes minimum"))
        self.votes.setRange(0, 999)
        labelled(self.tr("&Votes ≥"), self.votes)
        self.text = QLineEdit()
        self.text.setObjectName("notetakerText")
        self.text.setAccessibleName(self.tr("Filtrer par texte"))
        self.text.setPlaceholderText(self.tr("Texte…"))
        self.text.setClearButtonEnabled(True)
        labelled(self.tr("&Texte :"), self.text)
        filters.setStretchFactor(self.text, 1)
        lay.addLayout(filters)

        self.model = SectionAcrossModel(self.session, "", self)
        self.proxy = _Kept(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setObjectName("notetakerList")
        self.tree.setAccessibleName(self.tr("Notes de la section dans tous les ateliers"))
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setItemsExpandable(False)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        h = self.tree.header()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        h.setStretchLastSection(False)
        self.tree.activated.connect(lambda index: self._go_to(index.data(NOTE_ID_ROLE)))
        self.tree.selectionModel().selectionChanged.connect(self._selection)
        lay.addWidget(self.tree, 1)

        bottom = QHBoxLayout()
        self.count = QLabel()
        self.count.setObjectName("notetakerCount")
        bottom.addWidget(self.count, 1)
        self.goto = QPushButton(self.tr("&Aller à la note"))
        self.goto.setObjectName("notetakerGoTo")
        self.goto.setAccessibleName(self.tr("Aller à la note dans la prise de notes"))
        self.goto.clicked.connect(self._go)
        bottom.addWidget(self.goto)
        self.create = QPushButton(self.tr("Créer une &proposition depuis ces notes"))
        self.create.setObjectName("createProposal")
        self.create.setAccessibleName(self.tr("Créer une proposition depuis les notes sélectionnées"))
        self.create.clicked.connect(self.create_proposal)
        bottom.addWidget(self.create)
        lay.addLayout(bottom)

        self.section.currentIndexChanged.connect(self.rebuild)
        for combo in (self.commitment, self.contributor):
            combo.currentIndexChanged.connect(self.reload)
        self.votes.valueChanged.connect(self.reload)
        self.text.textChanged.connect(self.reload)
        self.session.changed.connect(self.on_change)
        self.rebuild()

    # ------------------------------------------------------------------ content
    def found(self) -> list[Located]:
        """The notes the filters keep (the core's cross-atelier query), in outline order."""
        from facilitator.synthesis import section_notes

        words = self.text.text().casefold().split()
        out = []
        for sn in section_notes(self.session.ev, self.section.currentData(),
                                commitment=self.commitment.currentData(),
                                contributor=self.contributor.currentData(), min_votes=self.votes.value()):
            r = sn.note
            if r.text.strip() and all(x in r.text.casefold() for x in words):
                out.append(Located(r.workshop, r.section, r, sn.depth))
        return out

    def rebuild(self, *_args) -> None:
        """The section's notes read again (another section, or a note changed), the filters kept."""
        selected = self.selected()
        self.model.set_section(self.section.currentData(),
                               [(w.number, self.tr("Atelier {n} — {title}").format(n=w.number, title=w.title))
                                for w in self.kit.workshops])
        self.reload()
        self.select(selected)

    def reload(self, *_args) -> None:
        """The filters applied (the core's query), the atelier rows and the notes above opened."""
        self.proxy.keep({loc.row.id for loc in self.found()})
        self.tree.expandAll()
        self.count.setText(self.tr("{n} note(s)").format(n=len(self.proxy.kept)))
        self._selection()

    def on_change(self, change: Change) -> None:
        if change.touches("note") or needs_reload(change):
            self.rebuild()

    def _rows(self, parent: QModelIndex = QModelIndex()):  # noqa: B008
        """The proxy's rows in the order shown (an atelier, then its notes, in outline order)."""
        for r in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(r, 0, parent)
            yield index
            yield from self._rows(index)

    def shown_ids(self) -> list[str]:
        """The notes kept by the filters, in the order shown (not the notes above shown with them)."""
        return [i.data(NOTE_ID_ROLE) for i in self._rows() if i.data(NOTE_ID_ROLE) in self.proxy.kept]

    def selected(self) -> list[str]:
        if not hasattr(self, "tree"):
            return []
        order = {nid: i for i, nid in enumerate(i.data(NOTE_ID_ROLE) for i in self._rows())}
        ids = {i.data(NOTE_ID_ROLE) for i in self.tree.selectionModel().selectedRows(0)} - {None}
        return sorted(ids, key=lambda n: order.get(n, 0))

    def select(self, ids) -> None:
        """Select these notes (those shown), as a click and Ctrl+clicks would."""
        wanted, selection = set(ids), QItemSelection()
        for index in self._rows():
            if index.data(NOTE_ID_ROLE) in wanted:
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.tree.selectionModel().select(selection, flags)

    def _selection(self, *_args) -> None:
        n = len(self.selected())
        self.create.setEnabled(n > 0)
        self.goto.setEnabled(n == 1)

    def _go_to(self, note_id: str | None) -> None:
        if note_id is not None:
            go_to_note(self.main, note_id)

    def _go(self) -> None:
        ids = self.selected()
        if ids:
            go_to_note(self.main, ids[0])

    # ------------------------------------------------------------------ drafting
    def create_proposal(self) -> str | None:
        ids = self.selected()
        if not ids:
            return None
        rows = [self.session.note(n) for n in ids]
        title = first_line(rows[0].text, 80)
        text = "\n".join(f"- {first_line(r.text, 400)}" for r in rows) if len(rows) > 1 else rows[0].text.strip()
        c = self.commitment.currentData()
        commitments = [c] if c else sorted({x for r in rows for x in r.commitments})
        kind = "accelerate" if commitments else ("next-plan" if self.section.currentData() == "futurs" else "other")
        change = self.session.run(EventFile.add_proposal, title, text, kind, commitments=commitments, notes=ids,
                                  label=self.tr("Proposition depuis des notes"))
        if change is None or change.empty:
            return None
        self.proposalCreated.emit(change.focus)
        return change.focus
