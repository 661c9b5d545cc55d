"""The notes of an event as CSV: one row per (non-deleted) note, for spreadsheets and open data.

UTF-8 (with a byte order mark on request, so that spreadsheet software detects the encoding),
RFC 4180: comma separator, ``"`` quoting when needed, CRLF line ends. Columns: see ``COLUMNS``
and docs/exports.md.

Written by the app's one CSV writer, ``facilitator.csvfile`` (formula injection neutralised with
a leading apostrophe, see there; numbers — votes, depth, position, atelier number — never
prefixed).
"""

from __future__ import annotations

from exports.markup import plain
from facilitator import csvfile
from facilitator.store import EventFile

COLUMNS = (
    "evenement_id", "date", "atelier_numero", "atelier_titre", "section_id", "section_titre",
    "profondeur", "position", "parent_id", "note_id", "texte", "urls", "type_contributeur",
    "engagements", "votes", "cree_le", "modifie_le",
)


def rows(ev: EventFile):
    """The rows (tuples in ``COLUMNS`` order) in document order: atelier, section, outline."""
    kit = ev.kit
    event_id = ev.event_id or kit.event.id
    date = kit.event.date.isoformat()
    for w in kit.workshops:
        for s in kit.sections:
            stack: list[str] = []  # ids of the notes above, by depth (the parent as shown)
            for position, (row, depth) in enumerate(ev.outline(w.number, s.id), 1):
                del stack[depth:]
                parent = stack[-1] if stack else ""
                stack.append(row.id)
                yield (
                    event_id, date, w.number, plain(w.title), s.id, s.title, depth, position,
                    parent, row.id, plain(row.text), " | ".join(row.urls),
                    row.contributor or "", ", ".join(row.commitments), row.votes,
                    row.created_at, row.modified_at,
                )


def render_csv(ev: EventFile, bom: bool = False) -> bytes:
    return csvfile.render(COLUMNS, rows(ev), bom=bom)
