"""``facilitator import json FILE EVENT_FILE``: rebuild an event file from its JSON export.

The document is checked completely before anything is written: JSON syntax, format name and
version, the JSON Schema (``facilitator.event_schema``), the kit's SHA-256 and validity, unique
ids. Every problem is a ``FacilitatorError`` with a French message, never a traceback.

The new event file goes through the one door of every event file: it is created from the
document's kit by ``EventFile.create`` (as ``new --kit``: built under a temporary name, published
complete without replacing anything, so an import that fails or is killed leaves nothing under the
chosen name), then the document's revisions and per-laptop facts are applied as a merge applies a
source (``merge.merge_sources``: every record validated, then written by the writer in one
transaction; same ids, timestamps, devices, revisions). A validated synthesis is reopened unless
its fingerprint matches the imported content, as a merge does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from pathlib import Path
from typing import Any

from facilitator.errors import FacilitatorError, KitError, StoreError
from facilitator.event_schema import FORMAT, VERSION, errors
from facilitator.i18n import tr
from facilitator.inputs import NotRegularFile, TooBig, read_bounded
from facilitator.kit import load_kit_text
from facilitator.merge import SYNC_META, Source, merge_sources
from facilitator.store import EventFile, declaration, validation
from facilitator.store.laptops import META_PREFIX as LAPTOP_PREFIX
from facilitator.store.states import Change, Edit
from facilitator.store.timer import META_PREFIX as TIMER_PREFIX
from facilitator.store.timer import TimerRecord

MAX_BYTES = 1024 * 1024 * 1024  # 1 GiB: far beyond any real event
_DUMP = {"ensure_ascii": False, "sort_keys": True}


class JsonImportError(FacilitatorError):
    """A JSON document that cannot be imported (the message says why and where)."""


def read_document(path: str | Path) -> dict[str, Any]:
    """Read and check a JSON export; return the document or raise ``JsonImportError``."""
    path = Path(path)
    try:
        data = read_bounded(path, MAX_BYTES)
    except FileNotFoundError as exc:
        raise JsonImportError(tr("import.not_found", path=path)) from exc
    except NotRegularFile as exc:
        raise JsonImportError(tr("import.not_regular", path=path)) from exc
    except TooBig as exc:
        raise JsonImportError(tr("import.too_big", path=path, size=exc.size)) from exc
    except OSError as exc:
        raise JsonImportError(tr("import.unreadable", path=path, reason=exc.strerror or exc)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonImportError(tr("import.not_utf8", path=path)) from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonImportError(tr("import.not_json", path=path, line=exc.lineno, column=exc.colno,
                              problem=exc.msg)) from exc
    except RecursionError as exc:
        raise JsonImportError(tr("import.not_json", path=path, line="?", column="?",
                              problem="imbrication trop profonde")) from exc
    check_document(doc, path)
    return doc


def check_document(doc: Any, path: str | Path = "JSON") -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
        raise JsonImportError(tr("import.foreign", path=path, found=json.dumps(found, ensure_ascii=False)[:60]))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise JsonImportError(tr("import.invalid", path=path, version=VERSION,
                              problems="/version : un entier positif est attendu"))
    if version > VERSION:
        raise JsonImportError(tr("import.newer", path=path, found=version, supported=VERSION))
    problems = []
    for where, problem in errors(doc):
        problems.append(f"{where} : {problem}")
        if len(problems) >= 5:
            break
    if problems:
        raise JsonImportError(tr("import.invalid", path=path, version=VERSION, problems="\n  ".join(problems)))
    source = doc["kit"]["source"]
    if hashlib.sha256(source.encode("utf-8")).hexdigest() != doc["kit"]["sha256"]:
        raise JsonImportError(tr("import.kit_altered", path=path))
    try:
        kit = load_kit_text(source, name=f"{path} (kit)")
    except KitError as exc:
        raise JsonImportError(tr("import.bad_kit", path=path, problems=str(exc))) from exc
    for what, ids in (
        (tr("record.what.note"), [n["id"] for n in doc["notes"]]),
        (tr("record.what.proposal"), [p["id"] for p in doc["proposals"]]),
        (tr("record.what.revision"), [r["id"] for r in doc["revisions"]]),
        (tr("record.what.asset"), [a["name"] for a in doc["assets"]]),
        (tr("record.what.participants"), [f"{p['workshop']}/{p['contributor']}/{p['device']}" for p in doc["participants"]]),
        (tr("record.what.heads"), [f"{h['record']}/{h['record_id']}" for h in doc["heads"]]),
    ):
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                raise JsonImportError(tr("import.duplicate", path=path, what=what, id=i))
            seen.add(i)
    for a in doc["assets"]:
        try:
            base64.b64decode(a["data_base64"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise JsonImportError(tr("import.invalid", path=path, version=VERSION,
                                  problems=f"/assets/{a['name']} : base64 invalide")) from exc
    check_records(doc, kit, path)


_NOTE_STATE = declaration.STATE_FIELDS["note"]
_PROPOSAL_STATE = declaration.STATE_FIELDS["proposal"]
_SYNTHESIS_STATE = declaration.STATE_FIELDS["synthesis"]


def check_records(doc: dict[str, Any], kit, path: str | Path) -> None:
    """Every record of the document passes the one check of the store (``validation``), the
    current rows as well as every revision; else ``JsonImportError`` naming the file and the record."""
    rules = validation.Rules.of_kit(kit)

    def refuse(kind: str, rid, problem: validation.Invalid) -> JsonImportError:
        what, shown = validation.describe(kind, rid)
        return JsonImportError(tr("record.refused_source", path=path, what=what, id=shown, problem=problem))

    for n in doc["notes"]:
        try:
            validation.check_state("note", {k: n[k] for k in _NOTE_STATE if k in n}, rules)
            validation.check_revision_row(n["id"], n["id"], None, n["device"], n["modified_at"])
        except validation.Invalid as exc:
            raise refuse("note", n["id"], exc) from None
    for p in doc["proposals"]:
        try:
            validation.check_state("proposal", {k: p[k] for k in _PROPOSAL_STATE if k in p}, rules)
            validation.check_revision_row(p["id"], p["id"], None, p["device"], p["modified_at"])
        except validation.Invalid as exc:
            raise refuse("proposal", p["id"], exc) from None
    syn = doc["synthesis"]
    try:
        validation.check_state("synthesis", {k: syn[k] for k in _SYNTHESIS_STATE if k in syn}, rules)
    except validation.Invalid as exc:
        raise refuse("synthesis", 1, exc) from None
    links, extra = [], []
    for r in doc["revisions"]:
        kind = r["record"]
        try:
            validation.check_revision_row(r["id"], r["record_id"], r["parent_id"], r["device"], r["at"])
            if kind not in validation.STATE_TYPES or (kind == "synthesis" and r["record_id"] != "1"):
                raise validation.Invalid(tr("record.unknown_record", value=f"{kind}/{r['record_id']}"))
            validation.check_state(kind, r["state"], rules)
        except validation.Invalid as exc:
            raise refuse(kind if kind in validation.STATE_TYPES else "revision", r["record_id"], exc) from None
        links.append((r["id"], kind, r["record_id"], r["parent_id"]))
        extra.extend((r["id"], p) for p in r["merged_parents"])
    try:
        validation.check_revisions(links, extra)
    except validation.Invalid as exc:
        raise refuse("revision", "", exc) from None
    for p in doc["participants"]:
        try:
            validation.check_participants(p["workshop"], p["contributor"], p["device"], p["count"], p["at"],
                                          rules=rules)
        except validation.Invalid as exc:
            raise refuse("participants", f"{p['workshop']}/{p['contributor']}", exc) from None


_CREATION_FACTS = ("created_at", "created_by")  # the file's own facts, kept as exported
_FILE_FACTS = ("format",)  # written by the creation itself


def _source(doc: dict[str, Any], path: Path) -> Source:
    """The document's revisions and per-laptop facts, as a merge source (``merge.Source``)."""
    def row(table: str, values: dict[str, Any]) -> tuple:
        return tuple(values[n] for n in declaration.TABLE[table].names)

    notes, records, parents = [], [], []
    for r in doc["revisions"]:
        values = {"id": r["id"], "parent_id": r["parent_id"], "device": r["device"], "at": r["at"],
                  "state": json.dumps(r["state"], **_DUMP)}
        if r["record"] == "note":
            notes.append(row("note_revision", {**values, "note_id": r["record_id"]}))
        else:
            records.append(row("record_revision", {**values, "kind": r["record"], "record_id": r["record_id"]}))
        parents.extend(row("revision_parent", {"revision_id": r["id"], "parent_id": p}) for p in r["merged_parents"])
    participants = [row("participants", declaration.encode("participants", p)) for p in doc["participants"]]
    assets = [(a["name"], base64.b64decode(a["data_base64"])) for a in doc["assets"]]
    laptops = [(k, v) for k, v in doc["meta"].items() if k.startswith(LAPTOP_PREFIX)]
    return Source(path, doc["event_id"], doc["kit"]["sha256"], doc["kit"]["source"], notes, records, parents,
                  participants, assets, laptops)


