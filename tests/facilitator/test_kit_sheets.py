"""Spreadsheets of commitments and ateliers (facilitator/kit/sheets.py): real XLSX (openpyxl),
ODS (odfpy) and CSV files built in tmp_path, read back, and hostile ones refused with located
French messages."""

from __future__ import annotations

import dataclasses
import difflib
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

import kits
from facilitator.kit import sheets
from facilitator.kit.roundtrip import KitDocument
from tests.conftest import ROOT

TABLE_FIELDS = {c.field for c in sheets.COLUMNS["commitments"]}


def import_file(doc, path, kind="commitments", specs=()):
    table = sheets.read_tables(path)[0]
    mapping = sheets.parse_mapping(kind, specs, table.headers)
    recs, problems = sheets.records(table, kind, mapping)
    assert not problems, [str(p) for p in problems]
    return sheets.apply(doc, kind, recs)


def tabular(c):
    """A commitment restricted to what a table holds."""
    fields = {f.name: getattr(c, f.name) for f in dataclasses.fields(c)}
    return {k: v for k, v in fields.items() if k in TABLE_FIELDS}


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".csv"])
def test_the_26_commitments_of_2016_exported_and_imported_back(tmp_path, suffix):
    doc = KitDocument.open(kits.kit_path("ministere-ouvert-2016"))
    original = doc.kit.plan
    assert len(original.commitments) == 26
    headers, rows = sheets.rows_of(doc, "commitments")
    path = sheets.write_table(tmp_path / f"plan{suffix}", headers, rows, "Engagements")
    # into the same kit: nothing changes, not a byte
    before = doc.text
    assert import_file(doc, path) == (0, 0)
    assert doc.text == before
    # into a kit whose plan has no commitment: the same 26, in the same order
    empty = KitDocument.open(kits.kit_path("ministere-ouvert-2016"))
    empty.edit(lambda tree: tree["plan"]["commitments"].clear())
    assert import_file(empty, path) == (0, 26)
    got = empty.data()["plan"]["commitments"]
    assert [str(c["id"]) for c in got] == [c.id for c in original.commitments]
    reread = KitDocument(empty.text)  # actions, milestones… are not in a table: compare the rest
    plan = reread.validate().kit.plan if reread.kit else None
    assert plan is not None, [str(i) for i in reread.errors][:5]
    assert [tabular(c) for c in plan.commitments] == [tabular(c) for c in original.commitments]


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_an_import_into_a_full_plan_changes_only_the_lines_it_changes(tmp_path, suffix):
    """One title changed in the organisers' spreadsheet and one commitment added: imported into
    the 2016 kit, the title's line and the new item's lines are the only change."""
    doc = KitDocument.open(kits.kit_path("ministere-ouvert-2016"))
    headers, rows = sheets.rows_of(doc, "commitments")
    title = headers.index("Intitulé")
    rows[3][title] = "Un titre changé dans le tableur"
    new = list(rows[-1])
    new[0] = 99
    new[title] = "Un engagement ajouté"
    rows.append(new)
    path = sheets.write_table(tmp_path / f"plan{suffix}", headers, rows, "Engagements")
    before = doc.text
    assert import_file(doc, path) == (1, 1)
    diff = [line for line in difflib.unified_diff(before.splitlines(), doc.text.splitlines(), lineterm="", n=0)
            if not line.startswith(("---", "+++"))]
    assert sum(line.startswith("@@") for line in diff) == 2
    assert [line for line in diff if line.startswith("-")] == [
        next(line for line in diff if line.startswith("-"))]  # one line gone: the old title's
    plan = KitDocument(doc.text).validate().kit.plan
    assert plan.commitments[3].title == "Un titre changé dans le tableur"
    assert plan.commitments[-1].id == "99" and plan.commitments[-1].title == "Un engagement ajouté"
    original = KitDocument.open(kits.kit_path("ministere-ouvert-2016")).kit.plan.commitments
    assert [tabular(c) for c in plan.commitments[:3]] == [tabular(c) for c in original[:3]]


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_workshops_exported_and_imported_back(tmp_path, suffix):
    doc = KitDocument.open(kits.kit_path("forum-open-etat-2021-1"))
    headers, rows = sheets.rows_of(doc, "workshops")
    path = sheets.write_table(tmp_path / f"ateliers{suffix}", headers, rows, "Ateliers")
    before = doc.text
    assert import_file(doc, path, "workshops") == (0, 0)
    assert doc.text == before


