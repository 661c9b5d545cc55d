"""One outline editor per section: the atelier's notes as an editable, keyboard-driven outline,
built on Qt's model/view as Qt's "Editable Tree Model" example is.

- ``OutlineModel`` (a ``QAbstractItemModel``): the notes of one section of one atelier, a tree by
  their parent links, read from ``Session.outline``. A change is applied to it by precise signals
  (``beginInsertRows``, ``beginMoveRows``, ``beginRemoveRows``, ``dataChanged`` of the rows whose
  stored row changed): a new note in a section of 300 inserts one row, it does not rebuild 300.
- ``NoteDelegate`` (a ``QStyledItemDelegate``): paints each row (its bullet by depth, the note's
  text laid out exactly as its editor lays it out, the focus bar, a discreet summary — votes,
  contributor, commitments, link — at the right), gives its height (cached: the text is laid
  out again only when it or its width changes), and makes the note's editor, a ``NoteEdit``
  (a frameless multi-line ``QPlainTextEdit``), on demand: the note being edited has a persistent
  editor (``SectionEditor.editor``), the others are only painted. What is typed goes to the
  model through ``setModelData`` (``commitData`` on every change), which stores it through the
  session (``Session.type_text``).
- ``OutlineView`` (a ``QTreeView``): indentation by depth, no branches, no scroll bars of its own
  (it is as tall as its rows: the sections are stacked in the window's scroll area), a click
  opening the note's editor with the cursor where it was clicked.

Keys of a note (``NoteEdit.keyPressEvent``): Enter new note below · Shift+Enter new line ·
Tab / Shift+Tab indent / outdent · Alt+Up / Alt+Down move · Backspace on an empty note deletes
it · Up / Down on the first / last line go to the previous / next note · Ctrl+Tab /
Ctrl+Shift+Tab leave the outline (to the side panel / to the list of ateliers). Window shortcuts
(undo, sections, search…) pass through. ``outline_keys`` lists them (the help's shortcut sheet).
"""
from __future__ import annotations

import math

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QKeyCombination,
    QModelIndex,
    QObject,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from facilitator.kit.model import Section
from facilitator.store import Change, EventFile, NoteRow
from ui.capture.panels import contributor_names
from ui.common import look

INDENT = 26  # the view's indentation: one level of the outline
BULLET_WIDTH = 18  # the bullet's column, at the left of a row (a row starts INDENT further per level)
BAR = 3  # the focus bar's width, 4 px after the bullet's column
MARGIN = 2  # around a note's text: its editor's document margin, and the same when painted
META_POINTS = 9  # the summary's size
BULLETS = ("•", "◦", "▪", "–")
CONTRIBUTOR_SHORT = {"administration": "Adm.", "societe-civile": "Soc. civ.", "citoyen": "Cit.", "autre": "Autre"}
TEXT_LEFT = BULLET_WIDTH + 4 + BAR  # the note's text (its editor's left), from the left of its row

NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the note's id
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 2  # its depth in the outline (0: a top-level note)
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 3  # "+2 · Soc. civ. · E4 · lien" ("" if nothing to say)
ROW_ROLE = Qt.ItemDataRole.UserRole + 4  # the NoteRow as the session's cache gave it
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
_TOP = Qt.AlignmentFlag.AlignTop
_TOP_RIGHT = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight
_WINDOW_TEXT = QPalette.ColorRole.WindowText
_PLACEHOLDER = QPalette.ColorRole.PlaceholderText
_BAR_COLOUR = QColor(look.FOCUS_BAR)
_GREY = QColor(look.GREY)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags

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


def placeholder() -> str:
    return QCoreApplication.translate("NoteEdit", "Nouvelle note…")


def summary_of(row: NoteRow) -> str:
    """The discreet summary of a note shown at the right of its row: votes, contributor,
    commitments, link."""
    bits = []
    if row.votes:
        bits.append(f"+{row.votes}")
    if row.contributor:
        bits.append(CONTRIBUTOR_SHORT.get(row.contributor, row.contributor))
    if row.commitments:
        bits.append("E" + ",".join(row.commitments))
    if row.urls:
        bits.append(QCoreApplication.translate("OutlineModel", "lien"))
    return " · ".join(bits)


