"""The outline's model/view (ui/capture/outline.py): rows painted by ``NoteDelegate``, an editor
(``NoteEdit``) opened only for the note being edited, with the same pixels, heights and text
position as the painted row; the click's place for the cursor; text changed elsewhere shown;
no editor made by opening an atelier; a change touching one note signalled for that one row."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from facilitator.kit.model import Item
from facilitator.store import EventFile
from tests.ui.helpers import focus, key, settle, type_text
from ui.capture.outline import NOTE_ID_ROLE, TEXT_LEFT, NoteEdit

LONG_URL = "https://exemple.fr/un/chemin/tres/long/sans/espace/aucun/pour/couper/nulle/part/du/tout"


def _rows(window):
    """(section, note id) of every note shown."""
    return [(sec, nid) for sec in window.sections.values() for nid in sec.note_ids()]


def _rect(sec, nid):
    return sec.view.visualRect(sec.model.index_of(nid))


def _varied_notes(window) -> None:
    """An empty note, nested notes, a long unbroken link, two paragraphs (right-to-left and
    mixed scripts), a summary."""
    session = window.session
    first = window.sections["defis"].note_ids()[0]
    session.run(EventFile.add_note, 1, "defis", "", after=first)
    nested = session.run(EventFile.add_note, 1, "defis", f"Une sous-note qui passe à la ligne, avec {LONG_URL}",
                        after=first).focus
    session.run(EventFile.indent, nested)
    deeper = session.run(EventFile.add_note, 1, "defis", "Sous-sous-note : مرحبا بكم في ورشة العمل\nשלום, deux paragraphes", after=nested).focus
    session.run(EventFile.indent, deeper)
    session.run(EventFile.indent, deeper)
    session.run(EventFile.vote, deeper, 2)
    settle()


def test_opening_an_atelier_makes_no_editor(window):
    assert _rows(window) and window.findChildren(NoteEdit) == []
    window.select_workshop(2)
    settle()
    assert _rows(window) and window.findChildren(NoteEdit) == []


def test_painted_notes_look_exactly_as_their_editors(window):
    _varied_notes(window)
    assert [d for nid, d in window.sections["defis"].model.order()][:4] == [0, 1, 2, 0]
    window.workshop_list.setFocus()  # no note focused: no focus bar or background on either side
    bar = window.scroll.verticalScrollBar()
    shots = []
    for make_editors in (False, True):
        if make_editors:
            for sec, nid in _rows(window):  # every note's editor, opened on its row
                sec.view.openPersistentEditor(sec.model.index_of(nid))
        settle()
        rects = [_rect(sec, nid) for sec, nid in _rows(window)]
        heights = [sec.view.height() for sec in window.sections.values()]
        images = []
        for value in (0, bar.maximum() // 2, bar.maximum()):  # the whole outline, in three views
            bar.setValue(value)
            settle()
            images.append(window.scroll.viewport().grab().toImage())
        shots.append((rects, heights, images))
    (painted_rects, painted_heights, painted), (edited_rects, edited_heights, edited) = shots
    editors = [sec.view.indexWidget(sec.model.index_of(nid)) for sec, nid in _rows(window)]
    assert all(isinstance(ed, NoteEdit) for ed in editors)
    assert painted_rects == edited_rects and painted_heights == edited_heights  # the same rows
    for ed, rect in zip(editors, edited_rects, strict=True):  # each editor where its text was painted
        assert (ed.x(), ed.y(), ed.height()) == (rect.left() + TEXT_LEFT, rect.top(), rect.height())
    assert bar.maximum() > 0
    for a, b in zip(painted, edited, strict=True):
        assert a == b  # pixel for pixel


def test_a_click_on_a_painted_note_edits_it_where_clicked(window):
    sec = window.sections["indicateurs"]
    nid = sec.note_ids()[0]
    rect = _rect(sec, nid)
    assert sec.view.indexWidget(sec.model.index_of(nid)) is None  # only painted so far
    at = QPoint(rect.left() + TEXT_LEFT + 60, rect.top() + rect.height() // 2)
    QTest.mouseClick(sec.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    editor = sec.view.indexWidget(sec.model.index_of(nid))
    assert isinstance(editor, NoteEdit) and focus() is editor and editor is sec.editor(nid)
    where = editor.cursorForPosition(editor.viewport().mapFrom(sec.view.viewport(), at)).position()
    assert 0 < where < len(editor.toPlainText())
    assert editor.textCursor().position() == where
    assert window.current_note == nid  # the details panel follows, as for an editor


def test_a_drag_on_a_painted_note_selects(window):
    sec = window.sections["indicateurs"]
    nid = sec.note_ids()[1]
    rect = _rect(sec, nid)
    start, end = QPoint(rect.left() + TEXT_LEFT + 3, rect.top() + 8), QPoint(rect.left() + TEXT_LEFT + 120, rect.top() + 8)
    QTest.mousePress(sec.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(sec.view.viewport(), end)
    QTest.mouseRelease(sec.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    editor = sec.editor(nid)
    selected = editor.textCursor().selectedText()
    assert len(selected) > 5 and editor.toPlainText().startswith(selected)


def test_a_painted_note_shows_text_changed_elsewhere(window):
    sec = window.sections["indicateurs"]
    nid = sec.note_ids()[0]
    index = sec.model.index_of(nid)
    before, original = _rect(sec, nid).height(), sec.model.text(nid)
    below = _rect(sec, sec.note_ids()[1]).top()
    window.session.run(EventFile.edit_note, nid, text="Un texte changé ailleurs. " * 12)
    settle()
    assert sec.view.indexWidget(index) is None  # still only painted
    assert sec.model.text(nid) == "Un texte changé ailleurs. " * 12
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == sec.model.text(nid)
    assert _rect(sec, nid).height() > before  # several lines now
    assert _rect(sec, sec.note_ids()[1]).top() > below  # the next row moved down for it
    window.session.undo()  # (which also brings the person back to the note: its editor then)
    settle()
    assert sec.model.text(nid) == original and _rect(sec, nid).height() == before
    assert sec.editor(nid).toPlainText() == original


def test_the_note_being_edited_is_the_one_with_an_editor(window):
    sec = window.sections["defis"]
    first, second = sec.note_ids()[:2]
    assert sec.focus_note(first) and focus() is sec.editor(first)
    assert sec.view.focusPolicy() == Qt.FocusPolicy.NoFocus  # the view never takes the keys: its editors do
    sec.focus_note(second)
    assert focus() is sec.editor(second)
    assert sec.view.indexWidget(sec.model.index_of(first)) is None  # painted again
    settle()  # (its editor deleted at the next turn of the event loop)
    assert len(sec.view.findChildren(NoteEdit)) == 1


def test_typing_and_a_new_note_signal_only_their_rows(window, demo_file):
    """A section of 300 notes: a new note inserts one row (no reset, no layout of the whole
    model), typing changes one row's data."""
    window.session.ev.add_items(1, "futurs", [Item(f"Note préparée {i}") for i in range(300)])
    window.session.reload()
    settle()
    sec = window.sections["futurs"]
    assert len(sec.note_ids()) > 300
    signals: list[tuple] = []
    model = sec.model
    model.modelReset.connect(lambda: signals.append(("reset",)))
    model.layoutChanged.connect(lambda *_: signals.append(("layout",)))
    model.rowsInserted.connect(lambda _p, a, b: signals.append(("inserted", a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: signals.append(("removed", a, b)))
    model.rowsMoved.connect(lambda *_: signals.append(("moved",)))
    model.dataChanged.connect(lambda a, b, *_: signals.append(("data", a.data(NOTE_ID_ROLE), b.data(NOTE_ID_ROLE))))
    sec.focus_note(sec.note_ids()[100])
    key(Qt.Key.Key_Return)
    settle()
    new = focus().note_id
    assert signals == [("inserted", 101, 101)]
    assert sec.note_ids()[101] == new
    signals.clear()
    type_text("abc")
    settle()
    assert signals and set(signals) == {("data", new, new)}
    assert window.session.ev.note(new).text == "abc"
