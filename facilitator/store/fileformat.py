"""What makes a file an event file, without SQLAlchemy: identity, version, tables, connection.

Kept apart from ``schema.py`` (the SQLAlchemy tables) so that opening and reading an event file,
which the app does before its first window is shown, does not import SQLAlchemy. Both derive
from the one declaration (``declaration.py``).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from pathlib import Path

from facilitator.store import declaration

APPLICATION_ID = 0x46414349  # "FACI": tells our event files from any other SQLite file
SCHEMA_VERSION = 2
SQLITE_HEADER = b"SQLite format 3\x00"

TABLES = frozenset(declaration.TABLE)

# the named indexes of those tables (SQLite adds its own ``sqlite_autoindex_*`` for primary keys);
# a file holding any other schema object (a trigger, a view, another table or index) is refused
INDEXES = frozenset(n for t in declaration.TABLE_LIST for n in t.index_names)

# columns of the current rows, in the order the readers (event.py) take them
NOTE_COLUMNS = declaration.NOTE.select()
PROPOSAL_COLUMNS = declaration.PROPOSAL.select(without=("revision",))
SYNTHESIS_COLUMNS = declaration.SYNTHESIS.select(without=("id", "modified_at", "revision"))


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_FOLD = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "\u00a0": " ", "\u202f": " "})


def fold(text: str | None) -> str:
    """Text without case or accents: ``fold("Éducation Œuvre") == fold("education oeuvre")``."""
    if not text:
        return ""
    if text.isascii():
        return text.casefold()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD))).casefold()


def connect(path: Path) -> sqlite3.Connection:
    """The one connection of an open event file, shared by its reads (plain SQL) and its writes
    (the SQLAlchemy session of ``orm.py``, created on the first write).

    WAL journal with ``synchronous=FULL``: a commit returns once it is on disk. Autocommit mode
    (``isolation_level=None``): a read holds no snapshot after it returns; writes begin their
    transaction explicitly. ``fold()`` is available to SQL for searches.
    """
    con = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        distrust_schema(con)
        con.execute("PRAGMA busy_timeout = 5000")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        con.create_function("fold", 1, fold, deterministic=True)
    except BaseException:
        con.close()
        raise
    return con


def distrust_schema(con: sqlite3.Connection) -> None:
    """Only our schema is trusted: SQL functions with side effects and virtual tables are never
    run from a file's schema (views, triggers, index expressions, defaults).

    SQLite's defensive mode (``SQLITE_DBCONFIG_DEFENSIVE``) is reachable from Python 3.12 only
    (``Connection.setconfig``); where it is, it is set too. ``foreign_objects`` refuses the rest.
    """
    con.execute("PRAGMA trusted_schema = OFF")
    setconfig = getattr(con, "setconfig", None)
    if setconfig is not None:  # Python 3.12+
        setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)


def foreign_objects(con: sqlite3.Connection) -> list[str]:
    """The schema objects of an open file that are not ours (``TABLES``, ``INDEXES`` and SQLite's
    automatic indexes): ``["trigger t_boom", "view v"]``; empty for an event file."""
    out = []
    for kind, name in con.execute("SELECT type, name FROM sqlite_master ORDER BY type, name"):
        if kind == "table" and (name in TABLES or name.startswith(("sqlite_stat", "sqlite_sequence"))):
            continue
        if kind == "index" and (name in INDEXES or name.startswith("sqlite_autoindex_")):
            continue
        out.append(f"{kind} {name}")
    return out