def test_xlsx_formulas_as_values_merged_cells_and_empty_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan 2024"
    ws.append(["Numéro", "Intitulé de l'engagement", "Axe", "État d'avancement", "Porteurs"])
    ws.append(["=1+0", "Ouvrir les données", "Transparence", "En cours", "DINUM ; Etalab"])
    ws.append([2, "Associer les citoyens", None, "Complet", "DITP"])
    ws.append([])
    ws.append([])
    ws.append([3, "Rendre des comptes", "Redevabilité", "non démarré", None])
    ws.merge_cells("C2:C3")  # one axis for the first two
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    _cache_formula_value(path, "1+0", "1")  # as a spreadsheet program saves it
    doc = KitDocument.new("ministere-ouvert")
    doc.edit(lambda tree: tree["plan"]["commitments"].clear())
    assert import_file(doc, path) == (0, 3)
    got = doc.data()["plan"]["commitments"]
    assert got == [
        {"id": 1, "title": "Ouvrir les données", "axis": "Transparence", "status": "partiel", "owners": ["DINUM", "Etalab"]},
        {"id": 2, "title": "Associer les citoyens", "axis": "Transparence", "status": "complet", "owners": ["DITP"]},
        {"id": 3, "title": "Rendre des comptes", "axis": "Redevabilité", "status": "non-demarre"},
    ]


