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
from facilitator.store import EventFile, declaration
from facilitator.store.schema import metadata
from facilitator.store.states import SynthesisState

RECORDS = ("note", "proposal", "synthesis")
_SPLIT_META = ("event_id", "kit_source", "kit_sha256")


def _table(ev: EventFile, name: str) -> list[dict[str, Any]]:
    return ev.table_rows(name) if name in metadata.tables else []


def _decoded(ev: EventFile, name: str) -> list[dict[str, Any]]:
    """The rows of a table in their JSON form (``declaration.decode``: lists, numbers, booleans)."""
    return [declaration.decode(name, r) for r in _table(ev, name)]


def event_document(ev: EventFile) -> dict[str, Any]:
    """The JSON-ready dict of the whole event."""
    kit = ev.kit
    meta = {r["key"]: r["value"] for r in _table(ev, "meta")}

    raw_notes = {r["id"]: r for r in _decoded(ev, "note")}
    order = [r.id for r in ev.notes(include_deleted=True)]
    seen = set(order)
    order += sorted(nid for nid in raw_notes if nid not in seen)
    notes = [raw_notes[nid] for nid in order if nid in raw_notes]
    proposals = sorted(_decoded(ev, "proposal"), key=lambda r: (r["position"], r["id"]))

    syn_rows = _decoded(ev, "synthesis") or [declaration.decode("synthesis", declaration.state_row(
        "synthesis", SynthesisState(), modified_at="", revision=None))]
    synthesis = {k: v for k, v in syn_rows[0].items() if k != "id"}

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

    heads = [{"record": r.pop("kind"), **r}
             for r in sorted(_decoded(ev, "record_heads"), key=lambda r: (rank.get(r["kind"], 99), r["record_id"]))]

    participants = _decoded(ev, "participants")

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
