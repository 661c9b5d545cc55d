"""The tables of the event file as SQLAlchemy Core ``MetaData``, built from the one declaration
(``declaration.py``): the DDL of a new file, the statements of the writer, the JSON export's
reads, and the same tables on PostgreSQL (the hub) — ``metadata`` compiles for either dialect.

Schema version history (``PRAGMA user_version``), each step a migration in ``migrations.py``:
1. first version.
2. merge without loss: ``record_revision`` (revisions of proposals and of the synthesis, like
   ``note_revision`` for notes), ``revision_parent`` (second and further parents of a revision
   that joins concurrent heads) and ``record_heads`` (records with several heads: merged
   automatically, or a conflict for a person to resolve). See docs/merge.md.
"""

from __future__ import annotations

from operator import itemgetter

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.sql.expression import Executable

from facilitator.store import declaration
from facilitator.store.fileformat import APPLICATION_ID, SCHEMA_VERSION  # noqa: F401 (re-exported)

_TYPES = {"string": String, "text": Text, "integer": Integer, "float": Float, "boolean": Boolean,
          "blob": LargeBinary}

metadata = MetaData()


def _table(t: declaration.Table) -> Table:
    columns = [
        Column(c.name, _TYPES[c.type](), *([ForeignKey(c.foreign_key)] if c.foreign_key else []),
               primary_key=c.primary_key, nullable=c.nullable, index=c.index or None,
               default=c.default)
        for c in t.columns
    ]
    table = Table(t.name, metadata, *columns, comment=t.doc or None)
    for name, cols in t.indexes:
        Index(name, *(table.c[n] for n in cols))
    return table


TABLES: dict[str, Table] = {t.name: _table(t) for t in declaration.TABLE_LIST}


def bulk(conn: Connection, stmt: Executable, rows: list[dict]) -> None:
    """Run a Core statement for many rows at once, on ``conn`` (its transaction): compiled once for
    the connection's dialect, its rows handed to the driver's ``executemany`` as tuples, without
    SQLAlchemy's per-row processing (the merge's and recompute's thousands of rows; SQLAlchemy's
    own advice for bulk inserts). Values must be the driver's types already (``declaration.encode``)."""
    if not rows:
        return
    compiled = stmt.compile(dialect=conn.dialect, column_keys=list(rows[0]))
    names = compiled.positiontup or []
    if len(names) == 1:
        values = [(r[names[0]],) for r in rows]
    else:
        row = itemgetter(*names)  # (a C loop: a row's tuple without a generator per row)
        values = [row(r) for r in rows] if names else [() for _r in rows]
    conn.connection.driver_connection.executemany(str(compiled), values)