# ====================================================================== the model
class _Node:
    """One note of the model's tree (the root: ``id`` None)."""

    __slots__ = ("children", "height", "height_key", "id", "parent", "pos", "row", "summary", "text")

    def __init__(self, row: NoteRow | None, text: str = "") -> None:
        self.id = row.id if row is not None else None
        self.row = row
        self.text = text  # shown: as stored, or as typed and not stored yet
        self.summary = summary_of(row) if row is not None else ""
        self.parent: _Node | None = None
        self.children: list[_Node] = []
        self.pos = 0  # its row under its parent
        self.height_key: tuple | None = None  # the row's height, and what it was measured for (NoteDelegate)
        self.height = 0

    def depth(self) -> int:
        d, p = 0, self.parent
        while p is not None and p.id is not None:
            d, p = d + 1, p.parent
        return d


def _renumber(node: _Node, start: int = 0) -> None:
    for i in range(start, len(node.children)):
        node.children[i].pos = i


class OutlineModel(QAbstractItemModel):
    """The notes of one section of one atelier, as a tree by their parent links (one column).

    Read from ``Session.outline`` (the session's cache, which replaces only the rows a change
    touches); ``refresh`` brings the tree to what the session holds with the fewest row signals:
    each note put at its place in tree order (inserted if new, moved with its subtree if
    elsewhere), then the rows left over removed, then ``dataChanged`` for the rows whose stored
    row changed. Text typed and not stored yet (``Session.pending_text``) is kept shown."""

    def __init__(self, session, section_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.section_id = section_id
        self.workshop: int | None = None
        self._root = _Node(None)
        self._nodes: dict[str, _Node] = {}
        self._order: list[tuple[str, int]] = []

    # ------------------------------------------------------------------ Qt's model interface
    def index(self, row: int, column: int = 0, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = (parent.internalPointer() or self._root).children  # (an invalid index: the root)
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: QModelIndex | None = None):  # (QObject.parent() too, without an index)
        if index is None:
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        p = index.internalPointer().parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.pos, 0, p)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid():
            return 0 if parent.column() else len(parent.internalPointer().children)
        return len(self._root.children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 1

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        # (asked for every row whenever the view lays its rows out, as flags and index: kept short)
        return bool(parent.internalPointer().children) if parent.isValid() else bool(self._root.children)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        R = Qt.ItemDataRole
        if role in (R.DisplayRole, R.EditRole):
            return node.text
        if role == NOTE_ID_ROLE:
            return node.id
        if role == DEPTH_ROLE:
            return node.depth()
        if role == SUMMARY_ROLE:
            return node.summary
        if role == ROW_ROLE:
            return node.row
        if role == R.AccessibleTextRole:
            return node.text or placeholder()
        if role == R.AccessibleDescriptionRole:
            return node.summary
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """The text shown for a note (typed: ``NoteDelegate.setModelData`` stores it)."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        node: _Node = index.internalPointer()
        if node.text != value:
            node.text = value
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    # ------------------------------------------------------------------ lookups
    def node_index(self, node: _Node) -> QModelIndex:
        if node is self._root or node.id is None:
            return QModelIndex()
        return self.createIndex(node.pos, 0, node)

    def index_of(self, note_id: str) -> QModelIndex:
        node = self._nodes.get(note_id)
        return self.node_index(node) if node is not None else QModelIndex()

    def __contains__(self, note_id: str) -> bool:
        return note_id in self._nodes

    def note_ids(self) -> list[str]:
        """The notes in outline order (a parent, then its children)."""
        return [nid for nid, _d in self._order]

    def order(self) -> list[tuple[str, int]]:
        """(note id, depth) in outline order."""
        return list(self._order)

    def text(self, note_id: str) -> str:
        return self._nodes[note_id].text

    def shown(self) -> list[tuple[str, str, int, int]]:
        """(note id, text shown, depth, votes) of every note in outline order (the projector's)."""
        nodes = self._nodes
        return [(nid, nodes[nid].text, depth, nodes[nid].row.votes) for nid, depth in self._order]

    # ------------------------------------------------------------------ content
    def _shown_text(self, row: NoteRow) -> str:
        pending = self.session.pending_text(row.id)
        return row.text if pending is None else pending

    def set_workshop(self, workshop: int | None) -> None:
        """Another atelier: the model is reset (its editors closed) and built from the session."""
        self.beginResetModel()
        self.workshop = workshop
        self._root = _Node(None)
        self._nodes = {}
        self._order = []
        if workshop is not None:
            self._order = self._grow(self._root, self.session.outline(workshop, self.section_id))
        self.endResetModel()

    def _grow(self, top: _Node, rows: list[tuple[NoteRow, int]]) -> list[tuple[str, int]]:
        """The notes ``rows`` (in outline order, with their depths) put as a tree under ``top``."""
        stack: list[_Node] = []
        for row, depth in rows:
            node = self._nodes[row.id] = _Node(row, self._shown_text(row))
            del stack[depth:]
            parent = stack[-1] if stack else top
            node.parent, node.pos = parent, len(parent.children)
            parent.children.append(node)
            stack.append(node)
        return [(r.id, d) for r, d in rows]

    def refresh(self) -> None:
        """Bring the tree to the session's outline, by the fewest row signals (see the class)."""
        if self.workshop is None:
            return
        rows = self.session.outline(self.workshop, self.section_id)
        order = [(r.id, d) for r, d in rows]
        if order != self._order:
            self._restructure(rows)
            self._order = order
        for row, _depth in rows:
            node = self._nodes[row.id]
            if node.row is row:
                continue  # (the session's cache replaces the rows a change touches: not this one)
            node.row = row
            changed = False
            text = self._shown_text(row)  # (as typed if not stored yet: an editor's, or another view's)
            if node.text != text:
                node.text, changed = text, True
            summary = summary_of(row)
            if summary != node.summary:
                node.summary, changed = summary, True
            if changed:
                index = self.node_index(node)
                self.dataChanged.emit(index, index)

    def _restructure(self, rows: list[tuple[NoteRow, int]]) -> None:
        expected: dict[str | None, int] = {None: 0}  # children placed so far under each parent
        stack: list[str] = []
        for row, depth in rows:
            del stack[depth:]
            pid = stack[-1] if stack else None
            parent = self._nodes[pid] if pid is not None else self._root
            i = expected[pid]
            expected[pid] = i + 1
            expected[row.id] = 0
            stack.append(row.id)
            node = self._nodes.get(row.id)
            if node is None:
                node = _Node(row, self._shown_text(row))
                self.beginInsertRows(self.node_index(parent), i, i)
                self._nodes[row.id] = node
                node.parent = parent
                parent.children.insert(i, node)
                _renumber(parent, i)
                self.endInsertRows()
            elif node.parent is not parent or node.pos != i:
                source, r = node.parent, node.pos
                if not self.beginMoveRows(self.node_index(source), r, r, self.node_index(parent), i):
                    raise AssertionError(f"outline move refused: {row.id}")  # (cannot happen: see the class)
                del source.children[r]
                _renumber(source, r)
                node.parent = parent
                parent.children.insert(i, node)
                _renumber(parent, i)
                self.endMoveRows()
        # what is left beyond the notes placed under each parent: the notes removed (with what is under them)
        for pid, count in expected.items():
            parent = self._nodes[pid] if pid is not None else self._root
            if len(parent.children) > count:
                self.beginRemoveRows(self.node_index(parent), count, len(parent.children) - 1)
                gone = parent.children[count:]
                del parent.children[count:]
                while gone:
                    node = gone.pop()
                    self._nodes.pop(node.id, None)
                    gone.extend(node.children)
                self.endRemoveRows()

    def on_change(self, change: Change) -> None:
        """A change applied to the file: refresh if it touches this section of this atelier."""
        if self.workshop is None:
            return
        if change.extra.get("reload") or change.touches("resolution"):
            self.refresh()  # another connection changed the file (merge), or a conflict resolved
            return
        if any(e.kind == "note" and any(s is not None and s.workshop == self.workshop and s.section == self.section_id
                                        for s in (e.before, e.after)) for e in change.edits):
            self.refresh()


class SectionAcrossModel(OutlineModel):
    """The notes of one section in every atelier (the note-taker's view): each atelier's tree of
    notes, as its ``OutlineModel`` holds it, under one row for the atelier; three columns (the
    note, its contributor, its votes). Read-only; rebuilt when a note changes (``set_section``)."""

    COLUMNS = 3

    def set_section(self, section_id: str, workshops: list[tuple[int, str]]) -> None:
        """The section's notes, for each ``(atelier number, its row's title)``."""
        self.beginResetModel()
        self.section_id = section_id
        self._root = _Node(None)
        self._nodes = {}
        self._order = []
        for number, title in workshops:
            group = _Node(None, title)
            group.parent, group.pos = self._root, len(self._root.children)
            self._root.children.append(group)
            self._order += self._grow(group, self.session.outline(number, section_id))
        self.endResetModel()

    def index(self, row: int, column: int = 0, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = (parent.internalPointer() or self._root).children
        if not 0 <= column < self.COLUMNS or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return self.COLUMNS

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        node: _Node = index.internalPointer()
        return Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsSelectable if node.row is not None else _NO_FLAGS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Note"), self.tr("Contributeur"), self.tr("Votes"))[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        column, R = index.column(), Qt.ItemDataRole
        if node.row is None:  # an atelier's row
            if role in (R.DisplayRole, R.AccessibleTextRole) and column == 0:
                return node.text
            if role == R.FontRole and column == 0:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if column == 0:
            if role == R.ToolTipRole:
                return node.text
            return super().data(index, role)
        if role in (R.DisplayRole, R.AccessibleTextRole):
            if column == 1:
                return contributor_names().get(node.row.contributor or "", node.row.contributor or "")
            return str(node.row.votes) if node.row.votes else ""
        if role == R.TextAlignmentRole and column == 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        if role == NOTE_ID_ROLE:
            return node.id
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        return False


# ====================================================================== the editor
class NoteEdit(QPlainTextEdit):
    """The editor of one note (made by ``NoteDelegate.createEditor``)."""

    focused = Signal(str)
    typed = Signal(QWidget)  # its text changed (by the person): the delegate commits it

    def __init__(self, section: SectionEditor, note_id: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.note_id = note_id
        self.token = 0
        self._quiet = False
        self.setObjectName(f"note-{note_id}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setUndoRedoEnabled(False)  # undo is the window's, on stored changes
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # (not in the Tab chain: see OutlineView)
        self.setTabChangesFocus(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(MARGIN)
        self.setPlaceholderText(placeholder())
        self.setAccessibleName(self.tr("Note"))
        self.setPlainText(text)
        # (transparent until focused: the view's palette, inherited; its geometry is its row's,
        # given by the delegate: the row's height is the delegate's, see sizeHint)
        self.textChanged.connect(self._typed)

    def sizeHint(self) -> QSize:  # noqa: N802 — the row's height is the delegate's (the same text laid out)
        return QSize(super().sizeHint().width(), 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, 0)

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
            self.typed.emit(self)

    # -------------------------------------------------------------- focus
    def focusInEvent(self, e) -> None:  # noqa: N802
        self.token = self.section.session.next_token()
        super().focusInEvent(e)
        self._highlight(True)
        self.section.editor_focused(self)
        self.focused.emit(self.note_id)

    def focusOutEvent(self, e) -> None:  # noqa: N802
        super().focusOutEvent(e)
        self._highlight(False)
        self.section.session.flush()

    def _highlight(self, on: bool) -> None:
        """The note being edited: a light background and a bar at its left (else transparent)."""
        look.fill(self, QPalette.ColorRole.Base, look.FOCUS_BACKGROUND if on else look.TRANSPARENT)
        self.section.view.viewport().update()  # its focus bar, painted by the delegate

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


# ====================================================================== the delegate
class NoteDelegate(QStyledItemDelegate):
    """Paints a row of the outline and makes its note's editor (see the module docstring).

    The row's text is laid out as its editor's document lays it out (QPlainTextDocumentLayout:
    its wrapping, its margins, its font), so a painted row and its editor have the same height
    and the same pixels; the layouts and heights are cached per note, made again only when the
    text or the width changes: a new note in a section of 300 lays out one text, not 300."""

    def __init__(self, section: SectionEditor) -> None:
        super().__init__(section)
        self.section = section
        self._laid: dict[str, tuple[tuple, list[tuple[QTextLayout, float, float]], int]] = {}
        self._meta_widths: dict[str, int] = {}
        self.generation = 0  # the view's font changed: every height measured again
        self.editing: set[str] = set()  # the notes with an editor open (createEditor, destroyEditor)
        self.width = 0  # the view's (its viewport's), as of its last resize
        self._colours: tuple[QColor, QColor] | None = None  # text and placeholder (the view's palette)

    # -------------------------------------------------------------- geometry
    def _meta_font(self, font: QFont) -> QFont:
        f = QFont(font)
        f.setPointSizeF(META_POINTS)
        return f

    def summary_width(self, summary: str) -> int:
        """The summary's column, with its gap (0: none)."""
        if not summary:
            return 0
        w = self._meta_widths.get(summary)
        if w is None:
            w = self._meta_widths[summary] = QFontMetrics(
                self._meta_font(self.section.view.font())).horizontalAdvance(summary) + 4
        return w

    def row_width(self, depth: int) -> int:
        """A row's width at ``depth``: the view's, less its indentation."""
        return self.width - depth * INDENT

    def text_width(self, depth: int, summary: str) -> int:
        return max(self.row_width(depth) - TEXT_LEFT - self.summary_width(summary), 1)

    def layout(self, note_id: str, text: str, depth: int, summary: str) -> tuple[list, int]:
        """The text's paragraphs laid out as the editor's document lays them out (its wrapping,
        its margins, its font, as QPlainTextDocumentLayout.layoutBlock does), with the top and
        the height of each; and the row's height (as the editor's: the last paragraph with the
        bottom margin, at least one line)."""
        font = self.section.view.font()
        line_width = self.text_width(depth, summary) - 2 * MARGIN
        key = (line_width, text, font.key())
        cached = self._laid.get(note_id)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        y, out = float(MARGIN), []
        for paragraph in text.split("\n"):
            layout = QTextLayout(paragraph, font)
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
        height = max(y, float(QFontMetrics(font).lineSpacing()))
        h = int(height + 0.999) + 2 * MARGIN + 2
        self._laid[note_id] = (key, out, h)
        return out, h

    def height(self, index: QModelIndex) -> int:
        node: _Node = index.internalPointer()
        return self.node_height(node)

    def node_height(self, node: _Node) -> int:
        """The row's height (asked for every row whenever the view lays its rows out: kept on
        the node with what it was measured for, the text laid out again only when that changed)."""
        depth = node.depth()
        key = (self.generation, self.width, depth, node.text, node.summary)
        if node.height_key != key:
            node.height = self.layout(node.id, node.text, depth, node.summary)[1]
            node.height_key = key
        return node.height

    def cached_height(self, note_id: str) -> int | None:
        cached = self._laid.get(note_id)
        return cached[2] if cached is not None else None

    def forget_layouts(self) -> None:
        """The texts laid out so far dropped (the model was reset: other notes)."""
        self._laid.clear()

    def palette_changed(self) -> None:
        self._colours = None

    def font_changed(self) -> None:
        self.forget_layouts()
        self._meta_widths.clear()
        self.generation += 1

    # -------------------------------------------------------------- Qt's delegate interface
    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802 — only its height counts (one column)
        return QSize(1, self.node_height(index.internalPointer()))

    def paint(self, painter, option, index: QModelIndex) -> None:
        node: _Node = index.internalPointer()
        rect = option.rect
        view = self.section.view
        top, left = rect.top(), rect.left()
        editor = view.indexWidget(index) if node.id in self.editing else None
        font = view.font()
        if self._colours is None:
            palette = view.palette()
            self._colours = (palette.color(_WINDOW_TEXT), palette.color(_PLACEHOLDER))
        text_colour, placeholder_colour = self._colours
        painter.save()
        painter.setFont(font)
        painter.setPen(text_colour)
        depth = node.depth()
        painter.drawText(left, top + MARGIN, BULLET_WIDTH, rect.height(), _TOP_RIGHT, BULLETS[min(depth, len(BULLETS) - 1)])
        if editor is not None and editor.hasFocus():
            painter.fillRect(left + BULLET_WIDTH + 4, top, BAR, rect.height(), _BAR_COLOUR)
        if node.summary:
            painter.setFont(self._meta_font(font))
            painter.setPen(_GREY)
            painter.drawText(left, top, self.row_width(depth), rect.height(), _TOP_RIGHT, node.summary)
            painter.setFont(font)
        if editor is None:  # (else its editor shows the text)
            x = left + TEXT_LEFT + MARGIN
            if not node.text:
                painter.setPen(placeholder_colour)
                painter.drawText(x, top + MARGIN, self.text_width(depth, node.summary), rect.height(), _TOP,
                                 placeholder())
            else:
                painter.setPen(text_colour)
                for layout, y, _h in self.layout(node.id, node.text, depth, node.summary)[0]:
                    layout.draw(painter, QPointF(x, top + y))
        painter.restore()

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        node: _Node = index.internalPointer()
        editor = NoteEdit(self.section, node.id, node.text, parent)
        editor.typed.connect(self.commitData)
        editor.focused.connect(self.section.noteFocused)
        self.editing.add(node.id)
        return editor

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        self.editing.discard(editor.note_id)
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        editor.set_text_quiet(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        """What is typed: stored through the session (at the next turn of the event loop, see
        ``Session.type_text``) and shown by the model."""
        text = editor.toPlainText()
        self.section.session.type_text(editor.note_id, text, editor.token)
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802
        node: _Node = index.internalPointer()
        rect = option.rect
        editor.setGeometry(rect.left() + TEXT_LEFT, rect.top(), self.text_width(node.depth(), node.summary),
                           rect.height())

    def eventFilter(self, obj, e) -> bool:  # noqa: N802 — the editor's keys and focus are the outline's
        return False  # (not the item delegate's: Tab, Enter, Escape and leaving the note close nothing)


# ====================================================================== the view
class OutlineView(QTreeView):
    """The outline of one section: rows indented by depth, every row shown (no branches to
    open or close), as tall as its rows (the window's scroll area scrolls the sections)."""

    def __init__(self, section: SectionEditor) -> None:
        super().__init__(section)
        self.section = section
        self._pressed: NoteEdit | None = None
        self._width = -1
        self.setObjectName("outlineView")
        self.setAccessibleName(section.accessibleName())
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(INDENT)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # (editors: SectionEditor.editor)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAutoScroll(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # (Tab indents in a note, so the window's Tab chain goes through the outline area and the
        # add buttons, not through hundreds of notes; a click opens the note's editor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(True)
        look.fill(self, QPalette.ColorRole.Base, look.TRANSPARENT)  # (its editors' too, inherited)
        self.setFixedHeight(0)

    def drawBranches(self, painter, rect, index) -> None:  # noqa: N802 — an outline has bullets, not branches
        pass

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        pass  # (as tall as its rows: the window keeps the note in view, see MainWindow._reveal)

    def wheelEvent(self, e) -> None:  # noqa: N802
        e.ignore()  # (to the window's scroll area)

    def keyPressEvent(self, e) -> None:  # noqa: N802
        e.ignore()  # (a key a note's editor left: the window's, not the view's item navigation)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        pass

    def changeEvent(self, e) -> None:  # noqa: N802
        super().changeEvent(e)
        delegate = getattr(self.section, "delegate", None)  # (None while the section is built)
        if e.type() == QEvent.Type.PaletteChange and delegate is not None:
            delegate.palette_changed()
        if e.type() == QEvent.Type.FontChange and delegate is not None:  # (the texts laid out again in the new font)
            delegate.font_changed()
            self.scheduleDelayedItemsLayout()
            self.section.fit()

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        if self.viewport().width() != self._width:  # the texts wrap at another width: the heights change
            self._width = self.section.delegate.width = self.viewport().width()
            self.scheduleDelayedItemsLayout()
            self.section.fit()

    # -------------------------------------------------------------- the mouse: to the note's editor
    def _to_editor(self, editor: NoteEdit, e: QMouseEvent) -> None:
        pos = editor.viewport().mapFrom(self.viewport(), e.position().toPoint())
        QApplication.sendEvent(editor.viewport(), QMouseEvent(e.type(), QPointF(pos), e.globalPosition(), e.button(),
                                                               e.buttons(), e.modifiers()))

    def mousePressEvent(self, e) -> None:  # noqa: N802
        """A click on a painted note: its editor is opened there, the click's place the cursor's."""
        index = self.indexAt(e.position().toPoint())
        self._pressed = None
        if not index.isValid():
            return
        editor = self.section.editor(index.data(NOTE_ID_ROLE))
        if editor is None:
            return
        self._pressed = editor
        self._to_editor(editor, e)
        if not editor.hasFocus():
            editor.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseMoveEvent(self, e) -> None:  # noqa: N802
        if self._pressed is not None:
            self._to_editor(self._pressed, e)

    def mouseReleaseEvent(self, e) -> None:  # noqa: N802
        if self._pressed is not None:
            self._to_editor(self._pressed, e)
            self._pressed = None

    def mouseDoubleClickEvent(self, e) -> None:  # noqa: N802
        self.mousePressEvent(e)


# ====================================================================== one section
class SectionEditor(QFrame):
    """The outline of one section of the current atelier (objectName ``section-<id>``): its
    title, its hint, its notes (``model``, shown by ``view`` through ``delegate``) and
    « + Ajouter une note »."""

    noteFocused = Signal(str)

    def __init__(self, session, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.section = section
        self._unfit = False  # rows inserted, moved or removed: the view's height to fit (once)
        self.setObjectName(f"section-{section.id}")
        self.setAccessibleName(self.tr("Section {title}").format(title=section.title))
        self.setFrameShape(QFrame.Shape.NoFrame)
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
        self.model = OutlineModel(session, section.id, self)
        self.view = OutlineView(self)
        self.delegate = NoteDelegate(self)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self.model.modelReset.connect(self._reset)
        self.model.rowsInserted.connect(lambda parent, *_: self._grown(parent))
        self.model.rowsMoved.connect(lambda _src, _a, _b, dest, _row: self._grown(dest))
        self.model.rowsRemoved.connect(self._rows_changed)
        self.model.dataChanged.connect(self._data_changed)
        outer.addWidget(self.view)
        self.add_button = QPushButton(self.tr("+ Ajouter une note"))
        self.add_button.setObjectName("addNote")
        self.add_button.setAccessibleName(self.tr("Ajouter une note dans « {title} »").format(title=section.title))
        self.add_button.setFlat(True)
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(self.add_last)
        self.add_button.installEventFilter(self)  # (Enter, or typing on it, starts a note)
        outer.addWidget(self.add_button)

    @property
    def workshop(self) -> int | None:
        return self.model.workshop

    # -------------------------------------------------------------- content
    def set_workshop(self, workshop: int) -> None:
        self.model.set_workshop(workshop)

    def refresh(self) -> None:
        """Show the section's outline as the session holds it (``OutlineModel.refresh``: only
        what changed is inserted, moved, removed or repainted)."""
        self.model.refresh()
        self._fit_rows()

    def on_change(self, change: Change) -> None:
        self.model.on_change(change)
        self._fit_rows()

    def _rows_changed(self, *_args) -> None:
        self._unfit = True

    def _fit_rows(self) -> None:
        if self._unfit:
            self._unfit = False
            self.fit()

    def _reset(self) -> None:
        self.delegate.editing.clear()  # (the view closed them)
        self.delegate.forget_layouts()
        self.view.expandAll()
        self.fit()

    def _grown(self, parent: QModelIndex) -> None:
        """Rows inserted or moved under ``parent``: it is open (every note of an outline shows)."""
        if parent.isValid():
            self.view.expand(parent)
        self._unfit = True

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles=()) -> None:
        """A note's text or summary changed: its row grows or shrinks if its text wraps anew."""
        if top_left != bottom_right:
            self.view.scheduleDelayedItemsLayout()
            self.fit()
            return
        before = self.delegate.cached_height(top_left.data(NOTE_ID_ROLE))
        if self.delegate.height(top_left) != before:
            self.delegate.sizeHintChanged.emit(top_left)  # (the view lays its rows out again)
            self.fit()

    def fit(self) -> None:
        """The view's height: its rows' (every row shown, their heights the delegate's)."""
        if self.delegate.width <= 0:
            return
        # (the view's own sum of its rows' heights, laid out first if a layout is pending)
        height = max(self.view.viewportSizeHint().height(), 0) if self.model.rowCount() else 0
        if self.view.height() != height:
            self.view.setFixedHeight(height)

    def note_ids(self) -> list[str]:
        return self.model.note_ids()

    def has_note(self, note_id: str) -> bool:
        return note_id in self.model

    def editor(self, note_id: str) -> NoteEdit | None:
        """The note's editor, opened (a persistent editor of the view) if it was only painted so
        far; the other notes' editors that have not the focus are closed (painted again)."""
        index = self.model.index_of(note_id)
        if not index.isValid():
            return None
        editor = self.view.indexWidget(index)
        if editor is None:
            self.view.openPersistentEditor(index)
            editor = self.view.indexWidget(index)
            self._close_others(note_id)
        return editor

    def editor_focused(self, editor: NoteEdit) -> None:
        self._close_others(editor.note_id)

    def _close_others(self, note_id: str) -> None:
        for nid in list(self.delegate.editing):
            if nid == note_id:
                continue
            index = self.model.index_of(nid)
            other = self.view.indexWidget(index) if index.isValid() else None
            if other is not None and other.hasFocus():
                continue
            self.delegate.editing.discard(nid)
            if other is not None:
                self.view.closePersistentEditor(index)

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
