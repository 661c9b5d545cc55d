"""The accessibility walk beyond the capture window: in each window and dialog (synthesis, note
picker, merge, conflicts, export, projector, kit editor), Tab goes through every control a person
can use, in an order that goes round, and each control it reaches has a name and a role (through
``QAccessible``, as a screen reader reads them) and a visible focus ring around it."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from facilitator.store import EventFile
from tests.ui.helpers import focus, key, settle
from tests.ui.test_awkward import _ring_around
from ui.after import post_event
from ui.common import background

K = Qt.Key
M = Qt.KeyboardModifier


@pytest.fixture(autouse=True)
def _drain():
    yield
    background.wait_all()


def _who(w: QWidget) -> str:
    return w.objectName() or type(w).__name__


def reachable(window: QWidget) -> list[QWidget]:
    """What Tab should reach: shown, enabled controls that take the keyboard by Tab."""
    out = []
    for w in window.findChildren(QWidget):
        if (w.window() is window and w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                and w.focusProxy() is None and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))):
            out.append(w)
    return out


def tab_walk(window: QWidget, start: QWidget | None = None, limit: int = 150) -> tuple[list[QWidget], list[str]]:
    """Tab from ``start`` (or the window's first control) until the focus comes back round: the
    controls met in order, and what is wrong with them."""
    window.activateWindow()
    first = start or next(iter(reachable(window)), None)
    assert first is not None, _who(window)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    seen: list[QWidget] = []
    problems: list[str] = []
    for _ in range(limit):
        w = focus()
        assert w is not None and w.window() is window, (_who(window), w and _who(w))
        if seen and w is seen[0]:
            break
        if w in seen:
            problems.append(f"{_who(w)}: Tab comes back to it before going round")
            break
        seen.append(w)
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            problems.append(f"{_who(w)}: no accessible name")
        if iface is None or iface.role() in (QAccessible.Role.NoRole, QAccessible.Role.Client):
            problems.append(f"{_who(w)}: no role ({iface.role() if iface else None})")
        if not _ring_around(window, w):
            problems.append(f"{_who(w)}: no focus ring around it")
        if isinstance(w, (QPlainTextEdit, QTextEdit)) and not w.tabChangesFocus() and not w.isReadOnly():
            key(K.Key_Tab, M.ControlModifier)
        else:
            key(K.Key_Tab)
        settle()
    else:
        problems.append(f"{_who(window)}: Tab never comes back round")
    missed = [_who(w) for w in reachable(window) if w not in seen]
    if missed:
        problems.append(f"{_who(window)}: Tab never reaches {missed}")
    return seen, problems


def shown(w: QWidget, qtbot) -> QWidget:
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    settle()
    return w


@pytest.fixture
def conflicted(demo_template, tmp_path):
    a, b = tmp_path / "a.facilitator", tmp_path / "b.facilitator"
    for path, device, text in ((a, "laptop-a", "Version A"), (b, "laptop-b", "Version B")):
        shutil.copy(demo_template, path)
        with EventFile.open(path, device=device) as ev:
            note = next(n for n in ev.notes(workshop=1, section="futurs") if n.text.strip())
            ev.edit_note(note.id, text=text)
    return a, b


def test_after_the_event_windows(window, qtbot, conflicted):
    problems: list[str] = []
    syn = shown(post_event.show_synthesis(window), qtbot)
    syn.add_proposal("Une proposition")
    settle()
    seen, found = tab_walk(syn)
    problems += found
    assert {"synthesisObject", "synthesisIntro", "validatorName", "proposalList", "proposalTitle",
            "proposalDecision"} <= {w.objectName() for w in seen}
    syn.close()
    from ui.after.synthesis import NotePicker

    picker = shown(NotePicker(window, (), syn), qtbot)
    problems += tab_walk(picker)[1]
    picker.close()
    problems += tab_walk(shown(post_event.show_notetaker(window), qtbot))[1]
    window._post_event["notetaker"].close()
    dlg = shown(post_event.show_merge(window), qtbot)
    dlg.add_sources(list(conflicted))
    problems += tab_walk(dlg)[1]
    dlg.run.click()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=30000)
    settle()
    problems += tab_walk(dlg)[1]
    dlg.conflicts.click()
    view = shown(window._post_event["conflicts"], qtbot)
    seen, found = tab_walk(view)
    problems += found
    assert {"conflictList", "versionText1", "keepVersion1", "versionText2", "keepVersion2", "combinedText",
            "keepCombined"} <= {w.objectName() for w in seen}
    view.close()
    dlg.close()
    export = shown(post_event.show_export(window), qtbot)
    problems += tab_walk(export)[1]
    export.close()
    assert problems == [], "\n".join(problems)


def test_the_projector(window, qtbot):
    window.toggle_projector()
    p = shown(window.projector, qtbot)
    # the room's view has no control to Tab to (nothing in it can be typed into by mistake): the
    # window and what it shows are named for a screen reader, and its own actions are keys, named
    assert reachable(p) == []
    assert QAccessible.queryAccessibleInterface(p).text(QAccessible.Text.Name) == "Vue projecteur"
    for w in (p.question, p.phase, p.notes):
        iface = QAccessible.queryAccessibleInterface(w)
        assert iface.text(QAccessible.Text.Name).strip(), _who(w)
        assert iface.role() not in (QAccessible.Role.NoRole, QAccessible.Role.Client), _who(w)
    keyed = [a for a in p.actions() if a.shortcuts()]
    assert len(keyed) >= 4 and all(a.text().strip() for a in keyed)
    size = p.font_size
    key(K.Key_Plus, M.ControlModifier, widget=p)
    settle()
    assert p.font_size > size  # its keys answer in it


def test_the_kit_editor(qtbot, tmp_path):
    from ui.prepare.kit_editor import open_editor

    path = tmp_path / "kit.yaml"
    from kits import FOLDER

    path.write_bytes((FOLDER / "forum-open-etat-2021-1.yaml").read_bytes())
    ed = open_editor(path, None)
    qtbot.addWidget(ed)
    shown(ed, qtbot)
    seen, problems = tab_walk(ed, limit=400)
    assert len(seen) > 10
    assert problems == [], "\n".join(problems)
