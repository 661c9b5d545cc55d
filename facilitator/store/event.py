"""The event file: one SQLite file per event, holding a copy of its kit and everything captured.

Durability: WAL journal with ``synchronous=FULL``: each operation is one short transaction whose
commit returns only once it is on disk, so a killed process or a power cut never loses an
acknowledged change and never corrupts the file. On close the WAL is checkpointed and the file
switched back to a rollback journal, so that a closed event file is one self-contained file that
can be copied to a USB stick.

One connection per open file (``fileformat.connect``). Reads are plain SQL on it; writes go
through a SQLAlchemy session on the same connection (``orm.py``), created on the first write.
So opening a file and showing its notes never imports SQLAlchemy: the app's first window does
not wait for it (the app loads it in the background once the window is shown).

Every operation returns a ``Change`` (see ``states.py``); ``apply(change.inverse())`` undoes it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator import config
from facilitator.errors import KitError, OperationError, StaleChange, StoreError
from facilitator.files import (
    clean_abandoned,
    is_input,
    refuse_input,
    register_input,
    release_input,
    staged,
)
from facilitator.i18n import tr
from facilitator.kit import cache as kit_cache
from facilitator.kit.model import Item, Kit
from facilitator.store.fileformat import (
    APPLICATION_ID,
    NOTE_COLUMNS,
    PROPOSAL_COLUMNS,
    SCHEMA_VERSION,
    SQLITE_HEADER,
    SYNTHESIS_COLUMNS,
    TABLES,
    connect,
    distrust_schema,
    fold,
    foreign_objects,
)
from facilitator.store.outline import tree_order
from facilitator.store.rows import NoteRow, ProposalRow, note_row, proposal_row
from facilitator.store.states import (
    CONTRIBUTORS,
    DECISIONS,
    PROPOSAL_KINDS,
    Change,
    Edit,
    NoteState,
    ProposalState,
    SynthesisState,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from facilitator.store.history import Conflict, Heads
    from facilitator.store.timer import TimerRecord

__all__ = ["EventFile", "NoteRow", "ProposalRow", "fold", "inspect"]

NAMESPACE = "7b0f3c36-5d0e-4a43-9a43-1b7c8f0e6a11"  # of the ids of the kit's prepared items (uuid5)
KIT_DEVICE = "kit"  # author of the notes prepared in the kit (identical on every laptop)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


# --------------------------------------------------------------------------------------------
# file identity


def inspect(path: Path) -> int:
    """Check that ``path`` is an event file this version can open; return its schema version.

    Reads only; raises ``StoreError`` with a French message otherwise.
    """
    if not path.exists():
        raise StoreError(tr("store.not_found", path=path))
    facts = _header_through_sqlite(path) if is_input(path) else None
    if facts is None:
        try:
            with open(path, "rb") as fh:
                header = fh.read(100)
        except OSError as exc:
            raise StoreError(tr("store.unwritable", path=path, reason=exc.strerror)) from exc
        if len(header) < 100 or not header.startswith(SQLITE_HEADER):
            raise StoreError(tr("store.not_sqlite", path=path))
        facts = int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big")
    app_id, version = facts
    if app_id != APPLICATION_ID:
        raise StoreError(tr("store.foreign", path=path))
    if version > SCHEMA_VERSION:
        raise StoreError(tr("store.newer", path=path, found=version, supported=SCHEMA_VERSION))
    try:
        rows, tables, foreign = _quick_check(path)
    except UnicodeDecodeError as exc:  # damaged text in the schema itself
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.not_utf8"))) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.sqlite_says", reason=exc))) from exc
    if foreign:  # only our schema is trusted: a planted trigger or view would run in our writes
        raise StoreError(tr("store.foreign_schema", path=path, objects=", ".join(foreign[:5])))
    if rows != [("ok",)]:
        detail = "; ".join(r[0] for r in rows[:3])
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.sqlite_says", reason=detail)))
    required = TABLES if version == SCHEMA_VERSION else {"meta", "note"}
    missing = sorted(required - tables)
    if missing:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.missing_tables", tables=", ".join(missing))))
    return version


def _header_through_sqlite(path: Path) -> tuple[int, int] | None:
    """The header's application id and schema version of a file this process has open, read
    through SQLite; ``None`` if SQLite cannot read them (the header is then read as bytes).

    Never through a descriptor of our own: POSIX locks belong to the process, and closing any
    descriptor of the file drops every lock this process's SQLite connections hold on it. Another
    program closing its last connection then believes it is the last one, checkpoints and
    deletes the WAL and its index while they are in use here: this process's connections go on
    reading a frozen file and writing into a deleted WAL (a ``sync --watch`` stopped seeing what
    the app typed; https://www.sqlite.org/howtocorrupt.html, section 2.2)."""
    try:
        con = _read_only(path)
    except sqlite3.Error:
        return None
    try:
        return (con.execute("PRAGMA application_id").fetchone()[0],
                con.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        con.close()


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; after a crash, the WAL left behind is recovered first.

    Recovering a WAL (rebuilding its index in ``-shm``) needs a connection allowed to write, so a
    read-only one fails with SQLITE_READONLY until it is done: an ordinary connection does it
    (replaying committed transactions, which is what the crash left to do) and is closed.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        distrust_schema(con)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if _sqlite_code(exc) != sqlite3.SQLITE_READONLY:
            raise
        # (also when a kill landed in the switch back to a rollback journal: header in WAL
        # mode, -wal already gone, -shm stale)
        try:
            rw = sqlite3.connect(path)
            distrust_schema(rw)
            try:
                rw.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                rw.close()
        except sqlite3.Error:
            raise exc from None
    con = sqlite3.connect(uri, uri=True)
    distrust_schema(con)
    return con


def _quick_check(path: Path) -> tuple[list, set[str], list[str]]:
    con = _read_only(path)
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        foreign = foreign_objects(con)
    finally:
        con.close()
    return rows, tables, foreign


def _kit_copy(path: Path) -> Kit:
    """The kit kept in an event file, read without writing; ``StoreError`` if it is damaged."""
    try:
        con = _read_only(path)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'kit_source'").fetchone()
        finally:
            con.close()
    except UnicodeDecodeError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.not_utf8"))) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.sqlite_says", reason=exc))) from exc
    if not row or not row[0]:
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.kit_copy_missing")))
    try:
        return kit_cache.load_kit_text(row[0], name=f"{path} (kit)")
    except KitError as exc:
        first = exc.issues[0] if exc.issues else ""
        raise StoreError(tr("store.corrupt", path=path, detail=tr("store.kit_copy_broken", issue=first))) from exc


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _item_id(event_id: str, kit_sha: str, *parts: object) -> str:
    import uuid

    return str(uuid.uuid5(uuid.UUID(NAMESPACE), "/".join([event_id, kit_sha, *map(str, parts)])))


