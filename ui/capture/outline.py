"""One outline editor per section: the atelier's notes as an editable, keyboard-driven outline.

Each note is a ``NoteLine`` indented by its depth, which paints the note's text until the note is
first edited and then holds its ``NoteEdit`` (a frameless multi-line editor). Keys:
Enter new note below · Shift+Enter new line · Tab / Shift+Tab indent / outdent ·
Alt+Up / Alt+Down move · Backspace on an empty note deletes it · Up / Down on the first / last
line go to the previous / next note · Ctrl+Tab / Ctrl+Shift+Tab leave the outline (to the side
panel / to the list of ateliers). Window shortcuts (undo, sections, search…) pass through.
These keys are declared in ``OUTLINE_KEYS`` (the help's shortcut sheet lists them).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QKeyCombination, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.kit.model import Section
from facilitator.store import Change, EventFile, NoteRow
from ui.common import look

INDENT = 26
BULLET_WIDTH = 18  # the bullet's column at depth 0, then INDENT more per level
BAR = 3  # the focus bar's width, 4 px after the bullet's column
MARGIN = 2  # around a note's text: its editor's document margin, and the same when painted
META_POINTS = 9  # the summary's size
BULLETS = ("•", "◦", "▪", "–")
CONTRIBUTOR_SHORT = {"administration": "Adm.", "societe-civile": "Soc. civ.", "citoyen": "Cit.", "autre": "Autre"}

_PASS: set[int] = set()


def outline_keys() -> list[tuple[list[str], str]]:
    """The keys of a note in the outline (``NoteEdit.keyPressEvent``), for the shortcut sheet:
    (key sequences, what they do)."""
    return [
        (["Return"], QCoreApplication.translate("Outline", "Nouvelle note en dessous")),
        (["Shift+Return"], QCoreApplication.translate("Outline", "Nouvelle ligne dans la note")),
        (["Tab"], QCoreApplication.translate("Outline", "Décaler la note à droite (sous-note)")),
        (["Shift+Tab"], QCoreApplication.translate("Outline", "Décaler la note à gauche")),
        (["Alt+Up"], QCoreApplication.translate("Outline", "Monter la note")),
        (["Alt+Down"], QCoreApplication.translate("Outline", "Descendre la note")),
        (["Backspace"], QCoreApplication.translate("Outline", "Supprimer la note vide")),
        (["Up", "Down"], QCoreApplication.translate("Outline", "Note précédente / suivante (depuis la première / dernière ligne)")),
        (["Ctrl+Tab"], QCoreApplication.translate("Outline", "Quitter le plan : vers le panneau latéral (Échap y revient à la note)")),
        (["Ctrl+Shift+Tab"], QCoreApplication.translate("Outline", "Quitter le plan : vers la liste des ateliers")),
        (["Return"], QCoreApplication.translate("Outline", "Dans la zone des notes (atteinte par Tab) : entrer dans la note en cours")),
    ]


def _passing() -> set[int]:
    """Window shortcuts an editor lets through (built once a QGuiApplication exists)."""
    if not _PASS:
        seqs = [QKeySequence(QKeySequence.StandardKey.Undo), QKeySequence(QKeySequence.StandardKey.Redo)]
        seqs += [QKeySequence(k) for k in ("Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+F", "Ctrl+G", "Ctrl+Up", "Ctrl+Down",
                                           "Ctrl+=", "Ctrl++", "Ctrl+-", "Ctrl+PgUp", "Ctrl+PgDown", "Ctrl+L",
                                           "Ctrl+P", "Ctrl+I", "Ctrl+Q", "Ctrl+O")]
        seqs += [QKeySequence(f"Ctrl+{i}") for i in range(1, 10)]
        _PASS.update(q[0].toCombined() for q in seqs if q.count())
    return _PASS


def _combo(e: QKeyEvent) -> int:
    mods = e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeyCombination(mods, Qt.Key(e.key())).toCombined()


class NoteEdit(QPlainTextEdit):
    """The editor of one note."""

    focused = Signal(str)

    def __init__(self, section: SectionEditor, note_id: str, text: str) -> None:
        super().__init__()
        self.section = section
        self.note_id = note_id
        self.token = 0
        self._quiet = False
        self.setObjectName(f"note-{note_id}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setUndoRedoEnabled(False)  # undo is the window's, on stored changes
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # (not in the Tab chain: see NoteLine)
        self.setTabChangesFocus(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(MARGIN)
        self.setPlaceholderText(placeholder())
        self.setAccessibleName(self.tr("Note"))
        self.setPlainText(text)
        self.line: NoteLine | None = None  # the outline line holding it (paints the focus bar)
        # (transparent until focused: the section's palette, inherited; its height is fitted to
        # its text once its line gives it its width, see resizeEvent)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.textChanged.connect(self._typed)

    # -------------------------------------------------------------- text
    def set_text_quiet(self, text: str) -> None:
        if self.toPlainText() == text:
            return
        pos = self.textCursor().position()
        self._quiet = True
        try:
            self.setPlainText(text)
        finally:
            self._quiet = False
        c = self.textCursor()
        c.setPosition(min(pos, len(text)))
        self.setTextCursor(c)

    def _typed(self) -> None:
        if not self._quiet:
            self.section.session.type_text(self.note_id, self.toPlainText(), self.token)

    def _fit(self, *_args) -> None:
        doc = self.document()
        height, block = 0.0, doc.firstBlock()
        while block.isValid():
            height += self.blockBoundingRect(block).height()
            block = block.next()
        height = max(height, float(self.fontMetrics().lineSpacing()))
        h = int(height + 0.999) + 2 * int(doc.documentMargin()) + 2 * self.frameWidth() + 2
        if self.height() != h:
            self.setFixedHeight(h)
        if self.line is not None:
            self.line.fit()

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        self._fit()

    # -------------------------------------------------------------- focus
    def focusInEvent(self, e) -> None:  # noqa: N802
        self.token = self.section.session.next_token()
        super().focusInEvent(e)
        self._highlight(True)
        self.focused.emit(self.note_id)

    def focusOutEvent(self, e) -> None:  # noqa: N802
        super().focusOutEvent(e)
        self._highlight(False)
        self.section.session.flush()

    def _highlight(self, on: bool) -> None:
        """The note being edited: a light background and a bar at its left (else transparent)."""
        look.fill(self, QPalette.ColorRole.Base, look.FOCUS_BACKGROUND if on else look.TRANSPARENT)
        if self.line is not None:
            self.line.update()  # its focus bar

    # -------------------------------------------------------------- keys
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and _combo(e) in _passing():
            e.ignore()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        key, mods = e.key(), e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        M = Qt.KeyboardModifier
        sec = self.section
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & M.ControlModifier:
            leave = getattr(self.window(), "leave_outline", None)  # (the capture window's)
            if leave is not None:
                leave(-1 if key == Qt.Key.Key_Backtab or mods & M.ShiftModifier else +1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & M.ShiftModifier:
                self.textCursor().insertText("\n")
            elif mods == M.NoModifier:
                sec.new_after(self.note_id)
            else:
                super().keyPressEvent(e)
            return
        if key == Qt.Key.Key_Tab and mods == M.NoModifier:
            sec.op(EventFile.indent, self.note_id)
            return
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and mods == M.ShiftModifier):
            sec.op(EventFile.outdent, self.note_id)
            return
        if mods == M.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            sec.op(EventFile.move_up if key == Qt.Key.Key_Up else EventFile.move_down, self.note_id)
            return
        if key == Qt.Key.Key_Backspace and mods == M.NoModifier and not self.toPlainText():
            sec.op(EventFile.delete_note, self.note_id)
            return
        if mods == M.NoModifier and key == Qt.Key.Key_Up and self._on_edge(first=True):
            sec.focus_neighbour(self.note_id, -1)
            return
        if mods == M.NoModifier and key == Qt.Key.Key_Down and self._on_edge(first=False):
            sec.focus_neighbour(self.note_id, +1)
            return
        super().keyPressEvent(e)

    def _on_edge(self, first: bool) -> bool:
        c = self.textCursor()
        block = c.block()
        layout = block.layout()
        line = layout.lineForTextPosition(c.positionInBlock()).lineNumber() if layout else 0
        if first:
            return block == self.document().firstBlock() and line <= 0
        return block == self.document().lastBlock() and (layout is None or line >= layout.lineCount() - 1)

    def place_cursor(self, where: str = "end") -> None:
        from PySide6.QtGui import QTextCursor  # (its class loaded with the first note edited)

        c = self.textCursor()
        c.movePosition(QTextCursor.MoveOperation.End if where == "end" else QTextCursor.MoveOperation.Start)
        self.setTextCursor(c)


def placeholder() -> str:
    return QCoreApplication.translate("NoteEdit", "Nouvelle note…")


class NoteLine(QWidget):
    """One line of the outline: indentation, bullet, the note and a discreet summary (votes,
    contributor, commitments, link).

    The line paints all of it, the note's text laid out as its editor lays it out, until the
    note is first edited: then it makes the note's ``NoteEdit`` (``edit``) and holds it where the
    text was. An atelier's outline holds hundreds of notes, and an editor (a text widget with its
    viewport and two scroll bars) costs many times a painted line to build, lay out and paint;
    focusing the line (keyboard, ``setFocus``) or clicking it makes the editor and gives it the
    focus, the click's place the cursor's."""

    def __init__(self, section: SectionEditor, row: NoteRow, depth: int) -> None:
        super().__init__()
        self.section = section
        self.note_id = row.id
        self._text = row.text
        self._edit: NoteEdit | None = None
        self._layouts: list[tuple[QTextLayout, float, float]] = []
        self._laid_out = (-1, "")  # (width, text) of _layouts
        self.summary = ""
        self._summary_width = 0  # the summary's column, with its gap (0: none)
        self.depth = -1
        self._sized = False  # laid out by its section yet (before, its width is Qt's default)
        # (a click, or the outline's own keys: Tab indents in a note, so the window's Tab chain
        # goes through the outline area and the add buttons, not through hundreds of notes)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Note"))
        self.setAccessibleDescription(row.text)
        self.set_depth(depth)
        self.set_meta(row)
        self.setFixedHeight(self._painted_height(0))

    # -------------------------------------------------------------- the editor
    @property
    def edit(self) -> NoteEdit:
        """The note's editor, made the first time it is asked for."""
        if self._edit is None:
            ed = self._edit = NoteEdit(self.section, self.note_id, self._text)
            ed.line = self
            ed.setParent(self)
            ed.focused.connect(self.section.noteFocused)
            QWidget.setTabOrder(self, ed)  # in the focus chain where the line is, which leaves it
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setFocusProxy(ed)
            self._layouts = []
            self._place_editor()
            ed.show()
        return self._edit

    def editing(self) -> bool:
        return self._edit is not None

    def text(self) -> str:
        return self._edit.toPlainText() if self._edit is not None else self._text

    def set_text(self, text: str) -> None:
        """The note's text as stored (a change elsewhere, an undo, a merge)."""
        self._text = text
        self.setAccessibleDescription(text)
        if self._edit is not None:
            self._edit.set_text_quiet(text)
        else:
            self.fit()
            self.update()

    def focusInEvent(self, e) -> None:  # noqa: N802 — reached by the keyboard before any editor
        self.edit.setFocus(e.reason())

    def _editor_event(self, e: QMouseEvent) -> None:
        """A click (or the drag that follows it) on the painted note, given to its editor."""
        ed = self.edit
        pos = ed.viewport().mapFrom(self, e.position().toPoint())
        QApplication.sendEvent(ed.viewport(), QMouseEvent(e.type(), QPointF(pos), e.globalPosition(), e.button(),
                                                           e.buttons(), e.modifiers()))

    def mousePressEvent(self, e) -> None:  # noqa: N802
        editing = self._edit is not None
        self._editor_event(e)
        if not editing or not self._edit.hasFocus():
            self._edit.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseMoveEvent(self, e) -> None:  # noqa: N802
        if self._edit is not None:
            self._editor_event(e)

    def mouseReleaseEvent(self, e) -> None:  # noqa: N802
        if self._edit is not None:
            self._editor_event(e)

    # -------------------------------------------------------------- geometry
    def _text_left(self) -> int:
        return self._bullet_width() + 4 + BAR

    def _text_width(self, width: int) -> int:
        return max(width - self._text_left() - self._summary_width, 1)

    def _place_editor(self) -> None:
        if self._edit is not None:
            self._edit.setGeometry(self._text_left(), 0, self._text_width(self.width()), self._edit.height())

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        self._sized = True
        if self._edit is not None:
            self._place_editor()
        else:
            self.fit()  # (the text is laid out again only when its width changed)

    def fit(self) -> None:
        """Its height: the editor's, or the painted text's at its width (once it has one)."""
        if self._edit is None and not self._sized:
            return
        h = self._edit.height() if self._edit is not None else self._painted_height(self.width())
        if self.height() != h:
            self.setFixedHeight(h)

    def _painted_height(self, width: int) -> int:
        """As ``NoteEdit._fit`` measures the editor: its text laid out (the last paragraph with
        the bottom margin, as QPlainTextDocumentLayout counts it), at least one line."""
        height = 0.0
        if width > 0:
            height = sum(h for _layout, _y, h in self._laid(width)) + MARGIN
        height = max(height, float(self.fontMetrics().lineSpacing()))
        return int(height + 0.999) + 2 * MARGIN + 2

    def _laid(self, width: int) -> list[tuple[QTextLayout, float, float]]:
        """The text's paragraphs laid out as the editor's document lays them out (its wrapping,
        its margins, its font, as QPlainTextDocumentLayout.layoutBlock does), with the top and the
        height of each."""
        if self._laid_out != (width, self._text) or not self._layouts:
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            line_width = self._text_width(width) - 2 * MARGIN
            y, out = float(MARGIN), []
            for paragraph in self._text.split("\n"):
                layout = QTextLayout(paragraph, self.font())
                layout.setTextOption(option)
                layout.setCacheEnabled(True)
                layout.beginLayout()
                top = 0.0
                while True:
                    line = layout.createLine()
                    if not line.isValid():
                        break
                    line.setLeadingIncluded(True)
                    line.setLineWidth(line_width)
                    line.setPosition(QPointF(0, top))
                    top += line.height()
                    if line.leading() < 0:
                        top += math.ceil(line.leading())
                layout.endLayout()
                out.append((layout, y, top))
                y += top
            self._layouts, self._laid_out = out, (width, self._text)
        return self._layouts

    # -------------------------------------------------------------- depth, summary, paint
    def set_depth(self, depth: int) -> None:
        if depth == self.depth:
            return
        self.depth = depth
        self._layouts = []
        self._place_editor()
        self.fit()
        self.update()

    def _bullet_width(self) -> int:
        return BULLET_WIDTH + self.depth * INDENT

    def bullet(self) -> str:
        return BULLETS[min(self.depth, len(BULLETS) - 1)]

    def _meta_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(META_POINTS)
        return f

    def set_meta(self, row: NoteRow) -> None:
        bits = []
        if row.votes:
            bits.append(f"+{row.votes}")
        if row.contributor:
            bits.append(CONTRIBUTOR_SHORT.get(row.contributor, row.contributor))
        if row.commitments:
            bits.append("E" + ",".join(row.commitments))
        if row.urls:
            bits.append(self.tr("lien"))
        summary = " · ".join(bits)
        if summary != self.summary:
            self.summary = summary
            self._summary_width = QFontMetrics(self._meta_font()).horizontalAdvance(summary) + 4 if summary else 0
            self._layouts = []
            self._place_editor()
            self.fit()
            self.update()

    def paintEvent(self, e) -> None:  # noqa: N802
        p = QPainter(self)
        width = self._bullet_width()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        p.setPen(text_colour)
        p.drawText(0, MARGIN, width, self.height(), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
                   self.bullet())
        if self._edit is not None and self._edit.hasFocus():
            p.fillRect(width + 4, 0, BAR, self._edit.height(), QColor(look.FOCUS_BAR))
        if self.summary:
            p.setFont(self._meta_font())
            p.setPen(QColor(look.GREY))
            p.drawText(0, 0, self.width(), self.height(), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
                       self.summary)
            p.setFont(self.font())
        if self._edit is not None:
            return
        left = self._text_left() + MARGIN
        if not self._text:
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(left, MARGIN, self._text_width(self.width()), self.height(), Qt.AlignmentFlag.AlignTop,
                       placeholder())
            return
        p.setPen(text_colour)
        for layout, top, _h in self._laid(self.width()):
            layout.draw(p, QPointF(left, top))


