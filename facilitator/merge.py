"""Merging the event files of several laptops into one, without loss (see docs/merge.md).

Every record (note, proposal, the synthesis) is a set of revisions with UUIDs; a merge inserts the
revisions the target lacks and recomputes, from the revisions alone, what each touched record
shows (``facilitator.store.history.recompute``). The result depends only on the set of revisions,
so merging the same file twice changes nothing and the order of the files does not matter.

Safety: sources are opened read-only (``mode=ro``) and never written; the target is copied first
with SQLite's backup API (``NAME.avant-fusion-STAMP.bak``) and the whole merge is one
transaction, so a failure leaves the target exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.errors import FacilitatorError, StoreError
from facilitator.files import copy_database, staged
from facilitator.i18n import tr
from facilitator.store import migrations, validation
from facilitator.store.event import KIT_DEVICE, EventFile, inspect
from facilitator.store.history import recompute
from facilitator.store.states import Change


class MergeError(FacilitatorError):
    """A merge refused (another event, another kit) or impossible; nothing was changed."""


@dataclass
class WorkshopReport:
    number: int
    title: str
    added: list[str] = field(default_factory=list)  # note ids new to the target
    updated: list[str] = field(default_factory=list)  # notes whose shown state changed
    removed: list[str] = field(default_factory=list)  # notes deleted by another laptop
    conflicts: list[str] = field(default_factory=list)  # notes in conflict after the merge

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.conflicts)


@dataclass
class SourceReport:
    path: Path
    new_revisions: int = 0
    laptops: list[str] = field(default_factory=list)  # who wrote them: laptops' names (else ids), most first
    forced: list[str] = field(default_factory=list)  # refusals overridden by --force
    skipped: str | None = None


@dataclass
class MergeReport:
    """What a merge did, for the CLI and the app's merge dialog."""

    target: Path
    backup: Path | None = None
    sources: list[SourceReport] = field(default_factory=list)
    workshops: dict[int, WorkshopReport] = field(default_factory=dict)
    proposals_added: list[str] = field(default_factory=list)
    proposals_updated: list[str] = field(default_factory=list)
    proposals_conflicts: list[str] = field(default_factory=list)
    synthesis: str = "same"  # "same" | "updated" | "conflict"
    reopened: bool = False  # a validated synthesis was reopened by new content
    participants_added: int = 0
    orphans: list[str] = field(default_factory=list)
    open_conflicts: int = 0  # every conflict still open in the target

    @property
    def changed(self) -> bool:
        return bool(any(s.new_revisions for s in self.sources) or self.participants_added)

    def lines(self) -> list[str]:
        out = [tr("merge.report_title", target=self.target)]
        if self.backup is not None:
            out.append(tr("merge.report_backup", path=self.backup))
        for s in self.sources:
            if s.skipped:
                out.append(f"  {s.skipped}")
                continue
            out.append(tr("merge.report_source", source=s.path, count=s.new_revisions))
            if s.laptops:
                out.append(tr("merge.report_laptops", laptops=", ".join(s.laptops)))
            out.extend(tr("merge.report_forced", reason=r) for r in s.forced)
        if not self.changed:
            out.append(tr("merge.report_nothing"))
        for w in sorted(self.workshops.values(), key=lambda w: w.number):
            if w.changed:
                out.append(tr("merge.report_workshop", number=w.number, title=w.title, added=len(w.added),
                              updated=len(w.updated), removed=len(w.removed), conflicts=len(w.conflicts)))
        if self.proposals_added or self.proposals_updated or self.proposals_conflicts:
            out.append(tr("merge.report_proposals", added=len(self.proposals_added),
                          updated=len(self.proposals_updated), conflicts=len(self.proposals_conflicts)))
        if self.synthesis != "same":
            out.append(tr("merge.report_synthesis", status=tr(f"merge.synthesis_{self.synthesis}")))
        if self.reopened:
            out.append(tr("merge.synthesis_reopened"))
        if self.participants_added:
            out.append(tr("merge.report_participants", rows=self.participants_added))
        if self.orphans:
            out.append(tr("merge.report_orphans", count=len(self.orphans)))
        if self.open_conflicts:
            out.append(tr("merge.report_open_conflicts", count=self.open_conflicts, target=self.target))
        return out


# ------------------------------------------------------------------------------------------
# reading a source


