"""« Fusionner des portables… » and the conflicts view, on real copies of the demo event."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QPushButton

from facilitator.kit import load_kit
from facilitator.store import EventFile
from ui.after import post_event
from ui.common import background

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _drain():
    yield
    background.wait_all()


@pytest.fixture
def laptops(demo_template, tmp_path):
    """Two other laptops' files of the same event, edited differently after copying."""
    a, b = tmp_path / "portable-a.facilitator", tmp_path / "portable-b.facilitator"
    shutil.copy(demo_template, a)
    shutil.copy(demo_template, b)
    with EventFile.open(a, device="laptop-a") as ev:
        note = next(n for n in ev.notes(workshop=1, section="futurs") if n.text.strip())
        ev.edit_note(note.id, text="Version du portable A")
        added = ev.add_note(2, "futurs", "Idée notée seulement sur A").focus
    with EventFile.open(b, device="laptop-b") as ev:
        ev.edit_note(note.id, text="Version du portable B")
    return a, b, note.id, added


def merged(window, qtbot, sources):
    dlg = post_event.show_merge(window)
    assert dlg.objectName() == "mergeDialog"
    dlg.add_sources(sources)
    assert dlg.run.isEnabled()
    qtbot.mouseClick(dlg.run, LEFT)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=30000)
    return dlg


def test_merge_shows_report_and_conflict_resolved_undoably(window, demo_file, laptops, qtbot):
    a, b, nid, added = laptops
    dlg = merged(window, qtbot, [a, b])
    rows = {dlg.table.topLevelItem(i).text(0): [dlg.table.topLevelItem(i).text(c) for c in range(1, 5)]
            for i in range(dlg.table.topLevelItemCount())}
    w1, w2 = (f"Atelier {w.number} – {w.title}" for w in window.kit.workshops[:2])
    assert rows[w1][3] == "1" and rows[w2][0] == "1"
    assert "1 conflit" in dlg.status.text() and dlg.conflicts.isEnabled()
    assert "portable-a.facilitator" in dlg.details.toPlainText()
    # the open session sees the merged notes at once
    assert any(r.id == added for r, _d in window.session.outline(2, "futurs"))
    window.select_workshop(2)
    assert added in window.sections["futurs"].note_ids()

    qtbot.mouseClick(dlg.conflicts, LEFT)
    view = window._post_event["conflicts"]
    assert view.objectName() == "conflictsView" and view.list.count() == 1
    boxes = view.findChildren(QGroupBox, "conflictVersion1") + view.findChildren(QGroupBox, "conflictVersion2")
    texts = [bx.findChild(type(view.combined)).toPlainText() for bx in boxes]
    assert sorted(texts) == ["Version du portable A", "Version du portable B"]
    keep_b = boxes[texts.index("Version du portable B")].findChild(QPushButton)
    qtbot.mouseClick(keep_b, LEFT)

    def note_text():
        with EventFile.open(demo_file, device="reader") as ev:
            return ev.note(nid).text, len(ev.conflicts())

    assert note_text() == ("Version du portable B", 0)
    assert view.list.count() == 0 and window.session.note(nid).text == "Version du portable B"
    window.session.undo()
    assert note_text()[1] == 1 and view.list.count() == 1
    window.session.redo()
    assert note_text() == ("Version du portable B", 0)
    window.session.undo()
    # or a combined text
    view.combined.setPlainText("A et B réunis")
    qtbot.mouseClick(view.keep_combined, LEFT)
    assert note_text() == ("A et B réunis", 0)
    window.select_workshop(1)
    assert window.sections["futurs"].editor(nid).toPlainText() == "A et B réunis"
    # merging the same files again changes nothing
    dlg.report = None
    qtbot.mouseClick(dlg.run, LEFT)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=30000)
    assert not dlg.report.changed and note_text() == ("A et B réunis", 0)


