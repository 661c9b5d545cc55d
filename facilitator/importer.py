"""``facilitator import json FILE EVENT_FILE``: rebuild an event file from its JSON export.

The document is checked completely before anything is written: JSON syntax, format name and
version, the JSON Schema (``facilitator.event_schema``), the kit's SHA-256 and validity, unique
ids. Every problem is a ``FacilitatorError`` with a French message, never a traceback.

The new event file is built under a temporary name beside the target, with every row inserted as
exported (same ids, timestamps, devices, revisions), checked by opening it like any event file,
then published without replacing anything (``files.staged(replace=False)``): an import that
fails or is killed leaves nothing under the chosen name, and never replaces an existing file.
A validated synthesis is reopened unless its fingerprint matches the imported content.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import SQLAlchemyError

from facilitator.errors import FacilitatorError, KitError, StoreError
from facilitator.event_schema import FORMAT, VERSION, errors
from facilitator.files import staged
from facilitator.i18n import tr
from facilitator.inputs import NotRegularFile, TooBig, read_bounded
from facilitator.kit import load_kit_text
from facilitator.store import EventFile, declaration, engine, validation
from facilitator.store.schema import APPLICATION_ID, SCHEMA_VERSION, metadata

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


def _rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each table, exactly as exported."""
    meta = dict(doc["meta"])
    meta.update(event_id=doc["event_id"], kit_source=doc["kit"]["source"], kit_sha256=doc["kit"]["sha256"])
    s = doc["synthesis"]
    tables: dict[str, list[dict[str, Any]]] = {
        "meta": [{"key": k, "value": v} for k, v in meta.items()],
        "asset": [{"name": a["name"], "data": base64.b64decode(a["data_base64"])} for a in doc["assets"]],
        "synthesis": [declaration.encode("synthesis", {"id": 1, **s})],
        "participants": [declaration.encode("participants", p) for p in doc["participants"]],
        "note": [declaration.encode("note", n) for n in doc["notes"]],
        "proposal": [declaration.encode("proposal", p) for p in doc["proposals"]],
        "note_revision": [], "record_revision": [], "revision_parent": [], "record_heads": [],
    }
    for r in doc["revisions"]:
        state = json.dumps(r["state"], **_DUMP)
        if r["record"] == "note":
            tables["note_revision"].append({"id": r["id"], "note_id": r["record_id"], "parent_id": r["parent_id"],
                                            "device": r["device"], "at": r["at"], "state": state})
        else:
            tables["record_revision"].append({"id": r["id"], "kind": r["record"], "record_id": r["record_id"],
                                              "parent_id": r["parent_id"], "device": r["device"], "at": r["at"],
                                              "state": state})
        for parent in r["merged_parents"]:
            tables["revision_parent"].append({"revision_id": r["id"], "parent_id": parent})
    for h in doc["heads"]:
        tables["record_heads"].append(declaration.encode("record_heads", {**h, "kind": h["record"]}))
    return tables


# what SQLite says of rows it refuses (a duplicate id, a missing value, a value of no SQL type)
_REFUSED_ROWS = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError, sqlite3.ProgrammingError)


def import_document(doc: dict[str, Any], target: str | Path, source: str | Path = "JSON") -> Path:
    """Create the event file ``target`` holding exactly the (checked) document."""
    target = Path(target)
    if target.exists():
        raise StoreError(tr("store.exists", path=target))
    tables = _rows(doc)
    for name, rows in tables.items():
        if rows and name not in metadata.tables:
            raise JsonImportError(tr("import.unsupported", path=source, table=name))
    try:
        with staged(target, replace=False) as tmp:  # published complete, never over a file
            con = sqlite3.connect(str(tmp), isolation_level=None)
            sql = engine.connection_on(con)  # the event file's own Core connection and transaction
            try:
                with engine.transaction(sql) as conn:
                    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                    metadata.create_all(conn)
                    conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    for name, rows in tables.items():
                        if rows:
                            conn.execute(insert(metadata.tables[name]), rows)
            finally:
                engine.close(sql)
                con.close()
            ev = EventFile.open(tmp, device="import")  # the same checks as any event file
            try:
                syn = ev.synthesis()
                if syn.validated and syn.fingerprint != ev.content_fingerprint():
                    # as a merge does: a validation vouches for one content; one without a
                    # fingerprint, or with another content's, vouches for nothing checkable here
                    # (a crafted document could otherwise carry a validation of anything)
                    ev.reopen_synthesis()
            finally:
                ev.close()
    except FileExistsError as exc:  # appeared meanwhile: left as it is
        raise StoreError(tr("store.exists", path=target)) from exc
    except (SQLAlchemyError, *_REFUSED_ROWS) as exc:  # rows the file's constraints refuse
        raise JsonImportError(tr("import.db", path=source, reason=str(getattr(exc, "orig", exc) or exc))) from exc
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise StoreError(tr("store.unwritable", path=target, reason=reason)) from exc
    return target


def import_json(source: str | Path, target: str | Path) -> Path:
    """Check the JSON file ``source`` and create the event file ``target`` from it."""
    target = Path(target)
    if target.exists():
        raise StoreError(tr("store.exists", path=target))
    return import_document(read_document(source), target, source)


