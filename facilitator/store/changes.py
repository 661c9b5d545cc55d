"""The one door of every change into an open event file: ``apply`` checks each new state
(``validation``), opens one ``BEGIN IMMEDIATE`` transaction, compares each edit's ``before``
with what the file holds now (the stale check: another program on the file), hands each edit to
the one writer (``writer.py``), commits, then tells the listeners. ``writing`` is the same
transaction for a writer of many records at once (the merge). An undo is
``apply(change.inverse())``. A part of ``EventFile`` (``event.py``); see docs/event-file.md.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from facilitator.errors import OperationError, StaleChange, StoreError
from facilitator.i18n import tr
from facilitator.store.access import DB_ERRORS, db_failure, now, os_message, unsaved
from facilitator.store.opening import file_identity
from facilitator.store.states import Change, Edit

if TYPE_CHECKING:
    from sqlalchemy import Connection


class Changes:
    """Applying changes to an event file (a part of ``EventFile``)."""

    def apply(self, change: Change) -> Change:
        """Write every ``after`` state of ``change`` in one transaction; return it."""
        if change.empty:
            return change
        change = self._with_reopening(change)
        for e in change.edits:
            if e.before != e.after:
                self._check_edit(e)
        stamp = now()
        if self._identity is not None and file_identity(self.path) != self._identity:
            # deleted, moved or replaced while open: SQLite would go on writing into a file
            # nobody will find again. What is stored stays readable: see save_copy().
            raise unsaved(StoreError(tr("store.gone", path=self.path)), change)
        try:
            from facilitator.store.writer import Writer

            with self._transaction() as conn:
                # BEGIN IMMEDIATE (engine.py): another program writing to this file is waited
                # for (busy timeout); from here on nothing else writes until this commits, so
                # what is checked below is what the writes land on
                self._check_current(change)
                writer = Writer(conn, self.device, stamp)
                for e in change.edits:
                    if e.before != e.after:
                        writer.write(e)
            self._written.update(writer.written)  # (see _check_current)
        except DB_ERRORS as exc:
            raise unsaved(db_failure(exc, self.path, self._closed), change) from exc
        except OSError as exc:
            raise unsaved(StoreError(os_message(exc, self.path)), change) from exc
        for listener in list(self.listeners):
            listener(change)
        return change

    def _check_current(self, change: Change) -> None:
        """Two programs on one file (the app and ``facilitator merge``, two windows) share it: a
        change never silently reverts what another one wrote. Each ``before`` of the change must
        be what the file holds now, or the record's current version must be one this open file
        wrote itself; otherwise ``StaleChange`` (French message), nothing written. An operation
        (``edit_note``…) then builds its change again from what the file now holds (``operation``);
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

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction on the file's connection, for a writer of many records at once
        (the merge): yields its SQLAlchemy ``Connection`` (build statements from
        ``schema.TABLES``); committed at the end, rolled back on any error (a failure of the
        database, a full disk…, comes out as a French ``StoreError``, as ``apply``'s). The event
        file's reads inside it see its writes. Listeners are not told: call ``notify``."""
        try:
            with self._transaction() as conn:
                yield conn
        except DB_ERRORS as exc:
            raise db_failure(exc, self.path, self._closed) from exc
        except OSError as exc:
            raise StoreError(os_message(exc, self.path)) from exc

    def notify(self, change: Change) -> None:
        """Tell the listeners about a change written outside ``apply`` (``writing``)."""
        for listener in list(self.listeners):
            listener(change)

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
