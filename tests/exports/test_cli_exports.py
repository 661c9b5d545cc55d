"""``facilitator export …``, ``import json`` and ``demo``: exit codes, files, French errors."""

from __future__ import annotations

import csv
import errno
import importlib
import io
import json
import os
import shutil

import pytest

import kits
from facilitator.cli import main
from tests.exports.opendata_support import make_demo
from tests.ordinary_user import as_ordinary_user, reachable_folder


@pytest.fixture(scope="module")
def _demo_master(tmp_path_factory):
    return make_demo(tmp_path_factory.mktemp("master"))


@pytest.fixture
def demo_path(_demo_master, tmp_path):
    """A copy of one 2016 demo event file (creating it once per module keeps the suite fast)."""
    path = tmp_path / "demo.facilitator"
    shutil.copyfile(_demo_master, path)
    return path


def _pdf_ready() -> bool:
    try:
        for name in ("restitution", "booklet", "sheets"):
            importlib.import_module(f"exports.pdf.{name}")
    except ImportError:
        return False
    return True


PDF = pytest.mark.skipif(not _pdf_ready(), reason="exports.pdf not importable yet")


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]


@pytest.mark.parametrize("kind, name, check", [
    ("markdown", "r.md", lambda b: b.startswith(b"# Minist")),
    ("html", "r.html", lambda b: b.startswith(b"<!DOCTYPE html>")),
    ("odt", "r.odt", lambda b: b.startswith(b"PK")),
    ("json", "e.json", lambda b: json.loads(b)["format"] == "facilitator-event"),
    ("csv", "n.csv", lambda b: b.startswith(b"evenement_id,")),
])
def test_export_kinds(demo_path, tmp_path, capsys, kind, name, check):
    out = tmp_path / "out" / name
    out.parent.mkdir()
    assert main(["export", kind, str(demo_path), "-o", str(out)]) == 0
    assert check(out.read_bytes())
    assert f"Écrit : {out}" in capsys.readouterr().out
    assert _leftovers(out.parent) == []


def test_csv_bom_option(demo_path, tmp_path):
    out = tmp_path / "n.csv"
    assert main(["export", "csv", str(demo_path), "-o", str(out), "--bom"]) == 0
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "evenement_id" and len(rows) > 100