def _new_id() -> str:
    """A new random id (notes, proposals, revisions). ``uuid`` is imported on the first write,
    not with the module: opening a file to read it never needs it."""
    import uuid

    return str(uuid.uuid4())


def _db_errors() -> tuple[type[BaseException], ...]:
    """The errors of the database layer: sqlite3's, and SQLAlchemy's wrapper once it is loaded;
    a text of the file that is not UTF-8 (damage ``quick_check`` does not see) is one too."""
    sa = sys.modules.get("sqlalchemy.exc")
    base = (sqlite3.Error, UnicodeDecodeError)
    return (*base, sa.DBAPIError) if sa is not None else base


def _reads(method):
    """A read of the file: a failure of the disk under it becomes a French ``StoreError``; an
    ORM read transaction (the few reads left to the session) ends with the call, so no read
    snapshot outlives it."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _db_errors() as exc:  # the disk went away under a read, …: a French message
            if self._orm is not None:
                self._orm.rollback()
            raise _db_failure(exc, self.path, self._closed) from exc
        finally:
            if not self._writing:
                self._end_read()

    return wrapper


def _operation(method):
    """A core operation: it reads what the file holds, builds its change and applies it. When
    another program open on the file changed one of those records between the reads and the
    write (``StaleChange``), the operation is built again from what the file holds now, so
    what was typed is stored over the other's change instead of reverting it; a few times at
    most, then the refusal is the operation's answer."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        for attempt in range(_ATTEMPTS):
            try:
                return method(self, *args, **kwargs)
            except StaleChange:
                if attempt == _ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    return wrapper


_ATTEMPTS = 5


