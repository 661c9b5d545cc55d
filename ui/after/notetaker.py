"""The note-taker's view across ateliers: every note of one section (e.g. every « Futurs
engagements »), filterable by commitment, contributor type and votes, from which proposals are
drafted."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
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
from ui.capture.panels import contributor_names

ROLE = Qt.ItemDataRole.UserRole


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

        self.tree = QTreeWidget()
        self.tree.setObjectName("notetakerList")
        self.tree.setAccessibleName(self.tr("Notes de la section dans tous les ateliers"))
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Atelier"), self.tr("Note"), self.tr("Contributeur"), self.tr("Votes")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        h = self.tree.header()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        h.setStretchLastSection(False)
        self.tree.itemActivated.connect(lambda item, _c: go_to_note(self.main, item.data(0, ROLE)))
        self.tree.itemSelectionChanged.connect(self._selection)
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

        for combo in (self.section, self.commitment, self.contributor):
            combo.currentIndexChanged.connect(self.reload)
        self.votes.valueChanged.connect(self.reload)
        self.text.textChanged.connect(self.reload)
        self.session.changed.connect(self.on_change)
        self.reload()

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

    def reload(self, *_args) -> None:
        selected = set(self.selected())
        self.tree.clear()
        names = contributor_names(self)
        shown = 0
        for loc in self.found():
            r = loc.row
            item = QTreeWidgetItem([
                str(loc.workshop), "    " * loc.depth + r.text.strip(),
                names.get(r.contributor or "", ""), str(r.votes) if r.votes else "",
            ])
            w = self.kit.workshop(loc.workshop)
            item.setToolTip(0, w.title if w else "")
            item.setToolTip(1, r.text)
            item.setData(0, ROLE, r.id)
            item.setData(0, ROLE + 1, loc.workshop)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
            item.setSelected(r.id in selected)
            shown += 1
        self.count.setText(self.tr("{n} note(s)").format(n=shown))
        self._selection()

    def on_change(self, change: Change) -> None:
        if change.touches("note") or needs_reload(change):
            self.reload()

    def shown_ids(self) -> list[str]:
        return [self.tree.topLevelItem(i).data(0, ROLE) for i in range(self.tree.topLevelItemCount())]

    def selected(self) -> list[str]:
        if not hasattr(self, "tree"):
            return []
        order = {nid: i for i, nid in enumerate(self.shown_ids())}
        ids = [i.data(0, ROLE) for i in self.tree.selectedItems()]
        return sorted(ids, key=lambda n: order.get(n, 0))

    def _selection(self) -> None:
        n = len(self.selected())
        self.create.setEnabled(n > 0)
        self.goto.setEnabled(n == 1)

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