def test_merge_of_another_event_is_refused_unless_forced(window, demo_file, tmp_path, qtbot, messages):
    from kits import FOLDER

    other = tmp_path / "autre.facilitator"
    EventFile.create(other, load_kit(FOLDER / "forum-open-etat-2021-1.yaml")).close()
    dlg = post_event.show_merge(window)
    asked = []
    dlg.confirm_force = lambda text: asked.append(text) or False
    dlg.add_sources([other])
    qtbot.mouseClick(dlg.run, LEFT)
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    assert "autre événement" in asked[0] and dlg.report is None
    assert "refusée" in dlg.status.text()
    dlg.confirm_force = lambda text: asked.append(text) or True
    qtbot.mouseClick(dlg.run, LEFT)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=30000)
    assert len(asked) == 2 and dlg.report.sources[0].forced
    assert messages == []


def test_conflicts_name_the_laptops_and_highlight_what_differs(window, demo_file, demo_template, tmp_path,
                                                               qtbot, monkeypatch):
    from PySide6.QtWidgets import QPlainTextEdit

    from ui.after.merge_view import DIFFERENT
    from ui.common import laptop

    # each laptop names itself once, in its own file
    a, b = tmp_path / "salle-1.facilitator", tmp_path / "salle-2.facilitator"
    for path, device, name, text in ((a, "laptop-a", "Portable de Léa", "Ouvrir les données des marchés publics"),
                                     (b, "laptop-b", "Salle 2", "Ouvrir les données des subventions publiques")):
        shutil.copy(demo_template, path)
        with EventFile.open(path, device=device) as ev:
            note = next(n for n in ev.notes(workshop=1, section="futurs") if n.text.strip())
            ev.edit_note(note.id, text=text)
            ev.set_laptop_name(name)
    # this laptop is asked its name from its File menu
    monkeypatch.setattr(laptop, "ask", lambda parent, current, done: done("Poste de l'animatrice"))
    next(act for act in window.actions() if act.objectName() == "laptopName").trigger()
    assert window.session.ev.laptop_names()["laptop-test"] == "Poste de l'animatrice"
    dlg = merged(window, qtbot, [a, b])
    report = dlg.details.toPlainText()
    assert "écrites sur : Portable de Léa" in report and "écrites sur : Salle 2" in report  # the merge report too
    dlg.conflicts.click()
    view = window._post_event["conflicts"]
    titles = sorted(view.findChild(QGroupBox, f"conflictVersion{i}").title() for i in (1, 2))
    assert titles[0].startswith("Version 1 — ") and titles[1].startswith("Version 2 — ")
    assert {t.split(" — ")[1].split(",")[0] for t in titles} == {"Portable de Léa", "Salle 2"}
    assert not any("laptop-" in t for t in titles)

    def marked(edit: QPlainTextEdit) -> str:
        """The characters shown on the highlight."""
        out, block = [], edit.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.charFormat().background().color() == DIFFERENT:
                    out.append(frag.text())
                it += 1
            block = block.next()
        return " ".join(out)

    shown = {e.toPlainText(): marked(e) for e in view.version_texts}
    assert shown == {"Ouvrir les données des marchés publics": "marchés publics",
                     "Ouvrir les données des subventions publiques": "subventions publiques"}
    # the names came with the merged files: the open file now knows them
    assert {"laptop-a": "Portable de Léa", "laptop-b": "Salle 2"}.items() <= window.session.ev.laptop_names().items()
    view.grab().save(str(tmp_path / "conflicts.png"))
    print(tmp_path / "conflicts.png")


def test_a_laptop_is_asked_its_name_once_at_its_first_event(demo_file, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from facilitator import config
    from tests.ui.helpers import settle, type_text
    from ui.common import laptop
    from ui.shell.app import build

    monkeypatch.delenv("FACILITATOR_DEVICE")  # a real laptop: its id made once, its name asked once
    monkeypatch.setattr(laptop, "ask", laptop._ask_box)
    w = build(demo_file)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.findChild(QInputDialog, "laptopNameDialog") is not None, timeout=5000)
    dlg = w.findChild(QInputDialog, "laptopNameDialog")
    assert dlg.isVisible() and dlg.textValue().startswith("Portable ")  # a default ready to accept
    dlg.setTextValue("")
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow, timeout=3000)
    type_text("Portable de Léa")
    dlg.accept()
    settle()
    assert config.laptop_name() == "Portable de Léa"
    assert w.session.ev.laptop_names() == {config.device_id(): "Portable de Léa"}
    w.close()
    w2 = build(demo_file)  # never asked again
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    settle()
    assert w2.findChild(QInputDialog) is None
    w2.close()