def _meta(doc: dict[str, Any], kit, path: Path) -> tuple[dict[str, str], dict[int, TimerRecord], dict[str, str]]:
    """The document's meta: the creation's facts, the phase timers, a sync's position; anything
    else is refused (``import.unsupported``)."""
    facts, timers, hub = {}, {}, {}
    for key, value in doc["meta"].items():
        if key in _CREATION_FACTS and isinstance(value, str):
            facts[key] = value
        elif key in _FILE_FACTS or key.startswith(LAPTOP_PREFIX):
            continue  # the creation writes the format; laptops' names come with the revisions
        elif key.startswith(SYNC_META) and isinstance(value, str):
            hub[key] = value
        elif key.startswith(TIMER_PREFIX) and key[len(TIMER_PREFIX):].isdigit() and isinstance(value, str) \
                and kit.workshop(int(key[len(TIMER_PREFIX):])) is not None \
                and (record := TimerRecord.from_json(value)) is not None:
            timers[int(key[len(TIMER_PREFIX):])] = record
        else:
            raise JsonImportError(tr("import.unsupported", path=path, table=f"meta/{key}"))
    return facts, timers, hub


_ROW_FIELDS = {"note": "notes", "proposal": "proposals"}


def _fill(ev: EventFile, doc: dict[str, Any], src: Source, timers: dict[int, TimerRecord],
          hub: dict[str, str]) -> None:
    """Everything of the document into the new file, through the one door: its revisions and
    per-laptop facts as a merge does (``merge_sources``: validated, then written in one
    transaction), its phase timers as operations; a current row the revisions do not give (a
    hand-edited document) is then written as an edit of that record through ``apply``."""
    merge_sources(ev, [src], make_backup=False, meta=hub)
    for workshop, record in sorted(timers.items()):
        ev.set_timer_state(workshop, record)
    edits = []
    for kind, key in _ROW_FIELDS.items():
        fields = declaration.STATE_FIELDS[kind]
        rows = {r["id"]: r for r in ev.table_rows(kind)}
        for given in doc[key]:
            row = rows.get(given["id"])
            before = declaration.state_of(kind, row) if row is not None else None
            after = declaration.state_of(kind, declaration.encode(declaration.RECORD_TABLE[kind].name,
                                                                  {f: given[f] for f in fields}))
            if before != after:
                edits.append(Edit(kind, given["id"], before, after))
    before = ev.synthesis()
    after = declaration.state_of("synthesis", declaration.encode(
        "synthesis", {f: doc["synthesis"][f] for f in declaration.STATE_FIELDS["synthesis"]}))
    if before != after:
        edits.append(Edit("synthesis", 1, before, after))
    if edits:
        ev.apply(Change("import", tuple(edits)))
    syn = ev.synthesis()
    if syn.validated and syn.fingerprint != ev.content_fingerprint():
        # as a merge does: a validation vouches for one content; one without a fingerprint, or
        # with another content's, vouches for nothing checkable here (a crafted document could
        # otherwise carry a validation of anything)
        ev.reopen_synthesis()


def import_document(doc: dict[str, Any], target: str | Path, source: str | Path = "JSON") -> Path:
    """Create the event file ``target`` holding exactly the (checked) document: the empty event
    of its kit (``EventFile.create``: nothing under the name until complete, never over a file),
    then its records through the one door (``_fill``)."""
    target, source = Path(target), Path(source)
    if target.exists():
        raise StoreError(tr("store.exists", path=target))
    kit = load_kit_text(doc["kit"]["source"], name=f"{source} (kit)")
    if kit.event.id != doc["event_id"]:
        raise JsonImportError(tr("import.other_event", path=source, found=doc["event_id"], expected=kit.event.id))
    facts, timers, hub = _meta(doc, kit, source)
    src = _source(doc, source)
    ev = EventFile.create(target, kit, device="import", facts=facts,
                          fill=lambda ev: _fill(ev, doc, src, timers, hub))
    ev.close()
    return target


def import_json(source: str | Path, target: str | Path) -> Path:
    """Check the JSON file ``source`` and create the event file ``target`` from it."""
    target = Path(target)
    if target.exists():
        raise StoreError(tr("store.exists", path=target))
    return import_document(read_document(source), target, source)