@dataclass
class _Source:
    path: Path
    event_id: str
    kit_sha256: str
    kit_source: str
    note_revisions: list[tuple]
    record_revisions: list[tuple]
    parents: list[tuple]
    participants: list[tuple]
    assets: list[tuple]
    laptops: list[tuple] = field(default_factory=list)  # (meta key, value) of the laptops' names


def _read_source(path: Path) -> _Source:
    version = inspect(path)
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(tr("merge.unreadable", path=path, reason=exc)) from exc
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        notes = con.execute("SELECT id, note_id, parent_id, device, at, state FROM note_revision").fetchall()
        if version >= 2:
            records = con.execute(
                "SELECT id, kind, record_id, parent_id, device, at, state FROM record_revision").fetchall()
            parents = con.execute("SELECT revision_id, parent_id FROM revision_parent").fetchall()
        else:  # what upgrading the file would give, without writing to it
            records = migrations.legacy_records(lambda sql: con.execute(sql).fetchall())
            parents = []
        participants = con.execute("SELECT workshop, contributor, device, count, at FROM participants").fetchall()
        assets = con.execute("SELECT name, data FROM asset").fetchall()
    except sqlite3.Error as exc:
        raise StoreError(tr("merge.unreadable", path=path, reason=exc)) from exc
    finally:
        con.close()
    from facilitator.store.laptops import META_PREFIX

    laptops = [(k, v) for k, v in meta.items() if isinstance(k, str) and k.startswith(META_PREFIX)]
    return _Source(path, meta.get("event_id", ""), meta.get("kit_sha256", ""), meta.get("kit_source", ""),
                   notes, records, parents, participants, assets, laptops)


def _kit_facts(source_text: str) -> tuple[str, str]:
    from facilitator.kit import load_kit_text

    try:
        kit = load_kit_text(source_text, name="kit")
        return kit.event.title, kit.event.date.isoformat()
    except FacilitatorError:
        return "?", "?"


def _refusals(target: EventFile, src: _Source) -> list[str]:
    out = []
    if src.event_id != target.event_id:
        out.append(tr("merge.other_event", source=src.path, found=src.event_id, expected=target.event_id,
                      target=target.path))
    elif src.kit_sha256 != target.kit_sha256:
        s_title, s_date = _kit_facts(src.kit_source)
        t_title, t_date = target.kit.event.title, target.kit.event.date.isoformat()
        detail = tr("merge.kit_detail", source_title=s_title, source_date=s_date, target_title=t_title,
                    target_date=t_date)
        out.append(tr("merge.other_kit", source=src.path, found=src.kit_sha256[:12],
                      expected=target.kit_sha256[:12], detail=detail))
    return out


def _target_revisions(target: EventFile) -> dict[str, tuple[str, str]]:
    return {rid: (kind, record) for rid, kind, record in target._con.execute(
        "SELECT id, 'note', note_id FROM note_revision UNION ALL SELECT id, kind, record_id FROM record_revision")}


def _check_source(target: EventFile, src: _Source, known: dict[str, tuple[str, str]]) -> None:
    """Every record of ``src`` passes the one check of the store (``validation``), against the
    kit of the file it comes from; else ``MergeError`` naming the file and the record."""
    if src.kit_sha256 == target.kit_sha256:
        rules = validation.Rules.of_kit(target.kit)
    else:  # a forced merge of another kit: its records are checked against their own kit
        try:
            from facilitator.kit import load_kit_text

            rules = validation.Rules.of_kit(load_kit_text(src.kit_source, name=f"{src.path} (kit)"))
        except FacilitatorError:
            rules = validation.ANY

    def refuse(kind: str, rid, problem: validation.Invalid) -> MergeError:
        what, shown = validation.describe(kind, rid)
        return MergeError(tr("record.refused_source", path=src.path, what=what, id=shown, problem=problem))

    links = []
    for rid, note_id, parent, device, at, state in src.note_revisions:
        try:
            validation.check_revision_row(rid, note_id, parent, device, at)
            validation.check_state("note", state, rules)
        except validation.Invalid as exc:
            raise refuse("note", note_id, exc) from None
        links.append((rid, "note", note_id, parent))
    for rid, kind, record_id, parent, device, at, state in src.record_revisions:
        try:
            validation.check_revision_row(rid, record_id, parent, device, at)
            if kind not in ("proposal", "synthesis") or (kind == "synthesis" and record_id != "1"):
                raise validation.Invalid(tr("record.unknown_record", value=f"{kind}/{record_id}"))
            validation.check_state(kind, state, rules)
        except validation.Invalid as exc:
            raise refuse(kind if kind in ("proposal", "synthesis") else "revision", record_id, exc) from None
        links.append((rid, kind, record_id, parent))
    try:
        validation.check_revisions(links, src.parents, known)
    except validation.Invalid as exc:
        raise refuse("revision", "", exc) from None
    for row in src.participants:
        try:
            validation.check_participants(*row, rules=rules)
        except (validation.Invalid, TypeError) as exc:
            raise refuse("participants", f"{row[0]}/{row[1]}", exc) from None
    for name, data in src.assets:
        if not isinstance(name, str) or len(name) > validation.MAX_ID or not isinstance(data, bytes):
            raise refuse("asset", name, validation.Invalid(tr("record.not_text", field="name", value=name)))


