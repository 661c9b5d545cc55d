"""Traceability export of the proposals: what was proposed, from which notes, what was decided.

Two layouts (see docs/merge.md):
- ``propositions.csv``: one row per proposal, UTF-8, comma-separated (RFC 4180);
- ``--decidim``: the columns of Decidim's accountability "import results" CSV (``title/fr``,
  ``description/fr``, ``status/id``, …), semicolon-separated like Decidim's own CSV files.

Both are written by the app's one CSV writer (``facilitator.csvfile``: formula injection
neutralised, a byte order mark on request) and atomically (``facilitator.files``).
"""

from __future__ import annotations

from pathlib import Path

from facilitator import csvfile
from facilitator.files import write_atomic
from facilitator.store import EventFile
from facilitator.synthesis import decision_label, kind_label, source_workshops

COLUMNS = ("id", "ordre", "titre", "texte", "type", "type_libelle", "engagements", "decision",
           "decision_libelle", "motif", "date_decision", "ateliers_sources", "notes_sources")
DECIDIM_COLUMNS = ("id", "parent/id", "title/fr", "description/fr", "start_date", "end_date",
                   "status/id", "status/key", "progress", "proposal_urls", "commitments")


def proposal_rows(ev: EventFile) -> list[dict[str, str]]:
    out = []
    for i, p in enumerate(ev.proposals(), start=1):
        out.append({
            "id": p.id,
            "ordre": str(i),
            "titre": p.title,
            "texte": p.text,
            "type": p.kind,
            "type_libelle": kind_label(p.kind, "fr"),
            "engagements": " ".join(p.commitments),
            "decision": p.decision or "",
            "decision_libelle": decision_label(p.decision, "fr"),
            "motif": p.decision_reason,
            "date_decision": p.decision_date or "",
            "ateliers_sources": " ".join(str(w) for w in source_workshops(ev, p)),
            "notes_sources": " ".join(p.notes),
        })
    return out


def decidim_rows(ev: EventFile, status_ids: dict[str, str] | None = None) -> list[dict[str, str]]:
    """Results for Decidim's accountability import. ``status_ids`` maps our decisions to the ids
    of the statuses created in the Decidim component (left empty otherwise)."""
    status_ids = status_ids or {}
    kit = ev.kit
    out = []
    for p in ev.proposals():
        lines = [p.text] if p.text else []
        for c in p.commitments:
            com = kit.commitment(c)
            lines.append(f"Engagement {c}" + (f" : {com.title}" if com else ""))
        if p.decision:
            lines.append(f"Décision : {decision_label(p.decision, 'fr')}"
                         + (f" — {p.decision_reason}" if p.decision_reason else ""))
        out.append({
            "id": "",  # empty: Decidim creates the result
            "parent/id": "",
            "title/fr": p.title,
            "description/fr": "\n\n".join(lines),
            "start_date": kit.event.date.isoformat(),
            "end_date": p.decision_date or "",
            "status/id": status_ids.get(p.decision or "", ""),
            "status/key": p.decision or "",
            "progress": "",
            "proposal_urls": "",
            "commitments": " ".join(p.commitments),
        })
    return out


def render_proposals(ev: EventFile, *, decidim: bool = False, status_ids: dict[str, str] | None = None,
                     bom: bool = False) -> bytes:
    """The traceability CSV (or the Decidim layout) as bytes."""
    if decidim:
        return csvfile.render(DECIDIM_COLUMNS, decidim_rows(ev, status_ids), delimiter=";", bom=bom)
    return csvfile.render(COLUMNS, proposal_rows(ev), bom=bom)


def export_proposals(ev: EventFile, path: Path, *, decidim: bool = False,
                     status_ids: dict[str, str] | None = None, bom: bool = False) -> int:
    """Write the traceability CSV (or the Decidim layout) atomically; returns the number of
    proposals. An unwritable folder raises ``ExportError`` (French message)."""
    write_atomic(Path(path), render_proposals(ev, decidim=decidim, status_ids=status_ids, bom=bom))
    return len(ev.proposals())
