"""The event file: identity, refusal of foreign or broken files, operations and their inverses."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from facilitator.errors import OperationError, StoreError
from facilitator.store import EventFile
from facilitator.store.schema import APPLICATION_ID, SCHEMA_VERSION


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outline(ev, w=1, s="projets"):
    return [(r.text, d) for r, d in ev.outline(w, s)]


@pytest.fixture
def ev(tmp_path, kit_2021):
    e = EventFile.create(tmp_path / "forum.facilitator", kit_2021)
    yield e
    e.close()


def test_new_file_has_identity_and_kit_copy(tmp_path, kit_2021):
    path = tmp_path / "e.facilitator"
    EventFile.create(path, kit_2021).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # closed: one self-contained file
    con.close()
    with EventFile.open(path) as ev:
        assert ev.kit == kit_2021
        assert ev.event_id == "forum-open-etat-2021-1"
    assert not (tmp_path / "e.facilitator-wal").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["e.facilitator"]  # no temporary left


def test_a_file_written_then_closed_is_one_self_contained_file(tmp_path, kit_2021):
    path = tmp_path / "e.facilitator"
    EventFile.create(path, kit_2021).close()
    with EventFile.open(path) as ev:
        ev.add_note(ev.kit.workshops[0].number, ev.kit.sections[0].id, "écrite puis fermée")
        ev.table_rows("note")  # a read through the writes' connection too
    assert [p.name for p in tmp_path.iterdir()] == ["e.facilitator"]  # no -wal, no -shm
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_create_refuses_existing_file(tmp_path, kit_2021):
    path = tmp_path / "e.facilitator"
    path.write_text("précieux")
    with pytest.raises(StoreError, match="existe déjà"):
        EventFile.create(path, kit_2021)
    assert path.read_text() == "précieux"


def test_prepared_items_become_identical_starting_notes(tmp_path, demo):
    rows = demo.notes(workshop=1, section="projets")
    assert [r.text for r in rows][:2] == [
        "Observatoire de l'évaluation des politiques publiques",
        "Pages de suivi des EPP MAP sur le site modernisation.gouv.fr",
    ]
    # every laptop that creates the event from the same kit gets the same ids
    from facilitator.store import EventFile as E

    with E.create(tmp_path / "other.facilitator", demo.kit, device="autre") as other:
        assert [r.id for r in other.notes(1, "projets")] == [r.id for r in rows]
        assert [r.revision for r in other.notes(1, "projets")] == [r.revision for r in rows]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("juste du texte, renommé en .facilitator"), "n'est pas un fichier d'événement"),
        (lambda p: p.write_bytes(b""), "n'est pas un fichier d'événement"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t(x)").connection.commit(), "pas été créée par facilitator"),
    ],
)
def test_foreign_files_are_refused_and_untouched(tmp_path, make, message):
    path = tmp_path / "x.facilitator"
    make(path)
    before = digest(path)
    with pytest.raises(StoreError, match=message):
        EventFile.open(path)
    assert digest(path) == before


def test_newer_version_refused_untouched(demo_path):
    con = sqlite3.connect(demo_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    before = digest(demo_path)
    with pytest.raises(StoreError, match="version plus récente"):
        EventFile.open(demo_path)
    assert digest(demo_path) == before


def test_truncated_file_refused_as_corrupt(demo_path):
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2])
    before = digest(demo_path)
    with pytest.raises(StoreError, match="endommagé"):
        EventFile.open(demo_path)
    assert digest(demo_path) == before


def test_zeroed_page_refused_as_corrupt(demo_path):
    data = bytearray(demo_path.read_bytes())
    page = 4096
    data[2 * page : 3 * page] = bytes(page)
    demo_path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="endommagé"):
        EventFile.open(demo_path)


def test_missing_file(tmp_path):
    with pytest.raises(StoreError, match="introuvable"):
        EventFile.open(tmp_path / "absent.facilitator")


def test_outline_operations_and_inverses(ev):
    a = ev.add_note(1, "projets", "A").focus
    b = ev.add_note(1, "projets", "B", after=a).focus
    c = ev.add_note(1, "projets", "C", after=b).focus
    assert outline(ev) == [("A", 0), ("B", 0), ("C", 0)]

    steps = [
        (lambda: ev.indent(c), [("A", 0), ("B", 0), ("C", 1)]),
        (lambda: ev.indent(b), [("A", 0), ("B", 1), ("C", 2)]),
        (lambda: ev.outdent(c), [("A", 0), ("B", 1), ("C", 1)]),
        (lambda: ev.move_up(c), [("A", 0), ("C", 1), ("B", 1)]),
        (lambda: ev.outdent(b), [("A", 0), ("C", 1), ("B", 0)]),
        (lambda: ev.edit_note(a, text="A2", urls=["https://exemple.fr/a"], contributor="citoyen",
                              commitments=[2]), [("A2", 0), ("C", 1), ("B", 0)]),
        (lambda: ev.vote(b, +2), [("A2", 0), ("C", 1), ("B", 0)]),
        (lambda: ev.delete_note(a), [("B", 0)]),
        (lambda: ev.move_down(b), [("B", 0)]),
    ]
    changes, states = [], [outline(ev)]
    for op, expected in steps:
        changes.append(op())
        assert outline(ev) == expected
        states.append(expected)
    # undo everything, step by step, then redo everything
    for change, state in zip(reversed(changes), reversed(states[:-1]), strict=True):
        ev.apply(change.inverse())
        assert outline(ev) == state
    for change, state in zip(changes, states[1:], strict=True):
        ev.apply(change)
        assert outline(ev) == state


def test_note_fields_are_stored(ev):
    nid = ev.add_note(2, "defis", "Défi", contributor="societe-civile", votes=1).focus
    ev.edit_note(nid, urls=["https://exemple.fr/é"], commitments=[1, "2"])
    ev.vote(nid, -5)
    row = ev.note(nid)
    assert (row.text, row.contributor, row.urls, row.commitments, row.votes) == (
        "Défi", "societe-civile", ("https://exemple.fr/é",), ("1", "2"), 0)
    assert row.created_at <= row.modified_at and row.device == "laptop-test"
    assert len(ev.revisions(nid)) == 3


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ev: ev.add_note(99, "projets", "x"), "atelier 99 inconnu"),
        (lambda ev: ev.add_note(1, "nope", "x"), "section « nope » inconnue"),
        (lambda ev: ev.add_note(1, "projets", "x", contributor="martien"), "type de contributeur"),
        (lambda ev: ev.add_note(1, "projets", "x", urls=["ftp://x"]), "adresse « ftp://x » invalide"),
        (lambda ev: ev.edit_note("absent", text="x"), "introuvable"),
        (lambda ev: ev.set_participants(1, "administration", -1), "négatif"),
    ],
)
def test_refused_operations_change_nothing(ev, call, message):
    before = ev.notes(include_deleted=True)
    with pytest.raises(OperationError, match=message):
        call(ev)
    assert ev.notes(include_deleted=True) == before


def test_impossible_moves_are_empty_changes(ev):
    a = ev.add_note(1, "projets", "A").focus
    for op in (ev.indent, ev.outdent, ev.move_up, ev.move_down):
        assert op(a).empty
    assert outline(ev) == [("A", 0)]


def test_delete_takes_children_and_undo_restores_them(ev):
    a = ev.add_note(1, "futurs", "parent").focus
    b = ev.add_note(1, "futurs", "enfant", parent=a).focus
    ev.add_note(1, "futurs", "petit-enfant", parent=b)
    change = ev.delete_note(a)
    assert outline(ev, 1, "futurs") == []
    ev.apply(change.inverse())
    assert outline(ev, 1, "futurs") == [("parent", 0), ("enfant", 1), ("petit-enfant", 2)]


def test_many_inserts_at_one_place_keep_order(ev):
    first = ev.add_note(1, "projets", "0").focus
    last = ev.add_note(1, "projets", "fin", after=first).focus
    assert last
    for i in range(1, 70):  # floats halve 70 times: the siblings get renumbered on the way
        ev.add_note(1, "projets", str(i), after=first)
    texts = [t for t, _ in outline(ev)]
    assert texts == ["0", *[str(i) for i in range(69, 0, -1)], "fin"]


def test_move_to_other_section_moves_subtree(ev):
    a = ev.add_note(1, "projets", "A").focus
    ev.add_note(1, "projets", "A.1", parent=a)
    ev.move_to(a, None, 0, section="futurs")
    assert outline(ev, 1, "futurs") == [("A", 0), ("A.1", 1)]
    assert outline(ev, 1, "projets") == []


def test_participants_per_laptop_side_by_side(tmp_path, ev):
    ev.set_participants(1, "administration", 12)
    ev.set_participants(1, "societe-civile", 9)
    assert ev.participant_counts(1) == {"administration": 12, "societe-civile": 9}
    change = ev.set_participants(1, "administration", 14)
    ev.apply(change.inverse())
    assert ev.participant_counts(1)["administration"] == 12
    assert ev.participants_total()["societe-civile"] == 9


def test_synthesis_and_proposals_with_decisions(demo):
    props = demo.proposals()
    assert len(props) == 6 and props[0].commitments == ("4",)
    change = demo.decide(props[0].id, "retenue", "Publication prévue", "2016-09-01")
    assert demo.proposal(props[0].id).decision == "retenue"
    demo.apply(change.inverse())
    assert demo.proposal(props[0].id).decision is None
    with pytest.raises(OperationError):
        demo.decide(props[0].id, "peut-etre")
    assert demo.synthesis().date == "2016-07-21"


def test_changes_survive_reopen_and_copy_is_self_contained(tmp_path, ev):
    nid = ev.add_note(3, "indicateurs", "persistant").focus
    path = ev.path
    ev.close()
    copy = tmp_path / "copie.facilitator"
    shutil.copy(path, copy)  # a closed event file is one file: a plain copy is complete
    with EventFile.open(copy) as again:
        assert again.note(nid).text == "persistant"
        con = sqlite3.connect(copy)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()


def test_listeners_are_told_of_each_change(ev):
    seen = []
    ev.listeners.append(seen.append)
    change = ev.add_note(1, "projets", "x")
    ev.edit_note(change.focus, text="y")
    assert [c.label for c in seen] == ["add_note", "edit_note"]
    assert seen[1].places() == {(1, "projets")}


def test_file_format_names_exactly_the_tables_of_the_models():
    """``fileformat`` (read without SQLAlchemy) and ``schema`` (the models) describe one file."""
    from facilitator.store.fileformat import (
        NOTE_COLUMNS,
        PROPOSAL_COLUMNS,
        SYNTHESIS_COLUMNS,
        TABLES,
    )
    from facilitator.store.schema import metadata

    assert set(metadata.tables) == TABLES
    tables = metadata.tables
    assert set(NOTE_COLUMNS.split(", ")) == set(tables["note"].columns.keys())
    assert set(PROPOSAL_COLUMNS.split(", ")) == set(tables["proposal"].columns.keys()) - {"revision"}
    assert set(SYNTHESIS_COLUMNS.split(", ")) <= set(tables["synthesis"].columns.keys())


def test_a_closed_event_file_says_so_in_french(demo_path):
    ev = EventFile.open(demo_path)
    w = ev.kit.workshops[0].number
    ev.close()
    for attempt in (lambda: ev.notes(), lambda: ev.add_note(w, "projets", "trop tard"), lambda: ev._sql):
        with pytest.raises(StoreError, match="déjà fermé"):
            attempt()
    with EventFile.open(demo_path) as again:
        assert "trop tard" not in {n.text for n in again.notes()}