# ------------------------------------------------------------------------------------------
# the merge


def backup_path(target: Path, folder: Path | None = None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = folder or target.parent
    path = folder / f"{target.name}.avant-fusion-{stamp}.bak"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{target.name}.avant-fusion-{stamp}-{n}.bak"
    return path


def backup(target: Path, dest: Path) -> Path:
    """A consistent copy of ``target`` with SQLite's backup API, written under a temporary name."""
    try:
        with staged(dest) as tmp:
            copy_database(target, tmp)
    except (OSError, sqlite3.Error) as exc:
        raise MergeError(tr("merge.backup_failed", path=dest, reason=exc)) from exc
    return dest


def merge(target: EventFile, sources: list[Path], force: bool = False, *, make_backup: bool = True,
          backup_dir: Path | None = None) -> MergeReport:
    """Merge the event files ``sources`` into the open event file ``target``; see the module doc.

    Refuses (``MergeError``, nothing changed) a file of another event or another kit version
    unless ``force``. Returns the report of what was added, updated and what is in conflict.
    """
    report = MergeReport(Path(target.path))
    if not sources:
        raise MergeError(tr("merge.no_sources"))
    read: list[_Source] = []
    refusals: list[str] = []
    for path in map(Path, sources):
        sr = SourceReport(path)
        report.sources.append(sr)
        if path.exists() and target.path.exists() and os.path.samefile(path, target.path):
            sr.skipped = tr("merge.same_file", source=path)
            continue
        src = _read_source(path)
        problems = _refusals(target, src)
        if problems and not force:
            refusals.extend(problems)
        sr.forced = problems
        read.append(src)
    if refusals:
        raise MergeError("\n".join(refusals))
    if read:
        known = _target_revisions(target)
        for src in read:
            _check_source(target, src, known)
    if make_backup:
        report.backup = backup(Path(target.path), backup_path(Path(target.path), backup_dir))
    target._end_read()
    try:
        with target._session.begin():
            conn = target._session.connection()
            _merge_into(conn, target, read, report)
    except BaseException:
        target._session.rollback()
        raise
    finally:
        target.forget()
    reload = Change("merge", extra={"reload": True, "report": report})
    for listener in list(target.listeners):
        listener(reload)  # anything may have changed: views reload
    return report


def _merge_into(conn, target: EventFile, read: list[_Source], report: MergeReport) -> None:
    by_path = {sr.path: sr for sr in report.sources}
    have_notes = {r[0] for r in conn.exec_driver_sql("SELECT id FROM note_revision")}
    have_records = {r[0] for r in conn.exec_driver_sql("SELECT id FROM record_revision")}
    touched_notes: set[str] = set()
    new_by_note: dict[str, list[tuple]] = {}
    touched: dict[str, set[str]] = {"proposal": set(), "synthesis": set()}
    writers: dict[Path, list[str]] = {}  # the laptop of each new revision, by source
    participants_before = {tuple(r) for r in conn.exec_driver_sql(
        "SELECT workshop, contributor, device FROM participants")}
    for src in read:
        new_notes = [r for r in src.note_revisions if r[0] not in have_notes]
        new_records = [r for r in src.record_revisions if r[0] not in have_records]
        if new_notes:
            conn.exec_driver_sql("INSERT INTO note_revision (id, note_id, parent_id, device, at, state) "
                                 "VALUES (?,?,?,?,?,?)", new_notes)
            have_notes.update(r[0] for r in new_notes)
            touched_notes.update(r[1] for r in new_notes)
            for r in new_notes:
                new_by_note.setdefault(r[1], []).append((r[0], r[2], r[3], r[4], r[5]))
        if new_records:
            conn.exec_driver_sql("INSERT INTO record_revision (id, kind, record_id, parent_id, device, at, state) "
                                 "VALUES (?,?,?,?,?,?,?)", new_records)
            have_records.update(r[0] for r in new_records)
            for r in new_records:
                touched.setdefault(r[1], set()).add(r[2])
        if src.parents:
            conn.exec_driver_sql("INSERT OR IGNORE INTO revision_parent (revision_id, parent_id) VALUES (?,?)",
                                 src.parents)
        if src.participants:
            # one laptop's count of one atelier and type: its latest entry wins (same laptop)
            conn.exec_driver_sql(
                "INSERT INTO participants (workshop, contributor, device, count, at) VALUES (?,?,?,?,?) "
                "ON CONFLICT (workshop, contributor, device) DO UPDATE SET count = excluded.count, "
                "at = excluded.at WHERE (excluded.at, excluded.count) > (participants.at, participants.count)",
                src.participants)
        if src.assets:
            conn.exec_driver_sql("INSERT OR IGNORE INTO asset (name, data) VALUES (?,?)", src.assets)
        by_path[src.path].new_revisions = len(new_notes) + len(new_records)
        writers[src.path] = [r[3] for r in new_notes] + [r[4] for r in new_records]
    names = _merge_laptop_names(conn, target, read)
    for src in read:  # who wrote what each file brought, by the laptops' names
        new = [d for d in writers.get(src.path, []) if d != KIT_DEVICE]
        counts = {d: new.count(d) for d in dict.fromkeys(new)}
        if by_path[src.path].new_revisions:
            by_path[src.path].laptops = [names.get(d, d) for d in sorted(counts, key=lambda d: -counts[d])]
    report.participants_added = len({tuple(r[:3]) for s in read for r in s.participants} - participants_before)

    _merge_notes(conn, target, touched_notes, new_by_note, report)
    _merge_proposals(conn, target, touched.get("proposal", set()), report)
    if touched.get("synthesis"):
        before = conn.exec_driver_sql("SELECT * FROM synthesis WHERE id = 1").fetchone()
        res = recompute(target._con, "synthesis", touched["synthesis"]).get("1")
        after = conn.exec_driver_sql("SELECT * FROM synthesis WHERE id = 1").fetchone()
        if res is not None and res.conflict:
            report.synthesis = "conflict"
        elif before != after:
            report.synthesis = "updated"
    # a validation vouches for a content: new content from another laptop reopens it
    target.forget()
    syn = conn.exec_driver_sql("SELECT validated_at, fingerprint FROM synthesis WHERE id = 1").fetchone()
    if syn is not None and syn[0] is not None and syn[1] != target._fingerprint():
        conn.exec_driver_sql("UPDATE synthesis SET validated_by = NULL, validated_at = NULL, "
                             "fingerprint = NULL WHERE id = 1")
        report.reopened = True
    report.open_conflicts = conn.exec_driver_sql(
        "SELECT count(*) FROM record_heads WHERE conflict IS NOT NULL").fetchone()[0]


def _merge_laptop_names(conn, target: EventFile, read: list[_Source]) -> dict[str, str]:
    """Each laptop's name as given last (a name unfit to show is left out, never copied); this
    laptop's own name stays its own. Returns every name the target knows now, by device id."""
    from facilitator.store.laptops import META_PREFIX, newest

    have = newest(conn.exec_driver_sql("SELECT key, value FROM meta WHERE key LIKE ?", (f"{META_PREFIX}%",)))
    for device, found in newest(row for src in read for row in src.laptops).items():
        if device == target.device or (device in have and have[device].named_at >= found.named_at):
            continue
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                             "value = excluded.value", (f"{META_PREFIX}{device}", found.to_json()))
        have[device] = found
    return {device: found.name for device, found in have.items()}


