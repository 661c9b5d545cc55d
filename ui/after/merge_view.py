"""« Fusionner des portables… »: merge other laptops' event files into the open one, show the
report, and resolve the conflicts (choose a version or combine them), undoably.

The merge runs in a worker thread with its own ``EventFile`` (SQLite connections belong to one
thread); the open session is then reloaded.
"""

from __future__ import annotations

import difflib
import html
import re
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import long_datetime
from facilitator.store import Change, EventFile
from ui.after.post_common import STYLE, add_undo_actions, first_line, go_to_note, needs_reload
from ui.capture.panels import contributor_names
from ui.common import background, documents, errors, laptop

ROLE = Qt.ItemDataRole.UserRole


def local_time(stamp: str) -> str:
    """An ISO UTC time stamp of a revision, as the local day and time the documents write
    (« 3 décembre 2026 à 12:41 »)."""
    try:
        return long_datetime(stamp, QLocale().name().split("_")[0])
    except ValueError:
        return stamp


DIFFERENT = QColor("#ffd666")  # a differing word's background (dark text stays readable on it)
WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def differing(text: str, other: str) -> list[tuple[int, int]]:
    """(start, end) of the words and signs of ``text`` that ``other`` does not have at that place
    (``difflib``'s longest matching blocks, word by word)."""
    mine = list(WORD.finditer(text))
    theirs = [m.group() for m in WORD.finditer(other)]
    matcher = difflib.SequenceMatcher(None, [m.group() for m in mine], theirs, autojunk=False)
    out: list[tuple[int, int]] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            out.append((mine[i1].start(), mine[i2 - 1].end()))
    return out


def highlight(edit: QPlainTextEdit, spans: list[tuple[int, int]]) -> None:
    """Mark ``spans`` of ``edit``'s text (bold on a yellow background: not by colour alone)."""
    fmt = QTextCharFormat()
    fmt.setBackground(DIFFERENT)
    fmt.setFontWeight(QFont.Weight.Bold)
    cursor = QTextCursor(edit.document())
    for start, end in spans:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)


class Refused(Exception):
    """The sources belong to another event or kit version: the person may force the merge."""


def merge_job(target: Path, device: str, sources: list[Path], force: bool):
    """Run in the worker thread: the merge through a connection of its own."""
    from facilitator import merge as core

    ev = EventFile.open(target, device)
    try:
        if not force:
            read = getattr(core, "_read_source", None)
            refusals = getattr(core, "_refusals", None)
            if read is not None and refusals is not None:
                found = [r for p in sources if Path(p).exists() for r in refusals(ev, read(Path(p)))]
                if found:
                    raise Refused("\n".join(found))
        return core.merge(ev, [Path(p) for p in sources], force=force)
    finally:
        ev.close()


