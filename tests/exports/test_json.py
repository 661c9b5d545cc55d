"""JSON export and import: schema, exact round trip (hypothesis), clear refusals."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kits
from exports.json_export import dumps, event_document, render_json
from facilitator.errors import FacilitatorError
from facilitator.event_schema import SCHEMA, errors, schema_text
from facilitator.importer import import_json
from facilitator.kit import load_kit
from facilitator.store import CONTRIBUTORS, DECISIONS, PROPOSAL_KINDS, EventFile
from facilitator.store.schema import metadata
from tests.exports.opendata_support import DEVICE, make_demo

ROOT = Path(__file__).resolve().parents[2]
jsonschema = pytest.importorskip("jsonschema")
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def tables(ev: EventFile) -> dict[str, list[dict]]:
    return {name: ev.table_rows(name) for name in metadata.tables}


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    path = make_demo(folder)
    ev = EventFile.open(path, device=DEVICE)
    try:
        # a little of everything: participants of two laptops, a decision, an edit, a deletion
        ev.set_participants(1, "citoyen", 12)
        ev.set_participants(2, "administration", 4)
        ev.decide(ev.proposals()[0].id, "retenue", "Mise en œuvre en 2017", "2016-09-01")
        notes = ev.notes()
        ev.edit_note(notes[3].id, text="texte modifié « ok » ; 😀 中文 עברית", votes=2, contributor="citoyen")
        ev.delete_note(notes[5].id)
        # a validation that vouches for this content (one without a fingerprint is reopened by an import)
        ev.edit_synthesis(validated_by="Jeanne Martin", validated_at="2016-07-21T10:00:00+00:00",
                          fingerprint=ev.content_fingerprint())
        data = render_json(ev)
        before = tables(ev)
    finally:
        ev.close()
    other = EventFile.open(path, device="laptop-2")
    try:
        other.set_participants(1, "citoyen", 11)
        data = render_json(other)
        before = tables(other)
    finally:
        other.close()
    src = folder / "evenement.json"
    src.write_bytes(data)
    return {"folder": folder, "json": src, "data": data, "tables": before}


def test_schema_file_is_the_schema():
    assert (ROOT / "schemas" / "event-v1.schema.json").read_text("utf-8") == schema_text()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_docs_describe_every_field():
    doc = (ROOT / "docs" / "event-json.md").read_text("utf-8")

    def fields(schema):
        for key, sub in schema.get("properties", {}).items():
            yield key
            yield from fields(sub)
        for sub in schema.get("$defs", {}).values():
            yield from fields(sub)

    missing = sorted({f for f in fields(SCHEMA) if f"`{f}`" not in doc})
    assert not missing


def test_demo_export_validates(demo_export):
    doc = json.loads(demo_export["data"])
    VALIDATOR.validate(doc)
    assert list(errors(doc)) == []
    assert doc["format"] == "facilitator-event" and doc["version"] == 1
    source = (kits.FOLDER / "ministere-ouvert-2016.yaml").read_text("utf-8")
    assert doc["kit"]["source"] == source  # the kit verbatim
    assert any(n["deleted"] for n in doc["notes"])  # tombstones kept
    assert {(p["device"], p["count"]) for p in doc["participants"] if p["workshop"] == 1} == {
        (DEVICE, 12), ("laptop-2", 11)}
    decided = [p for p in doc["proposals"] if p["decision"]]
    assert decided[0]["decision_reason"] == "Mise en œuvre en 2017"
    assert "😀 中文 עברית" in demo_export["data"].decode("utf-8")  # UTF-8, not \\u escapes


def test_round_trip_is_exact(demo_export, tmp_path):
    target = tmp_path / "importe.facilitator"
    import_json(demo_export["json"], target)
    with EventFile.open(target, device=DEVICE) as ev:
        assert render_json(ev) == demo_export["data"]
        assert tables(ev) == demo_export["tables"]  # every row of every table, identical
    assert sorted(p.name for p in tmp_path.iterdir()) == ["importe.facilitator"]


def _broken(doc: dict, **changes) -> dict:
    d = json.loads(json.dumps(doc))
    for dotted, value in changes.items():
        target = d
        *path, last = dotted.split(".")
        for p in path:
            target = target[int(p)] if p.isdigit() else target[p]
        target[last] = value
    return d


@pytest.mark.parametrize("change, needle", [
    ({"version": 2}, "plus récent"),
    ({"format": "autre-chose"}, "n'est pas un export d'événement facilitator"),
    ({"notes.0.votes": "beaucoup"}, "/notes/0/votes"),
    ({"notes.0.surprise": 1}, "champ inconnu « surprise »"),
    ({"proposals.0.decision": "peut-être"}, "/proposals/0/decision"),
    ({"kit.source": "event: {}\n"}, "kit contenu"),
    ({"notes.1.id": "__dup__", "notes.2.id": "__dup__"}, "deux fois"),
])
def test_import_refuses_clearly_and_creates_nothing(demo_export, tmp_path, change, needle):
    doc = _broken(json.loads(demo_export["data"]), **change)
    src = tmp_path / "casse.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    target = tmp_path / "x.facilitator"
    with pytest.raises(FacilitatorError) as exc:
        import_json(src, target)
    assert needle in str(exc.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["casse.json"]


@pytest.mark.parametrize("content, needle", [
    (b"", "n'est pas un JSON valide"),
    (b'{"format": "facilitator-event", "version": 1, "notes": [', "n'est pas un JSON valide"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"[1, 2, 3]", "n'est pas un export"),
    (b'{"format": "facilitator-event", "version": 1}', "« notes »"),
])
def test_import_refuses_foreign_files(tmp_path, content, needle):
    src = tmp_path / "x.json"
    src.write_bytes(content)
    with pytest.raises(FacilitatorError) as exc:
        import_json(src, tmp_path / "x.facilitator")
    assert needle in str(exc.value)
    assert not (tmp_path / "x.facilitator").exists()


def test_import_never_replaces_an_existing_file(demo_export, tmp_path):
    target = tmp_path / "existe.facilitator"
    target.write_bytes(b"precieux")
    with pytest.raises(FacilitatorError, match="existe déjà"):
        import_json(demo_export["json"], target)
    assert target.read_bytes() == b"precieux"


def test_small_validator_agrees_with_jsonschema(demo_export):
    good = json.loads(demo_export["data"])
    cases = [good, _broken(good, version="1"), _broken(good, **{"notes.0.position": True}),
             _broken(good, **{"participants": {}}), _broken(good, **{"kit.sha256": "XYZ"}),
             _broken(good, **{"revisions.0.record": "chat"}), _broken(good, **{"meta.x": 3}),
             _broken(good, **{"notes.0.parent_id": None}), _broken(good, **{"notes.0.votes": 1.0})]
    for doc in cases:
        assert (not list(errors(doc))) == VALIDATOR.is_valid(doc)


# ------------------------------------------------------------------------------------ hypothesis
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(0, 50), st.integers(0, 10), TEXT,
              st.sampled_from((None, *CONTRIBUTORS)), st.integers(0, 5)),
    st.tuples(st.just("child"), st.integers(0, 50), TEXT),
    st.tuples(st.just("edit"), st.integers(0, 50), TEXT),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("indent"), st.integers(0, 50)),
    st.tuples(st.just("proposal"), TEXT, TEXT, st.sampled_from(PROPOSAL_KINDS)),
    st.tuples(st.just("decide"), st.integers(0, 10), st.sampled_from((None, *DECISIONS)), TEXT),
    st.tuples(st.just("participants"), st.integers(0, 10), st.sampled_from(CONTRIBUTORS), st.integers(0, 300)),
    st.tuples(st.just("synthesis"), TEXT, TEXT),
), max_size=15)

_KIT = None


def _kit():
    global _KIT
    if _KIT is None:
        _KIT = load_kit(kits.kit_path("forum-open-etat-2021-1"))
    return _KIT


def _apply(ev: EventFile, op) -> None:
    kit = ev.kit
    notes = ev.notes()
    kind = op[0]
    if kind == "add":
        _k, w, s, text, contributor, votes = op
        ev.add_note(kit.workshops[w % len(kit.workshops)].number, kit.sections[s % len(kit.sections)].id,
                    text, contributor=contributor, votes=votes, commitments=[str(votes)] if votes else [],
                    urls=["https://example.org/é?q=1"] if votes == 5 else [])
    elif kind == "child" and notes:
        n = notes[op[1] % len(notes)]
        ev.add_note(n.workshop, n.section, op[2], parent=n.id)
    elif kind == "edit" and notes:
        ev.edit_note(notes[op[1] % len(notes)].id, text=op[2])
    elif kind == "delete" and notes:
        ev.delete_note(notes[op[1] % len(notes)].id)
    elif kind == "indent" and notes:
        ev.indent(notes[op[1] % len(notes)].id)
    elif kind == "proposal":
        ev.add_proposal(op[1], op[2], op[3], commitments=["1"], workshops=[kit.workshops[0].number])
    elif kind == "decide":
        props = ev.proposals()
        if props:
            ev.decide(props[op[1] % len(props)].id, op[2], op[3], "2021-12-01" if op[2] else None)
    elif kind == "participants":
        ev.set_participants(kit.workshops[op[1] % len(kit.workshops)].number, op[2], op[3])
    elif kind == "synthesis":
        ev.edit_synthesis(intro=op[1], feedback=op[2])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_round_trip_of_random_events(ops):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ev = EventFile.create(folder / "a.facilitator", _kit(), device=DEVICE)
        try:
            for op in ops:
                _apply(ev, op)
            first = render_json(ev)
            rows = tables(ev)
        finally:
            ev.close()
        doc = json.loads(first)
        assert not list(errors(doc))
        VALIDATOR.validate(doc)
        (folder / "a.json").write_bytes(first)
        import_json(folder / "a.json", folder / "b.facilitator")
        with EventFile.open(folder / "b.facilitator", device=DEVICE) as ev2:
            assert render_json(ev2) == first
            assert tables(ev2) == rows
            assert dumps(event_document(ev2)).encode("utf-8") == first
        assert sorted(os.listdir(folder)) == ["a.facilitator", "a.json", "b.facilitator"]