def test_import_json_round_trip(demo_path, tmp_path, capsys):
    exported = tmp_path / "e.json"
    assert main(["export", "json", str(demo_path), "-o", str(exported)]) == 0
    target = tmp_path / "copie.facilitator"
    assert main(["import", "json", str(exported), str(target)]) == 0
    assert "Événement importé" in capsys.readouterr().out
    again = tmp_path / "e2.json"
    assert main(["export", "json", str(target), "-o", str(again)]) == 0
    assert again.read_bytes() == exported.read_bytes()
    # a second import onto the same name is refused, file untouched
    before = target.read_bytes()
    assert main(["import", "json", str(exported), str(target)]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_import_of_a_broken_file_is_a_french_error(tmp_path, capsys):
    src = tmp_path / "x.json"
    src.write_text('{"format": "facilitator-event", "version": 9}', "utf-8")
    assert main(["import", "json", str(src), str(tmp_path / "x.facilitator")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and "plus récent" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_missing_or_foreign_source(tmp_path, capsys):
    assert main(["export", "markdown", str(tmp_path / "absent.facilitator"), "-o", str(tmp_path / "a.md")]) == 1
    assert "introuvable" in capsys.readouterr().err
    other = tmp_path / "autre.facilitator"
    other.write_text("pas une base", "utf-8")
    assert main(["export", "html", str(other), "-o", str(tmp_path / "a.html")]) == 1
    assert "n'est pas un fichier d'événement" in capsys.readouterr().err
    assert not (tmp_path / "a.md").exists() and not (tmp_path / "a.html").exists()


def test_missing_folder(demo_path, tmp_path, capsys):
    out = tmp_path / "nulle-part" / "r.md"
    assert main(["export", "markdown", str(demo_path), "-o", str(out)]) == 1
    assert "n'existe pas" in capsys.readouterr().err


def test_unwritable_folder(demo_path, tmp_path):
    with reachable_folder() as base:
        event = base / "demo.facilitator"
        shutil.copy(demo_path, event)
        event.chmod(0o644)
        folder = base / "ro"
        folder.mkdir()
        assert main(["export", "html", str(event), "-o", str(base / "ok.html")]) == 0  # loads what it needs
        folder.chmod(0o555)
        code, err = as_ordinary_user(lambda: main(["export", "html", str(event), "-o", str(folder / "r.html")]))
        assert code == 1, err
        assert "impossible d'écrire" in err
        assert list(folder.iterdir()) == []


@pytest.mark.parametrize("code, needle", [(errno.EACCES, "impossible d'écrire"), (errno.ENOSPC, "disque est plein")])
def test_failed_write_leaves_the_old_file_and_no_temp(demo_path, tmp_path, capsys, monkeypatch, code, needle):
    out = tmp_path / "r.md"
    out.write_text("ancienne version", "utf-8")

    def fail(_fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    assert main(["export", "markdown", str(demo_path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and needle in err
    assert out.read_text("utf-8") == "ancienne version"
    assert _leftovers(tmp_path) == []


def test_existing_file_is_replaced_atomically(demo_path, tmp_path):
    out = tmp_path / "r.html"
    out.write_text("ancienne version", "utf-8")
    inode = out.stat().st_ino
    assert main(["export", "html", str(demo_path), "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert out.stat().st_ino != inode  # a new file renamed over the old one, not rewritten in place
    assert _leftovers(tmp_path) == []


def test_demo_writes_every_document(tmp_path, capsys):
    folder = tmp_path / "demo-out"
    assert main(["demo", "-o", str(folder)]) == 0
    names = {p.name for p in folder.iterdir()}
    expected = {"demo.facilitator", "restitution.md", "restitution.html", "notes.csv", "evenement.json",
                "restitution.odt", "propositions.csv", "propositions-decidim.csv"}
    if _pdf_ready():
        expected |= {"restitution.pdf", "livret.pdf", "fiches.pdf"}
    assert names == expected
    with open(folder / "propositions-decidim.csv", encoding="utf-8-sig", newline="") as fh:
        decidim = list(csv.reader(fh, delimiter=";"))
    with open(folder / "propositions.csv", encoding="utf-8-sig", newline="") as fh:
        plain = list(csv.reader(fh))
    assert len(decidim) == len(plain) > 1  # a header, then one row per proposal of the synthesis
    text = capsys.readouterr().out
    assert "Événement de démonstration créé" in text
    # a second run reuses the event and gives the same documents
    first = {n: (folder / n).read_bytes() for n in expected if n.endswith((".md", ".html", ".csv", ".json", ".odt"))}
    assert main(["demo", "-o", str(folder)]) == 0
    assert "réutilisé" in capsys.readouterr().out
    for n, data in first.items():
        assert (folder / n).read_bytes() == data, n


def test_demo_default_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["demo"]) == 0
    assert (tmp_path / "demo-output" / "restitution.md").is_file()


def test_demo_into_a_file_is_a_french_error(tmp_path, capsys):
    blocker = tmp_path / "fichier"
    blocker.write_text("x", "utf-8")
    assert main(["demo", "-o", str(blocker / "sous")]) == 1
    assert "impossible de créer le dossier" in capsys.readouterr().err


def test_bad_booklet_format(tmp_path, capsys):
    if not _pdf_ready():
        pytest.skip("exports.pdf not importable yet")
    kit = kits.kit_path("forum-open-etat-2021-1")
    assert main(["export", "booklet", str(kit), "-o", str(tmp_path / "l.pdf"), "--format", "A3"]) == 1
    assert "A5 ou A4" in capsys.readouterr().err


# ------------------------------------------------------------------------------------ PDFs
@PDF
def test_export_restitution_pdf(demo_path, tmp_path):
    full, short = tmp_path / "r.pdf", tmp_path / "r2.pdf"
    assert main(["export", "restitution", str(demo_path), "-o", str(full)]) == 0
    assert main(["export", "restitution", str(demo_path), "-o", str(short), "--sans-annexe"]) == 0
    assert full.read_bytes().startswith(b"%PDF") and short.read_bytes().startswith(b"%PDF")
    from tests.exports.pdf_support import pages_text

    assert any("Ce que nous avons entendu" in t for t in pages_text(full.read_bytes()))
    assert not any("Ce que nous avons entendu" in t for t in pages_text(short.read_bytes())[2:])


@PDF
@pytest.mark.parametrize("source", ["kit", "event"])
def test_export_booklet_and_sheets_from_kit_or_event(demo_path, tmp_path, source):
    src = kits.kit_path("ministere-ouvert-2016") if source == "kit" else demo_path
    for args in (["booklet"], ["booklet", "--format", "a4"], ["sheets"]):
        out = tmp_path / f"{'-'.join(args)}.pdf"
        assert main(["export", args[0], str(src), "-o", str(out), *args[1:]]) == 0
        assert out.read_bytes().startswith(b"%PDF")


@PDF
def test_pdf_from_a_broken_kit_is_exit_1(tmp_path, capsys):
    bad = tmp_path / "kit.yaml"
    bad.write_text("version: 1\nevent: [\n", "utf-8")
    assert main(["export", "booklet", str(bad), "-o", str(tmp_path / "l.pdf")]) == 1
    assert capsys.readouterr().err