class SectionEditor(QFrame):
    """The outline of one section of the current atelier (objectName ``section-<id>``)."""

    noteFocused = Signal(str)

    def __init__(self, session, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.section = section
        self.workshop: int | None = None
        self.lines: dict[str, NoteLine] = {}
        self._order: list[tuple[str, int]] = []
        self._rows: dict[str, NoteRow] = {}  # the rows shown, as the session's cache gave them
        self.setObjectName(f"section-{section.id}")
        self.setAccessibleName(self.tr("Section {title}").format(title=section.title))
        self.setFrameShape(QFrame.Shape.NoFrame)
        # the notes' editors are transparent (but the one being edited): set once here, inherited
        look.fill(self, QPalette.ColorRole.Base, look.TRANSPARENT)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 10, 4, 6)
        outer.setSpacing(2)
        self.title = QLabel(section.title)
        self.title.setObjectName("sectionTitle")
        look.font(self.title, bold=True, scale=1.25)
        look.text_colour(self.title, look.NAVY)
        outer.addWidget(self.title)
        if section.hint:
            self.hint = QLabel(section.hint)
            self.hint.setObjectName("sectionHint")
            self.hint.setWordWrap(True)
            look.font(self.hint, italic=True)
            look.text_colour(self.hint, look.GREY)
            outer.addWidget(self.hint)
        self.body = QVBoxLayout()
        self.body.setSpacing(0)
        outer.addLayout(self.body)
        self.add_button = QPushButton(self.tr("+ Ajouter une note"))
        self.add_button.setObjectName("addNote")
        self.add_button.setAccessibleName(self.tr("Ajouter une note dans « {title} »").format(title=section.title))
        self.add_button.setFlat(True)
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(self.add_last)
        self.add_button.installEventFilter(self)  # (Enter, or typing on it, starts a note)
        outer.addWidget(self.add_button)

    # -------------------------------------------------------------- content
    def set_workshop(self, workshop: int) -> None:
        self.workshop = workshop
        for line in self.lines.values():
            line.setParent(None)
            line.deleteLater()
        self.lines.clear()
        self._order = []
        self._rows = {}
        self.refresh()

    def refresh(self) -> None:
        """Show the section's outline: create, update, remove and move only what changed.

        Rows the session's cache did not replace are the ones already shown (it replaces the
        rows a change touches), so a new note in a section of 300 touches one line, not 300.
        """
        rows = self.session.outline(self.workshop, self.section.id)
        order = [(r.id, d) for r, d in rows]
        shown, self._rows = self._rows, {}
        created: set[str] = set()
        for row, depth in rows:
            self._rows[row.id] = row
            line = self.lines.get(row.id)
            if line is None:
                line = self.lines[row.id] = NoteLine(self, row, depth)
                created.add(row.id)
                continue
            line.set_depth(depth)  # an indented parent moves its children without changing them
            if shown.get(row.id) is row:
                continue
            if self.session.pending_text(row.id) is None:
                line.set_text(row.text)
            line.set_meta(row)
        for nid in [n for n in self.lines if n not in self._rows]:
            line = self.lines.pop(nid)
            line.setParent(None)  # leaves the layout too
            line.deleteLater()
        if order != self._order:
            self._place([nid for nid, _d in order], created)
            self._order = order

    def _place(self, ids: list[str], created: set[str]) -> None:
        """Put the lines in the layout in the order ``ids``, moving only what moved: re-adding
        300 lines would re-lay them all out (a stall)."""
        # what the layout holds: the previous order, less the lines removed since
        cur = [nid for nid, _d in self._order if nid in self.lines and nid not in created]
        if self.body.count() != len(cur):  # not what we think: compare with the layout itself
            cur = []
            for i in range(self.body.count()):
                w = self.body.itemAt(i).widget()
                cur.append(next((n for n, ln in self.lines.items() if ln is w), ""))
        placed = set(cur)
        for i, nid in enumerate(ids):
            if i < len(cur) and cur[i] == nid:
                continue
            line = self.lines[nid]
            if nid in placed:
                self.body.removeWidget(line)
                cur.remove(nid)
            self.body.insertWidget(i, line)
            cur.insert(i, nid)
            placed.add(nid)
        while self.body.count() > len(ids):
            self.body.takeAt(len(ids))

    def on_change(self, change: Change) -> None:
        if self.workshop is None:
            return
        if change.extra.get("reload") or change.touches("resolution"):
            self.refresh()  # another connection changed the file (merge), or a conflict resolved
            return
        mine = [e for e in change.edits if e.kind == "note" and any(
            s is not None and s.workshop == self.workshop and s.section == self.section.id
            for s in (e.before, e.after))]
        if not mine:
            return
        structural = any(
            e.before is None or e.after is None or e.before.parent_id != e.after.parent_id
            or e.before.position != e.after.position or e.before.deleted != e.after.deleted
            or e.before.section != e.after.section or e.before.workshop != e.after.workshop
            for e in mine)
        if structural:
            self.refresh()
            return
        for e in mine:  # text or details of notes shown here: update them in place
            line = self.lines.get(e.key)
            if line is None:
                continue
            if self.session.pending_text(e.key) is None:
                line.set_text(e.after.text)
            row = next((r for r, _d in self.session.outline(self.workshop, self.section.id) if r.id == e.key), None)
            if row is not None:
                line.set_meta(row)

    def note_ids(self) -> list[str]:
        return [nid for nid, _d in self._order]

    def editor(self, note_id: str) -> NoteEdit | None:
        """The note's editor (made if it was only painted so far)."""
        line = self.lines.get(note_id)
        return line.edit if line else None

    # -------------------------------------------------------------- actions
    def op(self, operation, note_id: str) -> None:
        self.session.run(operation, note_id)

    def new_after(self, note_id: str) -> None:
        self.session.run(EventFile.add_note, self.workshop, self.section.id, "", after=note_id)

    def add_last(self) -> None:
        self.session.run(EventFile.add_note, self.workshop, self.section.id, "")

    def eventFilter(self, obj, e) -> bool:  # noqa: N802 — Qt's name
        """On « + Ajouter une note » (where going to an empty section puts the focus): Enter adds
        a note, and a letter typed there starts a new note with it — nothing typed is lost."""
        if obj is self.add_button and e.type() == QEvent.Type.KeyPress:
            mods = e.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
            if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
                self.add_last()
                return True
            text = e.text()
            if text and text.isprintable() and not text.isspace() and not mods:
                self.add_last()
                target = QApplication.focusWidget()
                if isinstance(target, NoteEdit) and target is not obj:
                    target.insertPlainText(text)
                    return True
        return super().eventFilter(obj, e)

    def focus_neighbour(self, note_id: str, step: int) -> None:
        ids = self.note_ids()
        if note_id not in ids:
            return
        i = ids.index(note_id) + step
        if 0 <= i < len(ids):
            self.focus_note(ids[i], "end" if step < 0 else "start")

    def focus_note(self, note_id: str, where: str = "end") -> bool:
        ed = self.editor(note_id)
        if ed is None:
            return False
        ed.setFocus(Qt.FocusReason.OtherFocusReason)
        ed.place_cursor(where)
        return True

    def focus_first(self) -> None:
        ids = self.note_ids()
        if ids:
            self.focus_note(ids[0], "end")
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
