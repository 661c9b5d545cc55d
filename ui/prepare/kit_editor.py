"""The organisers' kit editor: forms for every part of kit format v1 over the kit's own YAML.

Loaded when first opened (from the start screen's « Préparer un événement » or the File menu):
nothing here is imported at start-up. The kit is a ``facilitator.kit.roundtrip.KitDocument``:
every edit goes one way — the document's edit, one undo command (the text before and after), the
file written atomically at once, then the views refreshed from the document (its issues, from the
loader's rules). Drafts with errors are saved like any other; what blocks creating the event is
said in the status line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import FacilitatorError
from facilitator.kit import spec
from facilitator.kit.roundtrip import KitDocument, parse_path
from ui.common import documents, errors

# Texts written on several lines (block texts in the YAML).
LONG = {"about", "purpose", "context", "stakes", "description", "contribution", "relevance", "notice",
        "detail", "results", "next", "criteria_intro", "criteria_note", "intro"}
PATH_ROLE = Qt.ItemDataRole.UserRole
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class Labels(QWidget):
    """The French labels of the format's fields (one place, translated with Qt's tr())."""

    def __init__(self) -> None:
        super().__init__()
        self.fields = {
            "id": self.tr("Identifiant"), "title": self.tr("Titre"), "subtitle": self.tr("Sous-titre"), "kind": self.tr("Type d'événement"),
            "date": self.tr("Date (AAAA-MM-JJ)"), "start": self.tr("Début (HH:MM)"), "end": self.tr("Fin (HH:MM)"),
            "venue": self.tr("Lieu"), "address": self.tr("Adresse"), "host": self.tr("Institution organisatrice"),
            "addressee": self.tr("Destinataire de la synthèse (rôle et nom)"),
            "addressee_role": self.tr("Rôle qui arbitre, avec son article (couverture : « à l'arbitrage du … »)"),
            "language": self.tr("Langue des documents"),
            "logo": self.tr("Logo (fichier PNG ou JPEG du dossier du kit)"),
            "about": self.tr("« Qu'est-ce que le Gouvernement ouvert ? »"), "purpose": self.tr("« À quoi sert cet événement ? »"),
            "criteria": self.tr("« Qu'est-ce qu'un engagement ? » (un critère par ligne)"),
            "criteria_intro": self.tr("Texte avant les critères"), "criteria_note": self.tr("Texte après les critères (mise en garde)"),
            "example": self.tr("Exemple d'engagement (« À quoi ressemble un engagement ? »)"),
            "headings": self.tr("Titres du livret (à défaut, ceux du document)"), "programme": self.tr("« Au programme »"),
            "intro": self.tr("Phrase d'introduction"), "facts": self.tr("Rubriques (Enjeux, Ambitions…)"),
            "label": self.tr("Rubrique"), "actions_title": self.tr("Titre du tableau des actions"),
            "notice": self.tr("Note pratique"), "links": self.tr("Liens (imprimés avec un QR code)"),
            "participants_expected": self.tr("Participants attendus"), "time": self.tr("Heure (HH:MM)"),
            "place": self.tr("Lieu"), "detail": self.tr("Détail"), "speakers": self.tr("Intervenants (un par ligne)"),
            "period": self.tr("Période"), "status_date": self.tr("Date des statuts (AAAA-MM-JJ)"), "url": self.tr("Adresse web"),
            "axes": self.tr("Axes du plan"), "commitments": self.tr("Engagements"), "short_title": self.tr("Titre court"),
            "axis": self.tr("Axe"), "owners": self.tr("Institutions porteuses (une par ligne)"),
            "stakeholders": self.tr("Parties prenantes (une par ligne)"), "status": self.tr("Statut"),
            "schedule": self.tr("Calendrier"), "stakes": self.tr("Enjeux"), "description": self.tr("Description"),
            "contribution": self.tr("Contribution à la résolution du problème"),
            "relevance": self.tr("Pertinence pour le gouvernement ouvert"),
            "impacts": self.tr("Impacts attendus (un par ligne)"), "actions": self.tr("Actions"), "milestones": self.tr("Jalons"),
            "parts": self.tr("Parties"), "text": self.tr("Texte"), "due": self.tr("Échéance"), "results": self.tr("Résultats"),
            "what": self.tr("Jalon"), "when": self.tr("Quand"), "hint": self.tr("Aide (sous le titre)"), "number": self.tr("Numéro"),
            "question": self.tr("Question de l'atelier"), "pilot": self.tr("Pilotes (un par ligne)"), "context": self.tr("Contexte"),
            "online": self.tr("Accès en ligne"), "readings": self.tr("À parcourir avant l'atelier"),
            "organisations": self.tr("Organisations représentées (une par ligne)"), "room": self.tr("Salle"),
            "facilitators": self.tr("Animateurs (un par ligne)"), "phases": self.tr("Phases (minuteur)"),
            "minutes": self.tr("Minutes"), "prepared": self.tr("Notes préparées, par section"), "note": self.tr("Note"),
            "next_steps": self.tr("Prochaines étapes"),
            "sections": self.tr("Titres et aides des sections propres à cet atelier"),
        }
        self.fields["next"] = self.tr("Prochaines étapes")
        self.choices = {
            "ministere-ouvert": self.tr("Ministère ouvert"), "forum-open-etat": self.tr("Forum Open d'État"), "autre": self.tr("Autre"),
            "fr": self.tr("français"), "en": self.tr("anglais"),
            "non-demarre": self.tr("Non démarré"), "partiel": self.tr("Partiel"), "substantiel": self.tr("Substantiel"),
            "complet": self.tr("Complet"), "conforme": self.tr("Conforme"), "retarde": self.tr("Retardé"),
        }
        self.items = {
            "links": self.tr("Ajouter un lien"), "online": self.tr("Ajouter un lien"), "readings": self.tr("Ajouter une lecture"),
            "programme": self.tr("Ajouter une étape au programme"), "axes": self.tr("Ajouter un axe"),
            "actions": self.tr("Ajouter une action"), "milestones": self.tr("Ajouter un jalon"), "parts": self.tr("Ajouter une partie"),
            "sections": self.tr("Ajouter une section"), "phases": self.tr("Ajouter une phase"),
            "facts": self.tr("Ajouter une rubrique"),
        }


# ---------------------------------------------------------------------------------- undo
class KitEdit(QUndoCommand):
    """One edit of the kit: its text before and after (typing in one field merges into one)."""

    def __init__(self, editor: KitEditor, text: str, before: str, after: str, key: str | None) -> None:
        super().__init__(text)
        self.editor, self.before, self.after, self.key = editor, before, after, key
        self._first = True

    def id(self) -> int:  # noqa: A003
        return 1 if self.key else -1

    def mergeWith(self, other) -> bool:  # noqa: N802
        if not isinstance(other, KitEdit) or other.key != self.key or self.key is None:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:  # the document already holds it (the edit was made as typed)
            self._first = False
            return
        self.editor.restore(self.after)

    def undo(self) -> None:
        self.editor.restore(self.before)


# ---------------------------------------------------------------------------------- fields
class Field:
    """One form row: the widget bound to a path of the kit, and the label of its error."""

    def __init__(self, path: str, widget: QWidget, error: QLabel) -> None:
        self.path, self.widget, self.error = path, widget, error


class KitEditor(QMainWindow):
    """The editor's window (one per kit file)."""

    def __init__(self, path: Path, doc: KitDocument) -> None:
        super().__init__()
        self.setObjectName("kitEditor")
        self.path = Path(path)
        self.doc = doc
        self.labels = Labels()
        self.stack = QUndoStack(self)
        self.fields: dict[str, Field] = {}
        self.page_key = "event"
        self._shown_issues: list = []
        self.preview = None
        self._build()
        self._actions()
        self.rebuild()
        self.resize(1200, 800)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.nav = QTreeWidget()
        self.nav.setObjectName("kitOutline")
        self.nav.setHeaderHidden(True)
        self.nav.setAccessibleName(self.tr("Parties du kit"))
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName("kitForm")
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (Tab goes to its fields, which it scrolls to)
        self.issue_list = QListWidget()
        self.issue_list.setObjectName("kitIssues")
        self.issue_list.setWordWrap(True)
        self.issue_list.setAccessibleName(self.tr("Erreurs et avertissements du kit"))
        self.issue_list.itemActivated.connect(self._issue_activated)
        self.issue_list.itemClicked.connect(self._issue_activated)
        self.count = QLabel()
        self.count.setObjectName("kitErrorCount")
        self.count.setWordWrap(True)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        lbl = QLabel(self.tr("&Parties du kit :"))
        lbl.setBuddy(self.nav)
        sl.addWidget(lbl)
        sl.addWidget(self.nav, 3)
        sl.addWidget(self.count)
        il = QLabel(self.tr("&Erreurs à corriger :"))
        il.setBuddy(self.issue_list)
        sl.addWidget(il)
        sl.addWidget(self.issue_list, 2)
        split = QSplitter()
        split.addWidget(side)
        split.addWidget(self.scroll)
        split.setStretchFactor(1, 3)
        split.setSizes([330, 870])
        self.setCentralWidget(split)
        self.update_title()

    def _act(self, menu, text: str, keys, fn: Callable, name: str | None = None) -> QAction:
        a = QAction(text, self)
        if keys:
            a.setShortcuts([QKeySequence(k) for k in (keys if isinstance(keys, list) else [keys])])
        a.triggered.connect(fn)
        if name:
            a.setObjectName(name)
        menu.addAction(a)
        return a

    def _actions(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&Kit"))
        self._act(m, self.tr("&Ouvrir un autre kit…"), QKeySequence.StandardKey.Open, self.open_other)
        self.create_action = self._act(m, self.tr("&Créer l'événement…"), "Ctrl+Shift+N", self.create_event,
                                       "createEventFromKit")
        self._act(m, self.tr("&Imprimer les livrets…"), "Ctrl+P", self.print_booklets, "printBooklets")
        m.addSeparator()
        self._act(m, self.tr("Importer d'un &tableur…"), "Ctrl+I", self.import_sheet, "importSheet")
        self._act(m, self.tr("E&xporter vers un tableur…"), None, self.export_sheet, "exportSheet")
        m.addSeparator()
        self._act(m, self.tr("&Fermer"), QKeySequence.StandardKey.Close, self.close)
        m = mb.addMenu(self.tr("É&dition"))
        undo = self._act(m, self.tr("&Annuler"), QKeySequence.StandardKey.Undo, self.stack.undo, "kitUndo")
        redo = self._act(m, self.tr("&Rétablir"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.stack.redo, "kitRedo")
        self.stack.canUndoChanged.connect(undo.setEnabled)
        self.stack.canRedoChanged.connect(redo.setEnabled)
        undo.setEnabled(False)
        redo.setEnabled(False)
        m.addSeparator()
        self._act(m, self.tr("Ajouter un &engagement"), "Ctrl+Shift+E", self.add_commitment, "addCommitment")
        self._act(m, self.tr("Ajouter un a&telier"), "Ctrl+Shift+A", self.add_workshop, "addWorkshop")
        m = mb.addMenu(self.tr("&Aller"))
        self._act(m, self.tr("Parties du &kit"), "Ctrl+L", self.nav.setFocus)
        self._act(m, self.tr("Liste des &erreurs"), "Ctrl+E", self.issue_list.setFocus)
        self._act(m, self.tr("Erreur &suivante"), "F8", lambda: self.step_issue(+1), "nextIssue")
        self._act(m, self.tr("Erreur &précédente"), "Shift+F8", lambda: self.step_issue(-1))
        self._act(m, self.tr("&Formulaire"), "Ctrl+Shift+F", self._focus_form)
        m = mb.addMenu(self.tr("A&perçu"))
        self._act(m, self.tr("Afficher l'&aperçu du livret"), "F5", self.toggle_preview, "togglePreview")

    def update_title(self) -> None:
        self.setWindowTitle(self.tr("{file} — éditeur de kit — facilitator").format(file=self.path.name))

    # ------------------------------------------------------------------ pages
    def rebuild(self) -> None:
        """Outline and current page made again from the document (after a structural edit)."""
        self._fill_nav()
        self.show_page(self.page_key)
        self.refresh_issues()

    def _fill_nav(self) -> None:
        blocker = QSignalBlocker(self.nav)
        self.nav.clear()
        doc = self.doc

        def add(parent, text: str, key: str):
            it = QTreeWidgetItem([text])
            it.setData(0, PAGE_ROLE, key)
            (parent.addChild(it) if parent is not None else self.nav.addTopLevelItem(it))
            return it

        add(None, self.tr("Événement"), "event")
        add(None, self.tr("Programme"), "programme")
        plan = add(None, self.tr("Plan d'action"), "plan")
        for i in range(doc.length("plan.commitments")):
            cid = doc.text_of(f"plan.commitments[{i}].id")
            title = doc.text_of(f"plan.commitments[{i}].short_title") or doc.text_of(f"plan.commitments[{i}].title")
            add(plan, f"{cid}. {title}", f"commitment:{i}")
        add(None, self.tr("Canevas de prise de notes"), "sections")
        ws = add(None, self.tr("Ateliers"), "workshops")
        for i in range(doc.length("workshops")):
            add(ws, self.tr("Atelier {n} — {title}").format(n=doc.text_of(f"workshops[{i}].number"),
                                                         title=doc.text_of(f"workshops[{i}].title")), f"workshop:{i}")
        self.nav.expandAll()
        del blocker
        self._select_nav(self.page_key)

    def _select_nav(self, key: str) -> None:
        blocker = QSignalBlocker(self.nav)
        for it in self._nav_items():
            if it.data(0, PAGE_ROLE) == key:
                self.nav.setCurrentItem(it)
                break
        del blocker

    def _nav_items(self):
        stack = [self.nav.topLevelItem(i) for i in range(self.nav.topLevelItemCount())]
        while stack:
            it = stack.pop(0)
            yield it
            stack[0:0] = [it.child(i) for i in range(it.childCount())]

    def _nav_changed(self, cur, _prev) -> None:
        if cur is not None:
            self.show_page(cur.data(0, PAGE_ROLE))

    def show_page(self, key: str) -> None:
        if key.startswith("commitment:") and int(key.split(":")[1]) >= self.doc.length("plan.commitments"):
            key = "plan"
        if key.startswith("workshop:") and int(key.split(":")[1]) >= self.doc.length("workshops"):
            key = "workshops"
        self.page_key = key
        self._select_nav(key)
        self.fields = {}
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        page = QWidget()
        page.setObjectName("kitPage")
        lay = QVBoxLayout(page)
        self.page_layout = lay
        if self.doc.root is None:
            lay.addWidget(QLabel(self.tr("Le texte du kit n'est pas du YAML lisible : corrigez l'erreur "
                                         "indiquée (Annuler revient à la version précédente).")))
        elif key == "event":
            self._heading(lay, self.tr("Événement"))
            self._record(lay, spec.EVENT, "event")
        elif key == "programme":
            self._heading(lay, self.tr("Programme"))
            self._list(lay, spec.PROGRAMME_ITEM, "programme", "programme")
        elif key == "plan":
            self._heading(lay, self.tr("Plan d'action"))
            self._record(lay, spec.PLAN, "plan", skip=("commitments",))
            row = QHBoxLayout()
            for text, fn in ((self.tr("Ajouter un engagement"), self.add_commitment),
                             (self.tr("Importer d'un tableur…"), self.import_sheet),
                             (self.tr("Exporter vers un tableur…"), self.export_sheet)):
                b = QPushButton(text)
                b.clicked.connect(fn)
                row.addWidget(b)
            row.addStretch(1)
            lay.addLayout(row)
        elif key.startswith("commitment:"):
            i = int(key.split(":")[1])
            self._heading(lay, self.tr("Engagement {id}").format(id=self.doc.text_of(f"plan.commitments[{i}].id")))
            self._record(lay, spec.COMMITMENT, f"plan.commitments[{i}]")
            self._item_buttons(lay, f"plan.commitments[{i}]", "plan.commitments")
        elif key == "sections":
            self._heading(lay, self.tr("Canevas de prise de notes"))
            if "sections" not in self.doc.keys(""):
                lay.addWidget(QLabel(self.tr("Sans sections déclarées, les cinq sections « Ministère ouvert » "
                                             "s'appliquent. Ajoutez-en pour les changer.")))
            self._list(lay, spec.SECTION, "sections", "sections")
        elif key == "workshops":
            self._heading(lay, self.tr("Ateliers"))
            b = QPushButton(self.tr("Ajouter un atelier"))
            b.clicked.connect(self.add_workshop)
            lay.addWidget(b)
            b2 = QPushButton(self.tr("Importer d'un tableur…"))
            b2.clicked.connect(lambda: self.import_sheet("workshops"))
            lay.addWidget(b2)
        elif key.startswith("workshop:"):
            i = int(key.split(":")[1])
            self._heading(lay, self.tr("Atelier {n}").format(n=self.doc.text_of(f"workshops[{i}].number")))
            self._record(lay, spec.WORKSHOP, f"workshops[{i}]")
            self._item_buttons(lay, f"workshops[{i}]", "workshops")
        lay.addStretch(1)
        self.scroll.setWidget(page)
        self.refresh_field_errors()

    def _heading(self, lay, text: str) -> None:
        h = QLabel(f"<h2>{text}</h2>")
        lay.addWidget(h)

    def _item_buttons(self, lay, path: str, list_path: str) -> None:
        row = QHBoxLayout()
        i = parse_path(path)[-1]
        n = self.doc.length(list_path)
        for text, fn, ok in ((self.tr("Monter"), lambda: self.move(path, i - 1), i > 0),
                             (self.tr("Descendre"), lambda: self.move(path, i + 1), i + 1 < n),
                             (self.tr("Supprimer"), lambda: self.remove(path), True)):
            b = QPushButton(text)
            b.setEnabled(ok)
            b.clicked.connect(fn)
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)

    def _record(self, lay, record: spec.Record, path: str, skip: tuple[str, ...] = ()) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        lay.addLayout(form)
        for key, f in record.fields.items():
            if key in skip:
                continue
            p = f"{path}.{key}" if path else key
            t = f.type
            label = self.labels.fields.get(key, key) + (" *" if f.required else "")
            if isinstance(t, spec.ListOf) and isinstance(t.item, spec.Record):
                box = QGroupBox(label)
                bl = QVBoxLayout(box)
                self._list(bl, t.item, p, key)
                self._error_row(bl, p, box)
                form.addRow(box)
                continue
            if isinstance(t, spec.Record):  # a record inside the record (event.example, event.headings)
                box = QGroupBox(label)
                bl = QVBoxLayout(box)
                self._record(bl, t, p)
                self._error_row(bl, p, box)
                form.addRow(box)
                continue
            if isinstance(t, spec.Prepared):
                from ui.prepare.kit_outline import PreparedOutlines

                box = QGroupBox(label)
                bl = QVBoxLayout(box)
                outlines = PreparedOutlines(self, p)
                bl.addWidget(outlines)
                self._error_row(bl, p, outlines)
                form.addRow(box)
                continue
            widget = self._widget(t, p, key, long=key in LONG or (record.name in ("action", "fact") and key == "text"))
            widget.setAccessibleName(label.rstrip(" *"))
            lbl = QLabel(label)
            lbl.setBuddy(widget)
            holder = QWidget()
            hl = QVBoxLayout(holder)
            hl.setContentsMargins(0, 0, 0, 0)
            hl.setSpacing(2)
            hl.addWidget(widget)
            self._error_row(hl, p, widget)
            form.addRow(lbl, holder)

    def _error_row(self, lay, path: str, widget: QWidget) -> None:
        err = QLabel()
        err.setObjectName("fieldError")
        err.setWordWrap(True)
        err.setStyleSheet("color: #b00020;")
        err.hide()
        lay.addWidget(err)
        self.fields[path] = Field(path, widget, err)

    def _widget(self, t: spec.T, path: str, key: str, long: bool = False) -> QWidget:
        doc = self.doc
        if isinstance(t, spec.Choice):
            w = QComboBox()
            w.addItem(self.tr("— non précisé —"), "")
            for c in t.choices:
                w.addItem(self.labels.choices.get(c, c), c)
            cur = doc.text_of(path)
            idx = w.findData(cur)
            if idx < 0 and cur:
                w.addItem(cur, cur)
                idx = w.count() - 1
            w.setCurrentIndex(max(idx, 0))
            w.currentIndexChanged.connect(lambda _i, w=w: self.set_field(path, w.currentData() or None, merge=False))
            return w
        if isinstance(t, spec.ListOf) and isinstance(t.item, spec.CommitmentId):
            w = QListWidget()
            w.setObjectName("commitmentChoice")
            chosen = [str(v) for v in (doc.value(path) or [])]
            for i in range(doc.length("plan.commitments")):
                cid = doc.text_of(f"plan.commitments[{i}].id")
                title = doc.text_of(f"plan.commitments[{i}].short_title") or doc.text_of(f"plan.commitments[{i}].title")
                it = QListWidgetItem(f"{cid}. {title}")
                it.setData(PATH_ROLE, cid)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked if cid in chosen else Qt.CheckState.Unchecked)
                w.addItem(it)
            for cid in chosen:  # ids the plan does not have: shown, so that they can be unticked
                if not any(w.item(j).data(PATH_ROLE) == cid for j in range(w.count())):
                    it = QListWidgetItem(self.tr("{id} (absent du plan)").format(id=cid))
                    it.setData(PATH_ROLE, cid)
                    it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    it.setCheckState(Qt.CheckState.Checked)
                    w.addItem(it)
            w.setMaximumHeight(160)

            def changed(_it=None, w=w):
                ids = [w.item(j).data(PATH_ROLE) for j in range(w.count())
                       if w.item(j).checkState() == Qt.CheckState.Checked]
                self.edit(self.tr("Engagements de l'atelier"), lambda: self.doc.set_list(path, ids), rebuild=False)

            w.itemChanged.connect(changed)
            return w
        if isinstance(t, spec.ListOf):  # of texts: one per line
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setPlainText("\n".join(str(v) for v in (doc.value(path) or [])))
            w.setMaximumHeight(110)
            w.textChanged.connect(lambda w=w: self.edit(
                self.tr("Modifier « {field} »").format(field=self.labels.fields.get(key, key)),
                lambda: self.doc.set_list(path, [ln for ln in w.toPlainText().split("\n") if ln.strip()]),
                key=path, rebuild=False))
            return w
        if long:
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setPlainText(doc.text_of(path))
            w.setMinimumHeight(90)
            w.textChanged.connect(lambda w=w: self.set_field(path, w.toPlainText()))
            return w
        w = QLineEdit(doc.text_of(path))
        if isinstance(t, spec.Time):
            w.setPlaceholderText("14:15")
        elif isinstance(t, spec.Date):
            w.setPlaceholderText("2026-06-18")
        elif isinstance(t, spec.Url):
            w.setPlaceholderText("https://…")
        w.textEdited.connect(lambda text: self.set_field(path, text))
        return w

    def _list(self, lay, record: spec.Record, path: str, key: str) -> None:
        """A list of records: one box per item (its form, move and remove), then « Ajouter »."""
        n = self.doc.length(path)
        for i in range(n):
            p = f"{path}[{i}]"
            box = QGroupBox(f"{i + 1}.")
            box.setFlat(True)
            bl = QVBoxLayout(box)
            self._record(bl, record, p)
            self._item_buttons(bl, p, path)
            self._error_row(bl, p, box)
            lay.addWidget(box)
        add = QPushButton(self.labels.items.get(key, self.tr("Ajouter")))
        add.setObjectName(f"add:{path}")
        add.clicked.connect(lambda: self.add_item(path, record))
        lay.addWidget(add)

    # ------------------------------------------------------------------ edits
    def edit(self, text: str, fn: Callable[[], None], key: str | None = None, rebuild: bool = True) -> None:
        """The one way an edit goes: the document, one undo command, the file, the views."""
        before = self.doc.text
        try:
            fn()
        except FacilitatorError as exc:
            errors.report(exc, self)
            return
        if self.doc.text == before:
            return
        self.stack.push(KitEdit(self, text, before, self.doc.text, key))
        self.save()
        if rebuild:
            self.rebuild()
        else:
            self.refresh_issues()
            if self.page_key.startswith(("commitment:", "workshop:")) and key and key.endswith(
                    (".title", ".number", ".id", ".short_title")):
                self._fill_nav()

    def set_field(self, path: str, value, merge: bool = True) -> None:
        field = self.labels.fields.get(parse_path(path)[-1], path)
        structural = path not in self.doc.slots or value in (None, "")
        self.edit(self.tr("Modifier « {field} »").format(field=field), lambda: self.doc.set(path, value, keep_key=True),
                  key=path if merge else None, rebuild=False)
        if structural:
            self._rebind_after_structural()

    def _rebind_after_structural(self) -> None:
        """A key added or removed: the paths of the page are still right (fields stay where they
        are), nothing to rebuild; the outline's titles may change."""
        self.refresh_field_errors()

    def add_item(self, path: str, record: spec.Record) -> None:
        value = self._blank(record, path)
        self.edit(self.tr("Ajouter"), lambda: self.doc.insert(path, -1, value))
        last = f"{path}[{self.doc.length(path) - 1}]"
        self.focus_path(last)

    def _blank(self, record: spec.Record, path: str) -> dict:
        """A new item: its required fields, filled so that it is valid where that is possible."""
        out: dict = {}
        for k, f in record.fields.items():
            if not f.required:
                continue
            if isinstance(f.type, spec.Int):
                out[k] = 15 if k == "minutes" else 1
            elif isinstance(f.type, spec.Time):
                out[k] = "14:00"
            elif isinstance(f.type, spec.Ident):
                out[k] = f"nouvelle-{self.doc.length(path) + 1}"
            elif isinstance(f.type, spec.Url):
                out[k] = "https://www.example.org"
            elif isinstance(f.type, spec.ListOf):
                out[k] = []
            else:
                out[k] = self.tr("Nouveau") if k != "title" else self.tr("Nouveau titre")
        return out

    def add_commitment(self) -> None:
        ids = [self.doc.text_of(f"plan.commitments[{i}].id") for i in range(self.doc.length("plan.commitments"))]
        nums = [int(i) for i in ids if i.isdigit()]
        new = {"id": (max(nums) + 1) if nums else 1, "title": self.tr("Intitulé de l'engagement")}

        def go():
            if "plan" not in self.doc.keys(""):
                self.doc.edit(lambda tree: tree.insert(list(tree).index("workshops") if "workshops" in tree else len(tree),
                                                       "plan", {"title": "Plan d'action national", "commitments": []}))
            self.doc.insert("plan.commitments", -1, new)

        self.page_key = f"commitment:{len(ids)}"
        self.edit(self.tr("Ajouter un engagement"), go)
        self.focus_path(f"plan.commitments[{len(ids)}].title")

    def add_workshop(self) -> None:
        n = self.doc.length("workshops")
        nums = [int(self.doc.text_of(f"workshops[{i}].number") or 0) for i in range(n)
                if self.doc.text_of(f"workshops[{i}].number").isdigit()]
        self.page_key = f"workshop:{n}"
        self.edit(self.tr("Ajouter un atelier"), lambda: self.doc.insert(
            "workshops", -1, {"number": (max(nums) + 1) if nums else 1, "title": self.tr("Titre de l'atelier")}))
        self.focus_path(f"workshops[{n}].title")

    def remove(self, path: str) -> None:
        self.edit(self.tr("Supprimer"), lambda: self.doc.remove(path))

    def move(self, path: str, index: int) -> None:
        parts = parse_path(path)
        if self.page_key.startswith(("commitment:", "workshop:")) and parts[-2] in ("commitments", "workshops"):
            self.page_key = f"{self.page_key.split(':')[0]}:{index}"
        self.edit(self.tr("Déplacer"), lambda: self.doc.move(path, index))

    def restore(self, text: str) -> None:
        """Undo and redo: the document's text as it was; saved; views made again."""
        self.doc.set_text(text)
        self.save()
        self.rebuild()

    def save(self) -> None:
        try:
            self.doc.save(self.path)
            self.statusBar().showMessage(self.tr("Enregistré."), 1500)
        except FacilitatorError as exc:
            errors.report(exc, self)
        self._schedule_preview()

    # ------------------------------------------------------------------ issues
    def refresh_issues(self) -> None:
        issues = self.doc.issues
        key = [(i.line, i.column, i.path, i.message, i.severity) for i in issues]
        if key != self._shown_issues:
            self._shown_issues = key
            self.issue_list.clear()
            for i in issues:
                prefix = "" if i.severity == "error" else self.tr("Avertissement : ")
                it = QListWidgetItem(self.tr("ligne {line} — {path} : {prefix}{message}").format(
                    line=i.line, path=i.path or self.tr("(kit)"), prefix=prefix, message=i.message))
                it.setData(PATH_ROLE, i.path)
                if i.severity == "error":
                    it.setForeground(Qt.GlobalColor.darkRed)
                self.issue_list.addItem(it)
        n = len(self.doc.errors)
        if n:
            self.count.setText(self.tr("{n} erreur(s) à corriger : elles bloquent la création de l'événement "
                                       "(le brouillon est enregistré).").format(n=n))
        else:
            self.count.setText(self.tr("Aucune erreur : l'événement peut être créé ({w} avertissement(s)).")
                               .format(w=len(self.doc.warnings)))
        self.create_action.setEnabled(n == 0)
        self.refresh_field_errors()

    def refresh_field_errors(self) -> None:
        by_field: dict[str, list[str]] = {}
        for i in self.doc.issues:
            target = self._field_for(i.path)
            if target is not None:
                prefix = "" if i.severity == "error" else self.tr("Avertissement : ")
                by_field.setdefault(target, []).append(prefix + i.message)
        for path, f in self.fields.items():
            msgs = by_field.get(path)
            if msgs:
                f.error.setText("\n".join(msgs))
                f.error.show()
            elif not f.error.isHidden():
                f.error.hide()

    def _field_for(self, path: str) -> str | None:
        """The form row that shows an issue at ``path``: the field, or its nearest container."""
        parts = parse_path(path)
        while parts:
            p = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in parts).lstrip(".")
            if p in self.fields:
                return p
            parts.pop()
        return None

    def _issue_activated(self, item: QListWidgetItem) -> None:
        self.focus_path(item.data(PATH_ROLE) or "")

    def step_issue(self, step: int) -> None:
        n = self.issue_list.count()
        if not n:
            return
        row = (self.issue_list.currentRow() + step) % n
        self.issue_list.setCurrentRow(row)
        self._issue_activated(self.issue_list.item(row))

    def page_of(self, path: str) -> str:
        parts = parse_path(path)
        if not parts:
            return "event"
        head = parts[0]
        if head == "plan" and len(parts) > 2 and parts[1] == "commitments" and isinstance(parts[2], int):
            return f"commitment:{parts[2]}"
        if head == "workshops" and len(parts) > 1 and isinstance(parts[1], int):
            return f"workshop:{parts[1]}"
        return {"event": "event", "programme": "programme", "plan": "plan", "sections": "sections",
                "workshops": "workshops"}.get(str(head), "event")

    def focus_path(self, path: str) -> None:
        """Show the page of ``path`` and put the cursor in its field (or its nearest container)."""
        key = self.page_of(path)
        if key != self.page_key:
            self.show_page(key)
        target = self._field_for(path)
        if target is None:
            return
        f = self.fields[target]
        w = f.widget
        if isinstance(w, QGroupBox):  # a list item: its first field
            inner = [x for x in self.fields.values() if x.path.startswith(target + ".")]
            w = inner[0].widget if inner else w
        self.scroll.ensureWidgetVisible(w)
        w.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_form(self) -> None:
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.widget.setFocus()

    # ------------------------------------------------------------------ files
    def open_other(self) -> None:
        choose_and_open(self)

    def import_sheet(self, kind: str | None = None) -> None:
        from ui.prepare.kit_sheets import ImportDialog

        kind = kind if kind in ("commitments", "workshops") else (
            "workshops" if self.page_key.startswith("workshop") else "commitments")
        dlg = ImportDialog(self, kind)
        dlg.exec()

    def export_sheet(self) -> None:
        from facilitator.kit import sheets

        kind = "workshops" if self.page_key.startswith("workshop") else "commitments"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Exporter vers un tableur"), str(self.path.with_name(f"{self.path.stem}-{kind}.xlsx")),
            self.tr("Tableurs (*.xlsx *.ods *.csv)"))
        if not name:
            return
        try:
            headers, rows = sheets.rows_of(self.doc, kind)
            sheets.write_table(name, headers, rows, sheets.sheet_title(kind))
        except FacilitatorError as exc:
            errors.report(exc, self)
            return
        self.statusBar().showMessage(self.tr("Tableau écrit : {path}").format(path=name), 4000)

    def create_event(self, target: str | Path | None = None) -> Path | None:
        """« Créer l'événement… »: the event file from the kit (only when it has no error)."""
        if self.doc.kit is None:
            return None
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("Nouveau fichier d'événement"),
                str(documents.documents_dir() / (self.path.stem + ".facilitator")), documents.event_filter())
            if not target:
                return None
        from facilitator.kit import load_kit
        from facilitator.store import EventFile

        try:
            EventFile.create(target, load_kit(self.path)).close()
        except FacilitatorError as exc:
            errors.report(exc, self)
            return None
        self.statusBar().showMessage(self.tr("Événement créé : {path}").format(path=target), 6000)
        return Path(target)

    def print_booklets(self, folder: str | Path | None = None) -> list[Path]:
        """« Imprimer les livrets »: the participant booklet and the facilitators' sheets as PDF."""
        if self.doc.kit is None:
            errors.report(FacilitatorError(self.tr("Le kit a encore des erreurs : corrigez-les avant "
                                                   "d'imprimer les livrets.")), self)
            return []
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Dossier des livrets"), str(self.path.parent))
            if not folder:
                return []
        from exports.pdf.booklet import render_booklet
        from exports.pdf.sheets import render_sheets
        from facilitator.files import write_atomic

        kit = self.doc.kit
        logo = kit.logo_path.read_bytes() if kit.logo_path else None
        out = []
        try:
            out.append(write_atomic(Path(folder) / f"{self.path.stem}-livret.pdf", render_booklet(kit, logo=logo)))
            out.append(write_atomic(Path(folder) / f"{self.path.stem}-fiches.pdf", render_sheets(kit)))
        except FacilitatorError as exc:
            errors.report(exc, self)
        self.statusBar().showMessage(self.tr("Livrets écrits dans {folder}").format(folder=folder), 6000)
        return out

    # ------------------------------------------------------------------ preview
    def toggle_preview(self) -> None:
        if self.preview is None:
            from ui.prepare.kit_preview import BookletPreview

            self.preview = BookletPreview(self)
            dock = QDockWidget(self.tr("Aperçu du livret"), self)
            dock.setObjectName("previewDock")
            dock.setWidget(self.preview)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.preview_dock = dock
            self.preview.update_from(self.doc)
            return
        self.preview_dock.setVisible(not self.preview_dock.isVisible())
        if self.preview_dock.isVisible():
            self.preview.update_from(self.doc)

    def _schedule_preview(self) -> None:
        if self.preview is not None and self.preview_dock.isVisible():
            self.preview.update_from(self.doc)

    def closeEvent(self, e) -> None:  # noqa: N802
        if self.preview is not None:
            self.preview.stop()
        super().closeEvent(e)


