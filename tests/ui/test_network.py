"""Two app windows on one machine joined to one hub show each other's notes live; the status
says connected, then offline since HH:MM with the changes waiting; the join code is never shown
in clear."""

from __future__ import annotations

import shutil

import pytest

from facilitator.store import EventFile
from ui.common import background


@pytest.fixture
def two_windows(qtbot, demo_file, tmp_path, monkeypatch):
    from ui.shell.app import build

    other = tmp_path / "other.facilitator"
    shutil.copy(demo_file, other)
    monkeypatch.setenv("FACILITATOR_DEVICE", "laptop-a")
    a = build(demo_file)
    monkeypatch.setenv("FACILITATOR_DEVICE", "laptop-b")
    b = build(other)
    for w in (a, b):
        qtbot.addWidget(w)
        w.show()
    yield a, b
    for w in (a, b):
        w.close()
    background.wait_all()


def text_of(window, note_id: str) -> str | None:
    from facilitator.errors import FacilitatorError

    try:
        return window.session.note(note_id).text
    except (FacilitatorError, KeyError):
        return None


def test_two_windows_joined_to_one_hub_see_each_others_notes(qtbot, two_windows, make_hub, tmp_path):
    a, b = two_windows
    code = make_hub(a.session.ev.path)
    wa, wb = a.join_network(code), b.join_network(code)
    status_a = a.findChild(type(a._network[1]), "networkStatus")
    qtbot.waitUntil(lambda: "connecté" in status_a.text() and "connecté" in b._network[1].text(), timeout=30000)
    assert code.where in status_a.text()
    # B runs atelier 2 on its projector, with the note-taker's cross-atelier view open
    from ui.after import post_event

    b.select_workshop(2)
    b.toggle_projector()
    b.projector.render()
    projected = (b.projector.question.text(), b.projector.notes.toPlainText())
    notetaker = post_event.show_notetaker(b)
    notetaker.section.setCurrentIndex(notetaker.section.findData("defis"))
    change = a.session.run(EventFile.add_note, 1, "defis", "Tapée sur A pendant l'atelier")
    note = change.focus
    qtbot.waitUntil(lambda: text_of(b, note) == "Tapée sur A pendant l'atelier", timeout=30000)
    # the note-taker's view shows it live; the projector keeps following B's own atelier
    qtbot.waitUntil(lambda: note in notetaker.shown_ids(), timeout=10000)
    b.projector.render()
    assert (b.projector.question.text(), b.projector.notes.toPlainText()) == projected
    assert b.running is b.kit.workshops[1]
    notetaker.close()
    b.toggle_projector()
    # B's outline of that section shows it, without anyone asking
    b.select_workshop(1)
    qtbot.waitUntil(lambda: note in {r.id for r, _ in b.session.outline(1, "defis")}, timeout=10000)
    b.session.run(EventFile.edit_note, note, text="Complétée sur B")
    b.session.flush()
    qtbot.waitUntil(lambda: text_of(a, note) == "Complétée sur B", timeout=30000)
    # the secret is nowhere on screen
    image = tmp_path / "a.png"
    a.grab().save(str(image))
    for label in a.findChildren(type(status_a)):
        assert code.secret not in label.text() and code.secret not in label.toolTip()
    assert wa.isRunning() and wb.isRunning()


def test_offline_since_and_changes_waiting(qtbot, window, make_hub, hub_server):
    import re

    code = make_hub(window.session.ev.path)
    window.join_network(code)
    status = window._network[1]
    qtbot.waitUntil(lambda: status.text().startswith("Réseau : connecté") and "attente" not in status.text(),
                    timeout=30000)
    # the hub's role loses its right to log in: the laptop is offline from then on
    from tests.hub_support import admin

    with admin(hub_server) as con:
        con.execute(f'ALTER ROLE "{code.role}" NOLOGIN')
        con.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (code.role,))
    qtbot.waitUntil(lambda: "hors ligne depuis" in status.text(), timeout=30000)
    assert re.search(r"hors ligne depuis \d\d:\d\d", status.text())
    assert code.secret not in status.text() + status.toolTip()
    # typing never waits: two notes typed offline are in the file and counted as waiting
    for text in ("Tapée hors ligne", "Et une autre"):
        window.session.run(EventFile.add_note, 1, "defis", text)
    window.session.flush()
    qtbot.waitUntil(lambda: "2 modifications en attente" in status.text(), timeout=30000)
    with admin(hub_server) as con:
        con.execute(f'ALTER ROLE "{code.role}" LOGIN')
    qtbot.waitUntil(lambda: status.text().startswith("Réseau : connecté") and "attente" not in status.text(),
                    timeout=30000)
    with admin(hub_server) as con:
        texts = [r[0] for r in con.execute("SELECT state FROM revision")]
    assert any("Tapée hors ligne" in t for t in texts) and any("Et une autre" in t for t in texts)


def test_the_join_dialog_hides_the_code_and_explains_a_bad_one(qtbot, window):
    from PySide6.QtWidgets import QLineEdit

    from ui.shell.network import JoinDialog

    dialog = JoinDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.code.echoMode() == QLineEdit.EchoMode.Password
    dialog.code.setText("pas un code")
    dialog._accept()
    assert dialog.problem.isVisibleTo(dialog) and "Code pour rejoindre invalide" in dialog.problem.text()
    assert dialog.result() == 0


def test_the_code_dialog_shows_the_qr_hides_the_code_and_saves_the_card(qtbot, window, tmp_path):
    from PIL import Image
    from PySide6.QtWidgets import QLineEdit

    from facilitator.sync.hub import JoinCode
    from tests.exports.pdf_support import decode_qr, render_pages
    from ui.shell.network import CodeDialog

    code = JoinCode("192.168.1.20", 5432, window.session.ev.event_id, "join_ab12cd34", "k7mxq2vtr9wz4hp8ncs3ydfa")
    assert window.show_join_code() is None  # no hub here yet: said in the status bar, no dialog
    assert "Aucun hub" in window.statusBar().currentMessage()
    dialog = CodeDialog(window, code)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.text.echoMode() == QLineEdit.EchoMode.Password  # hidden until asked
    shot = tmp_path / "dialog.png"
    dialog.grab().save(str(shot))
    with Image.open(shot) as im:
        assert decode_qr(im.convert("L")) == [str(code)]
    dialog.reveal.click()
    assert dialog.text.echoMode() == QLineEdit.EchoMode.Normal and dialog.text.text() == str(code)
    card = dialog.save_card(tmp_path / "rejoindre.pdf")
    (page,) = render_pages((tmp_path / "rejoindre.pdf").read_bytes(), [0], dpi=100)
    assert card and decode_qr(page) == [str(code)]