def _cache_formula_value(path, formula, value):
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    xml, n = re.subn(rf"<f>{re.escape(formula)}</f>(<v\s*/>|<v></v>)?", f"<f>{formula}</f><v>{value}</v>", xml)
    assert n == 1
    members["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_ods_formulas_merged_cells_and_repeated_empty_rows(tmp_path):
    doc_ods = OpenDocumentSpreadsheet()
    t = Table(name="Ateliers")

    def row(*cells, repeat=None):
        r = TableRow(numberrowsrepeated=repeat) if repeat else TableRow()
        for c in cells:
            r.addElement(c)
        t.addElement(r)

    def text(s, **kw):
        c = TableCell(valuetype="string", **kw)
        c.addElement(P(text=s))
        return c

    row(text("N° atelier"), text("Titre"), text("Salle"), text("Début"), text("Engagements traités"))
    row(TableCell(valuetype="float", value=1, formula="of:=0+1"), text("Données"),
        text("Salle A", numberrowsspanned=2), TableCell(valuetype="time", timevalue="PT14H15M00S"), text("1, 2"))
    row(TableCell(valuetype="float", value=2), text("Participation"), CoveredTableCell(), text("14h15"),
        TableCell(valuetype="float", value=3))
    row(TableCell(numbercolumnsrepeated=1024), repeat=1048570)  # what spreadsheet programs write
    doc_ods.spreadsheet.addElement(t)
    path = tmp_path / "ateliers.ods"
    doc_ods.save(str(path))
    doc = KitDocument.new("forum-open-etat")
    doc.edit(lambda tree: tree["workshops"].clear())
    assert import_file(doc, path, "workshops") == (0, 2)
    assert doc.data()["workshops"] == [
        {"number": 1, "title": "Données", "commitments": [1, 2], "room": "Salle A", "start": "14:15"},
        {"number": 2, "title": "Participation", "commitments": [3], "room": "Salle A", "start": "14:15"},
    ]


def test_wrong_types_located_by_sheet_row_and_column(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ateliers"
    ws.append(["Atelier", "Titre", "Début", "Fin"])
    ws.append(["un", "Premier", "14:00", "25:00"])
    ws.append([2, "Deuxième", 3.5, "16:00"])
    ws.append([2, "Doublon", "14:00", "16:00"])
    path = tmp_path / "ateliers.xlsx"
    wb.save(path)
    table = sheets.read_tables(path)[0]
    recs, problems = sheets.records(table, "workshops", sheets.guess_mapping("workshops", table.headers))
    messages = [str(p) for p in problems]
    assert messages == [
        "ateliers.xlsx, feuille « Ateliers », ligne 2, colonne A (Atelier) : un nombre entier était attendu, pas « un »",
        "ateliers.xlsx, feuille « Ateliers », ligne 2, colonne D (Fin) : une heure HH:MM était attendue, pas « 25:00 »",
        "ateliers.xlsx, feuille « Ateliers », ligne 3, colonne C (Début) : une heure HH:MM était attendue, pas « 3.5 »",
        "ateliers.xlsx, feuille « Ateliers », ligne 4, colonne A (Atelier) : « 2 » figure déjà ligne 3",
    ]


def test_status_choices_and_missing_key_column(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Référence;Titre;Statut\nE1;Un;peut-être\n", "utf-8")
    table = sheets.read_tables(path)[0]
    recs, problems = sheets.records(table, "commitments", sheets.guess_mapping("commitments", table.headers))
    assert [str(p) for p in problems] == [
        "plan.csv, feuille « plan », ligne 1 : aucune colonne « N° » : indiquez laquelle la contient "
        "(colonnes : Référence, Titre, Statut)"]
    mapping = sheets.parse_mapping("commitments", ["Référence=id"], table.headers)
    recs, problems = sheets.records(table, "commitments", mapping)
    assert [str(p) for p in problems] == [
        "plan.csv, feuille « plan », ligne 2, colonne C (Statut) : « peut-être » n'est pas une valeur possible "
        "(Non démarré, Partiel, Substantiel, Complet)"]
    # the choice is remembered for the next import of a table with that header
    sheets.remember("commitments", table.headers, mapping)
    assert sheets.guess_mapping("commitments", ["Titre", "référence"]) == {0: "title", 1: "id"}


def test_a_million_rows_refused_within_bounds(tmp_path):
    path = tmp_path / "million.csv"
    path.write_text("N°;Intitulé\n" + "".join(f"{i};E\n" for i in range(1, 1_000_001)), "utf-8")
    with pytest.raises(sheets.SheetError) as exc:
        sheets.read_tables(path)
    assert str(exc.value) == (f"million.csv, feuille « million », ligne {sheets.MAX_ROWS + 2} : "
                              f"plus de {sheets.MAX_ROWS} lignes : tableur refusé")
    path.write_text("N°;Intitulé\n" + "".join(f"{i};Engagement {i}\n" for i in range(1, 1_000_001)), "utf-8")
    with pytest.raises(sheets.SheetError, match="million.csv : le tableur fait 24777806 octets"):
        sheets.read_tables(path)  # refused by its size, unread
    # an XLSX claiming a row at 1,048,576 is refused at the scan bound, not read to the end
    wb = openpyxl.Workbook()
    wb.active.append(["N°", "Intitulé"])
    wb.active.cell(row=1_048_576, column=1, value=1)
    p2 = tmp_path / "loin.xlsx"
    wb.save(p2)
    with pytest.raises(sheets.SheetError, match=f"ligne {sheets.MAX_SCAN_ROWS + 1} : plus de"):
        sheets.read_tables(p2)


def test_zip_bomb_refused_before_opening(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["N°", "Intitulé"])
    path = tmp_path / "bombe.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/zeros.bin", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(sheets.SheetError) as exc:
        sheets.read_tables(path)
    assert "bombe.xlsx : le contenu « xl/media/zeros.bin » se décompresse" in str(exc.value)
    (tmp_path / "faux.ods").write_bytes(b"PK\3\4 pas une archive")
    with pytest.raises(sheets.SheetError, match="faux.ods : ce fichier n'est pas un tableur lisible"):
        sheets.read_tables(tmp_path / "faux.ods")


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "facilitator", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_cli_import_and_export_table(tmp_path):
    kit = tmp_path / "kit.yaml"
    kit.write_bytes(kits.kit_path("forum-open-etat-2021-1").read_bytes())
    out = _run("kit", "export-table", kit, tmp_path / "engagements.ods", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("N°;Intitulé;Calendrier\n9;Nouveau;bientôt\n", "utf-8")
    before = kit.read_bytes()
    out = _run("kit", "import", kit, bad, cwd=tmp_path)
    assert out.returncode == 1
    assert "bad.csv, feuille « bad », ligne 2, colonne C (Calendrier) : « bientôt »" in out.stderr
    assert kit.read_bytes() == before  # nothing written
    good = tmp_path / "good.csv"
    good.write_text("N°;Intitulé;Calendrier\n9;Nouvel engagement;En retard\n", "utf-8")
    out = _run("kit", "import", kit, good, cwd=tmp_path)
    assert "good.csv : 0 mis à jour, 1 ajouté(s)" in out.stdout, out.stdout + out.stderr
    doc = KitDocument.open(kit)
    assert doc.data()["plan"]["commitments"][-1] == {"id": 9, "title": "Nouvel engagement", "schedule": "retarde"}
    assert doc.text.startswith(before.decode()[:200])  # comments kept
