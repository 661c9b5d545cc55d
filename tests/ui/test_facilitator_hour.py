"""A facilitator's hour, keyboard first: what is typed is seen, going somewhere shows it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.helpers import focus, key, settle, type_text
from ui.capture.outline import NoteEdit
from ui.capture.timer import fmt

ROOT = Path(__file__).resolve().parents[2]

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



def _search_and_pick(window, words: str, workshop: int) -> None:
    """Ctrl+F, type, Enter, Down to the first result in ``workshop``, Enter."""
    key(K.Key_F, M.ControlModifier)
    type_text(words)
    key(K.Key_Return)
    results = window.search.results
    assert focus() is results
    rows = [i for i in range(results.count())
            if (results.item(i).data(Qt.ItemDataRole.UserRole) or (None,))[0] == workshop]
    assert rows, f"no result in atelier {workshop}"
    for _ in range(rows[0]):
        key(K.Key_Down)
    key(K.Key_Return)
    settle()


def test_search_elsewhere_moves_neither_the_timer_nor_the_projector(window, clock):
    window.toggle_projector()
    projector = window.projector
    key(K.Key_F8)  # the timer of atelier 1 runs
    clock.advance(125)
    key(K.Key_3, M.ControlModifier)
    sid = window.kit.sections[2].id
    key(K.Key_End, M.ControlModifier)
    key(K.Key_Return)
    type_text("Note en cours de l'atelier un")
    settle()
    projector.render()
    before = (projector.question.text(), projector.phase.text(), projector.notes.toPlainText())
    assert "Note en cours de l'atelier un" in before[2]
    other = window.kit.workshops[2]
    word = next(w for r in window.session.ev.notes() if r.workshop == other.number
                for w in r.text.split() if len(w) > 8)
    _search_and_pick(window, word, other.number)
    # the capture shows the note found, in its atelier...
    assert window.workshop is other and focus().note_id in window.sections[
        window.session.note(focus().note_id).section].note_ids()
    assert window.question.text() == (other.question or other.title)
    assert window.findChild(QWidget, "viewingBanner").isVisible()
    # ... the room sees what it saw: atelier 1, its timer, its notes, its current note
    assert window.running is window.kit.workshops[0]
    assert window.timer_state.current.running
    assert window.timer.clock is window.timer_state.current
    assert window.timer_state.current.remaining() == 45 * 60 - 125
    window.timer.refresh()  # (as its next tick does)
    assert window.timer.time_label.text() == "42:55"
    settle()
    projector.render()
    assert (projector.question.text(), projector.phase.text(), projector.notes.toPlainText()) == before
    # typing in the note found does not move the room either
    key(K.Key_End, M.ControlModifier)
    type_text(" (vu)")
    settle()
    projector.render()
    assert projector.notes.toPlainText() == before[2]
    assert window.projected_section() == sid
    # back to the atelier being run: on the note being written
    window.findChild(QWidget, "backToRunning").click()
    settle()
    assert window.workshop is window.running
    assert focus().toPlainText() == "Note en cours de l'atelier un"
    assert not window.findChild(QWidget, "viewingBanner").isVisible()
    # choosing an atelier in the list runs it: the timer and the projector follow
    window.workshop_list.setFocus()
    key(K.Key_Down)
    settle()
    assert window.running is window.kit.workshops[1] is window.workshop
    window.timer.refresh()
    assert window.timer.time_label.text() != "42:55"
    projector.render()
    assert projector.question.text() != before[0]



def _reopen(qtbot, path, clock):
    from ui.shell.app import build

    w = build(path, clock=clock)
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_timer_remembers_after_reopening(window, demo_file, qtbot, clock):
    key(K.Key_F8)  # started
    clock.advance(100)
    key(K.Key_F9)  # next phase (still running)
    clock.advance(30)
    key(K.Key_F10)  # +5 min
    key(K.Key_F8)  # paused
    c = window.timer_state.current
    index, left = c.index, c.remaining()
    assert index == 1 and not c.running and left == pytest.approx(c.phase.minutes * 60 + 300 - 30)
    # another atelier's timer is its own, stored too
    window.workshop_list.setCurrentRow(1)
    key(K.Key_F8)
    window.workshop_list.setCurrentRow(0)
    window.close()
    # restarted: atelier 1 paused in phase 2 with the same time left; atelier 2 still running
    w = _reopen(qtbot, demo_file, clock)
    assert w.running is w.kit.workshops[0]
    c = w.timer_state.current
    assert (c.index, c.running) == (index, False) and c.remaining() == pytest.approx(left)
    w.timer.refresh()
    assert w.timer.time_label.text() == fmt(left)
    assert w.timer.start_button.text() == "Démarrer"
    w.workshop_list.setCurrentRow(1)
    c2 = w.timer_state.current
    assert c2.running and c2.index == 0 and c2.remaining() <= c2.duration()
    w.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_the_timer_survives_a_sigkill(demo_file, tmp_path, qtbot):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               FACILITATOR_HOME=str(tmp_path / "child-home"), FACILITATOR_DEVICE="laptop-child")
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("timer_child.py")), str(demo_file)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        line = proc.stdout.readline()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        err = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
    assert line.startswith("STATE "), (line, err[-2000:])
    _, index, left, running = line.split()
    from ui.shell.app import build

    w = build(demo_file)  # the real clocks: the timer went on while the app was dead
    qtbot.addWidget(w)
    c = w.timer_state.current
    assert c.index == int(index) == 1 and c.running and running == "1"
    assert c.extra == 300
    assert c.remaining() < float(left)  # counted on since the kill
    assert c.remaining() > c.duration() - 600  # and not from some other start
    w.close()


def _projected(projector):
    """(text, list indent, italic words, bold words, x of its first line) of each projected note."""
    doc = projector.notes.document()
    out = []
    block = doc.begin()
    while block.isValid():
        lst = block.textList()
        if lst is not None:
            italic, bold = [], []
            for it in block:
                f = it.fragment()
                if f.charFormat().fontItalic():
                    italic.append(f.text())
                if f.charFormat().fontWeight() > 400 and not f.text().startswith(" (+"):
                    bold.append(f.text())
            x = doc.documentLayout().blockBoundingRect(block).left() + block.layout().lineAt(0).x()
            out.append((block.text(), lst.format().indent(), italic, bold, x))
        block = block.next()
    return out


def test_the_projector_keeps_the_structure_and_the_marks(window, qtbot):
    window.toggle_projector()
    p = window.projector
    p.resize(1280, 720)
    window.go_to_section("futurs")
    key(K.Key_End, M.ControlModifier)
    key(K.Key_Return)
    type_text("Une note avec *italique* et **gras**")
    key(K.Key_Return)
    key(K.Key_Tab)
    type_text("- pas une liste, 1. pas un titre")
    key(K.Key_Return)
    key(K.Key_Tab)
    type_text("Troisième niveau")
    key(K.Key_Return, M.ShiftModifier)
    type_text("sur deux lignes")
    settle()
    p.render_notes()
    notes = {t.replace("\u2028", "/"): rest for t, *rest in _projected(p)}
    assert notes["Une note avec italique et gras"][:3] == [1, ["italique"], ["gras"]]
    assert notes["- pas une liste, 1. pas un titre"][0] == 2
    assert notes["Troisième niveau/sur deux lignes"][0] == 3
    xs = [notes[t][3] for t in ("Une note avec italique et gras", "- pas une liste, 1. pas un titre",
                                "Troisième niveau/sur deux lignes")]
    assert xs[0] < xs[1] < xs[2]  # indented by depth, as the room should see it
    assert "*" not in p.notes.toPlainText().replace("**", "")  # (no mark shows its asterisks)
    assert "**" not in p.notes.toPlainText()


def test_the_projector_never_cuts_the_title_and_always_shows_the_current_note(window, qtbot):
    window.toggle_projector()
    p = window.projector
    p.resize(1280, 720)
    window.go_to_section("futurs")
    key(K.Key_End, M.ControlModifier)
    key(K.Key_Return)
    type_text("La note en cours, longue, " * 14)
    settle()
    current = window.projected_note()
    while p.font_size < 96:
        p.zoom(+8)
        settle()
        p.render_notes()
        for label in (p.question, p.phase):  # whole: as tall as its text at its width
            assert label.height() >= label.heightForWidth(label.width()), (p.font_size, label.objectName())
        assert p.question.geometry().bottom() < p.phase.geometry().top()
        assert p.phase.geometry().bottom() < p.notes.geometry().top()
        # the current note's end (where it is typed) is on the screen
        doc = p.notes.document()
        block = doc.findBlockByNumber(p._note_blocks[current])
        rect = doc.documentLayout().blockBoundingRect(block)
        value, height = p.notes.verticalScrollBar().value(), p.notes.viewport().height()
        assert value <= rect.bottom() - block.layout().lineAt(block.layout().lineCount() - 1).height() / 2
        assert rect.bottom() <= value + height, p.font_size
