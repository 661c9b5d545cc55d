"""The event file: one SQLite file per event, holding a copy of its kit and everything captured.

Durability: WAL journal with ``synchronous=FULL``: each operation is one short transaction whose
commit returns only once it is on disk, so a killed process or a power cut never loses an
acknowledged change and never corrupts the file. On close the WAL is checkpointed and the file
switched back to a rollback journal, so that a closed event file is one self-contained file that
can be copied to a USB stick.

One connection per open file (``fileformat.connect``). Reads are plain SQL on it; writes go
through one SQLAlchemy Core connection on the same sqlite3 connection (``engine.py``), made on
the first write. So opening a file and showing its notes never imports SQLAlchemy: the app's
first window does not wait for it (the app loads it in the background once the window is shown).

``EventFile`` is the file's lifecycle (create, open, close, copy) and its facts; what it holds is
read and changed through the parts it is made of, one module per concept:

- ``notes.py``: notes, the outline and its operations;
- ``proposals.py``: proposals, the synthesis and its validation;
- ``conflicts.py``: a merge's conflicts and their resolution;
- ``per_laptop.py``: participants counts, phase timers, laptops' names;
- ``changes.py``: ``apply``, the one door of every change (checked, stale check, the one writer).

Every operation returns a ``Change`` (see ``states.py``); ``apply(change.inverse())`` undoes it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator import config
from facilitator.errors import StoreError
from facilitator.files import clean_abandoned, refuse_input, register_input, release_input, staged
from facilitator.i18n import tr
from facilitator.kit import cache as kit_cache
from facilitator.kit.model import Item, Kit
from facilitator.store.access import (  # noqa: F401 (db_failure re-exported as _db_failure)
    DB_ERRORS,
    db_failure,
    now,
    os_message,
    reads,
    sqlite_code,
)
from facilitator.store.access import db_failure as _db_failure  # noqa: F401
from facilitator.store.changes import Changes
from facilitator.store.conflicts import Conflicts
from facilitator.store.fileformat import APPLICATION_ID, SCHEMA_VERSION, connect, fold
from facilitator.store.notes import Notes
from facilitator.store.opening import (
    KIT_DEVICE,
    NAMESPACE,
    file_identity,
    inspect,
    item_id,
    kit_copy,
)
from facilitator.store.per_laptop import PerLaptop
from facilitator.store.proposals import Proposals
from facilitator.store.rows import NoteRow, ProposalRow
from facilitator.store.states import NoteState, SynthesisState

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["KIT_DEVICE", "NAMESPACE", "EventFile", "NoteRow", "ProposalRow", "fold", "inspect"]


class EventFile(Notes, Proposals, Conflicts, PerLaptop, Changes):
    """An open event file. Use ``EventFile.create`` or ``EventFile.open``; close it after use."""

    def __init__(self, path: Path, device: str | None = None) -> None:
        self.path = Path(path)
        self.device = device or config.device_id()
        self._con = connect(self.path)  # WAL switch now: a full disk fails here, not later
        self._core: Connection | None = None  # see _sql
        self._closed = False
        self._input = register_input(self.path)  # no writer replaces the file while it is open
        self._kit: Kit | None = None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file when opened
        self.listeners: list = []  # callables(change) told after each applied change
        self._written: set[str] = set()  # revisions this open file wrote (see _check_current)

    @classmethod
    def create(cls, path: str | Path, kit: Kit, device: str | None = None, logo: bytes | None = None,
               fill: Callable[[EventFile], object] | None = None,
               facts: dict[str, str] | None = None) -> EventFile:
        """Make a new event file from ``kit`` (its prepared items become the starting notes);
        ``fill(event)`` may then add to it (the demo's notes, an import's records) before it is
        published; ``facts`` replace the file's own (``created_at``, ``created_by``: an import's).

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
                    ev._initialise(kit, logo, facts)
                    if fill is not None:
                        fill(ev)
                finally:
                    ev.close()
        except FileExistsError as exc:
            raise StoreError(tr("store.exists", path=path)) from exc
        except OSError as exc:
            raise StoreError(os_message(exc, path)) from exc
        except DB_ERRORS as exc:
            raise db_failure(exc, path) from exc
        return cls.open(path, device)

    @classmethod
    def open(cls, path: str | Path, device: str | None = None) -> EventFile:
        path = Path(path)
        clean_abandoned(path.parent)  # what a killed creation left in this folder
        version = inspect(path)
        kit = kit_copy(path)  # read-only: a damaged file is refused before anything writes to it
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise StoreError(tr("store.read_only_open", path=path))
        try:
            ev = cls(path, device)
        except sqlite3.Error as exc:
            raise db_failure(exc, path) from exc
        ev._kit = kit
        ev._identity = file_identity(path)
        try:
            if version < SCHEMA_VERSION:
                from facilitator.store import migrations

                migrations.upgrade(ev._sql, version, ev._con)
        except DB_ERRORS as exc:
            ev.close()
            raise db_failure(exc, path) from exc
        except BaseException:
            ev.close()
            raise
        return ev

    @property
    def _sql(self) -> Connection:
        """The SQLAlchemy Core connection of the writes, on the file's one connection, made on
        first use (it imports SQLAlchemy)."""
        if self._core is None:
            if self._closed:
                raise StoreError(tr("store.closed", path=self.path))
            from facilitator.store.engine import connection_on

            self._core = connection_on(self._con)
        return self._core

    def _transaction(self) -> contextlib.AbstractContextManager[Connection]:
        """One write transaction (``BEGIN IMMEDIATE``, the busy timeout honoured): the only way
        anything is written to the file (``apply``, ``writing``, creation, migrations)."""
        from facilitator.store import engine

        return engine.transaction(self._sql)

    def _initialise(self, kit: Kit, logo: bytes | None, given: dict[str, str] | None = None) -> None:
        from sqlalchemy import insert

        from facilitator.store import declaration
        from facilitator.store.schema import TABLES, metadata

        with self._transaction() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            import hashlib  # (creating a file, not opening one: not on the app's start-up)

            sha = hashlib.sha256(kit.source.encode("utf-8")).hexdigest()
            facts = {"format": "facilitator-event", "event_id": kit.event.id, "kit_source": kit.source,
                     "kit_sha256": sha, "created_at": now(), "created_by": self.device}
            facts.update({k: v for k, v in (given or {}).items() if k in ("created_at", "created_by")})
            conn.execute(insert(TABLES["meta"]), [{"key": k, "value": v} for k, v in facts.items()])
            if logo is None and kit.logo_path is not None and kit.logo_path.is_file():
                logo = kit.logo_path.read_bytes()
            if logo is not None and kit.event.logo:
                conn.execute(insert(TABLES["asset"]).values(name="logo", data=logo))
            stamp = f"{kit.event.date.isoformat()}T00:00:00.000000+00:00"
            # the empty synthesis has the same first revision on every laptop of the event
            syn_rev = item_id(kit.event.id, sha, "synthesis")
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
            nid = item_id(event_id, sha, workshop, section, *path)
            state = NoteState(workshop=workshop, section=section, parent_id=parent, position=float(path[-1] + 1),
                              text=item.text, urls=(item.url,) if item.url else ())
            rev = item_id(event_id, sha, "rev", workshop, section, *path)
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
            if self._core is not None:
                from facilitator.store import engine

                engine.close(self._core)  # ends any transaction: the pragmas below take effect
                self._core = None
            self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._con.execute("PRAGMA journal_mode = DELETE")
        except DB_ERRORS:
            pass  # another process still has it open, or the disk is gone: WAL stays valid
        finally:
            self._con.close()

    @property
    def closed(self) -> bool:
        return self._closed

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
            raise StoreError(os_message(exc, target)) from exc
        except sqlite3.Error as exc:
            key = "store.disk_full" if sqlite_code(exc) == sqlite3.SQLITE_FULL else "store.io"
            raise StoreError(tr(key, path=target, reason=str(exc))) from exc
        return target

    def _one(self, sql: str, params: Sequence = ()) -> tuple | None:
        return self._con.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return self._con.execute(sql, params).fetchall()

    @reads
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

    @reads
    def asset(self, name: str) -> bytes | None:
        row = self._one("SELECT data FROM asset WHERE name = ?", (name,))
        return row[0] if row else None

    @reads
    def changed_elsewhere(self) -> bool:
        """Whether another program (a merge, another window) committed to the file since the
        previous call (``PRAGMA data_version``; this file's own writes do not count): a view
        showing the file reloads then. The first call only takes the reference."""
        version = self._one("PRAGMA data_version")[0]
        seen, self._seen_version = self._seen_version, version
        return seen is not None and seen != version

    _seen_version: int | None = None

    @reads
    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one table as ``{column: value}``, in primary-key order (JSON export)."""
        from sqlalchemy import select

        from facilitator.store.schema import metadata

        t = metadata.tables[table]
        stmt = select(t).order_by(*t.primary_key.columns)
        from facilitator.store import engine

        with engine.reading(self._sql) as conn:  # a plain BEGIN: a read takes no write lock
            return [dict(r._mapping) for r in conn.execute(stmt)]
