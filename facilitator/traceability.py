"""Traceability export of the proposals: what was proposed, from which notes, what was decided.

``propositions.csv``: one row per proposal, UTF-8, comma-separated (RFC 4180); the kind as its
French label (``type``) and its code (``type_code``). The Decidim layout of the same proposals is a
document (HTML descriptions): ``exports.decidim``.

It is made by the app's one CSV writer (``facilitator.csvfile``: formula injection neutralised,
a byte order mark on request); ``export proposals`` (exports/cli.py) writes it atomically.
"""

from __future__ import annotations

from facilitator import csvfile
from facilitator.store import EventFile
from facilitator.synthesis import decision_label, kind_label, source_workshops

COLUMNS = ("id", "ordre", "titre", "texte", "type", "type_code", "engagements", "decision",
           "decision_libelle", "motif", "date_decision", "ateliers_sources", "notes_sources")


def proposal_rows(ev: EventFile) -> list[dict[str, str]]:
    out = []
    for i, p in enumerate(ev.proposals(), start=1):
        out.append({
            "id": p.id,
            "ordre": str(i),
            "titre": p.title,
            "texte": p.text,
            "type": kind_label(p.kind, "fr"),
            "type_code": p.kind,
            "engagements": " ".join(p.commitments),
            "decision": p.decision or "",
            "decision_libelle": decision_label(p.decision, "fr"),
            "motif": p.decision_reason,
            "date_decision": p.decision_date or "",
            "ateliers_sources": " ".join(str(w) for w in source_workshops(ev, p)),
            "notes_sources": " ".join(p.notes),
        })
    return out


def render_proposals(ev: EventFile, *, bom: bool = False) -> bytes:
    """The traceability CSV as bytes."""
    return csvfile.render(COLUMNS, proposal_rows(ev), bom=bom)
