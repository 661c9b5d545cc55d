"""An undo (or a redo) the event file refuses — another program open on the same file changed
that record since — leaves the undo stack on the refused command, and the user is told why
through the one error handler; nothing of the other program's change is reverted.

Two real ``EventFile`` handles on one file: the app's session and another "program".
"""

from __future__ import annotations

from facilitator.store import EventFile
from ui.capture.session import Session


def _two_handles(demo_file):
    ours = EventFile.open(demo_file, device="laptop-app")
    other = EventFile.open(demo_file, device="laptop-other")
    return Session(ours), other


def test_a_refused_undo_keeps_the_stack_on_its_command(qtbot, demo_file, messages):
    session, other = _two_handles(demo_file)
    try:
        note = session.ev.notes()[0]
        session.run(EventFile.edit_note, note.id, text="écrit dans l'application")
        assert session.stack.index() == 1 and session.stack.canUndo()
        other.edit_note(note.id, text="écrit par un autre programme")

        session.undo()

        assert session.stack.index() == 1  # still on the refused command
        assert session.stack.canUndo() and not session.stack.canRedo()
        assert len(messages) == 1 and "modifié" in messages[0] and "autre programme" in messages[0], messages
        assert other.note(note.id).text == "écrit par un autre programme"
        assert session.ev.note(note.id).text == "écrit par un autre programme"

        # once the other program's change is itself undone there, the undo goes through
        other.edit_note(note.id, text="écrit dans l'application")
        session.undo()
        assert session.stack.index() == 0 and session.stack.canRedo()
        assert session.ev.note(note.id).text == note.text
        assert len(messages) == 1
    finally:
        session.close()
        other.close()


def test_a_refused_redo_keeps_the_stack_before_its_command(qtbot, demo_file, messages):
    session, other = _two_handles(demo_file)
    try:
        note = session.ev.notes()[0]
        session.run(EventFile.edit_note, note.id, text="écrit dans l'application")
        session.undo()
        assert session.stack.index() == 0
        other.edit_note(note.id, text="écrit par un autre programme")

        session.redo()

        assert session.stack.index() == 0 and session.stack.canRedo()
        assert len(messages) == 1 and "autre programme" in messages[0], messages
        assert session.ev.note(note.id).text == "écrit par un autre programme"
    finally:
        session.close()
        other.close()


def test_an_undo_not_refused_steps_back_as_before(qtbot, demo_file, messages):
    session, other = _two_handles(demo_file)
    try:
        notes = session.ev.notes()
        session.run(EventFile.edit_note, notes[0].id, text="écrit dans l'application")
        other.edit_note(notes[1].id, text="une autre note, par un autre programme")  # another record
        session.undo()
        assert session.stack.index() == 0 and messages == []
        assert session.ev.note(notes[0].id).text == notes[0].text
        assert session.ev.note(notes[1].id).text == "une autre note, par un autre programme"
        session.redo()
        assert session.stack.index() == 1
        assert session.ev.note(notes[0].id).text == "écrit dans l'application"
    finally:
        session.close()
        other.close()
