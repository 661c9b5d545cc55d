"""The whole event as one JSON document (format ``facilitator-event``, version 1).

Everything the event file holds goes in: the kit's YAML text verbatim and its SHA-256, every note
with its bookkeeping (tombstones of deleted notes included), every revision of notes, proposals and
the synthesis (with the extra parents of merge revisions and the records that still have several
heads), the participant counts of each laptop, the synthesis, the proposals and their decisions.
So ``facilitator import json`` rebuilds an identical event, and export → import → export gives
byte-identical JSON: keys sorted, fixed indentation and separators, UTF-8 without escapes, and
every list in a stable order (notes in outline order, then any left over by id).

The schema is ``facilitator.event_schema.SCHEMA`` (``schemas/event-v1.schema.json``), every
field documented in ``docs/event-json.md``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from facilitator.errors import ExportError
from facilitator.event_schema import FORMAT, VERSION
from facilitator.i18n import tr
from facilitator.store import EventFile
from facilitator.store.schema import Base

RECORDS = ("note", "proposal", "synthesis")
_SPLIT_META = ("event_id", "kit_source", "kit_sha256")


def _table(ev: EventFile, name: str) -> list[dict[str, Any]]:
    return ev.table_rows(name) if name in Base.metadata.tables else []


def _loads(text: str | None, default: Any) -> Any:
    if text is None or text == "":
        return default
    return json.loads(text)


def event_document(ev: EventFile) -> dict[str, Any]:
    """The JSON-ready dict of the whole event."""
    kit = ev.kit
    meta = {r["key"]: r["value"] for r in _table(ev, "meta")}

    raw_notes = {r["id"]: r for r in _table(ev, "note")}
    order = [r.id for r in ev.notes(include_deleted=True)]
    seen = set(order)
    order += sorted(nid for nid in raw_notes if nid not in seen)
    notes = []
    for nid in order:
        r = raw_notes.get(nid)
        if r is None:
            continue
        notes.append({
            "id": r["id"], "workshop": r["workshop"], "section": r["section"], "parent_id": r["parent_id"],
            "position": float(r["position"]), "text": r["text"] or "", "urls": _loads(r["urls"], []),
            "contributor": r["contributor"], "commitments": _loads(r["commitments"], []),
            "votes": int(r["votes"] or 0), "deleted": bool(r["deleted"]), "created_at": r["created_at"],
            "modified_at": r["modified_at"], "device": r["device"], "revision": r["revision"],
        })

    proposals = []
    for r in sorted(_table(ev, "proposal"), key=lambda r: (r["position"], r["id"])):
        proposals.append({
            "id": r["id"], "position": float(r["position"]), "title": r["title"] or "",
            "text": r["text"] or "", "kind": r["kind"], "commitments": _loads(r["commitments"], []),
            "notes": _loads(r["notes"], []), "workshops": _loads(r["workshops"], []),
            "decision": r["decision"], "decision_reason": r["decision_reason"] or "",
            "decision_date": r["decision_date"], "deleted": bool(r["deleted"]),
            "created_at": r["created_at"], "modified_at": r["modified_at"], "device": r["device"],
            "revision": r.get("revision"),
        })

    syn_rows = _table(ev, "synthesis")
    s = syn_rows[0] if syn_rows else {}
    synthesis = {
        "object": s.get("object") or "", "intro": s.get("intro") or "", "feedback": s.get("feedback") or "",
        "date": s.get("date"), "validated_by": s.get("validated_by"), "validated_at": s.get("validated_at"),
        "fingerprint": s.get("fingerprint"), "modified_at": s.get("modified_at") or "",
        "revision": s.get("revision"),
    }

    parents: dict[str, list[str]] = {}
    for r in _table(ev, "revision_parent"):
        parents.setdefault(r["revision_id"], []).append(r["parent_id"])
    revisions = []
    for r in _table(ev, "note_revision"):
        revisions.append(("note", r["note_id"], r))
    for r in _table(ev, "record_revision"):
        revisions.append((r["kind"], r["record_id"], r))
    rank = {k: i for i, k in enumerate(RECORDS)}
    revisions.sort(key=lambda t: (rank.get(t[0], 99), t[0], t[1], t[2]["at"], t[2]["id"]))
    history = [{
        "id": r["id"], "record": kind, "record_id": rid, "parent_id": r["parent_id"],
        "merged_parents": sorted(parents.get(r["id"], [])), "device": r["device"], "at": r["at"],
        "state": json.loads(r["state"]),
    } for kind, rid, r in revisions]

    heads = [{
        "record": r["kind"], "record_id": r["record_id"], "heads": _loads(r["heads"], []),
        "conflict": r["conflict"], "fields": _loads(r["fields"], []),
    } for r in sorted(_table(ev, "record_heads"), key=lambda r: (rank.get(r["kind"], 99), r["record_id"]))]

    participants = [{
        "workshop": r["workshop"], "contributor": r["contributor"], "device": r["device"],
        "count": r["count"], "at": r["at"],
    } for r in _table(ev, "participants")]

    assets = [{"name": r["name"], "data_base64": base64.b64encode(r["data"]).decode("ascii")}
              for r in _table(ev, "asset")]

    return {
        "format": FORMAT,
        "version": VERSION,
        "event": {"id": kit.event.id, "title": kit.event.title, "date": kit.event.date.isoformat(),
                  "language": kit.event.language},
        "event_id": meta.get("event_id", ""),
        "kit": {"source": meta.get("kit_source", ""), "sha256": meta.get("kit_sha256", "")},
        "meta": {k: v for k, v in meta.items() if k not in _SPLIT_META},
        "assets": assets,
        "synthesis": synthesis,
        "participants": participants,
        "notes": notes,
        "proposals": proposals,
        "revisions": history,
        "heads": heads,
    }


def dumps(doc: dict[str, Any]) -> str:
    """The canonical text of a document: what makes the round trip byte-identical."""
    try:
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1, separators=(",", ": "),
                          allow_nan=False) + "\n"
    except ValueError as exc:
        raise ExportError(tr("json.not_finite", reason=str(exc))) from exc


def render_json(ev: EventFile) -> bytes:
    return dumps(event_document(ev)).encode("utf-8")