class EventFile:
    """An open event file. Use ``EventFile.create`` or ``EventFile.open``; close it after use."""

    def __init__(self, path: Path, device: str | None = None) -> None:
        self.path = Path(path)
        self.device = device or config.device_id()
        self._con = connect(self.path)  # WAL switch now: a full disk fails here, not later
        self._orm: Session | None = None  # see _session
        self._writing = False  # inside ``writing()``: reads see its transaction, never end it
        self._closed = False
        self._input = register_input(self.path)  # no writer replaces the file while it is open
        self._kit: Kit | None = None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file when opened
        self.listeners: list = []  # callables(change) told after each applied change
        self._written: set[str] = set()  # revisions this open file wrote (see _check_current)

    # ---------------------------------------------------------------- open / create / close
    @classmethod
    def create(cls, path: str | Path, kit: Kit, device: str | None = None, logo: bytes | None = None,
               fill: Callable[[EventFile], object] | None = None) -> EventFile:
        """Make a new event file from ``kit`` (its prepared items become the starting notes);
        ``fill(event)`` may then add to it (the demo's notes) before it is published.

        The file is built and closed under a temporary name beside the target
        (``files.staged``), then published without replacing anything: nothing appears under the
        chosen name until the event is complete, and a file that appeared there meanwhile is
        never replaced (``store.exists``). A killed creation leaves only a recognisable
        temporary file, removed at the next creation or opening in that folder.
        """
        path = Path(path)
        if path.exists():
            raise StoreError(tr("store.exists", path=path))
        try:
            with staged(path, replace=False) as tmp:
                ev = cls(tmp, device)
                try:
                    ev._initialise(kit, logo)
                    if fill is not None:
                        fill(ev)
                finally:
                    ev.close()
        except FileExistsError as exc:
            raise StoreError(tr("store.exists", path=path)) from exc
        except OSError as exc:
            raise StoreError(_os_message(exc, path)) from exc
        except _db_errors() as exc:
            raise _db_failure(exc, path) from exc
        return cls.open(path, device)

    @classmethod
    def open(cls, path: str | Path, device: str | None = None) -> EventFile:
        path = Path(path)
        clean_abandoned(path.parent)  # what a killed creation left in this folder
        version = inspect(path)
        kit = _kit_copy(path)  # read-only: a damaged file is refused before anything writes to it
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise StoreError(tr("store.read_only_open", path=path))
        try:
            ev = cls(path, device)
        except sqlite3.Error as exc:
            raise _db_failure(exc, path) from exc
        ev._kit = kit
        ev._identity = _identity(path)
        try:
            if version < SCHEMA_VERSION:
                from facilitator.store import migrations

                migrations.upgrade(ev._session, version, ev._con)
        except _db_errors() as exc:
            ev.close()
            raise _db_failure(exc, path) from exc
        except BaseException:
            ev.close()
            raise
        return ev

    @property
    def _session(self) -> Session:
        """The ORM session of the writes, made on first use (it imports SQLAlchemy)."""
        if self._orm is None:
            if self._closed:
                raise StoreError(tr("store.closed", path=self.path))
            from facilitator.store.orm import session_on

            self._orm = session_on(self._con)
        return self._orm

    def _initialise(self, kit: Kit, logo: bytes | None) -> None:
        from sqlalchemy import insert

        from facilitator.store import declaration
        from facilitator.store.schema import TABLES, metadata

        with self._session.begin():
            conn = self._session.connection()
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            import hashlib  # (creating a file, not opening one: not on the app's start-up)

            sha = hashlib.sha256(kit.source.encode("utf-8")).hexdigest()
            facts = {"format": "facilitator-event", "event_id": kit.event.id, "kit_source": kit.source,
                     "kit_sha256": sha, "created_at": now(), "created_by": self.device}
            conn.execute(insert(TABLES["meta"]), [{"key": k, "value": v} for k, v in facts.items()])
            if logo is None and kit.logo_path is not None and kit.logo_path.is_file():
                logo = kit.logo_path.read_bytes()
            if logo is not None and kit.event.logo:
                conn.execute(insert(TABLES["asset"]).values(name="logo", data=logo))
            stamp = f"{kit.event.date.isoformat()}T00:00:00.000000+00:00"
            # the empty synthesis has the same first revision on every laptop of the event
            syn_rev = _item_id(kit.event.id, sha, "synthesis")
            conn.execute(insert(TABLES["synthesis"]).values(
                declaration.state_row("synthesis", SynthesisState(), id=1, modified_at=stamp, revision=syn_rev)))
            conn.execute(insert(TABLES["record_revision"]).values(
                id=syn_rev, kind="synthesis", record_id="1", parent_id=None, device=KIT_DEVICE, at=stamp,
                state=SynthesisState().to_json()))
            notes: list[dict] = []
            revisions: list[dict] = []
            for w in kit.workshops:
                for sid, items in w.prepared:
                    self._prepared(kit.event.id, sha, w.number, sid, items, stamp, notes, revisions)
            if notes:
                conn.execute(insert(TABLES["note"]), notes)
                conn.execute(insert(TABLES["note_revision"]), revisions)

    @staticmethod
    def _prepared(event_id: str, sha: str, workshop: int, section: str, items: Iterable[Item], stamp: str,
                  notes: list[dict], revisions: list[dict]) -> None:
        """The rows of the kit's prepared items (ids derived from the kit: the same on every laptop)."""
        from facilitator.store import declaration

        stack = [(item, None, (i,)) for i, item in reversed(list(enumerate(items)))]
        while stack:
            item, parent, path = stack.pop()
            nid = _item_id(event_id, sha, workshop, section, *path)
            state = NoteState(workshop=workshop, section=section, parent_id=parent, position=float(path[-1] + 1),
                              text=item.text, urls=(item.url,) if item.url else ())
            rev = _item_id(event_id, sha, "rev", workshop, section, *path)
            notes.append(declaration.state_row("note", state, id=nid, created_at=stamp, modified_at=stamp,
                                               device=KIT_DEVICE, revision=rev))
            revisions.append({"id": rev, "note_id": nid, "parent_id": None, "device": KIT_DEVICE, "at": stamp,
                              "state": state.to_json()})
            stack.extend((child, nid, (*path, i)) for i, child in reversed(list(enumerate(item.items))))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        release_input(self._input)
        try:
            if self._orm is not None:
                self._orm.close()  # ends its transaction: the pragmas below take effect
            self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._con.execute("PRAGMA journal_mode = DELETE")
        except _db_errors():
            pass  # another process still has it open, or the disk is gone: WAL stays valid
        finally:
            self._con.close()
            if self._orm is not None:
                self._orm.get_bind().dispose()

    def __enter__(self) -> EventFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def save_copy(self, target: str | Path) -> Path:
        """Write a consistent copy of everything stored to ``target`` (e.g. after the file was lost).

        The copy is made from the open connection (SQLite's backup API), so it rescues the event
        even when its file was deleted or moved while open; it is written under a temporary name
        beside ``target``, synced, then published without replacing anything (``files.staged``).
        ``target`` must not exist.
        """
        target = Path(target)
        refuse_input(target)  # never over the open file itself (a link, a hard link)
        if target.exists():
            raise StoreError(tr("store.exists", path=target))
        self._end_read()
        try:
            with staged(target, replace=False) as tmp:  # published complete, never over a file
                dest = sqlite3.connect(tmp)
                try:
                    self._con.backup(dest)
                    dest.execute("PRAGMA journal_mode = DELETE")
                finally:
                    dest.close()
        except FileExistsError as exc:
            raise StoreError(tr("store.exists", path=target)) from exc
        except OSError as exc:
            raise StoreError(_os_message(exc, target)) from exc
        except sqlite3.Error as exc:
            key = "store.disk_full" if _sqlite_code(exc) == sqlite3.SQLITE_FULL else "store.io"
            raise StoreError(tr(key, path=target, reason=str(exc))) from exc
        return target

    def _end_read(self) -> None:
        """End the read transaction that ORM queries open, so no snapshot is held between calls."""
        if self._orm is not None and self._orm.in_transaction():
            self._orm.commit()

    def _one(self, sql: str, params: Sequence = ()) -> tuple | None:
        return self._con.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return self._con.execute(sql, params).fetchall()

    # ---------------------------------------------------------------- facts of the file
    @_reads
    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    @property
    def kit(self) -> Kit:
        if self._kit is None:
            self._kit = kit_cache.load_kit_text(self.meta("kit_source") or "", name=f"{self.path} (kit)")
        return self._kit

    @property
    def event_id(self) -> str:
        return self.meta("event_id") or ""

    @property
    def kit_sha256(self) -> str:
        return self.meta("kit_sha256") or ""

    @_reads
    def asset(self, name: str) -> bytes | None:
        row = self._one("SELECT data FROM asset WHERE name = ?", (name,))
        return row[0] if row else None

    # ---------------------------------------------------------------- reading notes
    def _rows(self, where: str = "", params: Sequence = ()) -> list[NoteRow]:
        sql = f"SELECT {NOTE_COLUMNS} FROM note" + (f" WHERE {where}" if where else "")
        return [note_row(r) for r in self._all(sql, params)]

    @_reads
    def changed_elsewhere(self) -> bool:
        """Whether another program (a merge, another window) committed to the file since the
        previous call (``PRAGMA data_version``; this file's own writes do not count): a view
        showing the file reloads then. The first call only takes the reference."""
        version = self._one("PRAGMA data_version")[0]
        seen, self._seen_version = self._seen_version, version
        return seen is not None and seen != version

    _seen_version: int | None = None

    @_reads
    def note(self, note_id: str) -> NoteRow:
        rows = self._rows("id = ?", (note_id,))
        if not rows:
            raise OperationError(tr("store.unknown_note", id=note_id))
        return rows[0]

    @_reads
    def notes(self, workshop: int | None = None, section: str | None = None,
              include_deleted: bool = False) -> list[NoteRow]:
        """Notes in outline order: by atelier (kit order), section (kit order), then tree order."""
        where, params = [], []
        if workshop is not None:
            where.append("workshop = ?")
            params.append(workshop)
        if section is not None:
            where.append("section = ?")
            params.append(section)
        rows = self._rows(" AND ".join(where), params)
        return [r for r, _depth in self._ordered(rows, include_deleted)]

    @_reads
    def outline(self, workshop: int, section: str) -> list[tuple[NoteRow, int]]:
        """The visible notes of one atelier section, in order, with their depth (0 = top)."""
        return self._ordered(self._rows("workshop = ? AND section = ?", (workshop, section)), False)

    def _ordered(self, rows: list[NoteRow], include_deleted: bool) -> list[tuple[NoteRow, int]]:
        """Notes by atelier and section in kit order, each outline in tree order."""
        kit = self.kit
        w_order = {w.number: i for i, w in enumerate(kit.workshops)}
        s_order = {s.id: i for i, s in enumerate(kit.sections)}
        places: dict[tuple[int, str], list[NoteRow]] = {}
        for r in rows:
            if include_deleted or not r.deleted:
                places.setdefault((r.workshop, r.section), []).append(r)
        out: list[tuple[NoteRow, int]] = []
        for place in sorted(places, key=lambda p: (w_order.get(p[0], 10**6), p[0], s_order.get(p[1], 10**6), p[1])):
            out.extend(tree_order(places[place]))
        return out

    @_reads
    def children(self, note_id: str | None, workshop: int, section: str) -> list[NoteRow]:
        rows = self._rows("workshop = ? AND section = ? AND parent_id IS ? AND deleted IS 0",
                          (workshop, section, note_id))
        return sorted(rows, key=lambda r: (r.position, r.id))

    @_reads
    def _sibling_positions(self, parent: str | None, workshop: int, section: str) -> list[_Sibling]:
        """``children`` as ``_slot`` reads it (id, position; a state only to renumber), without
        building 300 rows: a new note in a long section stays cheap."""
        rows = self._all(
            "SELECT id, position FROM note WHERE workshop = ? AND section = ? AND parent_id IS ? AND deleted IS 0",
            (workshop, section, parent))
        return [_Sibling(self, i, p) for i, p in sorted(rows, key=lambda r: (r[1], r[0]))]

    @_reads
    def revisions(self, note_id: str) -> list[tuple]:
        """The revisions of a note: ``(id, parent_id, device, at, state json)``, oldest first."""
        return self._all("SELECT id, parent_id, device, at, state FROM note_revision WHERE note_id = ? "
                         "ORDER BY at, id", (note_id,))

    @_reads
    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one table as ``{column: value}``, in primary-key order (JSON export)."""
        from sqlalchemy import select

        from facilitator.store.schema import Base

        t = Base.metadata.tables[table]
        stmt = select(t).order_by(*t.primary_key.columns)
        self._session.connection(execution_options={"read_only": True})  # a read: a plain BEGIN (orm.py)
        return [dict(r._mapping) for r in self._session.execute(stmt)]

    @_reads
    def count_notes(self) -> dict[tuple[int, str], int]:
        return {(w, s): n for w, s, n in self._all(
            "SELECT workshop, section, count(*) FROM note WHERE deleted IS 0 GROUP BY workshop, section")}

    @_reads
    def search(self, text: str, workshop: int | None = None, contributor: str | None = None,
               commitment: str | int | None = None) -> list[NoteRow]:
        """Visible notes whose text or links contain ``text``, ignoring case and accents.

        Optional filters: an atelier number, a contributor type, a commitment id. The result is
        in outline order (atelier, section, then tree order among the notes found).
        """
        where, params = ["deleted IS 0"], []
        needle = fold(text.strip())
        if needle:
            where.append("instr(fold(text || ' ' || urls), ?) > 0")
            params.append(needle)
        if workshop is not None:
            where.append("workshop = ?")
            params.append(workshop)
        if contributor is not None:
            where.append("contributor = ?")
            params.append(contributor)
        rows = self._rows(" AND ".join(where), params)
        if commitment is not None:
            rows = [r for r in rows if str(commitment) in r.commitments]
        return [r for r, _depth in self._ordered(rows, False)]

    # ---------------------------------------------------------------- applying changes
    def apply(self, change: Change) -> Change:
        """Write every ``after`` state of ``change`` in one transaction; return it."""
        if change.empty:
            return change
        change = self._with_reopening(change)
        for e in change.edits:
            if e.before != e.after:
                self._check_edit(e)
        stamp = now()
        self._end_read()
        if self._identity is not None and _identity(self.path) != self._identity:
            # deleted, moved or replaced while open: SQLite would go on writing into a file
            # nobody will find again. What is stored stays readable: see save_copy().
            raise _unsaved(StoreError(tr("store.gone", path=self.path)), change)
        try:
            with self._session.begin():
                # BEGIN IMMEDIATE (orm.py): another program writing to this file is waited for
                # (busy timeout); from here on nothing else writes until this commits, so what
                # is checked below is what the writes land on
                self._session.connection()
                self._check_current(change)
                for e in change.edits:
                    if e.before == e.after:
                        continue
                    self._write(e, stamp)
        except _db_errors() as exc:
            self._session.rollback()
            raise _unsaved(_db_failure(exc, self.path, self._closed), change) from exc
        except OSError as exc:
            self._session.rollback()
            raise _unsaved(StoreError(_os_message(exc, self.path)), change) from exc
        for listener in list(self.listeners):
            listener(change)
        return change

    def _check_current(self, change: Change) -> None:
        """Two programs on one file (the app and ``facilitator merge``, two windows) share it: a
        change never silently reverts what another one wrote. Each ``before`` of the change must
        be what the file holds now, or the record's current version must be one this open file
        wrote itself; otherwise ``StaleChange`` (French message), nothing written. An operation
        (``edit_note``…) then builds its change again from what the file now holds (``_operation``);
        an undo or a redo (``apply(change.inverse())``) is refused.
        """
        pending: dict[tuple[str, Any], Any] = {}
        for e in change.edits:
            if e.before == e.after or e.kind not in ("note", "proposal", "synthesis"):
                continue  # participants are per laptop, timers per atelier, resolutions checked by their heads
            key = (e.kind, e.key)
            if key in pending:
                current, revision = pending[key], None
            else:
                current, revision = self._current(e.kind, e.key)
            pending[key] = e.after
            if current == e.before or (revision is not None and revision in self._written):
                continue
            if e.before is None and e.kind != "synthesis" and current is not None and current.deleted:
                continue  # redoing an addition over its own tombstone
            from facilitator.store import validation

            what, shown = validation.describe(e.kind, e.key)
            raise StaleChange(tr("store.stale_undo", what=what, id=shown))

    def _current(self, kind: str, key: Any) -> tuple[Any, str | None]:
        """The state of one record as the file holds it now, and its revision."""
        if kind == "note":
            rows = self._rows("id = ?", (key,))
            return (rows[0].state, rows[0].revision) if rows else (None, None)
        if kind == "proposal":
            rows = self._proposal_rows("id = ?", (key,))
            row = self._one("SELECT revision FROM proposal WHERE id = ?", (key,))
            return (rows[0].state, row[0]) if rows else (None, None)
        row = self._one("SELECT revision FROM synthesis WHERE id = 1")
        return self._synthesis(), (row[0] if row else None)

    def _check_edit(self, e: Edit) -> None:
        """The one check of a record entering the file (``validation``): an ``OperationError``
        naming the record if its new state could not be stored or shown."""
        from facilitator.store import validation

        kind, key, state = e.kind, e.key, e.after
        if kind == "resolution":
            if state is None:
                return
            kind, key, state = key[0], key[1], state.state
        if state is None:
            return
        try:
            if kind == "laptop":  # a laptop's name checks itself (facilitator/store/laptops.py)
                problems = state.problems()
                if problems:
                    raise OperationError(tr("store.bad_laptop_name", fields=", ".join(problems)))
                return
            if kind == "timer":  # a phase timer checks itself (facilitator/store/timer.py)
                problems = state.problems()
                if problems:
                    raise OperationError(tr("store.bad_timer", fields=", ".join(problems)))
                return
            if kind == "participants":
                validation.check_participants(key[0], key[1], self.device, state, "now",
                                              rules=validation.Rules.of_kit(self.kit))
                return
            rules = validation.ANY
            if kind == "note":
                b = e.before if e.kind == "note" else None
                if b is None or (b.workshop, b.section) != (state.workshop, state.section):
                    rules = validation.Rules.of_kit(self.kit)  # a note placed: where the kit has room
            validation.check_state(kind, state, rules)
        except validation.Invalid as exc:
            what, shown = validation.describe(kind, key)
            raise OperationError(tr("record.refused_write", what=what, id=shown, problem=exc)) from None

    def _write(self, edit: Edit, stamp: str) -> None:
        """Write one edit inside ``apply``'s transaction: the one writer (``writer.py``)."""
        from facilitator.store.writer import Writer

        writer = Writer(self._session.connection(), self.device, stamp)
        writer.write(edit)
        self._written.update(writer.written)  # (see _check_current)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction on the file's connection, for a writer of many records at once
        (the merge): yields its SQLAlchemy ``Connection`` (build statements from
        ``schema.TABLES``); committed at the end, rolled back on any error. The event file's
        reads inside it see its writes. Listeners are not told: call ``notify``."""
        self._end_read()
        try:
            with self._session.begin():
                self._writing = True
                yield self._session.connection()
        except BaseException:
            if self._orm is not None:
                self._orm.rollback()
            raise
        finally:
            self._writing = False

    def notify(self, change: Change) -> None:
        """Tell the listeners about a change written outside ``apply`` (``writing``)."""
        for listener in list(self.listeners):
            listener(change)

    @_reads
    def revision_index(self) -> dict[str, tuple[str, str]]:
        """Every revision of the file: ``{revision id: (record kind, record id)}``."""
        return {rid: (kind, record) for rid, kind, record in self._all(
            "SELECT id, 'note', note_id FROM note_revision UNION ALL SELECT id, kind, record_id FROM record_revision")}

    def _with_reopening(self, change: Change) -> Change:
        """Add the reopening of a validated synthesis to a change of the event's content.

        Part of the same change, so undoing the change restores the validation too.
        """
        content = False
        for e in change.edits:
            if e.before == e.after:
                continue
            if e.kind in ("note", "proposal", "resolution"):
                content = True
            elif e.kind == "synthesis":
                b, a = e.before, e.after
                if (b is None or a is None or (b.validated_by, b.validated_at, b.fingerprint)
                        != (a.validated_by, a.validated_at, a.fingerprint)):
                    return change  # this change validates or reopens by itself (or undoes that)
                content = content or b.reopened() != a.reopened()
        if not content:
            return change
        current = self.synthesis()
        for e in change.edits:
            if e.kind == "synthesis" and e.after is not None:
                current = e.after
        if not current.validated:
            return change
        edits = (*change.edits, Edit("synthesis", 1, current, current.reopened()))
        return Change(change.label, edits, change.focus, change.focus_before, change.extra)

    @_reads
    def conflicts(self, kind: str | None = None) -> list[Conflict]:
        """Records in conflict after a merge (notes in outline order first), for a person to resolve."""
        from facilitator.store.history import HEADS_COLUMNS, Heads

        sql = f"SELECT {HEADS_COLUMNS} FROM record_heads WHERE conflict IS NOT NULL"
        rows = self._all(sql, ()) if kind is None else self._all(sql + " AND kind = ?", (kind,))
        out = [self._conflict(Heads(*r)) for r in rows]
        place = {}
        for i, (n, _d) in enumerate(self._ordered(self._rows(), True)):
            place[n.id] = i
        rank = {"note": 0, "proposal": 1, "synthesis": 2}
        return sorted(out, key=lambda c: (rank[c.kind], place.get(c.record_id, 0), c.record_id))

    @_reads
    def conflict(self, record_id: str, kind: str = "note") -> Conflict | None:
        from facilitator.store.history import HEADS_COLUMNS, Heads

        row = self._one(f"SELECT {HEADS_COLUMNS} FROM record_heads WHERE kind = ? AND record_id = ?",
                        (kind, record_id))
        if row is None or row[3] is None:
            return None
        return self._conflict(Heads(*row))

    def _conflict(self, row: Heads) -> Conflict:
        from facilitator.store.history import DECODERS, Conflict, Version, revisions_of

        revs = revisions_of(self._con, row.kind, [row.record_id]).get(row.record_id, [])
        heads = set(json.loads(row.heads))
        decode = DECODERS[row.kind]
        versions = tuple(sorted((Version(r[0], r[2], r[3], decode(r[4])) for r in revs if r[0] in heads),
                                key=lambda v: (v.at, v.revision)))
        if row.kind == "note":
            shown = self.note(row.record_id).state
        elif row.kind == "proposal":
            shown = self.proposal(row.record_id).state
        else:
            shown = self.synthesis()
        return Conflict(row.kind, row.record_id, row.conflict or "", tuple(json.loads(row.fields)), shown,
                        versions)

    @_operation
    def resolve_conflict(self, record_id: str, state: Any = None, *, revision: str | None = None,
                         kind: str = "note") -> Change:
        """Resolve a conflict: keep one version (``revision``, a head's id or its first characters),
        or a combined ``state`` (by default the state shown now). One undoable change: a new
        revision whose parents are all the heads."""
        from facilitator.store.history import Resolution

        found = self.conflict(record_id, kind)
        if found is None:
            raise OperationError(tr("merge.no_conflict", id=record_id))
        if revision is not None:
            matches = [v for v in found.versions if v.revision.startswith(revision)]
            if len(matches) != 1:
                raise OperationError(tr("merge.unknown_version", id=revision))
            state = matches[0].state
        if state is None:
            state = found.shown
        shown_rev = self._shown_revision(kind, record_id)
        heads = [v.revision for v in found.versions]
        parents = (shown_rev, *sorted(h for h in heads if h != shown_rev))
        res = Resolution(_new_id(), parents, state, now(), self.device)
        focus = record_id if kind == "note" else None
        return self.apply(Change("resolve_conflict", (Edit("resolution", (kind, record_id, res.revision), None, res),),
                                 focus=focus, focus_before=focus))

    @_reads
    def _shown_revision(self, kind: str, record_id: str) -> str:
        table = {"note": "note", "proposal": "proposal", "synthesis": "synthesis"}[kind]
        key = int(record_id) if kind == "synthesis" else record_id
        return self._one(f"SELECT revision FROM {table} WHERE id = ?", (key,))[0]

    # ---------------------------------------------------------------- validation of the synthesis
    @_reads
    def content_fingerprint(self) -> str:
        """SHA-256 of the event's content: what a validation vouches for (see docs/merge.md).

        Canonical JSON (sorted keys, no spaces, UTF-8) of the event id, the kit's hash, every note
        not deleted (id and state: place, text, urls, contributor, commitments, votes), every
        proposal not deleted (id and state, decision included) and the synthesis' texts (object,
        intro, feedback, date). Timestamps, laptops, revisions and the validation are left out.
        """
        import hashlib  # (the fingerprint of a synthesis being validated: not at start-up)

        notes = []
        for n in self._rows("deleted IS 0 ORDER BY id"):
            d = dataclasses.asdict(n.state)
            d.pop("deleted")
            notes.append({"id": n.id, **d})
        proposals = []
        for p in self._proposal_rows("deleted IS 0 ORDER BY id"):
            d = dataclasses.asdict(p.state)
            d.pop("deleted")
            proposals.append({"id": p.id, **d})
        syn = self._synthesis()
        meta = dict(self._all("SELECT key, value FROM meta"))
        doc = {
            "format": "facilitator-fingerprint/1",
            "event_id": meta.get("event_id"),
            "kit_sha256": meta.get("kit_sha256"),
            "notes": notes,
            "proposals": proposals,
            "synthesis": {"object": syn.object, "intro": syn.intro, "feedback": syn.feedback, "date": syn.date},
        }
        text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @_operation
    def validate_synthesis(self, by: str) -> Change:
        """Mark the synthesis "validée" by ``by``: date and fingerprint of the content are stored.
        Any later change of notes, proposals or synthesis reopens it (see ``apply``)."""
        by = (by or "").strip()
        if not by:
            raise OperationError(tr("synthesis.validator_required"))
        before = self.synthesis()
        after = before.with_(validated_by=by, validated_at=now(), fingerprint=self.content_fingerprint())
        return self.apply(Change("validate_synthesis", (Edit("synthesis", 1, before, after),)))

    @_operation
    def reopen_synthesis(self) -> Change:
        before = self.synthesis()
        return self.apply(Change("reopen_synthesis", (Edit("synthesis", 1, before, before.reopened()),)))

    # ---------------------------------------------------------------- note operations
    def _check_place(self, workshop: int, section: str) -> None:
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if self.kit.section(section) is None:
            raise OperationError(tr("store.unknown_section", id=section))

    def _clean_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "urls" in out:
            from facilitator.kit.spec import url_problem

            urls = tuple(u.strip() for u in out["urls"] if u and u.strip())
            for u in urls:
                problem = url_problem(u)
                if problem:
                    raise OperationError(tr("store.bad_url", value=u))
            out["urls"] = urls
        if "contributor" in out:
            if out["contributor"] in ("", None):
                out["contributor"] = None
            elif out["contributor"] not in CONTRIBUTORS:
                raise OperationError(tr("store.bad_contributor", value=out["contributor"]))
        if "commitments" in out:
            out["commitments"] = tuple(str(c) for c in out["commitments"])
        if "votes" in out:
            out["votes"] = max(0, int(out["votes"]))
        return out

    @_operation
    def add_note(self, workshop: int, section: str, text: str = "", *, after: str | None = None,
                 parent: str | None = None, note_id: str | None = None, focus_before: str | None = None,
                 **fields: Any) -> Change:
        """A new note: after the sibling ``after``, else last child of ``parent`` (None: top level)."""
        self._check_place(workshop, section)
        fields = self._clean_fields(fields)
        if after is not None:
            ref = self.note(after)
            parent = ref.parent_id
            siblings = self._sibling_positions(parent, workshop, section)
            idx = next((i for i, s in enumerate(siblings) if s.id == after), len(siblings) - 1)
            edits, position = self._slot(siblings, idx + 1)
        else:
            siblings = self._sibling_positions(parent, workshop, section)
            edits, position = self._slot(siblings, len(siblings))
        nid = note_id or _new_id()
        state = NoteState(workshop, section, parent, position, text, **fields)
        edits.append(Edit("note", nid, None, state))
        return self.apply(Change("add_note", tuple(edits), focus=nid, focus_before=focus_before or after))

    @_operation
    def add_items(self, workshop: int, section: str, items: Iterable[Item], *, parent: str | None = None,
                  id_for=None) -> Change:
        """Add a tree of items (kit item format) as notes, in one change (paste, demo, import).

        ``id_for(path)`` gives each note's id from its index path, for reproducible ids.
        """
        self._check_place(workshop, section)
        siblings = self.children(parent, workshop, section)
        edits: list[Edit] = []
        base = siblings[-1].position if siblings else 0.0

        # depth first, in reading order, without recursion (a paste 2,000 levels deep)
        stack = [(item, parent, (i,), base + i + 1.0) for i, item in reversed(list(enumerate(items)))]
        while stack:
            item, parent_id, path, position = stack.pop()
            nid = id_for(path) if id_for else _new_id()
            state = NoteState(workshop, section, parent_id, position, item.text,
                              urls=(item.url,) if item.url else ())
            edits.append(Edit("note", nid, None, state))
            stack.extend((child, nid, (*path, i), i + 1.0) for i, child in reversed(list(enumerate(item.items))))
        first = edits[0].key if edits else None
        return self.apply(Change("add_items", tuple(edits), focus=first))

    def _slot(self, siblings: list[NoteRow], index: int) -> tuple[list[Edit], float]:
        """A position for a note inserted at ``index`` among ``siblings`` (renumbering if needed)."""
        before = siblings[index - 1].position if index > 0 else None
        after = siblings[index].position if index < len(siblings) else None
        if before is None and after is None:
            return [], 1.0
        if after is None:
            return [], before + 1.0
        if before is None:
            return [], after - 1.0
        mid = (before + after) / 2
        if before < mid < after:
            return [], mid
        # floats exhausted between two neighbours: renumber the siblings
        edits = []
        for i, s in enumerate(siblings):
            new_pos = float(i + 1 if i < index else i + 2)
            if new_pos != s.position:
                edits.append(Edit("note", s.id, s.state, s.state.with_(position=new_pos)))
        return edits, float(index + 1)

    @_operation
    def edit_note(self, note_id: str, **fields: Any) -> Change:
        row = self.note(note_id)
        fields = self._clean_fields(fields)
        new = row.state.with_(**fields)
        return self.apply(Change("edit_note", (Edit("note", note_id, row.state, new),), note_id, note_id))

    @_operation
    def vote(self, note_id: str, delta: int = 1) -> Change:
        row = self.note(note_id)
        new = row.state.with_(votes=max(0, row.votes + delta))
        return self.apply(Change("vote", (Edit("note", note_id, row.state, new),), note_id, note_id))

    @_operation
    def delete_note(self, note_id: str) -> Change:
        """Delete a note and what is nested under it (tombstones: undo brings them back)."""
        row = self.note(note_id)
        edits = []
        for r in [row, *self._descendants(row)]:
            edits.append(Edit("note", r.id, r.state, r.state.with_(deleted=True)))
        visible = [r for r, _ in self.outline(row.workshop, row.section)]
        ids = [r.id for r in visible]
        focus = None
        if note_id in ids:
            i = ids.index(note_id)
            focus = ids[i - 1] if i > 0 else (ids[i + 1 + len(edits) - 1] if i + len(edits) < len(ids) else None)
        return self.apply(Change("delete_note", tuple(edits), focus=focus, focus_before=note_id))

    def _descendants(self, row: NoteRow) -> list[NoteRow]:
        out = []
        stack = [row]
        while stack:
            cur = stack.pop()
            kids = self.children(cur.id, cur.workshop, cur.section)
            out.extend(kids)
            stack.extend(kids)
        return out

    @_operation
    def move_to(self, note_id: str, parent: str | None, index: int, section: str | None = None) -> Change:
        """Move a note (with what is nested under it) to be child ``index`` of ``parent``."""
        row = self.note(note_id)
        section = section or row.section
        self._check_place(row.workshop, section)
        siblings = [s for s in self.children(parent, row.workshop, section) if s.id != note_id]
        index = max(0, min(index, len(siblings)))
        edits, position = self._slot(siblings, index)
        new = row.state.with_(parent_id=parent, position=position, section=section)
        edits.append(Edit("note", note_id, row.state, new))
        if section != row.section:
            for d in self._descendants(row):
                edits.append(Edit("note", d.id, d.state, d.state.with_(section=section)))
        return self.apply(Change("move_note", tuple(edits), note_id, note_id))

    def _siblings_of(self, row: NoteRow) -> tuple[list[NoteRow], int]:
        sibs = self.children(row.parent_id, row.workshop, row.section)
        return sibs, next(i for i, s in enumerate(sibs) if s.id == row.id)

    @_operation
    def indent(self, note_id: str) -> Change:
        """Make the note the last child of the sibling above it (no change if there is none)."""
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == 0:
            return Change("indent", focus=note_id, focus_before=note_id)
        new_parent = sibs[i - 1].id
        kids = self.children(new_parent, row.workshop, row.section)
        return self._relabel(self.move_to(note_id, new_parent, len(kids)), "indent")

    @_operation
    def outdent(self, note_id: str) -> Change:
        """Make the note the sibling just after its parent (no change at the top level)."""
        row = self.note(note_id)
        if row.parent_id is None:
            return Change("outdent", focus=note_id, focus_before=note_id)
        parent = self.note(row.parent_id)
        psibs, pi = self._siblings_of(parent)
        return self._relabel(self.move_to(note_id, parent.parent_id, pi + 1), "outdent")

    @_operation
    def move_up(self, note_id: str) -> Change:
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == 0:
            return Change("move_up", focus=note_id, focus_before=note_id)
        return self._relabel(self.move_to(note_id, row.parent_id, i - 1), "move_up")

    @_operation
    def move_down(self, note_id: str) -> Change:
        row = self.note(note_id)
        sibs, i = self._siblings_of(row)
        if i == len(sibs) - 1:
            return Change("move_down", focus=note_id, focus_before=note_id)
        return self._relabel(self.move_to(note_id, row.parent_id, i + 1), "move_down")

    @staticmethod
    def _relabel(change: Change, label: str) -> Change:
        return Change(label, change.edits, change.focus, change.focus_before)

    # ---------------------------------------------------------------- participants
    @_reads
    def participants(self, workshop: int | None = None) -> dict[int, dict[str, dict[str, int]]]:
        """Counts by atelier, contributor type and laptop: ``{workshop: {type: {device: n}}}``.

        Counts typed on different laptops are kept side by side, never summed.
        """
        sql = "SELECT workshop, contributor, device, count FROM participants"
        rows = self._all(sql) if workshop is None else self._all(sql + " WHERE workshop = ?", (workshop,))
        out: dict[int, dict[str, dict[str, int]]] = {}
        for w, contributor, device, count in rows:
            out.setdefault(w, {}).setdefault(contributor, {})[device] = count
        return out

    def participant_counts(self, workshop: int) -> dict[str, int]:
        """This laptop's counts for an atelier (what its form shows), falling back to another's."""
        out: dict[str, int] = {}
        for contributor, by_device in self.participants(workshop).get(workshop, {}).items():
            out[contributor] = by_device.get(self.device, max(by_device.values()))
        return out

    def participants_total(self) -> dict[str, int]:
        """Event totals by type (for each atelier, this laptop's count or the largest)."""
        totals = dict.fromkeys(CONTRIBUTORS, 0)
        for w in self.kit.workshops:
            for k, v in self.participant_counts(w.number).items():
                totals[k] = totals.get(k, 0) + v
        return totals

    def set_participants(self, workshop: int, contributor: str, count: int | None) -> Change:
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if contributor not in CONTRIBUTORS:
            raise OperationError(tr("store.bad_contributor", value=contributor))
        if count is not None and count < 0:
            raise OperationError(tr("store.negative_count"))
        row = self._one("SELECT count FROM participants WHERE workshop = ? AND contributor = ? AND device = ?",
                        (workshop, contributor, self.device))
        before = row[0] if row else None
        return self.apply(Change("set_participants", (Edit("participants", (workshop, contributor), before, count),)))

    # ---------------------------------------------------------------- the phase timer
    @_reads
    def timer_state(self, workshop: int) -> TimerRecord | None:
        """The phase timer of ``workshop`` as last stored (``facilitator.store.timer``)."""
        from facilitator.store.timer import META_PREFIX, TimerRecord

        row = self._one("SELECT value FROM meta WHERE key = ?", (f"{META_PREFIX}{workshop}",))
        return TimerRecord.from_json(row[0]) if row else None

    def set_timer_state(self, workshop: int, record: TimerRecord | None) -> Change:
        """Store the phase timer of ``workshop`` (None: forget it)."""
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if record is not None and record.problems():
            raise OperationError(tr("store.bad_timer", fields=", ".join(record.problems())))
        return self.apply(Change("set_timer_state", (Edit("timer", workshop, self.timer_state(workshop), record),)))

    # ---------------------------------------------------------------- the laptops' names
    @_reads
    def laptop_names(self) -> dict[str, str]:
        """The human name of each laptop this file knows, by device id (``store.laptops``)."""
        from facilitator.store.laptops import META_PREFIX, newest

        rows = self._all("SELECT key, value FROM meta WHERE key LIKE ?", (f"{META_PREFIX}%",))
        return {device: found.name for device, found in newest(rows).items()}

    def set_laptop_name(self, name: str) -> Change:
        """Name this laptop (``self.device``) in the event file; a merge carries the name along."""
        from facilitator.store.laptops import LaptopName

        record = LaptopName.now(name)
        if record.problems():
            raise OperationError(tr("store.bad_laptop_name", fields=", ".join(record.problems())))
        before = self.laptop_names().get(self.device)
        if before == record.name:
            return Change("set_laptop_name")
        return self.apply(Change("set_laptop_name", (Edit("laptop", self.device, None, record),)))

    # ---------------------------------------------------------------- synthesis and proposals
    @_reads
    def synthesis(self) -> SynthesisState:
        return self._synthesis()

    def _synthesis(self) -> SynthesisState:
        row = self._one(f"SELECT {SYNTHESIS_COLUMNS} FROM synthesis WHERE id = 1")
        return SynthesisState(*row) if row is not None else SynthesisState()

    @_operation
    def edit_synthesis(self, **fields: Any) -> Change:
        before = self.synthesis()
        after = before.with_(**fields)
        return self.apply(Change("edit_synthesis", (Edit("synthesis", 1, before, after),)))

    def _proposal_rows(self, where: str = "", params: Sequence = ()) -> list[ProposalRow]:
        sql = f"SELECT {PROPOSAL_COLUMNS} FROM proposal" + (f" WHERE {where}" if where else "")
        return [proposal_row(r) for r in self._all(sql, params)]

    @_reads
    def proposals(self, include_deleted: bool = False) -> list[ProposalRow]:
        rows = self._proposal_rows("" if include_deleted else "deleted IS 0")
        return sorted(rows, key=lambda r: (r.position, r.id))

    @_reads
    def proposal(self, pid: str) -> ProposalRow:
        rows = self._proposal_rows("id = ?", (pid,))
        if not rows:
            raise OperationError(tr("store.unknown_proposal", id=pid))
        return rows[0]

    def _clean_proposal(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "kind" in out and out["kind"] not in PROPOSAL_KINDS:
            raise OperationError(tr("store.bad_kind", value=out["kind"]))
        if out.get("decision") not in (None, *DECISIONS):
            raise OperationError(tr("store.bad_decision", value=out["decision"]))
        for key in ("commitments", "notes"):
            if key in out:
                out[key] = tuple(dict.fromkeys(str(c) for c in out[key]))
        plan = self.kit.plan
        for c in out.get("commitments", ()):
            if plan is None or plan.commitment(c) is None:
                raise OperationError(tr("synthesis.unknown_commitment", id=c))
        for n in out.get("notes", ()):
            self.note(n)  # raises for an unknown note
        if "workshops" in out:
            out["workshops"] = tuple(int(w) for w in out["workshops"])
        return out

    @_operation
    def add_proposal(self, title: str = "", text: str = "", kind: str = "other", *,
                     proposal_id: str | None = None, **fields: Any) -> Change:
        fields = self._clean_proposal({"kind": kind, **fields})
        existing = self.proposals()
        position = (existing[-1].position + 1.0) if existing else 1.0
        pid = proposal_id or _new_id()
        state = ProposalState(position, title, text, **fields)
        return self.apply(Change("add_proposal", (Edit("proposal", pid, None, state),), focus=pid))

    @_operation
    def edit_proposal(self, pid: str, **fields: Any) -> Change:
        row = self.proposal(pid)
        new = row.state.with_(**self._clean_proposal(fields))
        return self.apply(Change("edit_proposal", (Edit("proposal", pid, row.state, new),), pid, pid))

    def decide(self, pid: str, decision: str | None, reason: str = "", date: str | None = None) -> Change:
        """Record a decision (``Decision``: retenue, a-l-etude, non-retenue), dated today unless
        ``date`` (an ISO date, ``AAAA-MM-JJ``) says otherwise; None clears it, reason and date too."""
        if decision is not None and date is None:
            date = dt.date.today().isoformat()
        if date is not None:
            try:
                date = dt.date.fromisoformat(str(date)).isoformat()
            except ValueError as exc:
                raise OperationError(tr("kit.expected_date", value=date)) from exc
        if decision is None:
            reason, date = "", None
        return self.edit_proposal(pid, decision=decision, decision_reason=reason, decision_date=date)

    @_operation
    def move_proposal(self, pid: str, index: int) -> Change:
        """Put a proposal at ``index`` (0: first) among the others, in the order of ``proposals``:
        its position goes between its new neighbours'. Out of range, or already there: no change."""
        rows = self.proposals()
        row = next((r for r in rows if r.id == pid), None)
        if row is None:
            raise OperationError(tr("store.unknown_proposal", id=pid))
        others = [r for r in rows if r.id != pid]
        if index < 0 or index > len(others) or not others:
            return Change("move_proposal", focus=pid, focus_before=pid)
        before = others[index - 1].position if index > 0 else None
        after = others[index].position if index < len(others) else None
        if before is None:
            position = after - 1.0
        elif after is None:
            position = before + 1.0
        else:
            position = (before + after) / 2
        if rows.index(row) == index:
            return Change("move_proposal", focus=pid, focus_before=pid)
        new = row.state.with_(position=position)
        return self.apply(Change("move_proposal", (Edit("proposal", pid, row.state, new),), pid, pid))

    @_operation
    def delete_proposal(self, pid: str) -> Change:
        row = self.proposal(pid)
        new = row.state.with_(deleted=True)
        return self.apply(Change("delete_proposal", (Edit("proposal", pid, row.state, new),), None, pid))


class _Sibling:
    """A sibling of a note being placed: its id and position (its state is read only if needed)."""

    __slots__ = ("_ev", "id", "position")

    def __init__(self, ev: EventFile, note_id: str, position: float) -> None:
        self._ev, self.id, self.position = ev, note_id, position

    @property
    def state(self) -> NoteState:
        return self._ev.note(self.id).state


def _unsaved(error: StoreError, change: Change) -> StoreError:
    """The error of a write that failed, carrying the change that was not stored.

    The app keeps it to apply again once the problem is solved, or to a copy (``save_copy``).
    """
    error.change = change
    return error



def _os_message(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return tr("store.disk_full", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("store.read_only", path=path)
    return tr("store.unwritable", path=path, reason=exc.strerror or str(exc))


def _sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an error (``SQLITE_FULL``…), through SQLAlchemy's wrapper;
    errors are told apart by it, never by their English text."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _db_failure(exc: BaseException, path: Path, closed: bool = False) -> StoreError:
    """The French ``StoreError`` of a failure of the database under ``path``.

    ``closed``: the event file was closed by its owner; sqlite3 then raises ``ProgrammingError``
    for any use of the connection, told as "fermé". Any other ``ProgrammingError`` (a statement
    our code got wrong) is not a failure of the file: it is raised as it is, for the one error
    handler to report as an internal error, and never shown as a full disk or a closed file.
    """
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy's DBAPIError wraps sqlite3's error
    if isinstance(orig, sqlite3.ProgrammingError):
        if closed:
            return StoreError(tr("store.closed", path=path))
        raise exc
    return StoreError(_db_message(exc, path))


def _db_message(exc: BaseException, path: Path) -> str:
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps sqlite3's error
    text = str(orig) if orig is not None else str(exc)
    code = _sqlite_code(exc)
    if isinstance(orig or exc, UnicodeDecodeError):
        return tr("store.corrupt", path=path, detail=tr("store.not_utf8"))
    if not path.exists():
        return tr("store.gone", path=path)
    if code == sqlite3.SQLITE_FULL:
        return tr("store.disk_full", path=path)
    if code == sqlite3.SQLITE_READONLY:
        return tr("store.read_only", path=path)
    return tr("store.io", path=path, reason=text)
