"""What the restitution says, independent of its format (PDF, HTML, Markdown, ODT).

``restitution(event)`` reads an open event file once and returns plain immutable data: every
renderer walks the same structure, so the documents cannot disagree with each other.
Texts are already in the event's language; inline marks are parsed by ``exports.markup``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from exports.markup import Block, blocks
from facilitator.i18n import in_words, long_date, tr
from facilitator.kit.model import Kit, Link
from facilitator.store import EventFile
from facilitator.synthesis import generated_intro, participants_of


@dataclass(frozen=True)
class NoteNode:
    id: str
    text: str
    urls: tuple[str, ...]
    contributor: str | None
    commitments: tuple[str, ...]
    votes: int
    children: tuple[NoteNode, ...] = ()
    paragraph: bool = False  # typed « § …»: printed as a paragraph, its children as the bullets after it


PARAGRAPH_MARK = "§"


def note_node(r, children: tuple[NoteNode, ...], depth: int) -> NoteNode:
    """A note of the outline; « § » at the start of a first-level note makes it a paragraph."""
    text = r.text
    paragraph = depth == 0 and text.lstrip().startswith(PARAGRAPH_MARK + " ")
    if paragraph:
        text = text.lstrip()[len(PARAGRAPH_MARK):].lstrip()
    return NoteNode(r.id, text, r.urls, r.contributor, r.commitments, r.votes, children, paragraph)


@dataclass(frozen=True)
class SectionContent:
    id: str
    title: str
    hint: str | None
    notes: tuple[NoteNode, ...]


@dataclass(frozen=True)
class CommitmentRef:
    id: str
    title: str
    status: str | None = None
    schedule: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class WorkshopContent:
    number: int
    title: str
    heading: str  # "ATELIER 1 – ÉVALUATION DES POLITIQUES PUBLIQUES"
    question: str | None
    online: tuple[Link, ...]
    commitments: tuple[CommitmentRef, ...]
    sections: tuple[SectionContent, ...]
    participants: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ProposalContent:
    id: str
    title: str
    text: str
    kind: str
    commitments: tuple[str, ...]
    engagement_label: str  # "engagement 4" / "engagements 12, 15" / ""
    workshops: tuple[int, ...]
    notes: tuple[str, ...]
    decision: str | None
    decision_label: str
    decision_reason: str
    decision_date: str | None  # ISO, as stored
    decision_day: str = ""  # the same day as the document's language writes it (« 2 décembre 2026 »)


def _day(iso: str | None, lang: str) -> str:
    """A stored ISO date in the document's language (never printed as ISO); kept as typed if it is
    not one."""
    if not iso:
        return ""
    try:
        return long_date(dt.date.fromisoformat(iso[:10]), lang)
    except ValueError:
        return iso


@dataclass(frozen=True)
class Restitution:
    lang: str
    event_id: str
    title: str
    subtitle: str | None
    addressee: str | None
    addressee_role: str | None  # « le Secrétaire d'État … », for the cover
    host: str | None
    event_date: dt.date
    date: dt.date  # date of the restitution
    date_label: str
    object: str
    intro: list[Block]
    feedback: list[Block]
    feedback_heading: str
    proposals: tuple[ProposalContent, ...]
    workshops: tuple[WorkshopContent, ...]
    participants: int | None
    validated: str | None  # the sign-off line, when the synthesis is validated
    kit: Kit

    def group(self, kind: str) -> tuple[ProposalContent, ...]:
        return tuple(p for p in self.proposals if p.kind == kind)

    @property
    def has_synthesis(self) -> bool:
        return bool(self.proposals or self.feedback or self.intro)

    @property
    def has_decisions(self) -> bool:
        return any(p.decision for p in self.proposals)

    def label(self, key: str, **kw) -> str:
        return tr(key, self.lang, **kw)

    @property
    def workshops_title(self) -> str:
        """« ANNEXE – RESTITUTION DES CINQ ATELIERS COLLABORATIFS »: the count in letters."""
        if len(self.workshops) == 1:
            return tr("doc.workshops_part_one", self.lang)
        return tr("doc.workshops_part", self.lang, number=in_words(len(self.workshops), self.lang).upper())

    @property
    def arbitration(self) -> str | None:
        """The cover's « Synthèse des propositions à l'arbitrage du Secrétaire d'État … »: the
        addressee's role when the kit gives it, else the addressee."""
        if self.addressee_role:
            return tr("doc.arbitration_role", self.lang, role=of_role(self.addressee_role, self.lang))
        if self.addressee:
            return tr("doc.arbitration", self.lang, addressee=self.addressee)
        return None


