"""Typed, immutable objects of a loaded kit (format v1, see docs/kit-format.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

STATUSES = ("non-demarre", "partiel", "substantiel", "complet")
SCHEDULES = ("conforme", "retarde")
EVENT_KINDS = ("ministere-ouvert", "forum-open-etat", "autre")
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    note: str | None = None


@dataclass(frozen=True)
class ProgrammeItem:
    time: dt.time
    title: str
    end: dt.time | None = None
    place: str | None = None
    detail: str | None = None
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Axis:
    id: str
    title: str


@dataclass(frozen=True)
class Action:
    text: str
    status: str | None = None
    due: str | None = None
    results: str | None = None
    next: str | None = None


@dataclass(frozen=True)
class Milestone:
    what: str
    when: str | None = None


@dataclass(frozen=True)
class Part:
    title: str
    description: str | None = None


@dataclass(frozen=True)
class Commitment:
    id: str
    title: str
    short_title: str | None = None
    axis: str | None = None
    owners: tuple[str, ...] = ()
    stakeholders: tuple[str, ...] = ()
    status: str | None = None
    schedule: str | None = None
    url: str | None = None
    stakes: str | None = None
    description: str | None = None
    contribution: str | None = None
    relevance: str | None = None
    impacts: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Plan:
    title: str
    commitments: tuple[Commitment, ...]
    period: str | None = None
    status_date: dt.date | None = None
    url: str | None = None
    axes: tuple[Axis, ...] = ()

    def commitment(self, cid: str | int) -> Commitment | None:
        cid = str(cid)
        for c in self.commitments:
            if c.id == cid:
                return c
        return None

    def axis_title(self, axis: str | None) -> str | None:
        for a in self.axes:
            if a.id == axis:
                return a.title
        return axis


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    hint: str | None = None


@dataclass(frozen=True)
class SectionOverride:
    """An atelier's own title or hint for one section of the capture template (2016: atelier 5's
    « Pistes d'engagements futurs »)."""

    id: str
    title: str | None = None
    hint: str | None = None


DEFAULT_SECTIONS: tuple[Section, ...] = (
    Section("projets", "Projets présentés", "exemples de mise en œuvre des engagements"),
    Section(
        "indicateurs",
        "Indicateurs de suivi",
        "critères pour mesurer le degré d'avancement des engagements",
    ),
    Section(
        "initiatives",
        "Initiatives inspirantes",
        "projets de la société civile qui s'inscrivent dans la démarche proposée par les engagements",
    ),
    Section(
        "defis",
        "Défis de mise en œuvre",
        "principales difficultés à franchir pour réussir la mise en œuvre des engagements",
    ),
    Section("futurs", "Futurs engagements", "propositions pour aller plus loin"),
)


@dataclass(frozen=True)
class Phase:
    title: str
    minutes: int


@dataclass(frozen=True)
class Item:
    text: str
    url: str | None = None
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Workshop:
    number: int
    title: str
    question: str | None = None
    pilot: tuple[str, ...] = ()
    context: str | None = None
    commitments: tuple[str, ...] = ()
    online: tuple[Link, ...] = ()
    readings: tuple[Link, ...] = ()
    organisations: tuple[str, ...] = ()
    room: str | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    facilitators: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    # (section id, items) in the kit's order
    prepared: tuple[tuple[str, tuple[Item, ...]], ...] = ()
    # this atelier's own titles or hints of the kit's sections
    sections: tuple[SectionOverride, ...] = ()

    def prepared_for(self, section_id: str) -> tuple[Item, ...]:
        for sid, items in self.prepared:
            if sid == section_id:
                return items
        return ()

    def section_as_shown(self, section: Section) -> Section:
        """The kit's ``section`` with this atelier's title or hint when it gives one."""
        for o in self.sections:
            if o.id == section.id:
                return Section(section.id, o.title if o.title is not None else section.title,
                               o.hint if o.hint is not None else section.hint)
        return section

    @property
    def total_minutes(self) -> int:
        return sum(p.minutes for p in self.phases)


@dataclass(frozen=True)
class Fact:
    """One labelled text of a sample commitment (« Enjeux : … »)."""

    label: str
    text: str


@dataclass(frozen=True)
class Example:
    """A commitment shown in the booklet as a sample (« A quoi ressemble un engagement ? »):
    printed as given, never one of the plan's commitments being followed."""

    title: str
    id: str | None = None
    intro: str | None = None
    facts: tuple[Fact, ...] = ()
    actions_title: str | None = None
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class Headings:
    """The booklet's headings as a kit words them; None: the document's default."""

    about: str | None = None
    purpose: str | None = None
    criteria: str | None = None
    example: str | None = None
    programme: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: dt.date
    subtitle: str | None = None
    kind: str = "autre"
    start: dt.time | None = None
    end: dt.time | None = None
    venue: str | None = None
    address: str | None = None
    host: str | None = None
    addressee: str | None = None
    addressee_role: str | None = None
    language: str = "fr"
    logo: str | None = None
    about: str | None = None
    purpose: str | None = None
    criteria_intro: str | None = None
    criteria: tuple[str, ...] = ()
    criteria_note: str | None = None
    example: Example | None = None
    headings: Headings = Headings()
    notice: str | None = None
    links: tuple[Link, ...] = ()
    participants_expected: int | None = None


@dataclass(frozen=True)
class Kit:
    version: int
    event: Event
    workshops: tuple[Workshop, ...]
    programme: tuple[ProgrammeItem, ...] = ()
    plan: Plan | None = None
    sections: tuple[Section, ...] = DEFAULT_SECTIONS
    # where it came from: the YAML text (the event file keeps a copy) and its folder
    source: str = field(default="", repr=False, compare=False)
    folder: Path | None = field(default=None, repr=False, compare=False)

    def workshop(self, number: int) -> Workshop | None:
        for w in self.workshops:
            if w.number == number:
                return w
        return None

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None

    def commitment(self, cid: str | int) -> Commitment | None:
        return self.plan.commitment(cid) if self.plan else None

    def all_links(self) -> list[Link]:
        """Every link of the kit, in document order (event, commitments, ateliers)."""
        out = list(self.event.links)
        if self.plan and self.plan.url:
            out.append(Link(self.plan.title, self.plan.url))
        for w in self.workshops:
            out.extend(w.online)
            out.extend(w.readings)
        return out

    @property
    def logo_path(self) -> Path | None:
        if self.event.logo and self.folder is not None:
            return self.folder / self.event.logo
        return None
