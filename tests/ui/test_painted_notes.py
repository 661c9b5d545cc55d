"""Notes painted by their outline line until first edited (ui/capture/outline.py ``NoteLine``): the same
pixels and heights as their editors, the click's place for the cursor, text changed elsewhere
shown, and no editor made by opening an atelier."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from facilitator.store import EventFile
from tests.ui.helpers import focus, settle

LONG_URL = "https://exemple.fr/un/chemin/tres/long/sans/espace/aucun/pour/couper/nulle/part/du/tout"


def _lines(window):
    return [line for ed in window.sections.values() for line in ed.lines.values()]


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
    assert _lines(window) and not any(line.editing() for line in _lines(window))
    window.select_workshop(2)
    settle()
    assert _lines(window) and not any(line.editing() for line in _lines(window))


def test_painted_notes_look_exactly_as_their_editors(window):
    _varied_notes(window)
    window.workshop_list.setFocus()  # no note focused: no focus bar or background on either side
    bar = window.scroll.verticalScrollBar()
    shots = []
    for make_editors in (False, True):
        if make_editors:
            for line in _lines(window):
                line.edit  # noqa: B018 — made now, where the text was painted
        settle()
        heights = [line.height() for line in _lines(window)]
        images = []
        for value in (0, bar.maximum() // 2, bar.maximum()):  # the whole outline, in three views
            bar.setValue(value)
            settle()
            images.append(window.scroll.viewport().grab().toImage())
        shots.append((heights, images))
    (painted_heights, painted), (edited_heights, edited) = shots
    assert all(line.editing() for line in _lines(window))
    assert painted_heights == edited_heights
    assert bar.maximum() > 0
    for a, b in zip(painted, edited, strict=True):
        assert a == b  # pixel for pixel


def test_a_click_on_a_painted_note_edits_it_where_clicked(window):
    sec = window.sections["indicateurs"]
    line = sec.lines[sec.note_ids()[0]]
    at = QPoint(line._text_left() + 60, line.height() // 2)
    QTest.mouseClick(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    editor = line.edit
    assert focus() is editor
    where = editor.cursorForPosition(editor.viewport().mapFrom(line, at)).position()
    assert 0 < where < len(editor.toPlainText())
    assert editor.textCursor().position() == where
    assert window.current_note == line.note_id  # the details panel follows, as for an editor


def test_a_drag_on_a_painted_note_selects(window):
    sec = window.sections["indicateurs"]
    line = sec.lines[sec.note_ids()[1]]
    start, end = QPoint(line._text_left() + 3, 8), QPoint(line._text_left() + 120, 8)
    QTest.mousePress(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(line, end)
    QTest.mouseRelease(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    selected = line.edit.textCursor().selectedText()
    assert len(selected) > 5 and line.edit.toPlainText().startswith(selected)


def test_a_painted_note_shows_text_changed_elsewhere(window):
    sec = window.sections["indicateurs"]
    nid = sec.note_ids()[0]
    line = sec.lines[nid]
    before, original = line.height(), line.text()
    window.session.run(EventFile.edit_note, nid, text="Un texte changé ailleurs. " * 12)
    settle()
    assert not line.editing()
    assert line.text() == "Un texte changé ailleurs. " * 12
    assert line.accessibleDescription() == line.text()
    assert line.height() > before  # several lines now
    window.session.undo()  # (which also brings the person back to the note: its editor then)
    settle()
    assert line.text() == original and line.height() == before


def test_keyboard_focus_on_a_painted_note_goes_to_its_editor(window):
    sec = window.sections["initiatives"]
    line = sec.lines[sec.note_ids()[0]]
    line.setFocus(Qt.FocusReason.TabFocusReason)
    assert line.editing() and focus() is line.edit
    assert line.focusPolicy() == Qt.FocusPolicy.NoFocus  # its editor takes its place
