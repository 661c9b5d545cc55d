"""Capture: the window's contract, typing notes, outline keys, undo/redo of every operation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QWidget

from facilitator.store import EventFile
from tests.ui.helpers import focus, key, settle, type_text
from ui.capture.outline import SUMMARY_ROLE, NoteEdit
from ui.shell.mainwindow import MainWindow

K = Qt.Key
M = Qt.KeyboardModifier


def stored(path, workshop=1, section="futurs"):
    with EventFile.open(path, device="reader") as ev:
        return [(r.text, d) for r, d in ev.outline(workshop, section)]


def test_build_gives_the_window_with_its_stable_names(window, demo_file):
    assert isinstance(window, MainWindow)
    assert isinstance(window.findChild(QListWidget, "workshopList"), QListWidget)
    assert window.findChild(QListWidget, "workshopList").count() == 5
    q = window.findChild(QLabel, "questionLabel")
    assert "Évaluation des politiques publiques" in q.text()
    for s in window.kit.sections:
        assert window.findChild(QWidget, f"section-{s.id}") is not None
    for name in ("phaseTimer", "searchBox", "noteDetails"):
        assert window.findChild(QWidget, name) is not None, name
    # the atelier's and participants' tabs are made when first shown (start-up): then found too
    for index, name in ((1, "workshopDetails"), (2, "participantsForm")):
        assert window.findChild(QWidget, name) is None, name
        window.tabs.setCurrentIndex(index)
        assert window.findChild(QWidget, name) is not None, name
        assert window.findChild(QWidget, name).isVisible(), name
    # kit items and demo notes are there, in order
    initiatives = window.sections["initiatives"]
    assert initiatives.note_ids()
    assert "*" not in window.windowTitle() and demo_file.name in window.windowTitle()


def test_every_control_has_an_accessible_name(window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
    )

    missing = [w.objectName() or type(w).__name__
               for cls in (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QListWidget, QAbstractSpinBox)
               for w in window.findChildren(cls)
               if not w.accessibleName() and w.isVisibleTo(window) and not isinstance(w.parent(), QAbstractSpinBox)
               and not type(w.parent()).__name__ == "QComboBox"]
    assert missing == []


def test_typing_a_note_stores_it_at_once(window, demo_file):
    window.go_to_section("futurs")
    assert focus() is window.sections["futurs"].add_button or isinstance(focus(), NoteEdit)
    before = stored(demo_file)
    if focus() is window.sections["futurs"].add_button:
        key(K.Key_Space)
    else:
        key(K.Key_End, M.ControlModifier)
        key(K.Key_Return)
    type_text("Ouvrir les données")
    settle()
    after = stored(demo_file)
    assert ("Ouvrir les données", 0) in after and len(after) == len(before) + 1
    # Shift+Enter is a new line inside the note, Enter a new note
    key(K.Key_Return, M.ShiftModifier)
    type_text("en continu")
    key(K.Key_Return)
    type_text("Deuxième")
    settle()
    texts = [t for t, _ in stored(demo_file)]
    assert "Ouvrir les données\nen continu" in texts
    assert texts.index("Deuxième") == texts.index("Ouvrir les données\nen continu") + 1


def _fresh_note(window, text):
    sec = window.sections["futurs"]
    ids = sec.note_ids()
    if ids:
        sec.focus_note(ids[-1])
        key(K.Key_Return)
    else:
        sec.add_last()
    type_text(text)
    settle()
    return focus()


def test_outline_keys_and_undo_redo_of_each(window, demo_file):
    sec = window.sections["futurs"]
    a = _fresh_note(window, "A")
    key(K.Key_Return)
    type_text("B")
    settle()
    base = stored(demo_file)
    assert base[-2:] == [("A", 0), ("B", 0)]

    key(K.Key_Tab)  # indent B under A
    assert stored(demo_file)[-2:] == [("A", 0), ("B", 1)]
    assert isinstance(focus(), NoteEdit) and focus().toPlainText() == "B"
    key(K.Key_Z, M.ControlModifier)
    assert stored(demo_file)[-2:] == [("A", 0), ("B", 0)]
    key(K.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert stored(demo_file)[-2:] == [("A", 0), ("B", 1)]
    key(K.Key_Backtab, M.ShiftModifier)  # outdent
    assert stored(demo_file)[-2:] == [("A", 0), ("B", 0)]

    key(K.Key_Up, M.AltModifier)  # move B above A
    assert stored(demo_file)[-2:] == [("B", 0), ("A", 0)]
    assert focus().toPlainText() == "B"
    key(K.Key_Down, M.AltModifier)
    assert stored(demo_file)[-2:] == [("A", 0), ("B", 0)]
    key(K.Key_Z, M.ControlModifier)
    assert stored(demo_file)[-2:] == [("B", 0), ("A", 0)]
    key(K.Key_Y, M.ControlModifier)
    assert stored(demo_file)[-2:] == [("A", 0), ("B", 0)]

    # Backspace on an empty note deletes it; undo brings it back
    key(K.Key_Return)
    settle()
    n = len(stored(demo_file))
    key(K.Key_Backspace)
    assert len(stored(demo_file)) == n - 1
    assert focus().toPlainText() == "B"
    key(K.Key_Z, M.ControlModifier)
    assert len(stored(demo_file)) == n
    key(K.Key_Z, M.ControlModifier)  # undo the creation too
    assert len(stored(demo_file)) == n - 1
    assert sec.editor(a.note_id) is not None


def test_typing_is_one_undo_step_per_editing_session(window, demo_file):
    _fresh_note(window, "Premier jet")
    ed = focus()
    type_text(" et la suite")
    settle()
    assert stored(demo_file)[-1][0] == "Premier jet et la suite"
    key(K.Key_Z, M.ControlModifier)
    settle()
    assert stored(demo_file)[-1][0] == ""
    assert ed.toPlainText() == ""
    key(K.Key_Z, M.ControlModifier | M.ShiftModifier)
    settle()
    assert stored(demo_file)[-1][0] == "Premier jet et la suite"
    assert ed.toPlainText() == "Premier jet et la suite"


def test_deleting_a_parent_deletes_its_children_and_undo_restores_them(window, demo_file):
    _fresh_note(window, "P")
    key(K.Key_Return)
    type_text("enfant")
    key(K.Key_Tab)
    settle()
    assert stored(demo_file)[-2:] == [("P", 0), ("enfant", 1)]
    window.sections["futurs"].focus_neighbour(focus().note_id, -1)
    assert focus().toPlainText() == "P"
    window.session.run(EventFile.delete_note, focus().note_id)
    assert ("enfant", 1) not in stored(demo_file)
    window.session.undo()
    assert stored(demo_file)[-2:] == [("P", 0), ("enfant", 1)]


def test_arrows_move_between_notes_and_sections(window):
    window.go_to_section("initiatives")
    first = focus()
    assert isinstance(first, NoteEdit)
    key(K.Key_Down, M.ControlModifier)
    assert window.current_section_id() == "defis"
    ed = focus()
    ids = window.sections["defis"].note_ids()
    assert ed.note_id == ids[0]
    key(K.Key_Down)
    key(K.Key_End, M.ControlModifier)
    key(K.Key_Down)
    assert focus().note_id in ids[1:]
    key(K.Key_Up, M.ControlModifier)
    assert window.current_section_id() == "initiatives"
    key(K.Key_1, M.ControlModifier)
    assert window.current_section_id() == window.kit.sections[0].id


def test_switching_atelier_shows_its_notes_and_question(window, demo_file):
    window.workshop_list.setCurrentRow(2)
    w = window.kit.workshops[2]
    assert window.question.text() == (w.question or w.title)
    with EventFile.open(demo_file, device="r") as ev:
        expected = [r.id for r, _ in ev.outline(w.number, "defis")]
    assert window.sections["defis"].note_ids() == expected


def test_note_details_contributor_commitments_votes_urls(window, demo_file, messages):
    d = window.details
    assert not d.isEnabled() and d.commitments.count() == 0  # no note yet: nothing to check
    ed = _fresh_note(window, "Avec détails")
    nid = ed.note_id
    assert d.isEnabled()
    plan = window.kit.plan
    assert [d.commitments.item(i).data(Qt.ItemDataRole.UserRole) for i in range(d.commitments.count())] \
        == [c.id for c in plan.commitments]  # listed with the first note shown
    mine = set(window.workshop.commitments)
    assert mine and all(d.commitments.item(i).font().bold() == (c.id in mine) for i, c in enumerate(plan.commitments))
    d.contributor.setCurrentIndex(d.contributor.findData("societe-civile"))
    d.contributor.activated.emit(d.contributor.currentIndex())
    d.commitments.item(3).setCheckState(Qt.CheckState.Checked)
    key(K.Key_Plus, M.ControlModifier, widget=ed)
    key(K.Key_Plus, M.ControlModifier, widget=ed)
    key(K.Key_Minus, M.ControlModifier, widget=ed)
    d.urls.setText("https://example.org/a https://example.org/b")
    d.urls.editingFinished.emit()
    with EventFile.open(demo_file, device="r") as ev:
        row = ev.note(nid)
    assert row.contributor == "societe-civile"
    assert row.commitments == ("4",)
    assert row.votes == 1
    assert row.urls == ("https://example.org/a", "https://example.org/b")
    assert d.votes.text() == "1"
    sec = window.sections["futurs"]
    assert "+1" in sec.model.index_of(nid).data(SUMMARY_ROLE)  # painted at the row's right
    # a bad address: one French message, nothing stored
    d.urls.setText("pas une adresse")
    d.urls.editingFinished.emit()
    assert messages and "invalide" in messages[-1]
    with EventFile.open(demo_file, device="r") as ev:
        assert ev.note(nid).urls == ("https://example.org/a", "https://example.org/b")
    # every detail is undoable
    for _ in range(6):  # urls, 3 votes, commitments, contributor
        window.session.undo()
    with EventFile.open(demo_file, device="r") as ev:
        row = ev.note(nid)
    assert (row.contributor, row.commitments, row.votes, row.urls) == (None, (), 0, ())
