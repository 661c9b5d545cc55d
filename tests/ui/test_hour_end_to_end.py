"""The facilitator's hour from end to end, keyboard first, as one story: from the start screen,
create the event from a kit it has never run (the 2021 forum's), run its first atelier with the
phase timer, type notes and sub-notes in several sections (each one seen as it is typed), the
projector following the room's section with the outline's nesting and marks, undo and redo, quit,
reopen from the recent files: everything is there, the timer where it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QListWidget

import kits
from tests.ui.helpers import focus, key, settle, type_text
from tests.ui.test_facilitator_hour import K, M, _cursor_in_view, _projected
from ui.common import background
from ui.shell.mainwindow import MainWindow

KIT = kits.FOLDER / "forum-open-etat-2021-1.yaml"


@pytest.fixture(autouse=True)
def _drain():
    yield
    background.wait_all()


def _main_window(qtbot) -> MainWindow:
    qtbot.waitUntil(lambda: any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=30000)
    w = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    qtbot.addWidget(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    settle()
    return w


def _start_screen(qtbot):
    from ui.shell import app

    start = app.show_start_screen()
    qtbot.addWidget(start)
    qtbot.waitExposed(start)
    start.activateWindow()
    qtbot.waitUntil(start.isActiveWindow, timeout=3000)
    return start


def _type_note(text: str, indent: bool = False) -> None:
    key(K.Key_Return)
    if indent:
        key(K.Key_Tab)
    type_text(text)
    settle()


def test_a_facilitators_hour_from_the_start_screen_to_reopening(qtbot, tmp_path, monkeypatch, messages):
    target = tmp_path / "forum-2021.facilitator"
    # (Qt's own file dialogs answered as a person would: the kit, then where to save the event)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(KIT), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    start = _start_screen(qtbot)
    key(K.Key_C, M.AltModifier)  # « &Créer un événement depuis un kit… »
    w = _main_window(qtbot)
    assert w.session.ev.path == target and not start.isVisible()
    first, sections = w.kit.workshops[0], w.kit.sections
    assert w.running is first and len(sections) >= 3

    # the timer of the atelier being run: started, five minutes more, paused
    key(K.Key_F8)
    assert w.timer_state.current.running
    key(K.Key_F10)
    key(K.Key_F8)
    timer = w.timer_state.current
    assert timer.extra == 300 and not timer.running
    left = timer.remaining()
    assert timer.duration() - 1 < left < timer.duration()

    # the projector, on the room's section
    key(K.Key_F5)
    p = w.projector
    qtbot.waitExposed(p)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)

    typed: dict[str, list[tuple[int, str]]] = {}
    for n, s in enumerate(sections[:3], 1):
        key(getattr(K, f"Key_{n}"), M.ControlModifier)  # Ctrl+n: the section, its title at the top
        settle()
        key(K.Key_End, M.ControlModifier)
        lines = [(1, f"Idée {n} : *ouvrir* les **données** de la section {s.title}"),
                 (2, f"précision {n}.1, sous la précédente"), (2, f"précision {n}.2")]
        for depth, text in lines:
            _type_note(text, indent=depth == 2 and text.endswith(".1, sous la précédente"))
            assert _cursor_in_view(w), text  # each new note is seen as it is typed
        typed[s.id] = lines
        p.render()
        projected = {t: (indent, italic, bold) for t, indent, italic, bold, _x in _projected(p)}
        plain = f"Idée {n} : ouvrir les données de la section {s.title}"
        assert projected[plain][1:] == (["ouvrir"], ["données"])  # the room sees the marks, not asterisks
        assert projected[f"précision {n}.1, sous la précédente"][0] == projected[plain][0] + 1  # nested
        assert projected[f"précision {n}.2"][0] == projected[plain][0] + 1
        assert w.projected_section() == s.id

    # undo takes back the last note's typing, then the note; redo gives both back
    last = sections[2].id
    texts = lambda: [r.text for r, _d in w.session.outline(first.number, last)]  # noqa: E731
    assert texts()[-1] == "précision 3.2"
    n = len(texts())
    key(K.Key_Z, M.ControlModifier)
    settle()
    assert texts()[-1] == "" and len(texts()) == n  # the typing, in one step
    key(K.Key_Z, M.ControlModifier)
    settle()
    assert texts()[-1] == "précision 3.1, sous la précédente" and len(texts()) == n - 1  # the note
    key(K.Key_Z, M.ShiftModifier | M.ControlModifier)
    key(K.Key_Z, M.ShiftModifier | M.ControlModifier)
    settle()
    assert texts()[-1] == "précision 3.2"
    p.render()
    assert "précision 3.2" in p.notes.toPlainText()

    # quit from the keyboard, reopen from the start screen's recent files
    key(K.Key_Q, M.ControlModifier)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    settle()
    start = next((s for s in QApplication.topLevelWidgets() if s.objectName() == "startScreen" and s.isVisible()),
                 None) or _start_screen(qtbot)
    start.activateWindow()
    recent = start.findChild(QListWidget, "recentFiles")
    assert Path(recent.item(0).data(256)) == target
    recent.setFocus()
    recent.setCurrentRow(0)
    key(K.Key_Return)
    w2 = _main_window(qtbot)
    assert w2 is not w and w2.session.ev.path == target
    for sid, lines in typed.items():
        rows = [(d, r.text) for r, d in w2.session.outline(first.number, sid)][-3:]
        assert [(d - rows[0][0] + 1, t) for d, t in rows] == lines, sid  # the outline as typed, nesting too
        assert [ln[1] for ln in lines] == [w2.sections[sid].editor(r.id).toPlainText()
                                           for r, _d in w2.session.outline(first.number, sid)][-3:]
    c = w2.timer_state.current
    assert w2.running.number == first.number and (c.index, c.extra, c.running) == (0, 300, False)
    assert c.remaining() == pytest.approx(left)
    key(K.Key_F5)
    qtbot.waitExposed(w2.projector)
    w2.projector.render()
    w2.go_to_section(last)
    settle()
    w2.projector.render()
    assert w2.projected_section() == last and "précision 3.2" in w2.projector.notes.toPlainText()
    assert messages == []
    w2.close()


def test_typing_in_an_empty_section_starts_a_note_nothing_lost(qtbot, tmp_path):
    from facilitator.kit import load_kit
    from facilitator.store import EventFile
    from ui.shell.app import build

    path = tmp_path / "vide.facilitator"
    EventFile.create(path, load_kit(KIT)).close()
    w = build(path)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    sid = w.kit.sections[1].id
    key(K.Key_2, M.ControlModifier)  # an empty section: the focus on « + Ajouter une note »
    assert focus().objectName() == "addNote"
    type_text("Élan partagé")  # typed at once, no Enter first
    key(K.Key_Return)
    type_text("ensuite")
    settle()
    assert [r.text for r, _d in w.session.outline(w.running.number, sid)] == ["Élan partagé", "ensuite"]
    w.close()
