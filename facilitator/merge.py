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

from sqlalchemy import Connection, Table, false, func, insert, or_, select, true, tuple_, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from facilitator.errors import FacilitatorError, StoreError
from facilitator.files import copy_database, staged
from facilitator.i18n import tr
from facilitator.store import declaration, migrations, validation
from facilitator.store.event import KIT_DEVICE, EventFile, inspect
from facilitator.store.history import recompute
from facilitator.store.schema import TABLES, bulk
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
class Source:
    """The revisions of one source (an event file, or a batch pulled from a hub), as read."""

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
    # the note states as validation decoded them, by revision id (``_check_source``): the merge
    # decodes each state once, for the check and for the recompute of what the note shows
    states: dict[str, dict] = field(default_factory=dict, repr=False)


_Source = Source


def read_source(path: Path) -> Source:
    """Every revision, participant count and asset of the event file ``path``, read-only."""
    version = inspect(path)
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(tr("merge.unreadable", path=path, reason=exc)) from exc
    try:
        def rows(table: str) -> list[tuple]:
            return con.execute(f"SELECT {declaration.TABLE[table].select()} FROM {table}").fetchall()

        meta = dict(rows("meta"))
        notes = rows("note_revision")
        if version >= 2:
            records = rows("record_revision")
            parents = rows("revision_parent")
        else:  # what upgrading the file would give, without writing to it
            records = migrations.legacy_records(lambda sql: con.execute(sql).fetchall())
            parents = []
        participants = rows("participants")
        assets = rows("asset")
    except sqlite3.Error as exc:
        raise StoreError(tr("merge.unreadable", path=path, reason=exc)) from exc
    finally:
        con.close()
    from facilitator.store.laptops import META_PREFIX

    laptops = [(k, v) for k, v in meta.items() if isinstance(k, str) and k.startswith(META_PREFIX)]
    return Source(path, meta.get("event_id", ""), meta.get("kit_sha256", ""), meta.get("kit_source", ""),
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
    states = src.states
    for rid, note_id, parent, device, at, state in src.note_revisions:
        try:
            validation.check_revision_row(rid, note_id, parent, device, at)
            decoded = validation.decode(state)
            validation.check_state("note", decoded, rules)
        except validation.Invalid as exc:
            raise refuse("note", note_id, exc) from None
        states[rid] = decoded
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


_read_source = read_source


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
        src = read_source(path)
        problems = _refusals(target, src)
        if problems and not force:
            refusals.extend(problems)
        sr.forced = problems
        read.append(src)
    if refusals:
        raise MergeError("\n".join(refusals))
    return merge_sources(target, read, make_backup=make_backup, backup_dir=backup_dir, report=report)


SYNC_META = "hub/"  # the meta keys a sync keeps with the revisions it pulled (merge_sources)


def merge_sources(target: EventFile, read: list[Source], *, make_backup: bool = True,
                  backup_dir: Path | None = None, report: MergeReport | None = None,
                  meta: dict[str, str] | None = None) -> MergeReport:
    """The one way revisions from elsewhere enter an event file (a file merge, a hub's sync):
    every record of every source is checked (``validation``, ``MergeError`` naming the source
    and the record, nothing written), then all are applied in one transaction.

    The event and kit of each source must have been checked by the caller (``merge`` refuses
    another event or kit unless forced). ``meta``: keys starting with ``hub/`` written in the
    same transaction (a sync's position in its hub: the revisions and the position are kept or
    lost together).
    """
    report = report or MergeReport(Path(target.path), sources=[SourceReport(s.path) for s in read])
    if any(not k.startswith(SYNC_META) for k in meta or {}):
        raise ValueError("merge_sources: meta keys start with hub/")
    if read:
        known = target.revision_index()
        for src in read:
            _check_source(target, src, known)
    if make_backup:
        report.backup = backup(Path(target.path), backup_path(Path(target.path), backup_dir))
    with target.writing() as conn:
        _merge_into(conn, target, read, report)
        if meta:
            conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                                 "DO UPDATE SET value = excluded.value", list(meta.items()))
    target.notify(Change("merge", extra={"reload": True, "report": report}))  # views reload
    return report


def _rows(table: str, rows: list[tuple]) -> list[dict]:
    """Rows read from a source (values in the declared order of ``table``) as the writer takes them."""
    names = declaration.TABLE[table].names
    return [dict(zip(names, r, strict=True)) for r in rows]


def _ids(conn: Connection, table: Table) -> set:
    return set(conn.execute(select(table.c[table.primary_key.columns.keys()[0]])).scalars())


