"""The merge, conflicts, resolve, decide, validate and export proposals commands."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

import kits
from facilitator.cli import main
from facilitator.demo import create_demo
from facilitator.kit import load_kit_text
from facilitator.store import EventFile
from tests.ordinary_user import as_ordinary_user, reachable_folder


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACILITATOR_DEVICE", "cli")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(folder / "home"))
        create_demo(folder / "demo.fae", device="base").close()
    return folder / "demo.fae"


@pytest.fixture
def two(tmp_path, demo):
    a = Path(shutil.copy(demo, tmp_path / "a.fae"))
    b = Path(shutil.copy(demo, tmp_path / "b.fae"))
    with EventFile.open(a, device="A") as ev:
        nid = ev.notes()[3].id
        ev.edit_note(nid, text="texte de A")
    with EventFile.open(b, device="B") as ev:
        ev.edit_note(nid, text="texte de B")
        ev.add_note(5, "futurs", "idée nouvelle de B")
    return a, b, nid


def test_merge_prints_the_report(two, capsys):
    a, b, nid = two
    assert main(["merge", str(a), str(b)]) == 0
    text = capsys.readouterr().out
    assert "Fusion dans" in text and "Copie de sauvegarde" in text
    assert "1 ajoutée(s)" in text and "1 conflit(s)" in text
    assert main(["merge", str(a), str(b), "--sans-sauvegarde"]) == 0
    assert "Rien de nouveau" in capsys.readouterr().out


def test_conflicts_and_resolve(two, capsys):
    a, b, nid = two
    main(["merge", str(a), str(b), "--sans-sauvegarde"])
    capsys.readouterr()
    assert main(["conflicts", str(a)]) == 0
    text = capsys.readouterr().out
    assert nid in text and "texte de A" in text and "texte de B" in text
    with EventFile.open(a) as ev:
        rev_b = next(v.revision for v in ev.conflict(nid).versions if v.device == "B")
    assert main(["resolve", str(a), nid, "--version", rev_b[:8]]) == 0
    assert main(["conflicts", str(a)]) == 0
    assert "Aucun conflit" in capsys.readouterr().out
    with EventFile.open(a) as ev:
        assert ev.note(nid).text == "texte de B"
    assert main(["resolve", str(a), nid]) == 1
    assert "aucun conflit" in capsys.readouterr().err


def test_merge_of_another_event_exits_1(tmp_path, demo, capsys):
    other = tmp_path / "forum.fae"
    EventFile.create(other, load_kit_text(kits.kit_path("forum-open-etat-2021-1").read_text("utf-8"))).close()
    target = shutil.copy(demo, tmp_path / "t.fae")
    assert main(["merge", str(target), str(other)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur :") and "autre événement" in err and "--force" in err
    assert main(["merge", str(target), str(other), "--force", "--sans-sauvegarde"]) == 0
    assert "fusion forcée" in capsys.readouterr().out


def test_merge_of_a_missing_or_foreign_file_exits_1(tmp_path, demo, capsys):
    target = shutil.copy(demo, tmp_path / "t.fae")
    assert main(["merge", str(target), str(tmp_path / "absent.fae")]) == 1
    assert "introuvable" in capsys.readouterr().err
    junk = tmp_path / "notes.txt"
    junk.write_text("pas une base")
    assert main(["merge", str(target), str(junk)]) == 1
    assert "n'est pas un fichier d'événement" in capsys.readouterr().err


def test_decide_validate_and_export(tmp_path, demo, capsys):
    ev_path = Path(shutil.copy(demo, tmp_path / "e.fae"))
    with EventFile.open(ev_path) as ev:
        p = ev.proposals()[0]
        notes = [n.id for n in ev.notes(workshop=1, section="futurs")][:2]
        ev.edit_proposal(p.id, notes=notes)
    assert main(["decide", str(ev_path), p.id[:8], "retenue", "--motif", "Inscrite au plan", "--date", "2016-09-01"]) == 0
    assert main(["validate", str(ev_path), "--par", "Marie Dupont"]) == 0
    assert "validée par Marie Dupont" in capsys.readouterr().out
    out = tmp_path / "propositions.csv"
    assert main(["export", "proposals", str(ev_path), "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.read_text("utf-8").splitlines()))
    assert len(rows) == 6
    first = rows[0]
    assert first["decision"] == "retenue" and first["motif"] == "Inscrite au plan"
    assert first["type_code"] == "accelerate" and first["type"] == "Accélère un engagement existant" and first["engagements"] == "4"
    assert first["ateliers_sources"] == "1" and first["notes_sources"].split() == notes
    dec = tmp_path / "decidim.csv"
    assert main(["export", "proposals", str(ev_path), "-o", str(dec), "--decidim", "--statut", "retenue=7"]) == 0
    drows = list(csv.DictReader(io.StringIO(dec.read_text("utf-8"), newline=""), delimiter=";"))
    assert drows[0]["title/fr"] == p.title and drows[0]["status/id"] == "7"
    assert "Engagement 4" in drows[0]["description/fr"]
    assert {"title/fr", "description/fr", "status/id", "start_date", "end_date", "proposal_urls"} <= set(drows[0])
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_to_an_unwritable_folder_exits_1(demo):
    with reachable_folder() as base:
        event = Path(shutil.copy(demo, base / "demo.fae"))
        event.chmod(0o644)
        assert main(["export", "proposals", str(event), "-o", str(base / "ok.csv")]) == 0  # loads what it needs
        folder = base / "ro"
        folder.mkdir(mode=0o555)
        folder.chmod(0o555)
        code, err = as_ordinary_user(lambda: main(["export", "proposals", str(event), "-o", str(folder / "p.csv")]))
        assert code == 1, err
        assert "impossible d'écrire" in err
        assert list(folder.iterdir()) == []


def test_export_to_a_missing_folder_exits_1(tmp_path, demo, capsys):
    target = shutil.copy(demo, tmp_path / "e.fae")
    assert main(["export", "proposals", str(target), "-o", str(tmp_path / "absent" / "p.csv")]) == 1
    err = capsys.readouterr().err
    assert f"le dossier {tmp_path / 'absent'} n'existe pas" in err
    assert not (tmp_path / "absent").exists()


def test_section_view(tmp_path, demo, capsys):
    target = shutil.copy(demo, tmp_path / "e.fae")
    assert main(["section", str(target), "futurs", "--engagement", "4"]) == 0
    text = capsys.readouterr().out
    assert "Atelier 1" in text and "Atelier 2" not in text
    assert main(["section", str(target), "inconnue"]) == 1
