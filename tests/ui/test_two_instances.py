"""Two programs on one event file see each other's changes: a real window on a real file, and a
real second process writing to it; the window shows what the other wrote without losing what is
being typed (the note being edited keeps its text and cursor)."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from tests.ui.helpers import focus, key, settle, type_text

_OTHER = """
import sys
from facilitator.store import EventFile
with EventFile.open(sys.argv[1], device="autre-programme") as ev:
    ev.add_note(int(sys.argv[2]), sys.argv[3], "écrite par un autre programme")
"""


def test_the_window_shows_a_note_another_process_added(window, qtbot):
    sec = window.sections["futurs"]
    ids = sec.note_ids()
    if ids:
        sec.focus_note(ids[-1])
        key(Qt.Key.Key_Return)
    else:
        sec.add_last()
    type_text("en cours de frappe")
    settle()
    editor = focus()
    cursor = editor.textCursor()
    cursor.setPosition(3)
    editor.setTextCursor(cursor)
    typed_id = editor.note_id

    subprocess.run([sys.executable, "-c", _OTHER, str(window.session.ev.path), str(sec.workshop), sec.section.id],
                   check=True, timeout=120)

    def shown() -> bool:
        return any(sec.model.text(n) == "écrite par un autre programme" for n in sec.note_ids())

    qtbot.waitUntil(shown, timeout=30000)
    assert focus() is editor and editor.note_id == typed_id
    assert editor.toPlainText() == "en cours de frappe"
    assert editor.textCursor().position() == 3
    type_text("x")  # typing goes on where it was
    settle()
    assert editor.toPlainText() == "en xcours de frappe"
