"""CSV of the notes: one row per note, RFC 4180, BOM option, formula injection neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from exports.notes_csv import COLUMNS, render_csv
from facilitator.csvfile import BOM, neutralise
from facilitator.store import EventFile
from tests.exports.opendata_support import DEVICE, make_demo


@pytest.fixture(scope="module")
def demo_csv(tmp_path_factory):
    path = make_demo(tmp_path_factory.mktemp("demo"))
    ev = EventFile.open(path, device=DEVICE)
    try:
        rows_by_place = {}
        for w in ev.kit.workshops:
            for s in ev.kit.sections:
                rows_by_place[(w.number, s.id)] = ev.outline(w.number, s.id)
        yield {"data": render_csv(ev), "bom": render_csv(ev, bom=True), "notes": ev.notes(),
               "places": rows_by_place, "kit": ev.kit}
    finally:
        ev.close()


def parse(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_note_in_document_order(demo_csv):
    rows = parse(demo_csv["data"])
    assert len(rows) == len(demo_csv["notes"])
    assert list(rows[0]) == list(COLUMNS)
    expected = []
    for w in demo_csv["kit"].workshops:
        for s in demo_csv["kit"].sections:
            for pos, (row, depth) in enumerate(demo_csv["places"][(w.number, s.id)], 1):
                expected.append((str(w.number), w.title, s.id, s.title, str(depth), str(pos), row.id))
    got = [(r["atelier_numero"], r["atelier_titre"], r["section_id"], r["section_titre"], r["profondeur"],
            r["position"], r["note_id"]) for r in rows]
    assert got == expected
    assert {r["evenement_id"] for r in rows} == {"ministere-ouvert-1"}
    assert {r["date"] for r in rows} == {"2016-06-21"}
    by_id = {r["note_id"]: r for r in rows}
    for n in demo_csv["notes"]:
        r = by_id[n.id]
        assert r["urls"] == " | ".join(n.urls)
        assert r["votes"] == str(n.votes)
        assert r["cree_le"] == n.created_at and r["modifie_le"] == n.modified_at
    # children point at their parent as shown, top-level notes have none
    nested = [r for r in rows if r["profondeur"] == "1"]
    assert nested and all(by_id[r["parent_id"]]["profondeur"] == "0" for r in nested)
    assert all(r["parent_id"] == "" for r in rows if r["profondeur"] == "0")


def test_rfc4180_and_bom(demo_csv):
    data = demo_csv["data"]
    assert not data.startswith(BOM.encode("utf-8"))
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")  # every record ends with CRLF
    assert demo_csv["bom"] == BOM.encode("utf-8") + data
    # the BOM version parses with utf-8-sig into the same rows
    assert list(csv.DictReader(io.StringIO(demo_csv["bom"].decode("utf-8-sig"), newline=""))) == parse(data)


def test_awkward_text_and_formula_injection(tmp_path, kit_2021):
    ev = EventFile.create(tmp_path / "e.facilitator", kit_2021, device=DEVICE)
    try:
        w, s = kit_2021.workshops[0].number, kit_2021.sections[1].id
        texts = ["=HYPERLINK(\"http://evil\";\"clic\")", "+33 1 23", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
                 'guillemets "doubles", virgule\net saut de ligne', "normal"]
        for t in texts:
            ev.add_note(w, s, t, contributor="citoyen", commitments=["=1", "2"], votes=3)
        data = render_csv(ev)
    finally:
        ev.close()
    rows = [r for r in parse(data) if r["section_id"] == s and r["atelier_numero"] == str(w)]
    got = [r["texte"] for r in rows][-len(texts):]
    assert got[:6] == ["'" + t for t in texts[:6]]
    assert got[6] == 'guillemets "doubles", virgule\net saut de ligne'  # quoted per RFC 4180
    assert got[7] == "normal"
    last = rows[-1]
    assert last["type_contributeur"] == "citoyen"
    assert last["engagements"] == "'=1, 2"
    assert last["votes"] == "3"  # numbers are never prefixed
    assert b'"guillemets ""doubles"", virgule\r\net saut de ligne"' not in data  # newline kept as typed
    assert b'"guillemets ""doubles"", virgule\net saut de ligne"' in data


def test_neutralise_unit():
    assert neutralise("=1") == "'=1"
    assert neutralise("-") == "'-"
    assert neutralise("a=1") == "a=1"
    assert neutralise(-3) == -3
    assert neutralise("") == ""
