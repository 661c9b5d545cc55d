"""The note-taker's work after the event: cross-atelier view, proposals and their notes, decisions.

Queries over an open ``EventFile``; every change goes through the event file's operations and
returns a ``Change`` (undoable). No Qt here: the app's synthesis editor calls these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.errors import OperationError
from facilitator.i18n import in_words, long_date, tr
from facilitator.store import EventFile, NoteRow, ProposalRow
from facilitator.store.states import CONTRIBUTORS, Change


@dataclass(frozen=True)
class SectionNote:
    """A note in the cross-atelier view: the note, its depth in its outline, its atelier's title."""

    note: NoteRow
    depth: int
    workshop_title: str


def section_notes(ev: EventFile, section: str, *, commitment: str | None = None,
                  contributor: str | None = None, min_votes: int = 0,
                  workshops: Iterable[int] | None = None) -> list[SectionNote]:
    """Every visible note of one section (e.g. "futurs") across ateliers, in outline order.

    Filters: ``commitment`` keeps the notes linked to that commitment, or, for notes linked to
    none, the notes of ateliers that treat it; ``contributor`` a contributor type; ``min_votes``
    the notes with at least that many votes. A note kept by the filters is shown with its depth;
    its parents are not added.
    """
    kit = ev.kit
    if kit.section(section) is None:
        raise OperationError(tr("synthesis.unknown_section", id=section,
                                sections=", ".join(s.id for s in kit.sections)))
    if contributor is not None and contributor not in CONTRIBUTORS:
        raise OperationError(tr("store.bad_contributor", value=contributor))
    wanted = set(workshops) if workshops is not None else None
    out: list[SectionNote] = []
    for w in kit.workshops:
        if wanted is not None and w.number not in wanted:
            continue
        for row, depth in ev.outline(w.number, section):
            if commitment is not None:
                cid = str(commitment)
                if row.commitments:
                    if cid not in row.commitments:
                        continue
                elif cid not in w.commitments:
                    continue
            if contributor is not None and row.contributor != contributor:
                continue
            if row.votes < min_votes:
                continue
            out.append(SectionNote(row, depth, w.title))
    return out


def notes_of_proposal(ev: EventFile, pid: str) -> list[NoteRow]:
    """The notes a proposal came from, in the order they were linked (deleted ones left out)."""
    out = []
    for nid in ev.proposal(pid).notes:
        try:
            row = ev.note(nid)
        except OperationError:
            continue
        if not row.deleted:
            out.append(row)
    return out


def proposals_of_note(ev: EventFile, note_id: str) -> list[ProposalRow]:
    """The proposals a note fed (a note can feed several)."""
    return [p for p in ev.proposals() if note_id in p.notes]


def link_notes(ev: EventFile, pid: str, note_ids: Iterable[str]) -> Change:
    row = ev.proposal(pid)
    notes = tuple(dict.fromkeys((*row.notes, *map(str, note_ids))))
    return ev.edit_proposal(pid, notes=notes)


def unlink_notes(ev: EventFile, pid: str, note_ids: Iterable[str]) -> Change:
    drop = set(map(str, note_ids))
    row = ev.proposal(pid)
    return ev.edit_proposal(pid, notes=tuple(n for n in row.notes if n not in drop))


def set_sources(ev: EventFile, pid: str, note_ids: Iterable[str]) -> Change:
    """The notes a proposal came from are now ``note_ids`` (a choice made in one go): those
    already linked keep their order, the new ones follow in the order given; one change."""
    chosen = list(dict.fromkeys(map(str, note_ids)))
    row = ev.proposal(pid)
    kept = [n for n in row.notes if n in chosen]
    return ev.edit_proposal(pid, notes=(*kept, *(n for n in chosen if n not in kept)))


def write_generated_intro(ev: EventFile) -> Change:
    """The synthesis's opening text replaced by the one built from the event's facts."""
    return ev.edit_synthesis(intro=generated_intro(ev))


def source_workshops(ev: EventFile, proposal: ProposalRow) -> tuple[int, ...]:
    """The ateliers a proposal came from: those given, and those of its source notes."""
    found = set(proposal.workshops)
    for nid in proposal.notes:
        try:
            found.add(ev.note(nid).workshop)
        except OperationError:
            pass
    order = {w.number: i for i, w in enumerate(ev.kit.workshops)}
    return tuple(sorted(found, key=lambda n: (order.get(n, 10**6), n)))


def decisions(ev: EventFile) -> list[ProposalRow]:
    """The proposals that received a decision, in synthesis order ("Ce que nous avons entendu")."""
    return [p for p in ev.proposals() if p.decision]


def decision_label(decision: str | None, lang: str | None = None) -> str:
    return tr(f"decision.{decision}", lang) if decision else ""


def kind_label(kind: str, lang: str | None = None) -> str:
    return tr(f"kind.{kind}", lang)


def participants_of(ev: EventFile) -> tuple[int | None, bool]:
    """(number of participants, counted): the people counted in the ateliers, else the number the
    kit expected (``counted`` False), else None."""
    counted = sum(ev.participants_total().values())
    return (counted, True) if counted else (ev.kit.event.participants_expected, False)


def generated_intro(ev: EventFile) -> str:
    """The opening paragraphs the restitution prints when the synthesis has none, built from the
    facts the kit and the event file hold. A fact that is missing is left out of the sentence
    (never a placeholder); the venue (where) and the host (who organised it) are two facts."""
    kit = ev.kit
    e = kit.event
    lang = e.language
    participants, counted = participants_of(ev)
    commitments = list(dict.fromkeys(c for w in kit.workshops for c in w.commitments))
    facts = [tr("doc.intro_venue", lang, venue=e.venue.strip()) if e.venue and e.venue.strip() else "",
             tr("doc.intro_host", lang, host=e.host.strip()) if e.host and e.host.strip() else ""]
    facts = [f for f in facts if f]
    common = dict(
        date=long_date(e.date, lang, weekday=True),
        title=e.title,
        facts=tr("doc.intro_facts", lang, facts=" ; ".join(facts) if lang == "fr" else "; ".join(facts))
        if facts else "",
        plan=kit.plan.title if kit.plan else tr("doc.plan_default", lang),
    )
    if participants:
        people = str(participants) if counted else tr("doc.about_participants", lang, count=participants)
        first = tr("doc.intro_generated", lang, participants=people, **common)
    else:
        first = tr("doc.intro_generated_uncounted", lang, **common)
    n = len(commitments)
    around = ("" if n == 0 else tr("doc.intro_around_one", lang) if n == 1
              else tr("doc.intro_around", lang, commitments=in_words(n, lang)))
    if len(kit.workshops) == 1:
        second = tr("doc.intro_generated_workshop_one", lang, around=around)
    else:
        words = in_words(len(kit.workshops), lang)
        second = tr("doc.intro_generated_workshops", lang, workshops=words, around=around)
    return f"{first[0].upper()}{first[1:]}\n\n{second[0].upper()}{second[1:]}"

