"""The one declaration of the event file's schema: its tables, their columns and indexes, and how
a record's state (``states.py``) is laid out in the columns of its current row.

Plain data, without SQLAlchemy, so that opening and reading a file (before the app's first window)
derives its queries from it at no cost. Everything else derives from it:

- ``schema.py``: the SQLAlchemy Core ``MetaData`` (DDL for SQLite and PostgreSQL, the writer's
  statements);
- ``fileformat.py``: the tables and indexes a file must hold (``TABLES``, ``INDEXES``) and the
  column lists of the readers (``NOTE_COLUMNS``…);
- ``encode``/``decode`` below: a state to the values of its row and back (JSON lists in text
  columns), used by the writer, ``history.recompute``, the merge, the migrations and the JSON
  export and import;
- ``validation``: the types and bounds of each field (``states.Spec``).

The record tables (note, proposal, synthesis) are ``id``, then the fields of the state in their
order, then the bookkeeping columns (creation, last change, laptop, shown revision).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from typing import Any

from facilitator.store.states import STATE_TYPES, Spec, State


@dataclass(frozen=True)
class Column:
    """One column. ``type``: "string" (short text), "text", "integer", "float", "boolean",
    "blob"; ``json``: holds a JSON list as text; ``state``: a field of the record's state."""

    name: str
    type: str
    primary_key: bool = False
    nullable: bool = False
    default: Any = None
    index: bool = False
    foreign_key: str | None = None
    json: bool = False
    state: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    indexes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    doc: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def select(self, *, without: Iterable[str] = ()) -> str:
        """The column list of a SELECT: ``"id, workshop, …"``."""
        skip = set(without)
        return ", ".join(n for n in self.names if n not in skip)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def index_names(self) -> tuple[str, ...]:
        """Named indexes: those declared, and SQLAlchemy's ``ix_TABLE_COLUMN`` of indexed columns."""
        return (*(n for n, _cols in self.indexes), *(f"ix_{self.name}_{c.name}" for c in self.columns if c.index))


def _col(name: str, type_: str, **kw: Any) -> Column:
    return Column(name, type_, **kw)


_SQL_TYPE = {"integer": "integer", "number": "float", "bool": "boolean"}


def _state_columns(kind: str) -> tuple[Column, ...]:
    out = []
    for f in fields(STATE_TYPES[kind]):
        s: Spec = f.metadata["spec"]
        type_ = "text" if s.many else _SQL_TYPE.get(s.type, s.column)
        default = f.default if not s.many else "[]"
        out.append(Column(f.name, type_, nullable=s.optional, default=None if default is MISSING else default,
                          json=s.many, state=True))
    return tuple(out)

_STAMP = (_col("created_at", "string"), _col("modified_at", "string"))

NOTE = Table("note", (
    _col("id", "string", primary_key=True),  # UUID, stable across laptops
    *_state_columns("note"),
    *_STAMP,
    _col("device", "string"),  # the laptop that created it
    _col("revision", "string"),  # head revision id
), indexes=(("note_place", ("workshop", "section", "parent_id")),),
    doc="The current state of a note (the head of its revisions).")

PROPOSAL = Table("proposal", (
    _col("id", "string", primary_key=True),
    *_state_columns("proposal"),
    *_STAMP,
    _col("device", "string"),
    _col("revision", "string", nullable=True),  # head (v2)
), doc="A proposal of the synthesis, and the decision it received.")

SYNTHESIS = Table("synthesis", (
    _col("id", "integer", primary_key=True),  # always 1
    *_state_columns("synthesis"),
    _col("modified_at", "string"),
    _col("revision", "string", nullable=True),  # head (v2)
), doc="The synthesis of the event (one row): object, opening text, feedback on the format.")

_REVISION = (_col("parent_id", "string", nullable=True), _col("device", "string"), _col("at", "string"),
             _col("state", "text"))  # JSON of the state (states.py)

TABLE_LIST: tuple[Table, ...] = (
    Table("meta", (_col("key", "string", primary_key=True), _col("value", "text")),
          doc="Key/value facts of the file: event id, the kit's text and hash, creation."),
    Table("asset", (_col("name", "string", primary_key=True), _col("data", "blob")),
          doc="Files the kit refers to (the logo), copied in so the event file stands alone."),
    NOTE,
    Table("note_revision", (
        _col("id", "string", primary_key=True),
        _col("note_id", "string", index=True, foreign_key="note.id"),
        *_REVISION,
    ), doc="Every state a note has had: an edit adds a revision, nothing is overwritten (merge)."),
    Table("participants", (
        _col("workshop", "integer", primary_key=True),
        _col("contributor", "string", primary_key=True),
        _col("device", "string", primary_key=True),
        _col("count", "integer"),
        _col("at", "string"),
    ), doc="Participant counts of an atelier by contributor type, as entered on one laptop."),
    SYNTHESIS,
    PROPOSAL,
    Table("record_revision", (
        _col("id", "string", primary_key=True),
        _col("kind", "string"),  # "proposal" or "synthesis"
        _col("record_id", "string"),
        *_REVISION,
    ), indexes=(("record_revision_record", ("kind", "record_id")),),
        doc="Every state a proposal or the synthesis has had."),
    Table("revision_parent", (
        _col("revision_id", "string", primary_key=True),
        _col("parent_id", "string", primary_key=True),
    ), doc="Second and further parents of a revision (a resolution or a merge of concurrent heads); "
           "the first parent stays in ``parent_id`` of the revision."),
    Table("record_heads", (
        _col("kind", "string", primary_key=True),
        _col("record_id", "string", primary_key=True),
        _col("heads", "text", json=True),  # revision ids, sorted
        _col("conflict", "string", nullable=True),  # None (merged), "edit" or "deleted-edited"
        _col("fields", "text", json=True, default="[]"),  # the conflicting field groups
    ), doc="A record (note, proposal, synthesis) with two or more heads after a merge."),
)
TABLE = {t.name: t for t in TABLE_LIST}
RECORD_TABLE = {"note": NOTE, "proposal": PROPOSAL, "synthesis": SYNTHESIS}
STATE_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(c.name for c in t.columns if c.state) for kind, t in RECORD_TABLE.items()}


