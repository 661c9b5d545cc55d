"""The app's hold on one open event file: core operations, the undo stack, change signals.

Every change goes through a core operation of ``EventFile``, which stores it (one durable SQLite
transaction) before returning a ``Change``. The session pushes a ``QUndoCommand`` built on that
change: its first ``redo()`` does nothing (the operation is already applied), ``undo()`` applies
``change.inverse()`` and ``redo()`` applies the change again.

Typing: the note editors call ``type_text`` on every text change; the text is stored at the next
turn of the event loop (keys that arrive together share one commit). So every keystroke the window
has shown is on disk before the next event is processed: a SIGKILL or a power cut loses at most
the keys not yet drawn. Consecutive typing in one note during one editing session is merged into
a single undo step.

Storage failures (disk full, read-only medium, file deleted or moved while open): a change the
file refused is kept in memory (``kept``) and typed text stays pending, the editors go on showing
it, and ``storageChanged`` tells the window (``ui.shell.rescue``), which offers to save a copy elsewhere
(``reopen``). The next operation, or a retry every few seconds, stores what was kept first, in
order, once the file accepts writes again.

Another program on the same file (``facilitator merge``, a second window): every ``WATCH_MS`` the
session asks the file whether another program committed to it (``EventFile.changed_elsewhere``);
if so it stores what is typed, forgets what it read and emits a ``changed`` carrying
``extra["reload"]``, on which every view reloads from the file (a note being edited keeps its text
and cursor: its typed text was stored first, so the file gives it back). Undo never reverts the
other's change: the file refuses it (``StaleChange``), see ``undo``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from facilitator.errors import StoreError
from facilitator.store import Change, EventFile, NoteRow
from facilitator.store.outline import tree_order
from facilitator.store.states import Edit
from ui.common import errors

MERGING_ID = 1001  # the undo commands of typing, which merge (Qt's command id)
RETRY_MS = 5000  # while changes are unsaved, try to store them again this often
WATCH_MS = 1500  # this often, whether another program changed the file (then the views reload)


class ChangeCommand(QUndoCommand):
    """Undo/redo of one core change (already applied when pushed).

    ``merge``: typing in one field (a note's text, a proposal's title…) during one editing session
    (the key ends with that session's token): consecutive commands with the same key merge into
    one undo step."""

    def __init__(self, session: Session, change: Change, text: str, merge: tuple | None = None) -> None:
        super().__init__(text)
        self.session = session
        self.change = change
        self.merge = merge
        self._skip = True  # the next redo or undo finds the file already so: nothing to apply
        self.refused = False  # the last undo or redo was refused by the file (said to the user)

    def redo(self) -> None:
        self._step(self.change)

    def undo(self) -> None:
        self._step(self.change.inverse())

    def _step(self, change: Change) -> None:
        """Apply ``change``; if the file refuses it (another program changed the record:
        ``StaleChange``), ``refused`` is set and the next step in the other direction skipped,
        for ``Session.undo``/``redo`` to put the stack back on this command."""
        if self._skip:
            self._skip = False
            return
        self.refused = not self.session._replay(change)
        self._skip = self.refused

    def id(self) -> int:  # noqa: A003 — Qt's name
        return MERGING_ID if self.merge is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 — Qt's name
        if not isinstance(other, ChangeCommand) or self.merge is None or other.merge != self.merge:
            return False
        merged: dict[tuple, Edit] = {}
        for e in (*self.change.edits, *other.change.edits):
            k = (e.kind, repr(e.key))
            merged[k] = Edit(e.kind, e.key, merged[k].before, e.after) if k in merged else e
        self.change = Change(self.change.label, tuple(merged.values()), self.change.focus,
                             self.change.focus_before)
        self.setObsolete(self.change.empty)
        return True


def _content_only(e: Edit) -> bool:
    b, a = e.before, e.after
    return (b is not None and a is not None and b.workshop == a.workshop and b.section == a.section
            and b.parent_id == a.parent_id and b.position == a.position and b.deleted == a.deleted)


def _reorder(rows: list[tuple[NoteRow, int]], edits: list[Edit], place) -> list[tuple[NoteRow, int]]:
    """The outline of ``place`` after ``edits``, computed from the cached one (same order as
    ``EventFile.outline``: the core's ``tree_order``)."""
    by_id = {r.id: r for r, _d in rows}
    for e in edits:
        a = e.after
        if a is None or a.deleted or (a.workshop, a.section) != place:
            by_id.pop(e.key, None)
        elif e.key in by_id:
            by_id[e.key] = dataclasses.replace(by_id[e.key], state=a)
        else:
            by_id[e.key] = NoteRow(e.key, a, "", "", "", "")
    return tree_order(by_id.values())


class Session(QObject):
    """An open event file with its undo stack. ``changed`` is emitted for every applied change."""

    changed = Signal(object)  # Change, as applied (an undo emits the inverse)
    focusRequested = Signal(str)  # a note to select after a structural operation, undo or redo
    stored = Signal(str, str)  # note id, text: a typed text is now on disk
    storageChanged = Signal(object)  # StoreError: changes are kept unsaved; None: all stored again
    reopened = Signal(object)  # Path: the session now works on this file (a rescue copy)

    def label(self, op: str) -> str:
        labels = {
            "add_note": self.tr("Nouvelle note"), "delete_note": self.tr("Suppression de note"),
            "indent": self.tr("Décalage à droite"), "outdent": self.tr("Décalage à gauche"),
            "move_up": self.tr("Déplacement vers le haut"), "move_down": self.tr("Déplacement vers le bas"),
            "move_note": self.tr("Déplacement"), "edit_note": self.tr("Modification de note"),
            "vote": self.tr("Vote"), "set_participants": self.tr("Participants"),
        }
        return labels.get(op, op)

    def next_token(self) -> int:
        self._token += 1
        return self._token

    def __init__(self, ev: EventFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ev = ev
        self.kit = ev.kit
        self.stack = QUndoStack(self)
        self._cache: dict[tuple[int, str], list[tuple[NoteRow, int]]] = {}
        self._pending: dict[str, tuple[str, int]] = {}
        self._token = 0
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        # refused by the file, in order: ("change", change, undo label) or ("text", note, text, token)
        self.kept: list[tuple] = []
        self.failing: StoreError | None = None  # the storage problem while something is unsaved
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_MS)
        self._retry_timer.timeout.connect(self.flush)
        ev.listeners.append(self._on_applied)
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_MS)
        self._watch_timer.timeout.connect(self.watch)
        self._changed_elsewhere()  # the reference: what this file holds now is what is shown
        self._watch_timer.start()

    def _changed_elsewhere(self) -> bool:
        try:
            return self.ev.changed_elsewhere()
        except StoreError:  # the file gone or failing: the storage rescue deals with it
            return False

    def watch(self) -> None:
        """Reload the views if another program committed to the file since the last look."""
        if self.ev.closed or self.failing is not None:
            return
        if self._changed_elsewhere():
            self.reload()

    def close(self) -> None:
        self._watch_timer.stop()
        self.flush()
        if self._on_applied in self.ev.listeners:
            self.ev.listeners.remove(self._on_applied)
        self.stack.clear()
        self.ev.close()

    # ------------------------------------------------------------------ reading (cached)
    def outline(self, workshop: int, section: str) -> list[tuple[NoteRow, int]]:
        key = (workshop, section)
        rows = self._cache.get(key)
        if rows is None:
            rows = self._cache[key] = self.ev.outline(workshop, section)
        return rows

    def note(self, note_id: str) -> NoteRow:
        return self.ev.note(note_id)

    def reload(self) -> None:
        """Forget everything read: another connection changed the file (a merge run in a worker
        thread). The views are told by a ``changed`` carrying ``extra["reload"]``."""
        self.flush()
        self._cache.clear()
        self.changed.emit(Change("reload", extra={"reload": True}))

    def _on_applied(self, change: Change) -> None:
        if change.extra.get("reload") or change.touches("resolution"):
            self._cache.clear()  # a merge or a conflict's resolution: the revisions decide anew
        for place in change.places():
            rows = self._cache.get(place)
            if rows is None:
                continue
            edits = [e for e in change.edits if e.kind == "note"
                     and place in {(s.workshop, s.section) for s in (e.before, e.after) if s is not None}]
            if all(_content_only(e) for e in edits):
                index = {r.id: i for i, (r, _d) in enumerate(rows)}
                for e in edits:
                    i = index.get(e.key)
                    if i is None:
                        continue
                    row, depth = rows[i]
                    rows[i] = (dataclasses.replace(row, state=e.after), depth)
            else:  # a structural change: rebuild this outline from memory, not from the file
                self._cache[place] = _reorder(rows, edits, place)
        self.changed.emit(change)

    # ------------------------------------------------------------------ operations
    def run(self, op: Callable[..., Change], /, *args, label: str | None = None, merge: tuple | None = None,
            **kwargs) -> Change | None:
        """The one way the UI runs an operation (like Anki's ``CollectionOp``): the core operation
        ``op(event_file, *args, **kwargs)`` (an ``EventFile`` method, e.g. ``EventFile.add_note``,
        or a core function such as ``facilitator.synthesis.decide``) stores its change at once;
        the change is pushed as one undo command (``label``, else the operation's own); the views
        refresh from it (``changed``, emitted by the file's listener); a failure goes to the one
        handler (kept for later if the medium refused it, else ``ui.common.errors``). ``merge``: see
        ``ChangeCommand``. Returns the change, or None if it failed."""
        if merge is None:
            self.flush()
        else:
            self._store_kept()  # (typed text of the same field: stored in its order)
        try:
            change = op(self.ev, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — the one error handler shows it
            self._refused(exc, label or self.label(getattr(op, "__name__", "")))
            return None
        self._check_stored()
        if not change.empty:
            self.stack.push(ChangeCommand(self, change, label or self.label(change.label), merge))
            if merge is None and change.label not in ("edit_note", "vote", "set_participants") and change.focus:
                self.focusRequested.emit(change.focus)
        return change

    def _refused(self, exc: BaseException, label: str | None) -> None:
        """The one handler of a failed operation: a change the medium refused is kept and stored
        later (``keep``, ``ui.shell.rescue``); anything else is said (``ui.common.errors``)."""
        if not self.keep(exc, label):
            errors.report(exc)

    def timer_state(self, workshop: int):
        """The phase timer of ``workshop`` as stored with the event (None: never started)."""
        try:
            return self.ev.timer_state(workshop)
        except StoreError:
            return None  # (unreadable now: the timer starts over; notes are what matters)

    def store_timer(self, workshop: int, record) -> None:
        """Store the phase timer's state: not an edit of the event, so not undoable."""
        try:
            self.ev.set_timer_state(workshop, record)
        except StoreError as exc:
            if self.failing is None:  # (already said: the notes are kept, see ui.shell.rescue)
                errors.report(exc)
        except Exception as exc:  # noqa: BLE001 — the one error handler shows it
            self._refused(exc, None)

    def store_laptop_name(self, name: str) -> None:
        """Name this laptop in the event file (``ui.common.laptop``): not an edit of the event, not undoable."""
        try:
            self.ev.set_laptop_name(name)
        except StoreError:
            pass  # (a read-only or full medium: the name is written the next time the file accepts it)
        except Exception as exc:  # noqa: BLE001 — the one error handler shows it
            self._refused(exc, None)

    def type_text(self, note_id: str, text: str, token: int) -> None:
        """The text of a note as typed; stored at the next turn of the event loop."""
        self._pending[note_id] = (text, token)
        self._flush_timer.start()

    def pending_text(self, note_id: str) -> str | None:
        """The text typed in a note and not stored yet (being stored, or kept after a failure)."""
        p = self._pending.get(note_id)
        if p:
            return p[0]
        for k in reversed(self.kept):
            if k[0] == "text" and k[1] == note_id:
                return k[2]
        return None

    def flush(self) -> None:
        """Store every typed text not stored yet (each one durable transaction)."""
        self._flush_timer.stop()
        if not self._store_kept():
            return  # the text stays pending, after what was kept
        while self._pending:
            note_id, (text, token) = self._pending.popitem()
            try:
                self._store_text(note_id, text, token)
            except StoreError as exc:
                self._pending.setdefault(note_id, (text, token))  # kept: the editor still shows it
                self._failed(exc)
                return
            except Exception as exc:  # noqa: BLE001
                errors.report(exc)
                continue
        self._check_stored()

    def undo(self) -> None:
        """Undo the last change. Refused by the file (another program changed that record since:
        undoing would revert its change), the stack stays on that command, the user told why."""
        self.flush()
        if self.stack.canUndo() and not self.unsaved:
            command = self.stack.command(self.stack.index() - 1)
            self.stack.undo()
            if isinstance(command, ChangeCommand) and command.refused:
                self.stack.redo()  # back on it (its redo is skipped: nothing was undone)

    def redo(self) -> None:
        """Redo the next change; refused (as ``undo``), the stack stays where it was."""
        self.flush()
        if self.stack.canRedo() and not self.unsaved:
            command = self.stack.command(self.stack.index())
            self.stack.redo()
            if isinstance(command, ChangeCommand) and command.refused:
                self.stack.undo()  # back before it (its undo is skipped: nothing was redone)

    def _replay(self, change: Change) -> bool:
        """Apply an undo's or a redo's change; False if it was refused and nothing will store it
        (said by the one handler); True if applied, or kept to be stored later (``keep``)."""
        try:
            applied = self.ev.apply(change)
        except Exception as exc:  # noqa: BLE001 — the one error handler
            return self.keep(exc, None) or self._report(exc)
        if applied.focus:
            self.focusRequested.emit(applied.focus)
        return True

    @staticmethod
    def _report(exc: BaseException) -> bool:
        errors.report(exc)
        return False

    # ------------------------------------------------------------------ storage failures
    @property
    def unsaved(self) -> bool:
        """Changes or typed text the file has refused, kept in memory."""
        return bool(self.kept) or (self.failing is not None and bool(self._pending))

    def keep(self, exc: BaseException, label: str | None) -> bool:
        """Keep the change a failed write carries (``StoreError.change``); False if there is none.

        ``label``: pushed on the undo stack once stored (None: already on it, an undo or redo).
        """
        change = getattr(exc, "change", None)
        if not isinstance(exc, StoreError) or change is None:
            return False
        for note_id, (text, token) in self._pending.items():  # typed before: stored before
            self.kept.append(("text", note_id, text, token))
        self._pending.clear()
        self.kept.append(("change", change, label))
        self._failed(exc)
        return True

    def _failed(self, exc: StoreError) -> None:
        first = self.failing is None
        self.failing = exc
        self._retry_timer.start()
        if first:
            self.storageChanged.emit(exc)

    def _store_kept(self) -> bool:
        """Store what was kept, in order; False if the file still refuses."""
        while self.kept:
            kind, *args = self.kept[0]
            try:
                if kind == "text":
                    self._store_text(*args)
                else:
                    self._store_change(*args)
            except StoreError as exc:
                self._failed(exc)
                return False
            except Exception as exc:  # noqa: BLE001 — no longer applicable: say so
                errors.report(exc)
            self.kept.pop(0)
        return True

    def _store_change(self, change: Change, label: str | None) -> None:
        applied = self.ev.apply(change)
        if label is not None and not applied.empty:
            self.stack.push(ChangeCommand(self, applied, label))

    def _store_text(self, note_id: str, text: str, token: int) -> None:
        row = self.ev.note(note_id)
        if row.deleted or row.text == text:
            return
        change = self.ev.edit_note(note_id, text=text)
        self.stack.push(ChangeCommand(self, change, self.tr("Saisie"), ("note", note_id, "text", token)))
        self.stored.emit(note_id, text)

    def _check_stored(self) -> None:
        if self.failing is not None and not self.kept and not self._pending:
            self.failing = None
            self._retry_timer.stop()
            self.storageChanged.emit(None)

    def reopen(self, path) -> None:
        """Go on working on ``path`` (a copy saved by ``EventFile.save_copy``): what was kept and
        the typed text are stored there. Raises ``StoreError`` if it cannot be opened."""
        new = EventFile.open(path, device=self.ev.device)
        old = self.ev
        new.listeners.extend(old.listeners)
        old.listeners.clear()
        old.close()
        self.ev = new
        self._cache.clear()
        self._changed_elsewhere()  # the new file's reference
        self.reopened.emit(new.path)
        self.changed.emit(Change("reload", extra={"reload": True}))
        self.flush()
