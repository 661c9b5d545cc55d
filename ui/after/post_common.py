"""Pieces shared by the after-the-event screens: typed fields, note listings across ateliers,
window helpers (operations run through ``Session.run``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from facilitator.errors import OperationError
from facilitator.store import Change, NoteRow
from ui.capture.session import Session
from ui.common import errors

# The capture window's style (transparent note editors) cascades to its child windows: these
# windows hold ordinary forms, so their fields get a visible frame and focus again.
STYLE = """
QPlainTextEdit, QTextBrowser { background: palette(base); border: 1px solid #8c8c8c; border-left: 1px solid #8c8c8c; }
QPlainTextEdit:focus, QTextBrowser:focus { border: 2px solid #1a56db; background: palette(base); }
QPlainTextEdit:disabled { background: palette(window); }
QListWidget::item { padding: 4px 2px; border-bottom: 1px solid #d8d8d8; }
QListWidget::item:selected { background: #1a56db; color: white; }
#proposalCommitments::item, #notePickerList::item, #mergeSources::item { border-bottom: 0; padding: 1px; }
#validationLabel { color: #0b6b2e; }
#conflictHeading { color: #7a2e00; }
"""


def run_op(session: Session, text: str, op: Callable[..., Change], /, *args, **kwargs) -> Change | None:
    """``Session.run`` with the undo label first, as the after-the-event screens spell it; ``op``
    is a core operation (an ``EventFile`` method or a core function), never a name."""
    return session.run(op, *args, label=text, **kwargs)


def run_typed(session: Session, text: str, key: tuple, token: int, op: Callable[..., Change], /, *args,
              **kwargs) -> Change | None:
    """A typed value stored at once; consecutive typing in one field merges into one undo step
    (``Session.run`` with ``merge``)."""
    return session.run(op, *args, label=text, merge=(*key, token), **kwargs)


class TypedField(QObject):
    """Binds a QLineEdit / QPlainTextEdit to a store function called with (text, token) at the next
    turn of the event loop after each change: nothing typed waits for a Save."""

    _tokens = 0

    def __init__(self, widget: QLineEdit | QPlainTextEdit, store: Callable[[str, int], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.store = store
        self._loading = False
        self._pending = False
        self.token = self._next()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.flush)
        widget.textChanged.connect(self._changed)
        widget.installEventFilter(self)

    @classmethod
    def _next(cls) -> int:
        TypedField._tokens += 1
        return TypedField._tokens

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def set_text(self, text: str) -> None:
        """Show a stored value (undo, another view) without storing it again."""
        if self._pending or self.text() == text:
            return
        self._loading = True
        try:
            w = self.widget
            if isinstance(w, QLineEdit):
                pos = w.cursorPosition()
                w.setText(text)
                w.setCursorPosition(min(pos, len(text)))
            else:
                pos = w.textCursor().position()
                w.setPlainText(text)
                c = w.textCursor()
                c.setPosition(min(pos, len(text)))
                w.setTextCursor(c)
        finally:
            self._loading = False

    def new_session(self) -> None:
        self.token = self._next()

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._pending = True
        self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        if self._pending:
            self._pending = False
            self.store(self.text(), self.token)

    def eventFilter(self, obj, e) -> bool:  # noqa: N802 — Qt's name
        if e.type() == QEvent.Type.FocusIn:
            self.new_session()
        elif e.type() == QEvent.Type.FocusOut:
            self.flush()
        return False


def add_undo_actions(widget: QWidget, session: Session) -> None:
    """Ctrl+Z / Ctrl+Shift+Z in a window of its own (the capture window's actions stay there)."""
    for keys, fn, name in ((QKeySequence.StandardKey.Undo, session.undo, "undo"),
                           (["Ctrl+Shift+Z", "Ctrl+Y"], session.redo, "redo")):
        a = QAction(widget)
        a.setObjectName(f"{widget.objectName()}-{name}")
        a.setShortcuts([QKeySequence(k) for k in keys] if isinstance(keys, list) else QKeySequence.keyBindings(keys))
        a.triggered.connect(fn)
        widget.addAction(a)


@dataclass(frozen=True)
class Located:
    """A note with its atelier, section and depth, for the lists across ateliers."""

    workshop: int
    section: str
    row: NoteRow
    depth: int


def all_notes(session: Session, section: str | None = None) -> Iterator[Located]:
    """Every visible note in document order (atelier, section, outline), or only one section's."""
    kit = session.kit
    for w in kit.workshops:
        for s in kit.sections:
            if section is not None and s.id != section:
                continue
            for row, depth in session.outline(w.number, s.id):
                yield Located(w.number, s.id, row, depth)


def first_line(text: str, limit: int = 90) -> str:
    line = (text.strip().splitlines() or [""])[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def needs_reload(change: Change) -> bool:
    return bool(change.extra.get("reload")) or change.touches("resolution")


def go_to_note(main, note_id: str) -> None:
    """Show a note in the capture window (``MainWindow.go_to_note``)."""
    try:
        row = main.session.note(note_id)
    except OperationError as exc:  # a note this file does not know
        errors.report(exc)
        return
    fn = getattr(main, "go_to_note", None)
    if fn is None:
        return
    main.raise_()
    main.activateWindow()
    fn(row.workshop, note_id)