def of_role(role: str, lang: str) -> str:
    """« le Secrétaire d'État » → « du Secrétaire d'État » after « à l'arbitrage » (French
    contracts de + le, de + les; « la », « l' » keep « de »); other languages as written."""
    role = role.strip()
    if lang != "fr":
        return role
    low = role.lower()
    if low.startswith("le "):
        return "du " + role[3:]
    if low.startswith("les "):
        return "des " + role[4:]
    return "de " + role


def frozen_tree(flat, make):
    """Immutable nested nodes from ``(payload, depth)`` pairs in document order, without recursion
    (an outline 2,000 levels deep is built like a flat one): ``make(payload, children)`` makes a
    node from its payload and the tuple of its already made children. A depth more than one below
    the previous one is read as one below (as the outline shows it)."""
    roots: list = []
    stack: list[tuple[object, list]] = []  # (payload, made children) of the open ancestors

    def close() -> None:
        payload, children = stack.pop()
        (stack[-1][1] if stack else roots).append(make(payload, tuple(children)))

    for payload, depth in flat:
        while len(stack) > depth:
            close()
        stack.append((payload, []))
    while stack:
        close()
    return tuple(roots)


def _tree(event: EventFile, workshop: int, section: str) -> tuple[NoteNode, ...]:
    """The notes of one atelier section as nested ``NoteNode``s (iterative: any depth)."""
    return frozen_tree((((r, d), d) for r, d in event.outline(workshop, section)),
                       lambda payload, children: note_node(payload[0], children, payload[1]))


def engagement_label(ids: tuple[str, ...], lang: str) -> str:
    if not ids:
        return ""
    key = "doc.engagement_one" if len(ids) == 1 else "doc.engagement_many"
    return tr(key, lang, ids=", ".join(ids))


def restitution(event: EventFile, today: dt.date | None = None) -> Restitution:
    kit = event.kit
    ev = kit.event
    lang = ev.language
    syn = event.synthesis()
    date = dt.date.fromisoformat(syn.date) if syn.date else (today or dt.date.today())

    workshops = []
    for w in kit.workshops:
        commitments = []
        for cid in w.commitments:
            c = kit.commitment(cid)
            commitments.append(CommitmentRef(cid, c.title if c else cid, c.status if c else None,
                                             c.schedule if c else None, c.url if c else None))
        # A section where nothing was captured is left out, as in the 2016 restitution (atelier 5
        # has no "Projets présentés"): every renderer shows exactly these sections.
        # an atelier may title a section its own way (kit: workshops[].sections)
        shown = [w.section_as_shown(s) for s in kit.sections]
        sections = tuple(
            sc for sc in (SectionContent(s.id, s.title, s.hint or None, _tree(event, w.number, s.id)) for s in shown)
            if sc.notes
        )
        heading = tr("doc.workshop_heading", lang, number=w.number, title=w.title.upper())
        workshops.append(WorkshopContent(w.number, w.title, heading, w.question, w.online, tuple(commitments),
                                         sections, event.participant_counts(w.number)))

    participants, _counted = participants_of(event)

    proposals = []
    for p in event.proposals():
        decision_label = tr(f"doc.decision.{p.decision}" if p.decision else "doc.decision.none", lang)
        proposals.append(ProposalContent(
            p.id, p.title, p.text, p.kind, p.commitments, engagement_label(p.commitments, lang),
            p.workshops, p.notes, p.decision, decision_label, p.decision_reason, p.decision_date,
            _day(p.decision_date, lang),
        ))

    if syn.intro.strip():
        intro = blocks(syn.intro, lang)
    else:
        intro = blocks(generated_intro(event), lang)

    validated = None
    if syn.validated_by and syn.validated_at:
        vdate = syn.validated_at[:10]
        try:
            vdate = long_date(dt.date.fromisoformat(vdate), lang)
        except ValueError:
            pass
        validated = tr("doc.validated", lang, by=syn.validated_by, date=vdate,
                       fingerprint=syn.fingerprint or "")

    return Restitution(
        lang=lang,
        event_id=ev.id,
        title=ev.title,
        subtitle=ev.subtitle,
        addressee=ev.addressee,
        addressee_role=ev.addressee_role,
        host=ev.host,
        event_date=ev.date,
        date=date,
        date_label=long_date(date, lang),
        object=syn.object or tr("doc.default_object", lang, title=ev.title),
        intro=intro,
        feedback=blocks(syn.feedback, lang) if syn.feedback.strip() else [],
        feedback_heading=tr("doc.feedback_heading", lang, title=ev.title.split("#")[0].strip()),
        proposals=tuple(proposals),
        workshops=tuple(workshops),
        participants=participants,
        validated=validated,
        kit=kit,
    )


def flatten(nodes: tuple[NoteNode, ...], depth: int = 0):
    """(node, depth) in document order (iterative: any depth)."""
    stack = [(n, depth) for n in reversed(nodes)]
    while stack:
        n, d = stack.pop()
        yield n, d
        stack.extend((c, d + 1) for c in reversed(n.children))
