"""A laptop's sync with a hub: push what the hub lacks, pull what the laptop lacks.

The event file stays the source of truth; the hub is a meeting point. Pulled revisions enter the
file through ``facilitator.merge.merge_sources``, the same check and the same writer as a file
merge, with the hub's position (``hub/id``, ``hub/seq`` in ``meta``) in the same transaction: a
laptop killed mid-pull keeps both or neither, and pulling again changes nothing.

A bad record pulled (a hostile or broken laptop pushed it) is refused and reported, never
written; the other records of the batch still enter, each record's revisions on their own.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.errors import FacilitatorError, StoreError
from facilitator.i18n import tr
from facilitator.store import declaration
from facilitator.sync.hub import Batch, Connection, Identity, JoinCode
from facilitator.sync.server import HubError


class Refused(FacilitatorError):
    """A hub of another event or kit: this laptop does not sync with it (nothing sent)."""


META_ID = "hub/id"
META_SEQ = "hub/seq"


@dataclass
class Round:
    """What one round of sync did."""

    pushed: int = 0
    pulled: int = 0
    seq: int = 0
    refused: list[str] = field(default_factory=list)  # French messages of records refused


class Laptop:
    """The sync state of one open event file with one hub (kept across rounds with ``--watch``)."""

    def __init__(self, ev, code: JoinCode | str) -> None:
        self.ev = ev
        self.code = code if isinstance(code, JoinCode) else JoinCode.parse(code)
        self.hub = Connection(self.code)
        self.identity: Identity | None = None
        self.on_hub: set[str] | None = None  # revision ids the hub is known to hold
        # the file's ``PRAGMA data_version`` (on a connection of the laptop's own, ``_version``)
        # read before the last push's read: any commit since, by another program typing into the
        # file or by this laptop's own pulls, changes it
        self._pushed_version: int | None = None
        self._pushed_participants: set[tuple] = set()
        self._watching: sqlite3.Connection | None = None
        # positions reached by batches with nothing new (not written: the file is not touched
        # for them; written with the next batch that brings something)
        self._held: dict[str, int] = {}

    # ------------------------------------------------------------------ checks
    def check(self) -> Identity:
        """The hub's identity, if it is this event's and this kit's; else a French refusal."""
        ident = self.hub.identity()
        if ident.event_id != self.ev.event_id:
            raise Refused(tr("sync.other_event", where=self.code.where, found=ident.event_id,
                              expected=self.ev.event_id, path=self.ev.path))
        if ident.kit_sha256 != self.ev.kit_sha256:
            raise Refused(tr("sync.other_kit", where=self.code.where, found=ident.kit_sha256[:12],
                              expected=self.ev.kit_sha256[:12], path=self.ev.path))
        if self.identity is not None and self.identity.hub_id != ident.hub_id:
            self.on_hub = None  # a new hub (a new data folder): push everything again
            self._pushed_version = None
            self._pushed_participants = set()
        self.identity = ident
        return ident

    def position(self) -> int:
        """The hub's last sequence number this laptop holds everything up to."""
        assert self.identity is not None
        held = self._held.get(self.identity.hub_id, 0)
        if self.ev.meta(META_ID) != self.identity.hub_id:
            return held
        try:
            return max(held, int(self.ev.meta(META_SEQ) or 0))
        except ValueError:
            return held

    # ------------------------------------------------------------------ a round
    def round(self) -> Round:
        """Check, push, pull once; a ``HubError`` when the hub cannot be reached."""
        self.check()
        result = Round()
        result.pushed = self.push()
        self.pull(result)
        return result

    def _version(self) -> int:
        """The file's ``PRAGMA data_version`` seen from a read-only connection of the laptop's
        own: it changes whenever another connection commits to the file — another program typing
        into it (the app, a merge), and the event file's own connection pulling into it. Exact,
        unlike the files' times and sizes (a coarse clock, a WAL that keeps its size once
        restarted), and never a write."""
        try:
            if self._watching is None:
                self._watching = sqlite3.connect(f"{Path(self.ev.path).resolve().as_uri()}?mode=ro", uri=True,
                                                 timeout=30, check_same_thread=False)
            return self._watching.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            self._close_watching()
            raise StoreError(tr("merge.unreadable", path=self.ev.path, reason=exc)) from exc

    def _close_watching(self) -> None:
        if self._watching is not None:
            _close_quietly(self._watching)
            self._watching = None

    def _held_here(self) -> tuple[set[str], set[tuple]]:
        """The revision ids and the participant counts the file holds now (cheap: ids only)."""
        try:
            if self._watching is None:
                self._version()
            con = self._watching
            ids = {r[0] for r in con.execute("SELECT id FROM note_revision UNION ALL SELECT id FROM record_revision")}
            counts = set(con.execute(f"SELECT {declaration.TABLE['participants'].select()} FROM participants"))
        except sqlite3.Error as exc:
            self._close_watching()
            raise StoreError(tr("merge.unreadable", path=self.ev.path, reason=exc)) from exc
        return ids, counts

    def pending(self) -> int:
        """Revisions of the file the hub does not hold yet (as far as this laptop knows)."""
        ids, _counts = self._held_here()
        return len(ids - (self.on_hub or set()))

    def push(self) -> int:
        """Push what the file holds and the hub lacks. Skipped only when nothing at all was
        committed to the file since the last push's read (``_version``): what another program
        typed meanwhile is always seen, even when this laptop pulled into the file since."""
        from facilitator.merge import read_source

        version = self._version()  # before the reads: a commit after it is seen next time
        if self.on_hub is not None and version == self._pushed_version:
            return 0
        if self.on_hub is None:
            self.on_hub = self.hub.revision_ids()
        ids, counts = self._held_here()
        if not ids - self.on_hub and counts <= self._pushed_participants:
            self._pushed_version = version  # only this laptop's pulls since: nothing to send
            return 0
        src = read_source(Path(self.ev.path))
        revisions = [(rid, "note", nid, parent, device, at, state)
                     for rid, nid, parent, device, at, state in src.note_revisions if rid not in self.on_hub]
        revisions += [r for r in src.record_revisions if r[0] not in self.on_hub]
        ids = {r[0] for r in revisions}
        parents = [p for p in src.parents if p[0] in ids]
        new = self.hub.push(revisions, parents, list(src.participants))  # counts: upserted, newest wins
        self.on_hub |= ids
        self._pushed_participants = set(src.participants)
        self._pushed_version = version
        return new

    def pull(self, result: Round) -> None:
        assert self.identity is not None
        after = self.position()
        while True:
            batch = self.hub.pull(after)
            if batch.upto <= after:
                break
            self._apply(batch, result)
            after = batch.upto
        result.seq = after

    def _source(self, revisions, parents, counts):
        from facilitator.merge import Source

        ident = self.identity
        notes = [(rid, record, parent, device, at, state) for rid, kind, record, parent, device, at, state
                 in revisions if kind == "note"]
        records = [r for r in revisions if r[1] != "note"]
        return Source(Path(tr("sync.source", where=self.code.where)), ident.event_id, ident.kit_sha256,
                      ident.kit_source, notes, records, list(parents), list(counts), [])

    def _apply(self, batch: Batch, result: Round) -> None:
        from facilitator.merge import MergeError, merge_sources

        meta = {META_ID: self.identity.hub_id, META_SEQ: str(batch.upto)}
        fresh = 0
        if not batch.participants and not batch.parents and not self._new_to_file(batch.revisions):
            self._held[self.identity.hub_id] = batch.upto  # our own pushes coming back: no write
            if self.on_hub is not None:
                self.on_hub.update(r[0] for r in batch.revisions)
            return
        try:
            report = merge_sources(self.ev, [self._source(batch.revisions, batch.parents, batch.participants)],
                          make_backup=False, meta=meta)
            fresh = report.sources[0].new_revisions
        except MergeError:
            # one record at a time: the good ones enter, each bad one is refused and reported
            groups: dict[tuple, list[tuple]] = {}
            for r in batch.revisions:
                groups.setdefault((r[1], r[2]), []).append(r)
            for revs in groups.values():
                ids = {r[0] for r in revs}
                try:
                    report = merge_sources(self.ev, [self._source(revs, [p for p in batch.parents if p[0] in ids],
                                                                  [])], make_backup=False)
                    fresh += report.sources[0].new_revisions
                except MergeError as exc:
                    result.refused.append(str(exc))
            for row in batch.participants:
                try:
                    merge_sources(self.ev, [self._source([], [], [row])], make_backup=False)
                except MergeError as exc:
                    result.refused.append(str(exc))
            merge_sources(self.ev, [self._source([], [], [])], make_backup=False, meta=meta)
        if self.on_hub is not None:
            self.on_hub.update(r[0] for r in batch.revisions)
        # what was pulled is on the hub already; what another program typed meanwhile is not,
        # and the next push sees it (its version moved): the pull never marks the file pushed
        result.pulled += fresh

    def _new_to_file(self, revisions: list[tuple]) -> bool:
        if not revisions:
            return False
        import sqlite3

        con = sqlite3.connect(f"{Path(self.ev.path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            local = {r[0] for r in con.execute("SELECT id FROM note_revision UNION ALL SELECT id FROM record_revision")}
        finally:
            con.close()
        return any(r[0] not in local for r in revisions)

    def close(self) -> None:
        self._close_watching()
        self.hub.close()

    def __enter__(self) -> Laptop:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def watch(laptop: Laptop, *, poll: float = 2.0, until=None, report=None) -> None:
    """Rounds until ``until()`` is true: woken by the hub's notifications, else every ``poll`` s.

    A lost hub is retried every ``poll`` seconds (``report(None, error)``); ``report(round,
    None)`` after each round.
    """
    listener = None
    while until is None or not until():
        try:
            if listener is None:
                listener = laptop.hub.listener()
            r = laptop.round()
            if report is not None:
                report(r, None)
            # wait for a notification, or for the file to change, at most ``poll`` seconds
            deadline = time.monotonic() + poll
            version = laptop._version()
            while time.monotonic() < deadline and (until is None or not until()):
                if any(True for _ in listener.notifies(timeout=min(0.25, poll), stop_after=1)):
                    break
                if laptop._version() != version:
                    break
        except (HubError, StoreError, OSError) as exc:  # the hub gone, the file busy or full: retried
            if listener is not None:
                _close_quietly(listener)
                listener = None
            if report is not None:
                report(None, exc)
            _sleep(poll, until)
        except FacilitatorError:
            if listener is not None:
                _close_quietly(listener)
            raise
        except Exception as exc:  # psycopg's errors from the listener's connection
            import psycopg

            if not isinstance(exc, psycopg.Error):
                raise
            _close_quietly(listener)
            listener = None
            if report is not None:
                report(None, HubError(tr("hub.lost", where=laptop.code.where, reason=str(exc)[:200])))
            _sleep(poll, until)
    if listener is not None:
        _close_quietly(listener)


def _close_quietly(con) -> None:
    try:
        con.close()
    except Exception:  # noqa: BLE001 — a connection already gone
        pass


def _sleep(seconds: float, until) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (until is None or not until()):
        time.sleep(min(0.1, seconds))