_NOTE_FIELDS = ("workshop", "section", "parent_id", "position", "text", "urls", "contributor", "commitments",
                "votes", "deleted")


def _shown(state: dict) -> tuple:
    return tuple(list(v) if isinstance(v, list | tuple) else (bool(v) if k == "deleted" else v)
                 for k in _NOTE_FIELDS for v in (state.get(k),))


def _merge_notes(conn, target: EventFile, ids: set[str], new_by_note: dict[str, list[tuple]],
                 report: MergeReport) -> None:
    kit = target.kit
    for w in kit.workshops:
        report.workshops[w.number] = WorkshopReport(w.number, w.title)
    if not ids:
        return
    existing = {r[0] for r in conn.exec_driver_sql("SELECT id FROM note")}
    old_ids = ids & existing
    before = {}
    if old_ids:
        for r in _select_in(conn, f"SELECT id, {', '.join(_NOTE_FIELDS)} FROM note", old_ids):
            state = dict(zip(_NOTE_FIELDS, r[1:], strict=True))
            state["urls"], state["commitments"] = json.loads(state["urls"]), json.loads(state["commitments"])
            before[r[0]] = _shown(state)
    known = {nid: revs for nid, revs in new_by_note.items() if nid not in existing}
    results = recompute(target._con, "note", ids, known)
    for nid, res in results.items():
        state = res.state
        w = report.workshops.get(state["workshop"])
        if w is None:  # an atelier the target's kit does not know (forced merge)
            w = report.workshops[state["workshop"]] = WorkshopReport(state["workshop"], "?")
        if res.conflict:
            w.conflicts.append(nid)
        old = before.get(nid)
        if old is None:
            if not state.get("deleted"):
                w.added.append(nid)
        elif old != _shown(state):
            if state.get("deleted") and not old[-1]:
                w.removed.append(nid)
            else:
                w.updated.append(nid)
    report.orphans = [r[0] for r in conn.exec_driver_sql(
        "SELECT n.id FROM note n LEFT JOIN note p ON p.id = n.parent_id "
        "WHERE n.deleted = 0 AND n.parent_id IS NOT NULL AND (p.id IS NULL OR p.deleted = 1)")]


