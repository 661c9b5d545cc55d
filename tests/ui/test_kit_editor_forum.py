"""The 2024-style forum prepared in the kit editor from start to end, through its widgets: from the
« Forum Open d'État » template, 17 commitments imported from a real XLSX file, 5 ateliers choosing
commitments from the plan, zero errors, the booklets printed (real PDF read back, QR codes decoded
from the rendered pages) and the event file made and opened in the capture window.

The contents come from the « Synthèse du plan d'action national pour la France 2021-2023 »
(seeds/002): its six engagements (the axes) and their ambitions (the commitments), with their
« Porteurs »; the seeds hold no 2024 document, and a 2024-style forum is this plan's shape
(5 ateliers, 17 commitments)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from facilitator.kit import load_kit
from tests.exports.pdf_support import decode_qr, pages_text, render_pages
from tests.ui import test_kit_editor as base
from tests.ui.helpers import key, settle
from tests.ui.test_kit_editor import field, press, type_into

editor = base.editor  # the editor on a kit file in tmp_path (the fixture)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

# (engagement of the plan 2021-2023 = axis, its porteurs, its ambitions = commitments)
PLAN = [
    ("Faire participer les citoyens à l'élaboration des politiques publiques",
     "Ministère de la transformation et de la fonction publiques",
     ["Innover dans l'action publique grâce aux initiatives citoyennes",
      "Soutenir la participation citoyenne dans tous les territoires",
      "Encourager l'engagement civique des jeunes"]),
    ("Rendre des comptes et ouvrir les données publiques",
     "Ministère de l'économie, des finances et de la relance",
     ["Mettre les données au service de l'action publique",
      "Assurer la transparence des résultats de l'action publique",
      "Ouvrir les cahiers de doléances du Grand débat national"]),
    ("Simplifier l'accès aux services publics",
     "Ministère de l'Intérieur",
     ["Faciliter l'accès des citoyens aux services du quotidien",
      "Développer l'inclusion numérique dans tous les territoires"]),
    ("Associer les citoyens aux politiques environnementales",
     "Ministère de la transition écologique",
     ["Associer les citoyens à l'élaboration des politiques environnementales",
      "Ouvrir et enrichir les données environnementales pour sensibiliser les Français",
      "Renforcer l'engagement des citoyens dans la politique maritime et littorale"]),
    ("Santé et relance : transparence et participation",
     "Ministère des solidarités et de la santé",
     ["Impliquer la société civile dans les politiques de santé",
      "Renforcer l'information des citoyens et la transparence dans le domaine sanitaire",
      "Garantir la transparence de la mise en œuvre de France Relance pour relancer l'économie"]),
    ("Porter le gouvernement ouvert en Europe et dans le monde",
     "Ministère de l'Europe et des affaires étrangères",
     ["Tirer parti de la conférence sur l'avenir de l'Europe pour mobiliser les citoyens",
      "Développer les communs numériques à l'échelle européenne",
      "Renforcer les valeurs de la transparence pour promouvoir le modèle du gouvernement ouvert"]),
]
ATELIERS = [  # (title, question, commitments chosen from the plan)
    ("Participation citoyenne", "Comment associer les citoyens à chaque étape des politiques publiques ?", [1, 2, 3]),
    ("Données et redevabilité", "Quelles données publier pour rendre compte des résultats ?", [4, 5, 6]),
    ("Services publics du quotidien", "Comment rendre les services publics accessibles à tous ?", [7, 8]),
    ("Transition écologique", "Comment ouvrir les politiques environnementales aux citoyens ?", [9, 10, 11]),
    ("Santé, relance et Europe", "Quelle transparence pour la santé, la relance et l'Europe ?", [12, 13, 14, 15, 16, 17]),
]


def _xlsx(path: Path) -> None:
    """The plan as an organiser keeps it: a title row above the table is not there, ids by formula
    for the first rows, the porteur merged over the ambitions of an engagement, an empty row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan 2024"
    ws.append(["N°", "Intitulé", "Institutions porteuses", "Statut"])
    n, row = 0, 1
    for e, (_axis, owner, ambitions) in enumerate(PLAN):
        first = row + 1
        for title in ambitions:
            n, row = n + 1, row + 1
            ws.cell(row, 1, f"=A{row - 1}+1" if 2 < n <= 4 else n)
            ws.cell(row, 2, title)
            ws.cell(row, 4, "Non démarré")
        ws.cell(first, 3, owner)
        ws.merge_cells(f"C{first}:C{row}")  # the porteur over the ambitions of its engagement
        if e == 2:
            row += 1  # an empty row between two engagements
    wb.save(path)
    # as a spreadsheet program saves it: each formula with its computed value
    with zipfile.ZipFile(path) as zf:
        members = {m: zf.read(m) for m in zf.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    for row in (4, 5):  # ids 3 and 4
        xml, count = re.subn(rf"<f>A{row - 1}\+1</f>(<v\s*/>|<v></v>)?", f"<f>A{row - 1}+1</f><v>{row - 1}</v>", xml)
        assert count == 1
    members["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for m, data in members.items():
            zf.writestr(m, data)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_the_2024_style_forum_prepared_printed_and_created(qtbot, editor, tmp_path):
    from ui.prepare.kit_sheets import ImportDialog
    from ui.shell import app

    ed = editor(kind="forum-open-etat")  # « Préparer un événement » → « Forum Open d'État »
    assert ed.doc.kit is not None  # the template is a valid kit
    for path, text in (("event.title", "Forum Open d'État 2024"), ("event.subtitle", "Le plan d'action en ateliers"),
                       ("event.date", "2024-06-13"), ("event.venue", "Cour des comptes, Paris")):
        type_into(qtbot, field(ed, path), text)
        settle()
    # the plan from the spreadsheet
    sheet = tmp_path / "plan-2024.xlsx"
    _xlsx(sheet)
    ed.show_page("plan")
    dlg = ImportDialog(ed, "commitments", sheet)
    qtbot.addWidget(dlg)
    assert dlg.mapping() == {0: "id", 1: "title", 2: "owners", 3: "status"}  # guessed from the headers
    assert dlg.import_button.isEnabled(), [dlg.problems.item(i).text() for i in range(dlg.problems.count())]
    press(dlg.import_button)
    kit = ed.doc.kit
    titles = [t for _a, _o, ambitions in PLAN for t in ambitions]
    assert [str(c.id) for c in kit.plan.commitments] == [str(n) for n in range(1, 18)]
    assert [c.title for c in kit.plan.commitments] == titles  # the template's placeholder updated, 16 added
    owners = [o for _a, o, ambitions in PLAN for _t in ambitions]
    assert [c.owners for c in kit.plan.commitments] == [(o,) for o in owners]  # merged cells filled
    # five ateliers (the template's first, then four added), their commitments ticked in the plan's list
    for i, (title, question, chosen) in enumerate(ATELIERS):
        if i:
            key(Qt.Key.Key_A, CTRL_SHIFT, ed)  # Ajouter un atelier
        else:
            ed.show_page("workshop:0")
        assert ed.page_key == f"workshop:{i}"
        type_into(qtbot, field(ed, f"workshops[{i}].title"), title)
        type_into(qtbot, field(ed, f"workshops[{i}].question"), question)
        type_into(qtbot, field(ed, f"workshops[{i}].pilot"), PLAN[min(i, 5)][1])
        settle()
        box: QListWidget = field(ed, f"workshops[{i}].commitments")
        box.setFocus()
        for row in range(box.count()):
            ticked = box.item(row).checkState() == Qt.CheckState.Checked
            if (int(box.item(row).data(Qt.ItemDataRole.UserRole)) in chosen) != ticked:
                box.setCurrentRow(row)
                key(Qt.Key.Key_Space, widget=box)
        settle()
    assert ed.doc.errors == [], [str(e) for e in ed.doc.errors]
    assert "Aucune erreur" in ed.count.text() and ed.create_action.isEnabled()
    kit = load_kit(ed.path)  # what was saved at once
    assert [(w.title, [str(x) for x in w.commitments]) for w in kit.workshops] == [
        (t, [str(x) for x in c]) for t, _q, c in ATELIERS]
    assert ed.doc.text.count("commitments: [") == 5  # chosen ids written as numbers, on one line
    # the booklets, printed and read back
    out = tmp_path / "livrets"
    out.mkdir()
    booklet, sheets_pdf = ed.print_booklets(out)
    text = "\n".join(pages_text(booklet.read_bytes()))
    flat = " ".join(text.split())
    for title, question, _c in ATELIERS:
        assert title in flat and question in flat
    assert "Forum Open d'État 2024" in flat
    assert all(" ".join(t.split()) in flat for t in titles[:3])
    data = booklet.read_bytes()
    n_pages = len(PdfReader(io.BytesIO(data)).pages)
    found = set()
    for image in render_pages(data, list(range(n_pages)), dpi=150):
        found.update(decode_qr(image))
    assert "https://gouvernement-ouvert.transformation.gouv.fr" in found  # the template's link, as a QR code
    assert sheets_pdf.read_bytes().startswith(b"%PDF")
    # « Créer l'événement… », then the capture window opens it
    target = ed.create_event(tmp_path / "forum-2024.facilitator")
    opened = []
    app.open_window(target, then=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    window = opened[0]
    qtbot.addWidget(window)
    assert window.session.ev.kit == load_kit(ed.path)
    assert [w.title for w in window.session.ev.kit.workshops] == [t for t, _q, _c in ATELIERS]
