"""The restitution PDF, modelled on « Ministère ouvert #1 – Restitution des ateliers » (2016).

Cover, SOMMAIRE with page numbers, the synthesis of proposals addressed to the addressee, the
restitution of every atelier (sections and nested notes, links in full and clickable), the
optional annex « Ce que nous avons entendu », the validation line. Running header with the event
title, "n / N" footers, bookmarks per part and per atelier, metadata and language.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)
from reportlab.platypus.flowables import HRFlowable

from exports.content import NoteNode, ProposalContent, Restitution, WorkshopContent
from exports.markup import Bullets, Run, blocks, plain, runs
from exports.markup import Paragraph as TextParagraph
from exports.pdf import fonts
from exports.pdf.base import (
    ACCENT,
    DECISION_COLORS,
    GREY,
    RULE,
    ContentsLine,
    Renderer,
    Styles,
    bullet,
    colored,
    heading,
    link,
    nested_bullets,
    para,
    render_blocks,
    rich,
    table,
    text,
)
from exports.pdf.footnotes import FootnoteDocument, Footnotes, note_style

NBSP = "\u00a0"
MARK = "►"  # the seed's section mark


def render_restitution(content: Restitution, annex: bool = True) -> bytes:
    """The restitution of ``content`` as PDF bytes (identical bytes for identical content)."""
    return RestitutionRenderer(content, annex).render()


class RestitutionRenderer(Renderer):
    def __init__(self, content: Restitution, annex: bool = True):
        self.c = content
        self.lang = content.lang
        self.annex = annex
        self.s = Styles(10)
        s = self.s
        self.cover_kicker = ParagraphStyle("cover_kicker", s.body, fontName=fonts.BOLD,
                                           fontSize=30, leading=36, textColor=ACCENT,
                                           spaceAfter=10)
        self.cover_sub = ParagraphStyle("cover_sub", s.body, fontSize=12.5, leading=17,
                                        textColor=GREY)
        self.cover_title = ParagraphStyle("cover_title", s.body, fontName=fonts.BOLD,
                                          fontSize=22, leading=28, spaceBefore=8, spaceAfter=14)
        self.cover_line = ParagraphStyle("cover_line", s.body, fontName=fonts.BOLD, fontSize=13,
                                         leading=18, spaceAfter=10)
        self.cover_date = ParagraphStyle("cover_date", s.body, fontSize=14, leading=18,
                                         textColor=ACCENT, spaceBefore=18)
        self.toc_styles = [
            ParagraphStyle("toc0", s.body, fontName=fonts.BOLD, fontSize=10.5, leading=14,
                           leftIndent=18, firstLineIndent=-18, spaceBefore=8, spaceAfter=2),
            ParagraphStyle("toc1", s.body, fontSize=9.5, leading=12.5, leftIndent=36,
                           firstLineIndent=-18, spaceBefore=3, spaceAfter=1),
        ]
        self.to_style = ParagraphStyle("to", s.body, fontName=fonts.BOLD_ITALIC, fontSize=11,
                                       leading=15, spaceAfter=10)
        self.footnotes = Footnotes(note_style(s.body))

    def typo(self, value: str, styled: bool = False) -> str:
        """Kit text as Paragraph markup, its footnotes at the foot of the page."""
        return rich(runs(value, self.lang), styled=styled, notes=self.footnotes)


    # --- document ------------------------------------------------------------------------------
    def render(self) -> bytes:
        c = self.c
        doc = FootnoteDocument(
            A4,
            title=f"{c.title} – {self.tr('doc.restitution').capitalize()}",
            author=c.host,
            subject=plain(c.object),
            lang=self.lang,
            header=c.title,
            header_right=self.tr("doc.restitution").capitalize(),
            margins=(22 * mm, 22 * mm, 24 * mm, 20 * mm),
            page_total=True,
            cover_note=self.cover_note(),
            keywords=", ".join(x for x in (c.title, c.subtitle or "", c.event_id) if x),
            date=c.date,  # the restitution's date: its creation and modification dates
        )
        story: list[Flowable] = []
        story += self.cover()
        story += [NextPageTemplate("normal"), PageBreak()]
        story += self.contents_page()
        story += [PageBreak()]
        story += self.synthesis()
        story += [PageBreak()]
        story += self.workshops()
        if self.show_annex:
            story += [PageBreak()]
            story += self.heard()
        if c.validated:
            story += self.validation()
        doc.contents_size = self.toc_styles[0].fontSize
        doc.footnotes = self.footnotes
        story = self.footnotes.attach(story, doc.width, doc.height)
        return doc.render(story, contents_keys=[key for key, _t, _l in self.contents])

    @property
    def show_annex(self) -> bool:
        return bool(self.c.has_decisions or (self.annex and self.c.proposals))

    # --- cover ---------------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        c = self.c
        out: list[Flowable] = [Spacer(0, 40 * mm), Paragraph(text(c.title, styled=True), self.cover_kicker)]
        if c.subtitle:
            out.append(Paragraph(self.typo(c.subtitle), self.cover_sub))
        out += [
            Spacer(0, 40 * mm),
            HRFlowable(width="100%", thickness=2.5, color=ACCENT, spaceAfter=10),
            heading(text(self.tr("doc.restitution")), self.cover_title, outline=c.title, level=0),
        ]
        if c.arbitration:
            out.append(Paragraph(self.typo(c.arbitration, True), self.cover_line))
        out.append(Paragraph(text(c.date_label), self.cover_date))
        return out

    def cover_note(self) -> str:
        c = self.c
        facts = [self.tr("doc.event_on", date=_long(c, c.event_date))]
        venue = c.kit.event.venue or c.host
        if venue:
            facts.append(venue)
        return " · ".join(plain(f) for f in facts)

    # --- contents ------------------------------------------------------------------------------
    @property
    def contents(self) -> list[tuple[str, str, int]]:
        """(key, title, level) of the SOMMAIRE, in document order."""
        c = self.c
        out = [("synthesis", self.tr("doc.synthesis"), 0),
               ("workshops", c.workshops_title, 0)]
        out += [(f"w{w.number}", w.heading, 1) for w in c.workshops]
        if self.show_annex:
            out.append(("heard", self.tr("doc.annex_heard"), 0))
        return out

    def contents_page(self) -> list[Flowable]:
        out: list[Flowable] = [
            heading(text(self.tr("doc.contents"), styled=True), self.s.h1,
                    outline=self.tr("doc.contents")),
            Spacer(0, 4 * mm),
        ]
        for key, title, level in self.contents:
            if len(title) > 300:  # a contents line never splits: keep it well under a page
                title = title[:299].rstrip() + "…"
            out.append(ContentsLine(text(title, styled=level == 0), key, self.toc_styles[level]))
        return out

    # --- synthesis -----------------------------------------------------------------------------
    def synthesis(self) -> list[Flowable]:
        c, s = self.c, self.s
        title = self.tr("doc.synthesis")
        out: list[Flowable] = [heading(text(title, styled=True), s.h1, outline=title, toc="synthesis")]
        if c.addressee:
            out.append(Paragraph(self.typo(self.tr("doc.to", addressee=c.addressee), True),
                                 self.to_style))
        obj = self.tr("doc.object")
        out.append(Paragraph(f"<b>{text(obj)}</b> {self.typo(c.object)}", s.body))
        out.append(Spacer(0, 2 * mm))
        out += render_blocks(c.intro, s, notes=self.footnotes)
        if c.feedback:
            out.append(self.marked(text(c.feedback_heading, bold=True), s.h3))
            out += render_blocks(c.feedback, s, notes=self.footnotes)
        if c.proposals:
            out.append(self.marked(text(self.tr("doc.proposals_heading"), bold=True), s.h3))
            accelerate, nxt, other = c.group("accelerate"), c.group("next-plan"), c.group("other")
            if accelerate and nxt:
                out.append(Paragraph(text(self.tr("doc.proposals_intro")), s.body))
            if accelerate:
                out.append(Paragraph(text(self.tr("doc.group_accelerate")), s.label))
                for p in accelerate:
                    out += self.proposal(p, as_bullet=False)
            if nxt:
                out.append(Paragraph(text(self.tr("doc.group_next")), s.label))
                for p in nxt:
                    out += self.proposal(p, as_bullet=True)
            if other:
                out.append(Paragraph(text(self.tr("doc.group_other")), s.label))
                for p in other:
                    out += self.proposal(p, as_bullet=True)
        return out

    def marked(self, markup: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(f"{colored(MARK, ACCENT)} {markup}", style)

    def proposal_lead(self, p: ProposalContent) -> tuple[str, list]:
        """« **Title** (engagement N) first paragraph », and the blocks that follow it."""
        lead = rich(runs(p.title, self.lang), bold=True, notes=self.footnotes)
        if p.engagement_label:
            lead += f" ({text(p.engagement_label)})"
        rest = blocks(p.text, self.lang) if p.text.strip() else []
        if rest and isinstance(rest[0], TextParagraph):
            first = rest.pop(0)
            body = rich(first.runs, notes=self.footnotes)
            lead += joiner(_first_char(first.runs), self.lang) + body
        return lead, rest

    def proposal(self, p: ProposalContent, as_bullet: bool) -> list[Flowable]:
        lead, rest = self.proposal_lead(p)
        depth = 1 if as_bullet else 0
        out: list[Flowable] = [bullet(lead, self.s, 0) if as_bullet else para(lead, self.s.body)]
        for b in rest:
            if isinstance(b, Bullets):
                out += [bullet(rich(item, notes=self.footnotes), self.s, depth) for item in b.items]
            else:
                out.append(para(rich(b.runs, notes=self.footnotes),
                                self.s.bullet(depth) if as_bullet else self.s.body))
        return out

    # --- ateliers ------------------------------------------------------------------------------
    def workshops(self) -> list[Flowable]:
        title = self.c.workshops_title
        out: list[Flowable] = [heading(text(title, styled=True), self.s.h1, outline=title, toc="workshops")]
        for i, w in enumerate(self.c.workshops):
            if i:
                out.append(CondPageBreak(70 * mm))
            out += self.workshop(w)
        return out

    def workshop(self, w: WorkshopContent) -> list[Flowable]:
        s = self.s
        out: list[Flowable] = [heading(text(w.heading, styled=True), s.h2, outline=w.heading, level=1,
                                       toc=f"w{w.number}")]
        if w.question and plain(w.question).strip() != plain(w.title).strip():
            out.append(Paragraph(f"<b>{text(self.tr('doc.question'))}</b> "
                                 f"<i>{self.typo(w.question, True)}</i>", s.body))
        if w.participants and sum(w.participants.values()):
            detail = ", ".join(
                f"{n} {self.tr('contributor.' + k).lower()}" for k, n in w.participants.items() if n
            )
            out.append(Paragraph(text(self.tr("doc.participants_line",
                                              total=sum(w.participants.values()),
                                              detail=detail)), s.muted))
        if w.online:
            out.append(Paragraph(text(self.tr("doc.online")), s.label))
            for ln in w.online:
                out.append(Paragraph(link(ln.url), s.body))
        if w.commitments:
            key = "doc.commitment_one" if len(w.commitments) == 1 else "doc.commitment_many"
            out.append(Paragraph(text(self.tr(key)), s.label))
            for cm in w.commitments:
                line = self.typo(self.tr("doc.commitment_line", id=cm.id, title=cm.title))
                if len(w.commitments) == 1:
                    out.append(Paragraph(line, s.body))
                else:
                    out.append(bullet(line, s, 0))
        for sec in w.sections:
            head = f"<b>{self.typo(sec.title + ' :', True)}</b>"
            if sec.hint:
                head += " " + self.typo(sec.hint)
            out.append(self.marked(head, s.h4))
            out += self.notes(sec.notes)
        return out

    def notes(self, roots: tuple[NoteNode, ...]) -> list[Flowable]:
        """The notes as nested bullets; a paragraph note (« § ») as a paragraph, the notes under
        it as the bullets that follow it."""
        out: list[Flowable] = []
        run: list[NoteNode] = []
        for n in roots:
            if n.paragraph:
                out += nested_bullets(run, lambda x: x.children, self.note, self.s)
                run = []
                out.append(Paragraph(self.note(n), self.s.body))
                out += nested_bullets(n.children, lambda x: x.children, self.note, self.s)
            else:
                run.append(n)
        out += nested_bullets(run, lambda x: x.children, self.note, self.s)
        return out

    def note(self, node: NoteNode) -> str:
        body = rich(runs(node.text, self.lang), notes=self.footnotes) if node.text.strip() else ""
        urls = [u for u in node.urls if u not in node.text]
        if not urls:
            return body
        links = ", ".join(link(u) for u in urls)
        if not body:
            return links
        if node.text.rstrip().endswith(":"):
            return f"{body} {links}"
        return body + (f"{NBSP}: " if self.lang == "fr" else ": ") + links

    # --- annex « Ce que nous avons entendu » ----------------------------------------------------
    def heard(self) -> list[Flowable]:
        s = self.s
        title = self.tr("doc.annex_heard")
        out: list[Flowable] = [heading(text(title, styled=True), s.h1, outline=title, toc="heard"),
                               Paragraph(text(self.tr("doc.annex_heard_intro")), s.body),
                               Spacer(0, 2 * mm)]
        width = 210 * mm - 44 * mm
        for p in self.c.proposals:
            cell: list[Flowable] = []
            lead = rich(runs(p.title, self.lang), bold=True)
            if p.engagement_label:
                lead += f" ({text(p.engagement_label)})"
            cell.append(Paragraph(lead, s.cell))
            if p.workshops:
                cell.append(Paragraph(text(self.tr(
                    "doc.from_workshops" if len(p.workshops) > 1 else "doc.from_workshop",
                    numbers=", ".join(str(n) for n in p.workshops))), s.muted))
            color = DECISION_COLORS.get(p.decision, GREY)
            decision = f"<b>{text(self.tr('doc.decision'))}</b> " + colored(
                f"<b>{text(p.decision_label)}</b>", color)
            if p.decision_day:
                decision += " " + text(f"({p.decision_day})")
            cell.append(Paragraph(decision, s.cell))
            if p.decision_reason.strip():
                cell.append(Paragraph(f"<b>{text(self.tr('doc.reason'))}</b> "
                                      f"{self.typo(p.decision_reason)}", s.cell))
            out.append(table([[cell]], [width], [
                ("LINEBEFORE", (0, 0), (0, -1), 3, color),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(Spacer(0, 3 * mm))
        return out

    def validation(self) -> list[Flowable]:
        return [
            Spacer(0, 6 * mm),
            HRFlowable(width="100%", thickness=0.5, color=RULE, spaceAfter=4),
            Paragraph(text(self.c.validated, italic=True), self.s.muted),
        ]


def joiner(first: str, lang: str) -> str:
    """What goes between a proposal's title and its text: nothing before « , . », a no-break
    space before « : ; ? ! » in French, a space otherwise."""
    if first in ",.":
        return ""
    if first in ":;?!":
        return NBSP if lang == "fr" else ""
    return " "


def _first_char(rs: tuple[Run, ...]) -> str:
    for r in rs:
        if r.text:
            return r.text.lstrip(" \u00a0\u202f")[:1]
    return ""


def _long(c: Restitution, d) -> str:
    from facilitator.i18n import long_date

    return long_date(d, c.lang, weekday=True)
