"""The kit editor (ui/prepare/kit_editor.py), driven like an organiser drives it: keys typed into its
forms, real kit files in tmp_path, real spreadsheets, a real process killed mid-typing."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
)

import kits
from facilitator.kit import load_kit, spec
from facilitator.kit.roundtrip import KitDocument
from tests.ui.helpers import key, settle, type_text

ROOT = Path(__file__).resolve().parents[2]
CTRL = Qt.KeyboardModifier.ControlModifier
PASTE_OVER = 24  # longer texts are pasted (Ctrl+V), shorter ones typed key by key


@pytest.fixture
def editor(qtbot, tmp_path):
    from ui.prepare.kit_editor import open_editor

    def make(source: Path | str | None = None, kind: str | None = None):
        path = tmp_path / "kit.yaml"
        if source is not None:
            path.write_bytes(Path(source).read_bytes()) if isinstance(source, Path) else path.write_text(source)
        ed = open_editor(path, kind)
        qtbot.addWidget(ed)
        ed.activateWindow()
        settle()
        return ed

    return make


def field(ed, path):
    return ed.fields[path].widget


def type_into(qtbot, w, text: str) -> None:
    """Select what the field holds and type (or paste) the new text over it."""
    w.setFocus()
    if isinstance(w, QLineEdit):
        w.selectAll()
    else:
        key(Qt.Key.Key_A, CTRL, w)
    if len(text) > PASTE_OVER or "\n" in text:
        QApplication.clipboard().setText(text)
        key(Qt.Key.Key_V, CTRL, w)
    elif text:
        type_text(text)
    else:
        key(Qt.Key.Key_Delete, widget=w)


def choose(w: QComboBox, value: str) -> None:
    w.setFocus()
    for _ in range(w.count()):
        if w.currentData() == value:
            return
        key(Qt.Key.Key_Down, widget=w)
    assert w.currentData() == value


def press(button: QPushButton) -> None:
    button.setFocus()
    key(Qt.Key.Key_Space, widget=button)


def fill(qtbot, ed, record: spec.Record, path: str, data: dict) -> None:
    """Fill the form of ``record`` at ``path`` with ``data`` (the bundled kit's values)."""
    for k, f in record.fields.items():
        if k not in data:
            continue
        v, p, t = data[k], f"{path}.{k}" if path else k, f.type
        if isinstance(t, spec.ListOf) and isinstance(t.item, spec.Record):
            for i, item in enumerate(v):
                press(ed.scroll.widget().findChild(QPushButton, f"add:{p}"))
                fill(qtbot, ed, t.item, f"{p}[{i}]", item)
        elif isinstance(t, spec.Record):  # event.example, event.headings
            fill(qtbot, ed, t, p, v)
        elif isinstance(t, spec.ListOf) and isinstance(t.item, spec.CommitmentId):
            w: QListWidget = field(ed, p)
            w.setFocus()
            for row in range(w.count()):
                if str(w.item(row).data(Qt.ItemDataRole.UserRole)) in [str(x) for x in v]:
                    w.setCurrentRow(row)
                    key(Qt.Key.Key_Space, widget=w)
        elif isinstance(t, spec.ListOf):
            type_into(qtbot, field(ed, p), "\n".join(v))
        elif isinstance(t, spec.Choice):
            choose(field(ed, p), v)
        else:
            text = v.isoformat() if isinstance(v, dt.date) else str(v).rstrip("\n")
            type_into(qtbot, field(ed, p), text)
        settle()


def test_rebuild_the_2021_forum_kit_from_an_empty_one_with_the_keyboard(qtbot, editor):
    target = KitDocument.open(kits.kit_path("forum-open-etat-2021-1")).data()
    ed = editor("kit: 1\n")
    assert ed.doc.errors  # an empty kit: what is missing is said
    fill(qtbot, ed, spec.EVENT, "event", target["event"])
    ed.show_page("programme")
    fill(qtbot, ed, spec.KIT, "", {"programme": target["programme"]})
    ed.show_page("plan")
    plan = dict(target["plan"])
    commitments = plan.pop("commitments")
    fill(qtbot, ed, spec.PLAN, "plan", plan)
    for i, c in enumerate(commitments):
        key(Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier, ed)  # Ajouter un engagement
        assert ed.page_key == f"commitment:{i}"
        fill(qtbot, ed, spec.COMMITMENT, f"plan.commitments[{i}]", c)
    for i, w in enumerate(target["workshops"]):
        key(Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier, ed)  # Ajouter un atelier
        assert ed.page_key == f"workshop:{i}"
        fill(qtbot, ed, spec.WORKSHOP, f"workshops[{i}]", w)
    assert ed.doc.errors == [], [str(e) for e in ed.doc.errors]
    assert "Aucune erreur" in ed.count.text() and ed.create_action.isEnabled()
    # what was saved, as typed, loads equal to the bundled kit
    assert load_kit(ed.path) == load_kit(kits.kit_path("forum-open-etat-2021-1"))


def test_errors_beside_their_field_in_the_list_and_jump(qtbot, editor):
    ed = editor(kits.kit_path("forum-open-etat-2021-1"))
    assert "Aucune erreur" in ed.count.text()
    ed.show_page("workshop:1")
    type_into(qtbot, field(ed, "workshops[1].start"), "25:00")
    err = ed.fields["workshops[1].start"].error
    assert not err.isHidden() and "heure impossible" in err.text()
    assert ed.issue_list.count() == 1 and "workshops[1].start" in ed.issue_list.item(0).text()
    assert "1 erreur(s)" in ed.count.text() and not ed.create_action.isEnabled()
    assert "start: \"25:00\"" in ed.path.read_text("utf-8")  # the draft is saved with its error
    ed.show_page("event")
    ed.issue_list.setFocus()
    ed.issue_list.setCurrentRow(0)
    key(Qt.Key.Key_Return, widget=ed.issue_list)  # jumps to the field
    assert ed.page_key == "workshop:1"
    assert QApplication.focusWidget() is field(ed, "workshops[1].start")
    key(Qt.Key.Key_Backspace)
    key(Qt.Key.Key_Backspace)
    key(Qt.Key.Key_Backspace)
    key(Qt.Key.Key_Backspace)
    key(Qt.Key.Key_Backspace)
    type_text("14:00")
    assert ed.fields["workshops[1].start"].error.isHidden() and ed.issue_list.count() == 0
    assert ed.path.read_bytes() == kits.kit_path("forum-open-etat-2021-1").read_bytes()


def test_undo_redo_every_edit_and_the_file_follows(qtbot, editor):
    ed = editor(kits.kit_path("forum-open-etat-2021-1"))
    original = ed.path.read_bytes()
    type_into(qtbot, field(ed, "event.venue"), "Salle X")
    assert ed.stack.count() == 1  # one field typed: one undo step
    press(ed.scroll.widget().findChild(QPushButton, "add:event.links"))
    assert ed.doc.length("event.links") == 3
    key(Qt.Key.Key_Z, CTRL, ed)
    assert ed.doc.length("event.links") == 2
    key(Qt.Key.Key_Z, CTRL, ed)
    assert ed.path.read_bytes() == original
    assert field(ed, "event.venue").text() == "Cour des Comptes, Paris"
    key(Qt.Key.Key_Y, CTRL, ed)
    assert field(ed, "event.venue").text() == "Salle X"
    assert 'venue: "Salle X"' in ed.path.read_text("utf-8")


def test_prepared_items_as_an_outline_with_the_capture_keys(qtbot, editor):
    ed = editor(kits.kit_path("ministere-ouvert-2016"))
    ed.show_page("workshop:0")
    outlines = ed.fields["workshops[0].prepared"].widget.outlines
    tree = outlines["projets"]
    tree.setFocus()
    n = tree.topLevelItemCount()
    tree.setCurrentItem(tree.topLevelItem(n - 1))
    key(Qt.Key.Key_Return, widget=tree)  # a new item below, being edited
    editor_widget = QApplication.focusWidget()
    assert isinstance(editor_widget, QLineEdit)
    editor_widget.selectAll()
    type_text("Taux de réponse")
    key(Qt.Key.Key_Return, widget=editor_widget)
    settle()
    key(Qt.Key.Key_Tab, widget=tree)  # under the previous item
    settle()
    items = ed.doc.kit.workshop(1).prepared_for("projets")
    assert len(items) == n and items[-1].items[-1].text == "Taux de réponse"
    key(Qt.Key.Key_Backtab, widget=tree)
    assert ed.doc.kit.workshop(1).prepared_for("projets")[-1].text == "Taux de réponse"
    key(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier, tree)
    assert ed.doc.kit.workshop(1).prepared_for("projets")[-2].text == "Taux de réponse"
    key(Qt.Key.Key_Delete, widget=tree)
    assert len(ed.doc.kit.workshop(1).prepared_for("projets")) == n


def test_import_from_a_spreadsheet_with_a_remembered_mapping(qtbot, editor, tmp_path):
    from ui.prepare.kit_sheets import ImportDialog

    ed = editor(kits.kit_path("forum-open-etat-2021-1"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Code", "Intitulé", "Avancement"])
    for i in range(3, 20):
        ws.append([i, f"Engagement {i}", "Partiel"])
    ws.append([20, "Engagement 20", "bientôt"])
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    dlg = ImportDialog(ed, "commitments", path)
    qtbot.addWidget(dlg)
    problems = [dlg.problems.item(i).text() for i in range(dlg.problems.count())]
    assert problems == ["plan.xlsx, feuille « Plan », ligne 1 : aucune colonne « N° » : indiquez laquelle la "
                        "contient (colonnes : Code, Intitulé, Avancement)"]
    assert not dlg.import_button.isEnabled()
    dlg.set_column(0, "id")
    problems = [dlg.problems.item(i).text() for i in range(dlg.problems.count())]
    assert problems == ["plan.xlsx, feuille « Plan », ligne 19, colonne C (Avancement) : « bientôt » n'est pas une "
                        "valeur possible (Non démarré, Partiel, Substantiel, Complet)"]
    ws.delete_rows(19)
    wb.save(path)
    dlg.load(path)  # the corrected file read again: the choice of column A stays
    assert dlg.mapping() == {0: "id", 1: "title", 2: "status"}
    assert dlg.import_button.isEnabled()
    dlg.do_import()
    again = ImportDialog(ed, "commitments", path)  # and is remembered for the next import
    qtbot.addWidget(again)
    assert again.mapping() == {0: "id", 1: "title", 2: "status"}
    assert len(ed.doc.kit.plan.commitments) == 2 + 17
    assert ed.stack.count() == 1
    key(Qt.Key.Key_Z, CTRL, ed)
    assert len(ed.doc.kit.plan.commitments) == 2


def test_create_the_event_and_print_the_booklets(qtbot, editor, tmp_path):
    from facilitator.store import EventFile

    ed = editor(kits.kit_path("forum-open-etat-2021-1"))
    target = ed.create_event(tmp_path / "forum.facilitator")
    ev = EventFile.open(target)
    try:
        assert ev.kit == load_kit(kits.kit_path("forum-open-etat-2021-1"))
    finally:
        ev.close()
    files = ed.print_booklets(tmp_path)
    assert [f.name for f in files] == ["kit-livret.pdf", "kit-fiches.pdf"]
    assert all(f.read_bytes().startswith(b"%PDF") for f in files)


@pytest.mark.skipif(not __import__("shutil").which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_live_preview_renders_pages_in_a_worker_and_the_qr_codes(qtbot, editor):
    ed = editor(kits.kit_path("forum-open-etat-2021-1"))
    key(Qt.Key.Key_F5, widget=ed)
    preview = ed.preview
    qtbot.waitUntil(lambda: preview.renders == 1, timeout=60_000)
    pages = preview.pages_host.findChildren(type(preview.status), "previewPage")
    assert len(pages) >= 4 and not pages[0].pixmap().isNull()
    assert preview.qr.count() == len(ed.doc.kit.all_links())
    type_into(qtbot, field(ed, "event.title"), "Forum modifié")  # typing goes on while it renders
    assert ed.doc.kit.event.title == "Forum modifié"
    qtbot.waitUntil(lambda: preview.renders == 2, timeout=60_000)
    type_into(qtbot, field(ed, "event.date"), "2021-13-01")
    qtbot.waitUntil(lambda: "en attente" in preview.status.text(), timeout=5_000)


def test_start_screen_and_menu_open_the_preparation(qtbot):
    from ui.shell.start import StartScreen

    screen = StartScreen()
    qtbot.addWidget(screen)
    seen = []

    def answer():
        dlg = QApplication.activeModalWidget()
        seen.append(dlg.objectName())
        seen.extend(b.objectName() for b in dlg.findChildren(QPushButton) if b.objectName())
        dlg.reject()

    QTimer.singleShot(0, answer)
    press(screen.findChild(QPushButton, "prepareEvent"))
    assert seen[:4] == ["prepareDialog", "newMinistere", "newForum", "openKit"]


CHILD = r"""
import sys
from PySide6.QtWidgets import QApplication
from tests.ui.helpers import type_text
from ui.shell.app import ensure_app
ensure_app()
from ui.prepare.kit_editor import open_editor
ed = open_editor(sys.argv[1])
ed.activateWindow()
for _ in range(5):
    QApplication.processEvents()
w = ed.fields["event.venue"].widget
w.setFocus()
QApplication.processEvents()
assert QApplication.focusWidget() is w
w.selectAll()
type_text("Salle tapée avant la panne")
QApplication.processEvents()
print("TYPED", flush=True)
import time
while True:
    time.sleep(1)
"""


def test_a_crash_loses_nothing_typed(tmp_path):
    path = tmp_path / "kit.yaml"
    path.write_bytes(kits.kit_path("forum-open-etat-2021-1").read_bytes())
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", FACILITATOR_HOME=str(tmp_path / "h"))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        line = ""
        while time.monotonic() < deadline and "TYPED" not in line:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
        assert "TYPED" in line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
    kit = load_kit(path)
    assert kit.event.venue == "Salle tapée avant la panne"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_every_part_of_the_format_has_a_form(qtbot, editor):
    """Each record's fields appear on their page (event, programme, plan, commitment, sections,
    atelier), with a French label."""
    ed = editor(kits.kit_path("ministere-ouvert-2016"))
    pages = {"event": ("event", spec.EVENT), "plan": ("plan", spec.PLAN), "commitment:0": ("plan.commitments[0]", spec.COMMITMENT),
             "workshop:0": ("workshops[0]", spec.WORKSHOP)}
    for page, (path, record) in pages.items():
        ed.show_page(page)
        for k in record.fields:
            if page == "plan" and k == "commitments":
                continue
            assert f"{path}.{k}" in ed.fields, (page, k)
            assert k in ed.labels.fields
    ed.show_page("sections")
    assert {"sections[0].id", "sections[0].title", "sections[0].hint"} <= set(ed.fields)
    ed.show_page("programme")
    assert {"programme[0].time", "programme[0].title", "programme[0].speakers"} <= set(ed.fields)
    ed.show_page("event")
    assert isinstance(field(ed, "event.about"), QPlainTextEdit)