class MergeDialog(QDialog):
    """Choose the files of the other laptops, merge them, read the report."""

    merged = Signal(object)  # the MergeReport
    conflictsRequested = Signal()  # « Résoudre les conflits… »: post_event shows the conflicts view

    def __init__(self, main) -> None:
        super().__init__(main)
        self.main = main
        self.session = main.session
        self.report = None
        self.setObjectName("mergeDialog")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(self.tr("Fusionner des portables"))
        self.setWindowTitle(self.tr("Fusionner les fichiers d'autres portables"))
        self.resize(900, 640)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Les notes des fichiers choisis sont ajoutées à « {name} ». Les fichiers choisis "
                               "sont seulement lus ; une copie de sauvegarde du fichier ouvert est faite avant "
                               "la fusion.").format(name=self.session.ev.path.name))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.sources = QListWidget()
        self.sources.setObjectName("mergeSources")
        self.sources.setAccessibleName(self.tr("Fichiers à fusionner"))
        lbl = QLabel(self.tr("Fic&hiers à fusionner :"))
        lbl.setBuddy(self.sources)
        lay.addWidget(lbl)
        lay.addWidget(self.sources, 1)
        row = QHBoxLayout()
        self.add = QPushButton(self.tr("&Ajouter des fichiers…"))
        self.add.setObjectName("mergeAdd")
        self.add.setAccessibleName(self.tr("Ajouter des fichiers à fusionner"))
        self.add.clicked.connect(self.choose_files)
        self.remove = QPushButton(self.tr("&Retirer"))
        self.remove.setObjectName("mergeRemove")
        self.remove.setAccessibleName(self.tr("Retirer le fichier sélectionné"))
        self.remove.clicked.connect(lambda: self.sources.takeItem(self.sources.currentRow()))
        self.run = QPushButton(self.tr("&Fusionner"))
        self.run.setObjectName("mergeRun")
        self.run.setAccessibleName(self.tr("Lancer la fusion"))
        self.run.setDefault(True)
        self.run.clicked.connect(lambda: self.start())
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        row.addWidget(self.run)
        lay.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("mergeProgress")
        self.progress.setAccessibleName(self.tr("Fusion en cours"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        lay.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("mergeStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.table = QTreeWidget()
        self.table.setObjectName("mergeReport")
        self.table.setAccessibleName(self.tr("Rapport de fusion par atelier"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Atelier"), self.tr("Ajoutées"), self.tr("Modifiées"),
                                    self.tr("Supprimées"), self.tr("Conflits")])
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.header().setStretchLastSection(False)
        lay.addWidget(self.table, 2)
        self.details = QPlainTextEdit()
        self.details.setObjectName("mergeDetails")
        self.details.setAccessibleName(self.tr("Détail du rapport de fusion"))
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(120)
        lay.addWidget(self.details)
        bottom = QHBoxLayout()
        self.conflicts = QPushButton(self.tr("Résoudre les &conflits…"))
        self.conflicts.setObjectName("mergeConflicts")
        self.conflicts.setAccessibleName(self.tr("Résoudre les conflits"))
        self.conflicts.setEnabled(False)
        self.conflicts.clicked.connect(self.conflictsRequested)
        close = QPushButton(self.tr("Fer&mer"))
        close.setAccessibleName(self.tr("Fermer"))
        close.clicked.connect(self.close)
        bottom.addStretch(1)
        bottom.addWidget(self.conflicts)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self._update()

    # ------------------------------------------------------------------ sources
    def add_sources(self, paths) -> None:
        have = set(self.paths())
        for p in map(Path, paths):
            if p not in have:
                item = QListWidgetItem(str(p))
                item.setData(ROLE, str(p))
                self.sources.addItem(item)
                have.add(p)
        self._update()

    def paths(self) -> list[Path]:
        return [Path(self.sources.item(i).data(ROLE)) for i in range(self.sources.count())]

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Fichiers d'événement des autres portables"),
                                                str(self.session.ev.path.parent),
                                                documents.event_filter())
        self.add_sources(names)

    def _update(self) -> None:
        busy = self.progress.isVisible()
        self.run.setEnabled(bool(self.paths()) and not busy)
        self.add.setEnabled(not busy)
        self.remove.setEnabled(not busy and self.sources.count() > 0)

    # ------------------------------------------------------------------ the merge
    def confirm_force(self, message: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Fusion refusée"),
                          self.tr("Ces fichiers ne viennent pas du même événement ou de la même version du kit :"),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(message)
        box.setAccessibleName(self.tr("Fusion refusée"))
        force = box.addButton(self.tr("Fusionner quand même"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is force

    def start(self, force: bool = False) -> None:
        sources = self.paths()
        if not sources or background.busy():
            return
        self.session.flush()
        self.progress.setRange(0, 0)  # busy indicator
        self.progress.show()
        self.status.setText(self.tr("Fusion en cours…"))
        self._update()
        target, device = self.session.ev.path, self.session.ev.device
        background.start(lambda: merge_job(target, device, sources, force), self._done, self._failed, self)

    def _stop(self) -> None:
        self.progress.hide()
        self.progress.setRange(0, 1)
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        if isinstance(exc, Refused):
            self.status.setText(self.tr("Fusion refusée."))
            if self.confirm_force(str(exc)):
                self.start(force=True)
            return
        self.status.setText(self.tr("La fusion a échoué ; le fichier ouvert est inchangé."))
        errors.report(exc, self)

    def _done(self, report) -> None:
        self._stop()
        self.report = report
        self.session.reload()
        self.show_report(report)
        self.merged.emit(report)

    def show_report(self, report) -> None:
        self.table.clear()
        for w in sorted(report.workshops.values(), key=lambda w: w.number):
            item = QTreeWidgetItem([self.tr("Atelier {n} – {title}").format(n=w.number, title=w.title),
                                    str(len(w.added)), str(len(w.updated)), str(len(w.removed)),
                                    str(len(w.conflicts))])
            for c in range(1, 5):
                item.setTextAlignment(c, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if w.conflicts:
                f = QFont(item.font(4))
                f.setBold(True)
                item.setFont(4, f)
            self.table.addTopLevelItem(item)
        if report.proposals_added or report.proposals_updated or report.proposals_conflicts:
            self.table.addTopLevelItem(QTreeWidgetItem([
                self.tr("Propositions"), str(len(report.proposals_added)), str(len(report.proposals_updated)),
                "", str(len(report.proposals_conflicts))]))
        self.details.setPlainText("\n".join(report.lines()))
        n = report.open_conflicts
        self.status.setText(self.tr("Fusion terminée : {n} conflit(s) à résoudre.").format(n=n) if n
                            else self.tr("Fusion terminée, sans conflit."))
        self.conflicts.setEnabled(n > 0)
        if n:
            self.conflicts.setFocus()

    def closeEvent(self, e) -> None:  # noqa: N802
        background.wait_all()
        super().closeEvent(e)


class ConflictsView(QWidget):
    """Records edited differently on several laptops: their versions side by side; keep one, or
    write a combined text. Each resolution is one undoable change."""

    @property
    def ev(self):  # the session's file: a rescue copy replaces it (ui.shell.rescue)
        return self.session.ev

    def __init__(self, main) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.main = main
        self.session = main.session
        self.current = None
        self.setObjectName("conflictsView")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(self.tr("Conflits à résoudre"))
        self.setWindowTitle(self.tr("Conflits à résoudre — {title}").format(title=self.session.kit.event.title))
        self.resize(1300, 760)
        add_undo_actions(self, self.session)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.list.setAccessibleName(self.tr("Liste des conflits"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda cur, _p: self.show_conflict(cur.data(ROLE) if cur else None))
        lbl = QLabel(self.tr("Con&flits :"))
        lbl.setBuddy(self.list)
        ll.addWidget(lbl)
        ll.addWidget(self.list, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        ll.addWidget(self.empty)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("conflictHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        rl.addWidget(self.heading)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName("conflictVersions")
        self.scroll.setAccessibleName(self.tr("Versions en conflit"))
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (Tab goes to the versions, which it scrolls to)
        self.versions = QWidget()
        self.versions_layout = QHBoxLayout(self.versions)
        self.scroll.setWidget(self.versions)
        rl.addWidget(self.scroll, 3)
        combo = QGroupBox(self.tr("Texte combiné"))
        cl = QVBoxLayout(combo)
        self.combined = QPlainTextEdit()
        self.combined.setObjectName("combinedText")
        self.combined.setAccessibleName(self.tr("Texte combiné des versions"))
        self.combined.setTabChangesFocus(True)
        cl.addWidget(self.combined)
        row = QHBoxLayout()
        self.goto = QPushButton(self.tr("&Aller à la note"))
        self.goto.setObjectName("conflictGoTo")
        self.goto.setAccessibleName(self.tr("Aller à la note dans la prise de notes"))
        self.goto.clicked.connect(lambda: self.current and go_to_note(self.main, self.current.record_id))
        self.keep_combined = QPushButton(self.tr("Garder le texte &combiné"))
        self.keep_combined.setObjectName("keepCombined")
        self.keep_combined.setAccessibleName(self.tr("Garder le texte combiné"))
        self.keep_combined.clicked.connect(self.resolve_combined)
        row.addWidget(self.goto)
        row.addStretch(1)
        row.addWidget(self.keep_combined)
        cl.addLayout(row)
        rl.addWidget(combo, 2)
        split.addWidget(right)
        split.setSizes([330, 970])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(split)
        self.session.changed.connect(self.on_change)
        self.reload()

    # ------------------------------------------------------------------ list
    def conflicts(self):
        return self.ev.conflicts()

    def _describe(self, c) -> str:
        if c.kind == "note":
            s = c.shown
            sec = self.session.kit.section(s.section)
            where = self.tr("Atelier {n} · {section}").format(n=s.workshop, section=sec.title if sec else s.section)
            return f"{where}\n{first_line(s.text, 100)}"
        if c.kind == "proposal":
            return self.tr("Proposition\n{title}").format(title=first_line(c.shown.title, 100))
        return self.tr("Synthèse")

    def reload(self) -> None:
        keep = self.current.record_id if self.current else None
        found = self.conflicts()
        self.list.blockSignals(True)
        self.list.clear()
        row = 0
        for i, c in enumerate(found):
            item = QListWidgetItem(self._describe(c))
            item.setData(ROLE, c)
            self.list.addItem(item)
            if c.record_id == keep:
                row = i
        self.list.blockSignals(False)
        self.empty.setText(self.tr("{n} conflit(s) à résoudre.").format(n=len(found)) if found
                           else self.tr("Aucun conflit : tout est fusionné."))
        if found:
            self.list.setCurrentRow(row)
            self.show_conflict(found[row])
        else:
            self.show_conflict(None)

    def on_change(self, change: Change) -> None:
        if needs_reload(change) or (self.current is not None and any(
                e.key == self.current.record_id for e in change.edits if e.kind in ("note", "proposal"))):
            self.reload()

    # ------------------------------------------------------------------ one conflict
    def _fields_text(self, c, state) -> str:
        if c.kind == "note":
            parts = [state.text]
            if state.urls:
                parts.append(self.tr("Liens : {urls}").format(urls=" ".join(state.urls)))
            if state.contributor:
                parts.append(self.tr("Contributeur : {who}").format(
                    who=contributor_names(self).get(state.contributor, state.contributor)))
            if state.commitments:
                parts.append(self.tr("Engagements : {ids}").format(ids=", ".join(state.commitments)))
            if state.votes:
                parts.append(self.tr("Votes : {n}").format(n=state.votes))
            if state.deleted:
                parts.append(self.tr("(supprimée sur ce portable)"))
            return "\n\n".join(parts)
        if c.kind == "proposal":
            parts = [state.title, state.text]
            if state.decision:
                parts.append(self.tr("Décision : {d} — {r}").format(d=state.decision, r=state.decision_reason))
            if state.deleted:
                parts.append(self.tr("(supprimée sur ce portable)"))
            return "\n\n".join(parts)
        return "\n\n".join(x for x in (state.object, state.intro, state.feedback) if x)

    def field_names(self) -> dict[str, str]:
        return {"text": self.tr("texte"), "place": self.tr("place dans le plan"), "urls": self.tr("liens"),
                "contributor": self.tr("contributeur"), "commitments": self.tr("engagements"),
                "votes": self.tr("votes"), "deleted": self.tr("suppression"), "title": self.tr("titre"),
                "kind": self.tr("nature"), "notes": self.tr("notes d'origine"), "decision": self.tr("décision"),
                "position": self.tr("ordre"), "workshops": self.tr("ateliers"), "object": self.tr("objet"),
                "intro": self.tr("texte d'ouverture"), "feedback": self.tr("retours sur le format"),
                "date": self.tr("date"), "validation": self.tr("validation")}

    def show_conflict(self, c) -> None:
        self.current = c
        while self.versions_layout.count():
            w = self.versions_layout.takeAt(0).widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        for w in (self.combined, self.keep_combined, self.goto):
            w.setEnabled(c is not None)
        if c is None:
            self.heading.setText("")
            self.combined.clear()
            return
        names = self.field_names()
        why = (self.tr("Supprimée sur un portable, modifiée sur un autre : conservée.") if c.reason == "deleted-edited"
               else self.tr("Modifiée différemment sur plusieurs portables ({fields}).").format(
                   fields=", ".join(names.get(f, f) for f in c.fields)))
        self.heading.setText(f"<b>{html.escape(self._describe(c)).replace(chr(10), '<br>')}</b><br>{html.escape(why)}")
        self.goto.setEnabled(c.kind == "note")
        laptops = laptop.names(self.session)
        texts = [self._fields_text(c, v.state) for v in c.versions]
        self.version_texts = []
        for i, v in enumerate(c.versions):
            box = QGroupBox(self.tr("Version {n} — {laptop}, {at}").format(
                n=i + 1, laptop=laptops.get(v.device, v.device), at=local_time(v.at)))
            box.setObjectName(f"conflictVersion{i + 1}")
            bl = QVBoxLayout(box)
            text = QPlainTextEdit(texts[i])
            text.setReadOnly(True)
            # what differs from the other version (from the next one, for the first) highlighted
            highlight(text, differing(texts[i], texts[1 if i == 0 and len(texts) > 1 else 0]))
            self.version_texts.append(text)
            text.setObjectName(f"versionText{i + 1}")
            text.setAccessibleName(self.tr("Version {n}").format(n=i + 1))
            text.setTabChangesFocus(True)
            bl.addWidget(text, 1)
            keep = QPushButton(self.tr("Garder la version &{n}").format(n=i + 1))
            keep.setObjectName(f"keepVersion{i + 1}")
            keep.setAccessibleName(self.tr("Garder la version {n}").format(n=i + 1))
            keep.clicked.connect(lambda _=False, rev=v.revision: self.resolve_version(rev))
            bl.addWidget(keep)
            box.setMinimumWidth(280)
            self.versions_layout.addWidget(box, 1)
        texts = list(dict.fromkeys(getattr(v.state, "text", "") for v in c.versions if getattr(v.state, "text", "")))
        self.combined.setPlainText("\n".join(texts) if c.kind != "synthesis" else "")
        self.combined.setEnabled(c.kind != "synthesis")
        self.keep_combined.setEnabled(c.kind != "synthesis")

    def resolve_version(self, revision: str) -> None:
        c = self.current
        if c is not None:
            self.session.run(EventFile.resolve_conflict, c.record_id, revision=revision, kind=c.kind,
                             label=self.tr("Résolution de conflit"))

    def resolve_combined(self) -> None:
        c = self.current
        if c is None or c.kind == "synthesis":
            return
        state = c.shown.with_(text=self.combined.toPlainText(), deleted=False)
        self.session.run(EventFile.resolve_conflict, c.record_id, state, kind=c.kind,
                         label=self.tr("Résolution de conflit (texte combiné)"))
