"""The app when the event file cannot be written (issue 7): one French message, what was typed stays
in the editor and in memory, a banner while it is unsaved, a copy saved elsewhere on request, and
everything stored once the problem goes away.

Faults are injected as in tests/reliability/test_io_errors.py (``max_page_count`` for a full
disk, ``query_only`` for a read-only medium, the file deleted while open); only the two places
where the person answers (the message's buttons, the file dialog) are replaced.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton

from facilitator.store import EventFile
from tests.reliability.conftest import tmpfs  # noqa: F401, F811 — the fixture (root only)
from tests.ui.helpers import key, settle, type_text
from ui.common import errors
from ui.shell import rescue

BIG = "Une longue intervention collée depuis le compte rendu. " * 150  # ~8 KB: needs new pages


def _raw(ev: EventFile, sql: str):
    """Fault injection on the event file's own SQLite connection (test hook)."""
    return ev._con.execute(sql).fetchall()


def _disk_full(ev: EventFile) -> None:
    pages = _raw(ev, "PRAGMA page_count")[0][0]
    _raw(ev, f"PRAGMA max_page_count = {pages}")


def _stored(path: Path) -> dict[str, str]:
    with EventFile.open(path, device="reader") as ev:
        return {r.id: r.text for r in ev.notes(include_deleted=True)}


