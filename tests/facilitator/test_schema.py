"""The one declaration of the event file (facilitator/store/declaration.py) drives SQLite and
PostgreSQL alike, and a state survives its row."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from facilitator.store import declaration, validation
from facilitator.store.fileformat import INDEXES, TABLES
from facilitator.store.schema import metadata
from facilitator.store.states import (
    CONTRIBUTORS,
    DECISIONS,
    PROPOSAL_KINDS,
    NoteState,
    ProposalState,
)


def test_postgresql_ddl_compiles_from_the_declaration_without_a_server():
    dialect = postgresql.dialect()
    ddl = {t.name: str(CreateTable(t).compile(dialect=dialect)) for t in metadata.sorted_tables}
    assert set(ddl) == TABLES
    for t in declaration.TABLE_LIST:
        for c in t.columns:
            assert f"\t{c.name} " in ddl[t.name], (t.name, c.name)
    assert "deleted BOOLEAN NOT NULL" in ddl["note"]
    assert "position FLOAT NOT NULL" in ddl["note"]
    assert "data BYTEA NOT NULL" in ddl["asset"]
    assert "PRIMARY KEY (workshop, contributor, device)" in ddl["participants"]
    assert "FOREIGN KEY(note_id) REFERENCES note (id)" in ddl["note_revision"]
    indexes = {i.name: str(CreateIndex(i).compile(dialect=dialect)) for t in metadata.sorted_tables
               for i in t.indexes}
    assert set(indexes) == INDEXES
    assert indexes["note_place"] == "CREATE INDEX note_place ON note (workshop, section, parent_id)"


def test_a_new_sqlite_file_holds_exactly_the_declared_schema(tmp_path):
    path = tmp_path / "x.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    metadata.create_all(engine)
    engine.dispose()
    con = sqlite3.connect(path)
    try:
        objects = con.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
        assert {n for k, n in objects if k == "table"} == TABLES
        assert {n for k, n in objects if k == "index"} == INDEXES
        for t in declaration.TABLE_LIST:
            assert tuple(r[1] for r in con.execute(f"PRAGMA table_info({t.name})")) == t.names
    finally:
        con.close()


def test_record_tables_are_id_then_the_state_then_bookkeeping():
    for kind, table in declaration.RECORD_TABLE.items():
        names = table.names
        fields = declaration.STATE_FIELDS[kind]
        assert names[0] == "id" and names[1:1 + len(fields)] == fields
        assert set(fields) == set(validation.FIELDS[kind])


_text = st.text(max_size=20)
_notes = st.builds(
    NoteState, workshop=st.integers(0, 2**63 - 1), section=_text, parent_id=st.none() | _text,
    position=st.floats(-2.0**53, 2.0**53, allow_nan=False), text=_text,
    urls=st.lists(st.just("https://example.org/a"), max_size=3).map(tuple),
    contributor=st.none() | st.sampled_from(CONTRIBUTORS), commitments=st.lists(_text, max_size=3).map(tuple),
    votes=st.integers(0, 2**63 - 1), deleted=st.booleans())
_proposals = st.builds(
    ProposalState, position=st.floats(-2.0**53, 2.0**53, allow_nan=False), title=_text, text=_text,
    kind=st.sampled_from(PROPOSAL_KINDS), commitments=st.lists(_text, max_size=3).map(tuple),
    notes=st.lists(_text, max_size=3).map(tuple), workshops=st.lists(st.integers(0, 99), max_size=3).map(tuple),
    decision=st.none() | st.sampled_from(DECISIONS), decision_reason=_text,
    decision_date=st.none() | st.just("2016-09-15"), deleted=st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.one_of(_notes.map(lambda s: ("note", s)), _proposals.map(lambda s: ("proposal", s))))
def test_a_state_survives_its_row_in_a_real_file(tmp_path_factory, case):
    """encode → SQLite → decode gives the same state, and the same state validation accepts."""
    kind, state = case
    path = tmp_path_factory.mktemp("row") / "x.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    try:
        metadata.create_all(engine)
        table = metadata.tables[kind]
        with engine.begin() as conn:
            conn.execute(table.insert().values(declaration.state_row(
                kind, state, id="r", created_at="t", modified_at="t", device="d", revision="v")))
            row = conn.execute(table.select()).mappings().one()
    finally:
        engine.dispose()
    back = declaration.state_of(kind, row)
    assert back == state
    json_form = {k: v for k, v in declaration.decode(kind, row).items() if k in declaration.STATE_FIELDS[kind]}
    assert validation.check_state(kind, json_form) == state