def _merge_into(conn: Connection, target: EventFile, read: list[_Source], report: MergeReport) -> None:
    note_rev, record_rev = TABLES["note_revision"], TABLES["record_revision"]
    parent_t, people, assets, syn_t = (TABLES[n] for n in ("revision_parent", "participants", "asset", "synthesis"))
    by_path = {sr.path: sr for sr in report.sources}
    have_notes, have_records = _ids(conn, note_rev), _ids(conn, record_rev)
    touched_notes: set[str] = set()
    new_by_note: dict[str, list[tuple]] = {}
    touched: dict[str, set[str]] = {"proposal": set(), "synthesis": set()}
    writers: dict[Path, list[str]] = {}  # the laptop of each new revision, by source
    participants_before = {tuple(r) for r in conn.execute(select(people.c.workshop, people.c.contributor,
                                                                 people.c.device))}
    upsert = sqlite_insert(people)
    # one laptop's count of one atelier and type: its latest entry wins (same laptop)
    upsert = upsert.on_conflict_do_update(
        index_elements=list(people.primary_key.columns),
        set_={"count": upsert.excluded["count"], "at": upsert.excluded.at},
        where=tuple_(upsert.excluded.at, upsert.excluded["count"]) > tuple_(people.c.at, people.c["count"]))
    for src in read:
        new_notes = [r for r in src.note_revisions if r[0] not in have_notes]
        new_records = [r for r in src.record_revisions if r[0] not in have_records]
        if new_notes:
            bulk(conn, insert(note_rev), _rows("note_revision", new_notes))
            have_notes.update(r[0] for r in new_notes)
            touched_notes.update(r[1] for r in new_notes)
            decoded = src.states  # (validated: the state as decoded then; its text otherwise)
            for r in new_notes:
                new_by_note.setdefault(r[1], []).append((r[0], r[2], r[3], r[4], decoded.get(r[0], r[5])))
        if new_records:
            bulk(conn, insert(record_rev), _rows("record_revision", new_records))
            have_records.update(r[0] for r in new_records)
            for r in new_records:
                touched.setdefault(r[1], set()).add(r[2])
        if src.parents:
            bulk(conn, insert(parent_t).prefix_with("OR IGNORE"), _rows("revision_parent", src.parents))
        if src.participants:
            conn.execute(upsert, _rows("participants", src.participants))
        if src.assets:
            conn.execute(insert(assets).prefix_with("OR IGNORE"), _rows("asset", src.assets))
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
    _merge_proposals(conn, touched.get("proposal", set()), report)
    if touched.get("synthesis"):
        before = conn.execute(select(syn_t).where(syn_t.c.id == 1)).first()
        res = recompute(conn, "synthesis", touched["synthesis"]).get("1")
        after = conn.execute(select(syn_t).where(syn_t.c.id == 1)).first()
        if res is not None and res.conflict:
            report.synthesis = "conflict"
        elif before != after:
            report.synthesis = "updated"
    # a validation vouches for a content: new content from another laptop reopens it
    syn = conn.execute(select(syn_t.c.validated_at, syn_t.c.fingerprint).where(syn_t.c.id == 1)).first()
    if syn is not None and syn[0] is not None and syn[1] != target.content_fingerprint():
        conn.execute(update(syn_t).where(syn_t.c.id == 1).values(validated_by=None, validated_at=None,
                                                                 fingerprint=None))
        report.reopened = True
    heads = TABLES["record_heads"]
    report.open_conflicts = conn.execute(
        select(func.count()).select_from(heads).where(heads.c.conflict.is_not(None))).scalar_one()


def _merge_laptop_names(conn, target: EventFile, read: list[Source]) -> dict[str, str]:
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


_NOTE_FIELDS = declaration.STATE_FIELDS["note"]


def _shown(state: dict) -> tuple:
    return tuple(list(v) if isinstance(v, list | tuple) else (bool(v) if k == "deleted" else v)
                 for k in _NOTE_FIELDS for v in (state.get(k),))


def _merge_notes(conn: Connection, target: EventFile, ids: set[str], new_by_note: dict[str, list[tuple]],
                 report: MergeReport) -> None:
    kit = target.kit
    for w in kit.workshops:
        report.workshops[w.number] = WorkshopReport(w.number, w.title)
    if not ids:
        return
    note = TABLES["note"]
    existing = _ids(conn, note)
    old_ids = ids & existing
    before = {r["id"]: _shown(declaration.decode("note", r)) for r in _select_in(conn, note, old_ids)}
    known = {nid: revs for nid, revs in new_by_note.items() if nid not in existing}
    results = recompute(conn, "note", ids, known)
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
    child, parent = note.alias("n"), note.alias("p")
    report.orphans = list(conn.execute(
        select(child.c.id).select_from(child.outerjoin(parent, parent.c.id == child.c.parent_id))
        .where(child.c.deleted == false(), child.c.parent_id.is_not(None),
               or_(parent.c.id.is_(None), parent.c.deleted == true()))).scalars())


_PROPOSAL_SHOWN = ("id", *declaration.STATE_FIELDS["proposal"])


def _merge_proposals(conn: Connection, ids: set[str], report: MergeReport) -> None:
    if not ids:
        return
    table = TABLES["proposal"]

    def shown() -> dict[str, tuple]:
        return {r["id"]: tuple(r[c] for c in _PROPOSAL_SHOWN) for r in _select_in(conn, table, ids)}

    before = shown()
    results = recompute(conn, "proposal", ids)
    for pid, row in shown().items():
        if results[pid].conflict:
            report.proposals_conflicts.append(pid)
        if pid not in before:
            report.proposals_added.append(pid)
        elif before[pid] != row:
            report.proposals_updated.append(pid)


def _select_in(conn: Connection, table: Table, ids: set[str], chunk: int = 500) -> list:
    """The rows of ``table`` whose id is in ``ids`` (as mappings), read in chunks."""
    ids_ = sorted(ids)
    out = []
    for i in range(0, len(ids_), chunk):
        out.extend(conn.execute(select(table).where(table.c.id.in_(ids_[i:i + chunk]))).mappings())
    return out


# ------------------------------------------------------------------------------------------
# comparing files


def canonical_dump(path: Path) -> dict:
    """Everything a merge decides, in a canonical order: revisions, heads, current rows.

    Two merges of the same files, in any order, give equal dumps (what the tests compare).
    """
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = {}
        for t in declaration.TABLE_LIST:
            if t.name == "meta":
                continue
            order = ", ".join(c.name for c in t.columns if c.primary_key)
            columns = order if t.name == "asset" else t.select()
            out[t.name] = [list(r) for r in con.execute(f"SELECT {columns} FROM {t.name} ORDER BY {order}")]
        return out
    finally:
        con.close()


def dump_json(path: Path) -> str:
    return json.dumps(canonical_dump(path), ensure_ascii=False, sort_keys=True)