def _merge_proposals(conn, target: EventFile, ids: set[str], report: MergeReport) -> None:
    if not ids:
        return
    cols = ("id, position, title, text, kind, commitments, notes, workshops, decision, decision_reason, "
            "decision_date, deleted")
    before = {r[0]: r for r in _select_in(conn, f"SELECT {cols} FROM proposal", ids)}
    results = recompute(target._con, "proposal", ids)
    after = {r[0]: r for r in _select_in(conn, f"SELECT {cols} FROM proposal", ids)}
    for pid, row in after.items():
        if results[pid].conflict:
            report.proposals_conflicts.append(pid)
        if pid not in before:
            report.proposals_added.append(pid)
        elif before[pid] != row:
            report.proposals_updated.append(pid)


def _select_in(conn, sql: str, ids: set[str]) -> list[tuple]:
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS _merge_ids (id TEXT PRIMARY KEY)")
    conn.exec_driver_sql("DELETE FROM _merge_ids")
    conn.exec_driver_sql("INSERT INTO _merge_ids VALUES (?)", [(i,) for i in ids])
    return [tuple(r) for r in conn.exec_driver_sql(f"{sql} WHERE id IN (SELECT id FROM _merge_ids)")]


# ------------------------------------------------------------------------------------------
# comparing files


def canonical_dump(path: Path) -> dict:
    """Everything a merge decides, in a canonical order: revisions, heads, current rows.

    Two merges of the same files, in any order, give equal dumps (what the tests compare).
    """
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {
            "note": "SELECT * FROM note ORDER BY id",
            "note_revision": "SELECT * FROM note_revision ORDER BY id",
            "record_revision": "SELECT * FROM record_revision ORDER BY id",
            "revision_parent": "SELECT * FROM revision_parent ORDER BY revision_id, parent_id",
            "record_heads": "SELECT * FROM record_heads ORDER BY kind, record_id",
            "proposal": "SELECT * FROM proposal ORDER BY id",
            "synthesis": "SELECT * FROM synthesis ORDER BY id",
            "participants": "SELECT * FROM participants ORDER BY workshop, contributor, device",
            "asset": "SELECT name FROM asset ORDER BY name",
        }
        return {name: [list(r) for r in con.execute(sql)] for name, sql in tables.items()}
    finally:
        con.close()


def dump_json(path: Path) -> str:
    return json.dumps(canonical_dump(path), ensure_ascii=False, sort_keys=True)
