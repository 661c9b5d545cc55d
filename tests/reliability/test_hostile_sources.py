"""Hostile merge sources and imports: a record the file could not hold or the documents could not
show is refused with a French message naming the file and the record, exit 1, target untouched.

Each source is a real event file of the same event and kit (so it passes every refusal a merge
made before), whose newest note revision was rewritten with raw SQL to hold one crafted state.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.merge import canonical_dump
from facilitator.store import EventFile

DOCUMENTS = [("restitution", "r.pdf"), ("markdown", "r.md"), ("html", "r.html"), ("odt", "r.odt"),
             ("csv", "n.csv"), ("json", "e.json")]


def _state(**changes) -> dict:
    base = {"workshop": 1, "section": "projets", "parent_id": None, "position": 99.0, "text": "note piégée",
            "urls": [], "contributor": None, "commitments": [], "votes": 0, "deleted": False}
    base.update(changes)
    return base


def _drop(key):
    s = _state()
    s.pop(key)
    return s


CRAFTED = {
    "position-text": (json.dumps(_state(position="premier")), "position"),
    "votes-text": (json.dumps(_state(votes="beaucoup")), "votes"),
    "votes-infinite": (json.dumps(_state()).replace('"votes": 0', '"votes": 1e999'), "votes"),
    "votes-beyond-int64": (json.dumps(_state(votes=10**30)), "votes"),
    "javascript-url": (json.dumps(_state(urls=["javascript:alert(1)"])), "javascript:"),
    "unknown-contributor": (json.dumps(_state(contributor="pirate")), "pirate"),
    "unknown-workshop": (json.dumps(_state(workshop=77)), "77"),
    "not-json": ("{pas du json", "JSON"),
    "missing-field": (json.dumps(_drop("position")), "position"),
    "list-not-object": (json.dumps([1, 2]), "objet"),
}


def _hostile_source(demo_file: Path, tmp_path: Path, state: str) -> tuple[Path, str]:
    src = tmp_path / "portable.facilitator"
    shutil.copyfile(demo_file, src)
    with EventFile.open(src, device="portable") as ev:
        w = ev.kit.workshops[0].number
        s = ev.kit.sections[0].id
        nid = ev.add_note(w, s, "une note honnête").focus
        rev = ev.note(nid).revision
    con = sqlite3.connect(src)
    with con:
        con.execute("UPDATE note_revision SET state = ? WHERE id = ?", (state, rev))
    con.close()
    return src, nid


def _exports_work(event: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "docs"
    out.mkdir(exist_ok=True)
    for kind, name in DOCUMENTS:
        assert main(["export", kind, str(event), "-o", str(out / name)]) == 0, capsys.readouterr().err
    assert main(["conflicts", str(event)]) == 0
    with EventFile.open(event) as ev:
        for w in ev.kit.workshops:
            for s in ev.kit.sections:
                ev.outline(w.number, s.id)
    capsys.readouterr()


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_hostile_merge_source_is_refused_and_the_target_untouched(demo_file, tmp_path, capsys, case):
    state, needle = CRAFTED[case]
    src, nid = _hostile_source(demo_file, tmp_path, state)
    before = canonical_dump(demo_file)
    assert main(["merge", str(demo_file), str(src), "--sans-sauvegarde"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur :") and "Traceback" not in err
    assert str(src) in err and nid in err and needle in err, err
    assert "rien n'a été modifié" in err
    assert canonical_dump(demo_file) == before
    _exports_work(demo_file, tmp_path, capsys)


def test_an_honest_source_still_merges(demo_file, tmp_path, capsys):
    src, nid = _hostile_source(demo_file, tmp_path, json.dumps(_state(text="honnête", votes=3)))
    assert main(["merge", str(demo_file), str(src), "--sans-sauvegarde"]) == 0
    with EventFile.open(demo_file) as ev:
        assert ev.note(nid).text == "honnête" and ev.note(nid).votes == 3
    _exports_work(demo_file, tmp_path, capsys)


def _export(demo_file: Path, tmp_path: Path, capsys) -> dict:
    out = tmp_path / "e.json"
    assert main(["export", "json", str(demo_file), "-o", str(out)]) == 0
    capsys.readouterr()
    return json.loads(out.read_text("utf-8"))


IMPORT_CASES = {
    "votes-beyond-int64": (lambda n: n.update(votes=10**30), "votes"),
    "position-text": (lambda n: n.update(position="premier"), "position"),
    "javascript-url": (lambda n: n.update(urls=["javascript:alert(1)"]), "javascript:"),
    "unknown-contributor": (lambda n: n.update(contributor="pirate"), "pirate"),
    "unknown-section": (lambda n: n.update(section="nulle-part"), "nulle-part"),
}


@pytest.mark.parametrize("where", ["row", "revision"])
@pytest.mark.parametrize("case", sorted(IMPORT_CASES))
def test_hostile_import_is_refused_and_nothing_created(demo_file, tmp_path, capsys, case, where):
    doc = _export(demo_file, tmp_path, capsys)
    poison, needle = IMPORT_CASES[case]
    if where == "row":
        target_record = doc["notes"][3]
    else:
        target_record = next(r for r in doc["revisions"] if r["record"] == "note")["state"]
    poison(target_record)
    bad = tmp_path / "piege.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    target = tmp_path / "importe.facilitator"
    assert main(["import", "json", str(bad), str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur :") and "Traceback" not in err
    assert str(bad) in err and needle in err, err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["atelier.facilitator", "e.json", "piege.json"])


def test_import_reopens_a_validation_its_content_no_longer_matches(demo_file, tmp_path, capsys):
    assert main(["validate", str(demo_file), "--par", "Marie Dupont"]) == 0
    doc = _export(demo_file, tmp_path, capsys)
    assert doc["synthesis"]["validated_by"] == "Marie Dupont"
    note = next(n for n in doc["notes"] if not n["deleted"])
    note["text"] = "texte changé après la validation"
    for r in doc["revisions"]:
        if r["id"] == note["revision"]:
            r["state"]["text"] = note["text"]
    changed = tmp_path / "change.json"
    changed.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    target = tmp_path / "importe.facilitator"
    assert main(["import", "json", str(changed), str(target)]) == 0
    with EventFile.open(target) as ev:
        assert not ev.synthesis().validated
        assert ev.note(note["id"]).text == "texte changé après la validation"
    md = tmp_path / "r.md"
    assert main(["export", "markdown", str(target), "-o", str(md)]) == 0
    assert "Marie Dupont" not in md.read_text("utf-8")
    # an unchanged export keeps its validation
    same = tmp_path / "same.facilitator"
    assert main(["import", "json", str(tmp_path / "e.json"), str(same)]) == 0
    with EventFile.open(same) as ev:
        assert ev.synthesis().validated_by == "Marie Dupont"


PLANTED = {
    "trigger": "CREATE TRIGGER t_vide AFTER INSERT ON note_revision BEGIN DELETE FROM note; END",
    "recursive-trigger": "CREATE TRIGGER t_boucle AFTER UPDATE ON participants BEGIN "
                         "UPDATE participants SET count = count + 1; END",
    "view": "CREATE VIEW v_notes AS SELECT id, text FROM note",
    "table": "CREATE TABLE espion (x)",
    "index": "CREATE INDEX ix_espion ON note (text)",
}


def _plant(path: Path, sql: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute(sql)
    con.close()


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_a_planted_schema_object_is_refused_and_the_file_untouched(demo_file, tmp_path, capsys, case):
    from facilitator.errors import StoreError
    from tests.reliability.conftest import sha256

    _plant(demo_file, PLANTED[case])
    digest = sha256(demo_file)
    with pytest.raises(StoreError) as err:
        EventFile.open(demo_file)
    message = str(err.value)
    assert str(demo_file) in message and "refusé" in message
    name = PLANTED[case].split()[2] if case != "recursive-trigger" else "t_boucle"
    assert name in message
    assert main(["info", str(demo_file)]) == 1
    assert "refusé" in capsys.readouterr().err
    target = tmp_path / "cible.facilitator"
    shutil.copyfile(demo_file, target)
    con = sqlite3.connect(target)
    for kind, obj in con.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
        if obj in ("t_vide", "t_boucle", "v_notes", "espion", "ix_espion"):
            con.execute(f"DROP {kind.upper()} {obj}")
    con.close()
    assert main(["merge", str(target), str(demo_file), "--sans-sauvegarde"]) == 1  # nor merged from
    assert "refusé" in capsys.readouterr().err
    assert sha256(demo_file) == digest


def test_a_file_whose_schema_is_ours_runs_no_untrusted_function(demo_file):
    with EventFile.open(demo_file) as ev:
        assert ev._con.execute("PRAGMA trusted_schema").fetchone()[0] == 0


# the import goes through the one door (the creation from the kit, then the merge's validation and
# writer): what it cannot carry through that door is refused, what it can is written as an edit


def _import(doc: dict, tmp_path: Path, capsys, name: str) -> tuple[int, str, Path, Path]:
    src = tmp_path / f"{name}.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    target = tmp_path / f"{name}.facilitator"
    code = main(["import", "json", str(src), str(target)])
    return code, capsys.readouterr().err, src, target


@pytest.mark.parametrize("case, needle", [
    ("other-event", "décrit l'événement"),
    ("unknown-meta", "meta/espion"),
    ("bad-timer", "meta/timer/1"),
])
def test_import_refuses_what_the_door_cannot_carry(demo_file, tmp_path, capsys, case, needle):
    doc = _export(demo_file, tmp_path, capsys)
    if case == "other-event":
        doc["event_id"] = "un-autre-evenement"
    elif case == "unknown-meta":
        doc["meta"]["espion"] = "x"
    else:
        doc["meta"]["timer/1"] = json.dumps({"phase": -1, "phase_title": "x", "extra": 0, "elapsed": 0,
                                             "started_at": None})
    code, err, src, target = _import(doc, tmp_path, capsys, case)
    assert code == 1, err
    assert err.startswith("Erreur :") and "Traceback" not in err
    assert str(src) in err and needle in err, err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]


def test_import_writes_a_hand_edited_row_as_an_edit_through_the_writer(demo_file, tmp_path, capsys):
    """A current row the document's revisions do not give (edited by hand) is imported as a new
    revision of that record (the writer's), so that the file's rows always follow its revisions."""
    doc = _export(demo_file, tmp_path, capsys)
    note = next(n for n in doc["notes"] if not n["deleted"])
    note["text"] = "modifiée à la main, sans révision"
    code, err, _src, target = _import(doc, tmp_path, capsys, "main")
    assert code == 0, err
    with EventFile.open(target) as ev:
        row = ev.note(note["id"])
        assert row.text == "modifiée à la main, sans révision"
        assert row.revision != note["revision"]  # a revision of its own, child of the exported one
        assert note["revision"] in ev.revision_index()
    _exports_work(target, tmp_path, capsys)