# --------------------------------------------------------------------------------------------
# a state and the values of its row


def _dump_list(v: Any) -> str:
    return json.dumps(list(v), ensure_ascii=False) if v else "[]"


def _encoder(c: Column) -> Any:
    if c.json:
        return lambda v: v if isinstance(v, str) else _dump_list(v)
    if c.type == "boolean":
        return bool
    return None


# per table: (column, whether an absent value takes the default, the default, its encoder)
_ENCODE = {t.name: [(c.name, c.state or c.default is not None, c.default, _encoder(c)) for c in t.columns]
           for t in TABLE_LIST}


def encode(table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The row of ``table`` for ``values`` (a state's JSON form plus bookkeeping): JSON lists to
    text, booleans as booleans, absent state fields at their default; unknown keys dropped."""
    out: dict[str, Any] = {}
    for name, defaulted, default, enc in _ENCODE[table]:
        if name in values:
            v = values[name]
        elif defaulted:
            v = default
        else:
            continue
        out[name] = v if enc is None else enc(v)
    return out


def state_row(kind: str, state: State | Mapping[str, Any], **bookkeeping: Any) -> dict[str, Any]:
    """The current row of a record from its state (a state object or its JSON form)."""
    values = state if isinstance(state, Mapping) else vars(state)
    return encode(RECORD_TABLE[kind].name, {**values, **bookkeeping})


def _converter(c: Column) -> Any:
    """How a value read from column ``c`` becomes its JSON form."""
    if c.json:
        return lambda v: json.loads(v) if v else []
    if c.type == "boolean":
        return lambda v: None if v is None else bool(v)
    if c.type == "float":
        return lambda v: None if v is None else float(v)
    if c.type == "integer":
        return lambda v: None if v is None else int(v)
    if c.state and c.default is not None:
        return lambda v, d=c.default: v or d
    return None


_CONVERTERS: dict[tuple[str, tuple[str, ...]], list] = {}


def _plan(table: str, names: Sequence[str] | None) -> list:
    key = (table, tuple(names) if names is not None else TABLE[table].names)
    plan = _CONVERTERS.get(key)
    if plan is None:
        t = TABLE[table]
        by_name = {c.name: c for c in t.columns}
        plan = _CONVERTERS[key] = [(n, _converter(by_name[n])) for n in key[1]]
    return plan


def decode(table: str, row: Sequence[Any] | Mapping[str, Any], names: Sequence[str] | None = None) -> dict[str, Any]:
    """The JSON form of a row of ``table`` (``row`` a mapping, or values in the order of ``names``,
    by default every column): JSON lists decoded, booleans and numbers of their type."""
    if isinstance(row, Mapping):
        names = [n for n in TABLE[table].names if n in row]
        row = [row[n] for n in names]
    return {n: (conv(v) if conv is not None else v) for (n, conv), v in zip(_plan(table, names), row, strict=True)}


def _state_converter(c: Column) -> Any:
    if c.json:
        return lambda v: tuple(json.loads(v)) if v else ()
    return _converter(c) or (lambda v: v)


_STATE_PLANS = {kind: [_state_converter(c) for c in t.columns if c.state] for kind, t in RECORD_TABLE.items()}


def state_of(kind: str, row: Sequence[Any] | Mapping[str, Any], names: Sequence[str] | None = None) -> State:
    """The typed state of a record from its current row (a mapping, or the values of ``names``,
    by default every column): JSON lists become tuples, the rest as ``decode`` gives it."""
    fields_ = STATE_FIELDS[kind]
    if isinstance(row, Mapping):
        values = [row[n] for n in fields_]
    elif names is None or tuple(names) != fields_:
        by_name = dict(zip(names or RECORD_TABLE[kind].names, row, strict=True))
        values = [by_name[n] for n in fields_]
    else:
        values = row
    return STATE_TYPES[kind](*[conv(v) for conv, v in zip(_STATE_PLANS[kind], values, strict=True)])
