"""No two keys collide: every window and dialog of the app walked, each of its states (tabs,
panels, banners) shown, its mnemonics (Alt+letter of labels with a buddy, buttons, group boxes,
tabs, menu titles) and shortcuts (actions, QShortcut) collected; two on one key fail. Walked in
French and again in English (the translation chooses its own mnemonics)."""

from __future__ import annotations

import shutil
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QTabWidget,
    QWidget,
)

from facilitator.store import EventFile
from tests.ui.helpers import settle
from ui.after import post_event
from ui.common import background, documents

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _drain():
    yield
    background.wait_all()


def _mnemonic(text: str) -> list[int]:
    seq = QKeySequence.mnemonic(text)
    return [seq[0].toCombined()] if seq.count() else []


def _shown(w: QWidget, window: QWidget) -> bool:
    return w.window() is window and w.isVisible()


def keys_of(window: QWidget) -> dict[str, list[str]]:
    """Key → what answers it in ``window`` as it is shown now (widgets hidden do not answer)."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(combined: int, what: str) -> None:
        found[QKeySequence(combined).toString()].append(what)

    for w in [window, *window.findChildren(QWidget)]:
        if not _shown(w, window):
            continue
        name = w.objectName() or type(w).__name__
        if isinstance(w, QLabel) and w.buddy() is not None:
            for k in _mnemonic(w.text()):
                add(k, f"label {w.text()!r}")
        elif isinstance(w, QAbstractButton):
            for k in _mnemonic(w.text()):
                add(k, f"button {w.text()!r} ({name})")
        elif isinstance(w, QGroupBox):
            for k in _mnemonic(w.title()):
                add(k, f"group {w.title()!r}")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                for k in _mnemonic(w.tabText(i)):
                    add(k, f"tab {w.tabText(i)!r}")
        elif isinstance(w, QMenuBar):
            for a in w.actions():
                for k in _mnemonic(a.text()):
                    add(k, f"menu {a.text()!r}")
    seen: set[int] = set()
    for a in window.findChildren(QAction) + window.actions():
        if id(a) in seen or not a.isEnabled() and not a.shortcuts():
            continue
        seen.add(id(a))
        owners = [o for o in a.associatedObjects() if isinstance(o, QWidget) and not isinstance(o, QMenu)]
        if not any(o is window or (window.isAncestorOf(o) and o.isVisible()) for o in owners):
            continue
        for seq in a.shortcuts():
            add(seq[0].toCombined(), f"action {a.text()!r}")
    for s in window.findChildren(QShortcut):
        parent = s.parent()
        if isinstance(parent, QWidget) and (parent is window or _shown(parent, window)) and s.isEnabled():
            for seq in s.keys():
                add(seq[0].toCombined(), f"shortcut of {parent.objectName() or type(parent).__name__}")
    return found


def menu_keys(menu: QMenu) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for a in menu.actions():
        if a.isVisible() and not a.isSeparator():
            for k in _mnemonic(a.text()):
                found[QKeySequence(k).toString()].append(f"item {a.text()!r}")
    return found


def clashes(where: str, found: dict[str, list[str]]) -> list[str]:
    return [f"{where}: {k} → {', '.join(v)}" for k, v in sorted(found.items()) if len(v) > 1]


def states(window: QWidget):
    """Each tab of each tab widget of ``window`` in turn (the rest as they are)."""
    yield "as opened"
    for tabs in window.findChildren(QTabWidget):
        if not _shown(tabs, window):
            continue
        current = tabs.currentIndex()
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            settle()
            yield f"tab {tabs.tabText(i)!r}"
        tabs.setCurrentIndex(current)


def walk(window: QWidget, where: str) -> list[str]:
    out: list[str] = []
    for state in states(window):
        out += clashes(f"{where} ({state})", keys_of(window))
    menubars = [m for m in window.findChildren(QMenuBar) if m.window() is window]
    for mb in menubars:
        for a in mb.actions():
            if a.menu() is not None:
                out += clashes(f"{where}, menu {a.text()!r}", menu_keys(a.menu()))
    return out


@pytest.fixture(params=["fr", "en"])
def language(request, qapp):
    """The interface's language for the windows the test makes (English: its catalogue installed)."""
    from PySide6.QtCore import QTranslator

    from ui.shell.app import I18N

    t = None
    if request.param != "fr":
        t = QTranslator(qapp)
        assert t.load(str(I18N / f"facilitator_{request.param}.qm"))
        qapp.installTranslator(t)
    yield request.param
    if t is not None:
        qapp.removeTranslator(t)


@pytest.fixture
def laptops(demo_template, tmp_path):
    a, b = tmp_path / "portable-a.facilitator", tmp_path / "portable-b.facilitator"
    shutil.copy(demo_template, a)
    shutil.copy(demo_template, b)
    with EventFile.open(a, device="laptop-a") as ev:
        note = next(n for n in ev.notes(workshop=1, section="futurs") if n.text.strip())
        ev.edit_note(note.id, text="Version du portable A")
    with EventFile.open(b, device="laptop-b") as ev:
        ev.edit_note(note.id, text="Version du portable B")
    return a, b


def test_no_two_keys_collide_in_any_window_or_dialog(language, window, qtbot, laptops, demo_file, messages):
    found: list[str] = []
    if language == "en":  # (the windows really speak English)
        assert window.menuBar().actions()[0].text() == "&File"
    window.go_to_section(window.kit.sections[0].id)
    settle()
    found += walk(window, "capture window")
    # the capture window showing another atelier than the one being run (its banner)
    window.go_to_note(window.kit.workshops[2].number,
                      next(r.id for r in window.session.ev.notes() if r.workshop == window.kit.workshops[2].number))
    settle()
    found += walk(window, "capture window, another atelier shown")
    window.back_to_running()
    window.toggle_projector()
    settle()
    found += walk(window.projector, "projector")
    # after the event: synthesis (with a proposal, its details shown), note-taker, export
    syn = post_event.show_synthesis(window)
    syn.add_proposal("Une proposition")
    settle()
    found += walk(syn, "synthesis window")
    from ui.after.synthesis import NotePicker

    picker = NotePicker(syn)
    picker.show()
    settle()
    found += walk(picker, "note picker")
    picker.close()
    found += walk(post_event.show_notetaker(window), "note-taker's view")
    found += walk(post_event.show_export(window), "export dialog")
    # merge, then the conflicts it leaves
    dlg = post_event.show_merge(window)
    dlg.add_sources(list(laptops))
    found += walk(dlg, "merge dialog")
    background.wait_all()  # (the export's preview: one piece of slow work at a time)
    settle()
    qtbot.mouseClick(dlg.run, LEFT)
    qtbot.waitUntil(lambda: dlg.report is not None or bool(messages), timeout=30000)
    assert messages == []
    settle()
    found += walk(dlg, "merge dialog, after merging")
    qtbot.mouseClick(dlg.conflicts, LEFT)
    settle()
    found += walk(window._post_event["conflicts"], "conflicts view")
    # the start screen, with recent files
    from ui.shell import app

    documents.remember(demo_file)
    start = app.show_start_screen()
    settle()
    found += walk(start, "start screen")
    # and any other top-level window the app has opened meanwhile
    walked = {window, window.projector, syn, picker, dlg, window._post_event["conflicts"], start,
              window._post_event["notetaker"], window._post_event["export"]}
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and w not in walked and not isinstance(w, QMenu):
            found += walk(w, w.objectName() or type(w).__name__)
    start.close()
    assert found == [], "\n".join(found)