def _integrity(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


@pytest.fixture
def answers(monkeypatch):
    """What the person answers: ``answers.choice`` in the message box, ``answers.target`` in
    the file dialog. Records the questions asked."""

    class Answers:
        choice: int | None = None
        target: Path | None = None
        asked: list[tuple[str, list[str]]] = []
        dialogs: list[Path] = []

    a = Answers()
    a.asked = []
    a.dialogs = []

    def ask(parent, text, choices):
        a.asked.append((text, choices))
        return a.choice

    def choose(parent, suggested):
        a.dialogs.append(suggested)
        return str(a.target) if a.target else ""

    monkeypatch.setattr(errors, "ask", ask)
    monkeypatch.setattr(rescue, "choose_target", choose)
    return a


def _start_typing(window, qtbot, text: str = "avant la panne") -> str:
    sec = window.sections["futurs"]
    sec.add_last()
    settle()
    nid = sec.note_ids()[-1]
    sec.focus_note(nid)
    type_text(text)
    settle()
    assert window.session.ev.note(nid).text == text
    return nid


def _banner(window) -> QFrame:
    return window.findChild(QFrame, "storageWarning")


def test_disk_full_while_typing_keeps_the_text_and_saves_a_copy_elsewhere(window, qtbot, answers, tmp_path):
    session = window.session
    original = session.ev.path
    nid = _start_typing(window, qtbot)
    before = {r.id: r.text for r in session.ev.notes(include_deleted=True)}
    assert not _banner(window).isVisible()

    _disk_full(session.ev)
    editor = window.sections["futurs"].editor(nid)
    editor.insertPlainText(" " + BIG)  # a paste: too big for the free space left
    type_text(" et la suite")
    settle()
    qtbot.waitUntil(lambda: len(answers.asked) == 1)
    typed = "avant la panne " + BIG + " et la suite"
    text, choices = answers.asked[0]
    assert "disque est plein" in text and "n'est pas perdu" in text and "Traceback" not in text
    assert choices[0] == "Enregistrer une copie ailleurs…"
    assert editor.toPlainText() == typed  # the editor still shows it
    assert session.pending_text(nid) == typed  # and it is kept in memory
    assert session.ev.note(nid).text == "avant la panne"  # the file refused it
    assert _banner(window).isVisible() and "NON enregistrées" in _banner(window).label.text()
    type_text(" encore")  # more typing: no second message, still kept
    settle()
    assert len(answers.asked) == 1 and errors.shown[-1] == text
    typed += " encore"
    assert session.pending_text(nid) == typed

    # « Enregistrer une copie ailleurs… » from the banner
    answers.target = tmp_path / "ailleurs" / "secours.facilitator"
    answers.target.parent.mkdir()
    qtbot.mouseClick(_banner(window).findChild(QPushButton, "saveElsewhere"), Qt.MouseButton.LeftButton)
    assert session.ev.path == answers.target
    assert not session.unsaved and not _banner(window).isVisible()
    assert "secours.facilitator" in window.windowTitle()
    assert window.focusWidget() is editor  # back to the note being typed
    type_text(" !")  # work goes on, on the copy
    settle()
    window.close()
    copy = _stored(answers.target)
    assert {k: copy.get(k) for k in before if k != nid} == {k: v for k, v in before.items() if k != nid}  # everything stored before
    assert copy[nid] == typed + " !"  # and what was kept
    _integrity(answers.target)
    _integrity(original)
    assert _stored(original) == before  # the original lost nothing either


def test_file_deleted_while_open_is_rescued_from_the_message(window, qtbot, answers, tmp_path):
    session = window.session
    path = session.ev.path
    nid = _start_typing(window, qtbot)
    before = {r.id: r.text for r in session.ev.notes(include_deleted=True)}
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    answers.choice = 0  # « Enregistrer une copie ailleurs… »
    answers.target = tmp_path / "secours"  # no extension: one is added
    type_text(", tapé après le retrait de la clé")
    settle()
    qtbot.waitUntil(lambda: session.ev.path != path)
    assert len(answers.asked) == 1 and "a disparu" in answers.asked[0][0]
    assert answers.dialogs and answers.dialogs[0].parent == tmp_path / "home"  # suggested: documents
    assert session.ev.path == tmp_path / "secours.facilitator"
    assert not _banner(window).isVisible()
    editor = window.sections["futurs"].editor(nid)
    assert editor.toPlainText() == "avant la panne, tapé après le retrait de la clé"
    key(Qt.Key.Key_Return)  # a new note, on the copy
    type_text("dans la copie")
    settle()
    window.close()
    copy = _stored(session.ev.path)
    assert all(copy[k] == v for k, v in before.items() if k != nid)
    assert copy[nid] == "avant la panne, tapé après le retrait de la clé"
    assert "dans la copie" in copy.values()
    _integrity(tmp_path / "secours.facilitator")
    assert not path.exists()


def test_space_freed_stores_what_was_kept(window, qtbot, answers):
    session = window.session
    nid = _start_typing(window, qtbot)
    _disk_full(session.ev)
    window.sections["futurs"].editor(nid).insertPlainText(" " + BIG)
    settle()
    qtbot.waitUntil(lambda: len(answers.asked) == 1)  # « Continuer ici »: nothing else happens
    assert session.unsaved and _banner(window).isVisible()
    _raw(session.ev, "PRAGMA max_page_count = 1073741823")  # space freed
    type_text(" fin")
    settle()
    assert session.ev.note(nid).text == "avant la panne " + BIG + " fin"
    assert not session.unsaved and not _banner(window).isVisible()
    assert len(answers.asked) == 1
    assert "de nouveau enregistré" in window.statusBar().currentMessage()
    path = session.ev.path
    window.close()
    assert _stored(path)[nid] == "avant la panne " + BIG + " fin"


def test_read_only_keeps_structural_changes_and_stores_them_in_order(window, qtbot, answers):
    session = window.session
    sec = window.sections["futurs"]
    nid = _start_typing(window, qtbot)
    count = len(sec.note_ids())
    _raw(session.ev, "PRAGMA query_only = ON")  # the medium turns read-only
    type_text(" puis")
    key(Qt.Key.Key_Return)  # a new note: refused, kept
    settle()
    session.undo()  # nothing to undo while changes are unsaved: the stack does not move
    settle()
    qtbot.waitUntil(lambda: len(answers.asked) == 1)
    assert "lecture seule" in answers.asked[0][0]
    assert len(session.kept) == 2 and session.pending_text(nid) == "avant la panne puis"  # text, then the note
    assert len(sec.note_ids()) == count
    _raw(session.ev, "PRAGMA query_only = OFF")
    session.flush()  # what the retry timer does
    settle()
    assert not session.unsaved and len(sec.note_ids()) == count + 1
    assert session.ev.note(nid).text == "avant la panne puis"
    session.undo()  # the stored note addition is undoable as usual
    settle()
    assert len(sec.note_ids()) == count


def test_closing_with_unsaved_changes_asks_first(window, qtbot, answers):
    session = window.session
    nid = _start_typing(window, qtbot)
    _raw(session.ev, "PRAGMA query_only = ON")
    type_text(" non enregistré")
    settle()
    qtbot.waitUntil(lambda: len(answers.asked) == 1)
    answers.choice = 2  # « Ne pas fermer »
    window.close()
    assert window.isVisible() and "seront perdues" in answers.asked[-1][0]
    assert session.pending_text(nid) == "avant la panne non enregistré"
    _raw(session.ev, "PRAGMA query_only = OFF")
    window.close()  # stored on the way out: no question
    assert not window.isVisible() and len(answers.asked) == 2


def test_real_full_disk(qtbot, demo_file, clock, tmpfs, answers):  # noqa: F811
    """The same on a real full file system (a small tmpfs: root only, skipped elsewhere)."""
    from ui.shell.app import build

    disk = tmpfs("2m")
    path = disk.path / "evenement.facilitator"
    shutil.copyfile(demo_file, path)
    window = build(path, clock=clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    nid = _start_typing(window, qtbot)
    filler = disk.fill()
    window.sections["futurs"].editor(nid).insertPlainText(" " + BIG * 4)
    type_text(" fin")
    settle()
    qtbot.waitUntil(lambda: len(answers.asked) == 1)
    assert "disque est plein" in answers.asked[0][0] and _banner(window).isVisible()
    assert window.session.pending_text(nid) == "avant la panne " + BIG * 4 + " fin"
    filler.unlink()  # space freed
    type_text("!")
    settle()
    assert not window.session.unsaved and not _banner(window).isVisible()
    window.close()
    assert _stored(path)[nid] == "avant la panne " + BIG * 4 + " fin!"
    _integrity(path)
