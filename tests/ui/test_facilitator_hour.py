"""A facilitator's hour, keyboard first: what is typed is seen, going somewhere shows it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from tests.ui.helpers import focus, key, settle, type_text
from ui.outline import NoteEdit

K = Qt.Key
M = Qt.KeyboardModifier


def _cursor_in_view(window) -> bool:
    """The text cursor of the focused note lies inside the outline's viewport."""
    ed = focus()
    assert isinstance(ed, NoteEdit)
    r = ed.cursorRect()
    vp = window.scroll.viewport()
    top = ed.viewport().mapTo(vp, r.topLeft())
    bottom = ed.viewport().mapTo(vp, r.bottomLeft())
    return QRect(QPoint(0, 0), vp.size()).contains(top) and QRect(QPoint(0, 0), vp.size()).contains(bottom)


def _title_top(window, sid) -> int:
    return window.sections[sid].title.mapTo(window.scroll.viewport(), QPoint(0, 0)).y()


def test_typing_blind_each_new_note_stays_in_view(window):
    window.resize(1100, 560)
    settle()
    sid = window.kit.sections[4].id
    key(K.Key_5, M.ControlModifier)
    settle()
    assert window.current_section_id() == sid
    assert isinstance(focus(), NoteEdit)
    # a section reached by its shortcut shows its title at the top of the outline
    assert 0 <= _title_top(window, sid) <= 12
    # go to its last note, then type notes below it: each one is seen while typed
    for _ in range(len(window.sections[sid].note_ids()) + 1):
        key(K.Key_Down)
    key(K.Key_End, M.ControlModifier)
    for step in ("Enter", "Première idée", "Enter", "Deuxième idée", "Tab", "Enter",
                 "Une sous-idée assez longue pour passer à la ligne " * 3, "Enter", "Enter",
                 "Encore", "Enter", "Et encore", "Enter", "Dernière"):
        if step == "Enter":
            key(K.Key_Return)
        elif step == "Tab":
            key(K.Key_Tab)
        else:
            type_text(step)
        settle()
        assert _cursor_in_view(window), step
    assert window.scroll.verticalScrollBar().value() > 0


def test_every_section_shortcut_puts_its_title_at_the_top(window):
    window.resize(1100, 560)
    settle()
    for i, s in enumerate(window.kit.sections[:9]):
        key(getattr(K, f"Key_{i + 1}"), M.ControlModifier)
        settle()
        assert 0 <= _title_top(window, s.id) <= 12, s.id
        if isinstance(focus(), NoteEdit):
            assert _cursor_in_view(window)
    # and back up
    key(K.Key_1, M.ControlModifier)
    settle()
    assert 0 <= _title_top(window, window.kit.sections[0].id) <= 12


def test_shot_typing(window, tmp_path):
    import os
    if not os.environ.get("SHOTS"):
        return
    test_typing_blind_each_new_note_stays_in_view(window)
    window.grab().save(os.environ["SHOTS"] + "/typing.png")