# ---------------------------------------------------------------------------------- entry points
_open: list[KitEditor] = []


def open_editor(path: str | Path, kind: str | None = None) -> KitEditor:
    """The editor on the kit at ``path`` (made from the template of ``kind`` if it is new)."""
    path = Path(path)
    if kind is not None and not path.exists():
        doc = KitDocument.new(kind, str(path), path.parent)
        doc.save(path)
    doc = KitDocument.open(path)
    ed = KitEditor(path, doc)
    _open.append(ed)
    ed.show()
    return ed


def choose_and_open(parent: QWidget | None = None) -> KitEditor | None:
    import kits

    name, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("KitEditor", "Ouvrir un kit"),
                                          str(kits.FOLDER), QCoreApplication.translate("KitEditor", "Kits (*.yaml *.yml)"))
    if not name:
        return None
    try:
        return open_editor(name)
    except FacilitatorError as exc:
        errors.report(exc, parent)
        return None


class PrepareDialog(QDialog):
    """A new kit from the template of its kind, or an existing kit, opened in the editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prepareDialog")
        self.setWindowTitle(self.tr("Préparer un événement"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Le kit décrit l'événement : programme, engagements, ateliers. "
                                     "Partez d'un modèle ou d'un kit existant.")))
        self.editor = None
        for text, name, fn in (
            (self.tr("Nouveau kit « &Ministère ouvert »…"), "newMinistere", lambda: self._new("ministere-ouvert")),
            (self.tr("Nouveau kit « &Forum Open d'État »…"), "newForum", lambda: self._new("forum-open-etat")),
            (self.tr("&Modifier un kit existant…"), "openKit", self._open),
        ):
            b = QPushButton(text)
            b.setObjectName(name)
            b.setMinimumHeight(36)
            b.clicked.connect(fn)
            lay.addWidget(b)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

    def _new(self, kind: str) -> None:
        self.editor = new_kit(kind, self)
        if self.editor is not None:
            self.accept()

    def _open(self) -> None:
        self.editor = choose_and_open(self)
        if self.editor is not None:
            self.accept()


def prepare(parent: QWidget | None = None) -> None:
    """« Préparer un événement »: a new kit of a kind, or an existing kit, in the editor."""
    dlg = PrepareDialog(parent)
    dlg.exec()


def new_kit(kind: str, parent: QWidget | None = None) -> KitEditor | None:
    name, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("KitEditor", "Nouveau kit"),
                                          str(documents.documents_dir() / f"{kind}.yaml"),
                                          QCoreApplication.translate("KitEditor", "Kits (*.yaml *.yml)"))
    if not name:
        return None
    try:
        if Path(name).exists():
            Path(name).unlink()
        return open_editor(name, kind)
    except (FacilitatorError, OSError) as exc:
        errors.report(exc, parent)
        return None

