"""The synthesis editor: object, opening text, feedback on the format, the proposals (reorderable)
with their kind, commitments, source notes and decision, and the sign-off.

Every edit is a core operation of the event file (stored at once) pushed on the session's undo
stack; typing in a field is one undo step per editing session of that field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import OperationError
from facilitator.i18n import long_datetime
from facilitator.store import Change, EventFile
from facilitator.store.states import DECISIONS, PROPOSAL_KINDS
from facilitator.synthesis import link_notes as core_link_notes
from facilitator.synthesis import set_sources as core_set_sources
from facilitator.synthesis import unlink_notes as core_unlink_notes
from facilitator.synthesis import write_generated_intro
from ui.after.post_common import (
    STYLE,
    TypedField,
    add_undo_actions,
    all_notes,
    first_line,
    go_to_note,
    needs_reload,
    run_op,
    run_typed,
)

ROLE = Qt.ItemDataRole.UserRole
DECISION_KEYS: tuple[str | None, ...] = (None, *DECISIONS)
KIND_KEYS = PROPOSAL_KINDS


# Module-level helpers translate in a named context: ``w.tr()`` would be extracted by lupdate under
# the context "w" but looked up at run time under the class of ``w``, so it would never be translated.
def kind_names(_w: QWidget | None = None) -> dict[str, str]:
    return {"accelerate": QCoreApplication.translate("Proposals", "Accélère un engagement existant"),
            "next-plan": QCoreApplication.translate("Proposals", "Pour le prochain plan d'action"),
            "other": QCoreApplication.translate("Proposals", "Autre")}


def decision_names(_w: QWidget | None = None) -> dict[str | None, str]:
    return {None: QCoreApplication.translate("Proposals", "— pas encore décidée —"),
            "retenue": QCoreApplication.translate("Proposals", "Retenue"),
            "a-l-etude": QCoreApplication.translate("Proposals", "À l'étude"),
            "non-retenue": QCoreApplication.translate("Proposals", "Non retenue")}


def _label(text: str, buddy: QWidget, bold: bool = False) -> QLabel:
    lbl = QLabel(text)
    lbl.setBuddy(buddy)
    if bold:
        f = QFont(lbl.font())
        f.setBold(True)
        lbl.setFont(f)
    return lbl


class NotePicker(QDialog):
    """Pick notes of every atelier (checkable), with a text filter and an atelier filter."""

    def __init__(self, main, chosen: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.session = main.session
        self.setObjectName("notePicker")
        self.setAccessibleName(self.tr("Choisir des notes"))
        self.setWindowTitle(self.tr("Notes à l'origine de la proposition"))
        self.resize(820, 600)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setObjectName("notePickerFilter")
        self.filter.setAccessibleName(self.tr("Filtrer les notes"))
        self.filter.setPlaceholderText(self.tr("Filtrer par texte…"))
        self.filter.setClearButtonEnabled(True)
        top.addWidget(_label(self.tr("&Filtre :"), self.filter))
        top.addWidget(self.filter, 2)
        self.workshop = QComboBox()
        self.workshop.setObjectName("notePickerWorkshop")
        self.workshop.setAccessibleName(self.tr("Atelier"))
        self.workshop.addItem(self.tr("Tous les ateliers"), None)
        for w in self.session.kit.workshops:
            self.workshop.addItem(self.tr("Atelier {n} – {title}").format(n=w.number, title=w.title), w.number)
        top.addWidget(_label(self.tr("&Atelier :"), self.workshop))
        top.addWidget(self.workshop, 1)
        lay.addLayout(top)
        self.list = QListWidget()
        self.list.setObjectName("notePickerList")
        self.list.setAccessibleName(self.tr("Notes de tous les ateliers"))
        self.list.setWordWrap(True)
        sections = {s.id: s.title for s in self.session.kit.sections}
        for loc in all_notes(self.session):
            if not loc.row.text.strip():
                continue
            text = "{indent}A{n} · {section} — {text}".format(
                indent="    " * loc.depth, n=loc.workshop, section=sections.get(loc.section, loc.section),
                text=first_line(loc.row.text, 140))
            item = QListWidgetItem(text)
            item.setData(ROLE, loc.row.id)
            item.setData(ROLE + 1, loc.workshop)
            item.setData(ROLE + 2, loc.row.text.casefold())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if loc.row.id in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        lay.addWidget(self.list, 1)
        self.count = QLabel()
        lay.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Lier les notes cochées"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(self.tr("Lier les notes cochées"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.filter.textChanged.connect(self.apply_filter)
        self.workshop.currentIndexChanged.connect(self.apply_filter)
        self.list.itemChanged.connect(self._count)
        self.apply_filter()

    def apply_filter(self, *_args) -> None:
        words = self.filter.text().casefold().split()
        w = self.workshop.currentData()
        for i in range(self.list.count()):
            item = self.list.item(i)
            ok = (w is None or item.data(ROLE + 1) == w) and all(x in item.data(ROLE + 2) for x in words)
            item.setHidden(not ok)
        self._count()

    def _count(self, *_args) -> None:
        shown = sum(not self.list.item(i).isHidden() for i in range(self.list.count()))
        self.count.setText(self.tr("{shown} note(s) affichée(s), {checked} cochée(s)").format(
            shown=shown, checked=len(self.checked())))

    def checked(self) -> list[str]:
        return [self.list.item(i).data(ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class SynthesisEditor(QWidget):
    """The synthesis of an event: a window of its own beside the capture window."""

    proposalSelected = Signal(str)

    @property
    def ev(self):  # the session's file: a rescue copy replaces it (ui.shell.rescue)
        return self.session.ev

    def __init__(self, main) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.main = main
        self.session = main.session
        self.kit = self.session.kit
        self.pid: str | None = None
        self._loading = False
        self.setObjectName("synthesisEditor")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(self.tr("Synthèse des propositions"))
        self.setWindowTitle(self.tr("Synthèse — {title}").format(title=self.kit.event.title))
        self.resize(1400, 860)
        add_undo_actions(self, self.session)
        self._build()
        self.session.changed.connect(self.on_change)
        self.session.focusRequested.connect(self._focus_requested)
        self.reload()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("synthesisSplitter")
        split.addWidget(self._synthesis_column())
        split.addWidget(self._list_column())
        split.addWidget(self._details_column())
        split.setSizes([430, 330, 640])
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setMenuBar(self._menu())
        lay.addWidget(split)

    def _menu(self) -> QMenuBar:
        """The window's one menu: every action of the window, with its keys (Esc or Ctrl+W closes)."""
        bar = QMenuBar(self)
        bar.setObjectName("synthesisMenu")
        bar.setAccessibleName(self.tr("Menu de la synthèse"))
        menu = bar.addMenu(self.tr("S&ynthèse"))

        def action(text: str, fn, keys=(), name: str = "") -> QAction:
            a = menu.addAction(text)
            a.setObjectName(name)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(lambda _=False: fn())
            self.addAction(a)
            return a

        self.add_action = action(self.tr("&Nouvelle proposition"), self.add_proposal, ["Ctrl+N"], "synthesisAdd")
        self.up_action = action(self.tr("&Monter la proposition"), lambda: self.move(-1), ["Alt+Up"], "synthesisUp")
        self.down_action = action(self.tr("&Descendre la proposition"), lambda: self.move(+1), ["Alt+Down"],
                                  "synthesisDown")
        self.delete_action = action(self.tr("&Supprimer la proposition"), self.delete_proposal, (), "synthesisDelete")
        self.pick_action = action(self.tr("&Choisir des notes d'origine…"), self.pick_notes, (), "synthesisPick")
        menu.addSeparator()
        action(self.tr("&Générer le texte d'ouverture"), self.generate_intro, (), "synthesisGenerate")
        self.validate_action = action(self.tr("&Valider la synthèse"), self.validate_synthesis, (), "synthesisValidate")
        menu.addSeparator()
        for a in self.actions():  # the undo actions of ``add_undo_actions``, now in the menu
            name = a.objectName()
            if name.endswith("-undo") or name.endswith("-redo"):
                a.setText(self.tr("&Annuler") if name.endswith("-undo") else self.tr("&Rétablir"))
                menu.addAction(a)
        menu.addSeparator()
        self.close_action = action(self.tr("&Fermer"), self.close, ["Ctrl+W", "Esc"], "synthesisClose")
        return bar

    def _synthesis_column(self) -> QWidget:
        box = QGroupBox(self.tr("Synthèse"))
        lay = QVBoxLayout(box)
        addressee = self.kit.event.addressee
        if addressee:
            to = QLabel(self.tr("À l'attention de {who}").format(who=addressee))
            to.setWordWrap(True)
            lay.addWidget(to)
        self.object = QLineEdit()
        self.object.setObjectName("synthesisObject")
        self.object.setAccessibleName(self.tr("Objet de la synthèse"))
        self.object.setPlaceholderText(self.tr("Synthèse des propositions issues des ateliers…"))
        self.object_field = TypedField(self.object, lambda t, k: self._store_synthesis("object", t, k))
        lay.addWidget(_label(self.tr("&Objet :"), self.object, True))
        lay.addWidget(self.object)

        self.intro = QPlainTextEdit()
        self.intro.setObjectName("synthesisIntro")
        self.intro.setAccessibleName(self.tr("Texte d'ouverture"))
        self.intro.setTabChangesFocus(True)
        self.intro.setPlaceholderText(self.tr("Vide : la restitution l'écrit depuis les faits de l'événement."))
        self.intro_field = TypedField(self.intro, lambda t, k: self._store_synthesis("intro", t, k))
        lay.addWidget(_label(self.tr("Texte d'o&uverture :"), self.intro, True))
        lay.addWidget(self.intro, 2)
        self.generate = QPushButton(self.tr("&Générer depuis les faits de l'événement"))
        self.generate.setObjectName("generateIntro")
        self.generate.setAccessibleName(self.tr("Générer le texte d'ouverture depuis les faits de l'événement"))
        self.generate.clicked.connect(self.generate_intro)
        lay.addWidget(self.generate)

        self.feedback = QPlainTextEdit()
        self.feedback.setObjectName("synthesisFeedback")
        self.feedback.setAccessibleName(self.tr("Retours sur le format"))
        self.feedback.setTabChangesFocus(True)
        self.feedback.setPlaceholderText(self.tr("- un retour par ligne, commençant par « - »"))
        self.feedback_field = TypedField(self.feedback, lambda t, k: self._store_synthesis("feedback", t, k))
        lay.addWidget(_label(self.tr("Retours sur &le format (une puce « - » par ligne) :"), self.feedback, True))
        lay.addWidget(self.feedback, 3)

        self.validation = QLabel()
        self.validation.setObjectName("validationLabel")
        self.validation.setWordWrap(True)
        self.validation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # (its text never widens the column nor moves the fields above: the columns keep their place)
        self.validation.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.validation.setFixedHeight(self.validation.fontMetrics().lineSpacing() * 4 + 4)
        self.validation.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.validation)
        row = QHBoxLayout()
        self.validator = QLineEdit()
        self.validator.setObjectName("validatorName")
        self.validator.setAccessibleName(self.tr("Nom de la personne qui valide"))
        self.validator.setPlaceholderText(self.tr("Prénom Nom"))
        row.addWidget(_label(self.tr("Pa&r :"), self.validator))
        row.addWidget(self.validator, 1)
        self.validate = QPushButton(self.tr("&Valider la synthèse"))
        self.validate.setObjectName("validateSynthesis")
        self.validate.setAccessibleName(self.tr("Valider la synthèse"))
        self.validate.clicked.connect(self.validate_synthesis)
        row.addWidget(self.validate)
        self.reopen = QPushButton(self.tr("Rouvrir"))
        self.reopen.setObjectName("reopenSynthesis")
        self.reopen.setAccessibleName(self.tr("Rouvrir la synthèse"))
        self.reopen.clicked.connect(lambda: run_op(self.session, self.tr("Réouverture de la synthèse"),
                                                   EventFile.reopen_synthesis))
        row.addWidget(self.reopen)
        lay.addLayout(row)
        return box

    def _list_column(self) -> QWidget:
        box = QGroupBox(self.tr("Propositions"))
        lay = QVBoxLayout(box)
        self.list = QListWidget()
        self.list.setObjectName("proposalList")
        self.list.setAccessibleName(self.tr("Liste des propositions (Alt+Haut / Alt+Bas pour les déplacer)"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self._dropped)
        self.list.currentItemChanged.connect(self._selected)
        lay.addWidget(_label(self.tr("&Propositions :"), self.list, True))
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add = QPushButton(self.tr("&Nouvelle"))
        self.add.setObjectName("addProposal")
        self.add.setAccessibleName(self.tr("Nouvelle proposition"))
        self.add.setToolTip(self.tr("Nouvelle proposition (Ctrl+N)"))
        self.add.clicked.connect(self.add_proposal)
        self.delete = QPushButton(self.tr("&Supprimer"))
        self.delete.setObjectName("deleteProposal")
        self.delete.setAccessibleName(self.tr("Supprimer la proposition"))
        self.delete.clicked.connect(self.delete_proposal)
        self.up = QPushButton("↑")
        self.up.setObjectName("proposalUp")
        self.up.setAccessibleName(self.tr("Monter la proposition"))
        self.up.setToolTip(self.tr("Monter (Alt+Haut)"))
        self.up.clicked.connect(lambda: self.move(-1))
        self.down = QPushButton("↓")
        self.down.setObjectName("proposalDown")
        self.down.setAccessibleName(self.tr("Descendre la proposition"))
        self.down.setToolTip(self.tr("Descendre (Alt+Bas)"))
        self.down.clicked.connect(lambda: self.move(+1))
        for b in (self.add, self.delete, self.up, self.down):
            row.addWidget(b)
        lay.addLayout(row)
        return box

    def _details_column(self) -> QWidget:
        self.details = QGroupBox(self.tr("Proposition"))
        self.details.setObjectName("proposalDetails")
        lay = QVBoxLayout(self.details)
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setObjectName("proposalTitle")
        self.title.setAccessibleName(self.tr("Titre court de la proposition"))
        self.title_field = TypedField(self.title, lambda t, k: self._store_proposal("title", t, k))
        form.addRow(_label(self.tr("&Titre :"), self.title), self.title)
        self.kind = QComboBox()
        self.kind.setObjectName("proposalKind")
        self.kind.setAccessibleName(self.tr("Nature de la proposition"))
        for key, name in kind_names(self).items():
            self.kind.addItem(name, key)
        self.kind.activated.connect(self._store_kind)
        form.addRow(_label(self.tr("Natur&e :"), self.kind), self.kind)
        lay.addLayout(form)
        self.text = QPlainTextEdit()
        self.text.setObjectName("proposalText")
        self.text.setAccessibleName(self.tr("Texte de la proposition"))
        self.text.setTabChangesFocus(True)
        self.text_field = TypedField(self.text, lambda t, k: self._store_proposal("text", t, k))
        lay.addWidget(_label(self.tr("Te&xte :"), self.text))
        lay.addWidget(self.text, 2)

        mid = QHBoxLayout()
        col = QVBoxLayout()
        self.commitments = QListWidget()
        self.commitments.setObjectName("proposalCommitments")
        self.commitments.setAccessibleName(self.tr("Engagements du plan concernés"))
        self.commitments.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.commitments.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        plan = self.kit.plan
        for c in plan.commitments if plan else ():
            item = QListWidgetItem(f"{c.id}. {c.short_title or c.title}")
            item.setToolTip(c.title)
            item.setData(ROLE, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.commitments.addItem(item)
        self.commitments.itemChanged.connect(self._store_commitments)
        col.addWidget(_label(self.tr("Engage&ments :"), self.commitments))
        col.addWidget(self.commitments, 1)
        mid.addLayout(col, 1)

        col = QVBoxLayout()
        self.sources = QListWidget()
        self.sources.setObjectName("proposalSources")
        self.sources.setAccessibleName(self.tr("Notes à l'origine de la proposition"))
        self.sources.setWordWrap(True)
        self.sources.itemActivated.connect(lambda _i: self.go_to_source())
        col.addWidget(_label(self.tr("Notes d'or&igine :"), self.sources))
        col.addWidget(self.sources, 1)
        row = QHBoxLayout()
        self.pick = QPushButton(self.tr("C&hoisir des notes…"))
        self.pick.setObjectName("pickNotes")
        self.pick.setAccessibleName(self.tr("Choisir les notes d'origine"))
        self.pick.clicked.connect(self.pick_notes)
        self.unlink = QPushButton(self.tr("Retirer"))
        self.unlink.setObjectName("unlinkNote")
        self.unlink.setAccessibleName(self.tr("Retirer la note sélectionnée"))
        self.unlink.clicked.connect(self.unlink_source)
        self.goto = QPushButton(self.tr("&Aller à la note"))
        self.goto.setObjectName("goToNote")
        self.goto.setAccessibleName(self.tr("Aller à la note dans la prise de notes"))
        self.goto.clicked.connect(self.go_to_source)
        for b in (self.pick, self.unlink, self.goto):
            row.addWidget(b)
        col.addLayout(row)
        mid.addLayout(col, 1)
        lay.addLayout(mid, 2)

        box = QGroupBox(self.tr("Décision"))
        form = QFormLayout(box)
        self.decision = QComboBox()
        self.decision.setObjectName("proposalDecision")
        self.decision.setAccessibleName(self.tr("Décision"))
        for key, name in decision_names(self).items():
            self.decision.addItem(name, key)
        self.decision.activated.connect(self._store_decision)
        form.addRow(_label(self.tr("Dé&cision :"), self.decision), self.decision)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("decisionReason")
        self.reason.setAccessibleName(self.tr("Motif de la décision"))
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.reason_field = TypedField(self.reason, lambda t, k: self._store_proposal("decision_reason", t, k))
        form.addRow(_label(self.tr("Moti&f :"), self.reason), self.reason)
        self.date = QDateEdit()
        self.date.setObjectName("decisionDate")
        self.date.setAccessibleName(self.tr("Date de la décision"))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")  # « 2 décembre 2026 », as the documents write it
        self.date.dateChanged.connect(self._store_date)
        form.addRow(_label(self.tr("&Date :"), self.date), self.date)
        lay.addWidget(box)
        return self.details

    # ------------------------------------------------------------------ reading
    def on_change(self, change: Change) -> None:
        if (change.touches("proposal") or change.touches("synthesis") or needs_reload(change)
                or change.label in ("add_proposal", "edit_proposal", "delete_proposal")):
            self.reload()

    def _local_time(self, iso: str | None) -> str:
        """An ISO UTC timestamp as the documents write it in the interface's language, local time
        (« 3 décembre 2026 à 12:40 »), never ISO."""
        try:
            return long_datetime(iso or "", QLocale().name().split("_")[0])
        except ValueError:
            return iso or ""

    def reload(self) -> None:
        syn = self.ev.synthesis()
        self.object_field.set_text(syn.object)
        self.intro_field.set_text(syn.intro)
        self.feedback_field.set_text(syn.feedback)
        if syn.validated:
            fp = " ".join(syn.fingerprint[i:i + 16] for i in range(0, len(syn.fingerprint), 16))  # (wraps)
            self.validation.setText(self.tr("✔ Validée par {by} le {at}\nEmpreinte SHA-256 : {fp}").format(
                by=syn.validated_by, at=self._local_time(syn.validated_at), fp=fp))
        else:
            self.validation.setText(self.tr("Synthèse non validée."))
        self.reopen.setEnabled(syn.validated)
        self._reload_list()
        self._reload_details()

    def _reload_list(self) -> None:
        self._loading = True
        try:
            kinds = kind_names(self)
            decisions = decision_names(self)
            rows = self.ev.proposals()
            ids = [r.id for r in rows]
            if self.pid not in ids:
                self.pid = ids[0] if ids else None
            same = [self.list.item(i).data(ROLE) for i in range(self.list.count())] == ids
            if not same:
                self.list.clear()
            for i, r in enumerate(rows):
                title = r.title.strip() or self.tr("(sans titre)")
                extra = kinds.get(r.kind, r.kind)
                if r.commitments:
                    extra += " · " + self.tr("engagement(s) {ids}").format(ids=", ".join(r.commitments))
                if r.decision:
                    extra += " · " + decisions[r.decision]
                text = f"{i + 1}. {title}\n{extra}"
                if same:
                    item = self.list.item(i)
                    if item.text() != text:
                        item.setText(text)
                else:
                    item = QListWidgetItem(text)
                    item.setData(ROLE, r.id)
                    self.list.addItem(item)
                if r.id == self.pid and self.list.currentItem() is not item:
                    self.list.setCurrentItem(item)
        finally:
            self._loading = False

    def _reload_details(self) -> None:
        row = None
        if self.pid:
            try:
                row = self.ev.proposal(self.pid)
            except OperationError:  # gone
                row = None
        if row is not None and row.deleted:
            row = None
        self.details.setEnabled(row is not None)
        for b in (self.delete, self.up, self.down, self.delete_action, self.up_action, self.down_action,
                  self.pick_action):
            b.setEnabled(row is not None)
        self._loading = True
        try:
            if row is None:
                for f in (self.title_field, self.text_field, self.reason_field):
                    f._pending = False
                    f.set_text("")
                self.sources.clear()
                return
            self.title_field.set_text(row.title)
            self.text_field.set_text(row.text)
            self.reason_field.set_text(row.decision_reason)
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
            linked = set(row.commitments)
            for i in range(self.commitments.count()):
                item = self.commitments.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(ROLE) in linked else Qt.CheckState.Unchecked)
            self.decision.setCurrentIndex(max(0, self.decision.findData(row.decision)))
            self.reason.setEnabled(row.decision is not None)
            self.date.setEnabled(row.decision is not None)
            d = QDate.fromString(row.decision_date or "", "yyyy-MM-dd")
            self.date.setDate(d if d.isValid() else QDate.currentDate())
            self._reload_sources(row.notes)
        finally:
            self._loading = False

    def _reload_sources(self, note_ids) -> None:
        current = self.sources.currentItem().data(ROLE) if self.sources.currentItem() else None
        self.sources.clear()
        sections = {s.id: s.title for s in self.kit.sections}
        for nid in note_ids:
            try:
                n = self.ev.note(nid)
                text = self.tr("Atelier {n} · {section} — {text}").format(
                    n=n.workshop, section=sections.get(n.section, n.section), text=first_line(n.text, 120))
                if n.deleted:
                    text += " " + self.tr("(supprimée)")
            except OperationError:  # a note this file does not know (yet)
                text = self.tr("Note inconnue {id}").format(id=nid[:8])
            item = QListWidgetItem(text)
            item.setData(ROLE, nid)
            self.sources.addItem(item)
            if nid == current:
                self.sources.setCurrentItem(item)
        if self.sources.currentItem() is None and self.sources.count():
            self.sources.setCurrentRow(0)
        self.goto.setEnabled(self.sources.count() > 0)
        self.unlink.setEnabled(self.sources.count() > 0)

    def _selected(self, current: QListWidgetItem | None, _previous) -> None:
        if self._loading:
            return
        for f in (self.title_field, self.text_field, self.reason_field):
            f.flush()
        self.pid = current.data(ROLE) if current is not None else None
        self._reload_details()
        if self.pid:
            self.proposalSelected.emit(self.pid)

    def _focus_requested(self, pid: str) -> None:
        """An operation, undo or redo touched this proposal (``Change.focus``): select it (the list
        is already refreshed from the change)."""
        if pid == self.pid:
            return
        for i in range(self.list.count()):
            if self.list.item(i).data(ROLE) == pid:
                self.list.setCurrentRow(i)  # (→ ``_selected``: its details)
                return

    def select(self, pid: str) -> None:
        self.pid = pid
        self.reload()

    # ------------------------------------------------------------------ writing
    def _store_synthesis(self, field: str, text: str, token: int) -> None:
        if getattr(self.ev.synthesis(), field) == text:
            return
        labels = {"object": self.tr("Objet de la synthèse"), "intro": self.tr("Texte d'ouverture"),
                  "feedback": self.tr("Retours sur le format")}
        run_typed(self.session, labels[field], ("synthesis", field), token, EventFile.edit_synthesis, **{field: text})

    def _store_proposal(self, field: str, text: str, token: int) -> None:
        if not self.pid or self._loading:
            return
        if getattr(self.ev.proposal(self.pid), field) == text:
            return
        labels = {"title": self.tr("Titre de la proposition"), "text": self.tr("Texte de la proposition"),
                  "decision_reason": self.tr("Motif de la décision")}
        run_typed(self.session, labels[field], ("proposal", self.pid, field), token, EventFile.edit_proposal,
                  self.pid, **{field: text})

    def generate_intro(self) -> None:
        self.intro_field._pending = False
        run_op(self.session, self.tr("Texte d'ouverture généré"), write_generated_intro)

    def validate_synthesis(self) -> None:
        for f in (self.object_field, self.intro_field, self.feedback_field, self.title_field,
                  self.text_field, self.reason_field):
            f.flush()
        run_op(self.session, self.tr("Validation de la synthèse"), EventFile.validate_synthesis, self.validator.text())

    def add_proposal(self, title: str = "", **fields) -> str | None:
        change = run_op(self.session, self.tr("Nouvelle proposition"), EventFile.add_proposal,
                        title if isinstance(title, str) else "", **fields)
        if change is None or change.empty:
            return None
        self.select(change.focus)
        self.title.setFocus()
        return change.focus

    def delete_proposal(self) -> None:
        if self.pid:
            ids = [r.id for r in self.ev.proposals()]
            i = ids.index(self.pid) if self.pid in ids else 0
            run_op(self.session, self.tr("Suppression de proposition"), EventFile.delete_proposal, self.pid)
            rest = [r.id for r in self.ev.proposals()]
            self.select(rest[min(i, len(rest) - 1)] if rest else None)

    def move(self, step: int) -> None:
        if not self.pid:
            return
        ids = [r.id for r in self.ev.proposals()]
        if self.pid not in ids:
            return
        self.move_to(self.pid, ids.index(self.pid) + step)

    def move_to(self, pid: str, index: int) -> None:
        """The proposal at ``index`` in the list (the core places it between its neighbours)."""
        change = run_op(self.session, self.tr("Déplacement de proposition"), EventFile.move_proposal, pid, index)
        if change is not None and change.empty:
            self._reload_list()  # (a drop back where it was: the list shows the stored order again)
        self.list.setFocus()

    def _dropped(self, _parent, start: int, _end: int, _dest, row: int) -> None:
        """A proposal dragged to another place in the list: the same move as Alt+Up / Alt+Down."""
        if self._loading:
            return
        index = row if row < start else row - 1
        item = self.list.item(index)
        if item is not None:
            self.move_to(item.data(ROLE), index)

    def _store_kind(self, _index: int) -> None:
        if self.pid and not self._loading:
            run_op(self.session, self.tr("Nature de la proposition"), EventFile.edit_proposal, self.pid,
                   kind=self.kind.currentData())

    def _store_commitments(self, _item) -> None:
        if self._loading or not self.pid:
            return
        ids = [self.commitments.item(i).data(ROLE) for i in range(self.commitments.count())
               if self.commitments.item(i).checkState() == Qt.CheckState.Checked]
        run_op(self.session, self.tr("Engagements de la proposition"), EventFile.edit_proposal, self.pid, commitments=ids)

    def set_decision(self, decision: str | None, reason: str | None = None, date: str | None = None) -> None:
        if not self.pid:
            return
        self.reason_field.flush()
        row = self.ev.proposal(self.pid)
        reason = row.decision_reason if reason is None else reason
        date = row.decision_date if date is None else date  # (none yet: the core dates it today)
        run_op(self.session, self.tr("Décision"), EventFile.decide, self.pid, decision, reason, date)

    def _store_decision(self, _index: int) -> None:
        if not self._loading:
            self.set_decision(self.decision.currentData())

    def _store_date(self, d: QDate) -> None:
        if self._loading or not self.pid:
            return
        row = self.ev.proposal(self.pid)
        if row.decision is None:
            return
        iso = d.toString("yyyy-MM-dd")
        if iso != row.decision_date:
            run_op(self.session, self.tr("Date de la décision"), EventFile.edit_proposal, self.pid, decision_date=iso)

    def link_notes(self, note_ids) -> None:
        """Link notes (of any atelier) to the current proposal as its sources."""
        if self.pid:
            run_op(self.session, self.tr("Notes d'origine"), core_link_notes, self.pid, note_ids)

    def pick_notes(self) -> None:
        if not self.pid:
            return
        picker = NotePicker(self.main, tuple(self.ev.proposal(self.pid).notes), self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.set_sources(picker.checked())

    def set_sources(self, note_ids) -> None:
        """The notes chosen in the picker become the proposal's sources: one operation, one undo step."""
        if self.pid:
            run_op(self.session, self.tr("Notes d'origine"), core_set_sources, self.pid, note_ids)

    def unlink_source(self) -> None:
        item = self.sources.currentItem()
        if item is None or not self.pid:
            return
        run_op(self.session, self.tr("Note d'origine retirée"), core_unlink_notes, self.pid, [item.data(ROLE)])

    def go_to_source(self) -> None:
        item = self.sources.currentItem()
        if item is not None:
            go_to_note(self.main, item.data(ROLE))

    def closeEvent(self, e) -> None:  # noqa: N802
        for f in (self.object_field, self.intro_field, self.feedback_field, self.title_field,
                  self.text_field, self.reason_field):
            f.flush()
        super().closeEvent(e)
