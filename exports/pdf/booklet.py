"""The participant booklet (A5 by default, A4 on request), modelled on the "Livret participant"
of the 2021 Forums Open d'État: cover, what open government is, what the event is for, what a
commitment is, the programme, one block per atelier (question, pilot, context, commitments with
their status, organisations, room and time, readings and online access), further reading, the
commitments' status table and ruled pages for notes. Every link is printed in full beside a QR
code that decodes to exactly that URL.
"""

from __future__ import annotations

import io

from babel.lists import format_list
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from exports.markup import blocks, plain
from exports.pdf import fonts
from exports.pdf.base import (
    ACCENT,
    ACCENT_LIGHT,
    GREY,
    RULE,
    STATUS_COLORS,
    Document,
    FillPages,
    KeptBlock,
    Renderer,
    Styles,
    bullet,
    cell_paragraphs,
    colored,
    heading,
    in_cell,
    link,
    render_blocks,
    span,
    table,
    text,
    time_width,
)
from exports.pdf.qr import QRCode
from facilitator.i18n import long_date
from facilitator.kit.model import Commitment, Example, Kit, Link, Workshop

SIZES = {"A5": A5, "A4": A4}


def render_booklet(kit: Kit, size: str = "A5", logo: bytes | None = None) -> bytes:
    """The participant booklet of ``kit`` as PDF bytes; ``logo``: PNG or JPEG bytes."""
    return BookletRenderer(kit, size, logo).render()


def event_links(kit: Kit) -> list[Link]:
    """The event's own links, plus the plan's when it is not one of them."""
    out = list(kit.event.links)
    if kit.plan and kit.plan.url and all(ln.url != kit.plan.url for ln in out):
        out.append(Link(kit.plan.title, kit.plan.url))
    return out


def qr_links(kit: Kit) -> list[Link]:
    """Every link that gets a QR code, in the booklet's order."""
    out: list[Link] = []
    for w in kit.workshops:
        out.extend(w.readings)
        out.extend(w.online)
    out.extend(event_links(kit))
    return out


class RuledLines(Flowable):
    """Writing lines filling the rest of the frame."""

    def __init__(self, gap: float = 8 * mm):
        super().__init__()
        self.gap = gap

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, max(0.0, availHeight - 1)
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        y = self.height - self.gap
        while y >= 0:
            c.line(0, y, self.width, y)
            y -= self.gap
        c.restoreState()


class BookletRenderer(Renderer):
    def __init__(self, kit: Kit, size: str = "A5", logo: bytes | None = None):
        size = (size or "A5").upper()
        if size not in SIZES:
            raise ValueError(f"unknown booklet size {size!r}: A5 or A4")
        self.kit = kit
        self.ev = kit.event
        self.lang = kit.event.language
        self.pagesize = SIZES[size]
        self.a5 = size == "A5"
        self.logo = logo
        self.s = Styles(8.8 if self.a5 else 10)
        s = self.s
        margin = (13 if self.a5 else 20) * mm
        self.margins = (margin, margin, (17 if self.a5 else 22) * mm, (15 if self.a5 else 18) * mm)
        self.width = self.pagesize[0] - 2 * margin
        self.frame_height = self.pagesize[1] - self.margins[2] - self.margins[3]
        k = 1.0 if self.a5 else 1.25
        self.cover_title = ParagraphStyle("b_cover_title", s.body, fontName=fonts.BOLD,
                                          fontSize=22 * k, leading=27 * k, textColor=ACCENT,
                                          spaceAfter=6)
        self.cover_sub = ParagraphStyle("b_cover_sub", s.body, fontSize=13 * k, leading=17 * k,
                                        spaceAfter=6)
        self.cover_facts = ParagraphStyle("b_cover_facts", s.body, fontSize=10.5 * k,
                                          leading=14 * k, textColor=GREY)
        self.cover_kind = ParagraphStyle("b_cover_kind", s.body, fontName=fonts.BOLD,
                                         fontSize=17 * k, leading=21 * k, textColor=colors.white)
        self.kicker = ParagraphStyle("b_kicker", s.body, fontName=fonts.BOLD,
                                     fontSize=s.size * 1.05, textColor=GREY, spaceAfter=2,
                                     spaceBefore=s.size * 2.2, keepWithNext=1)
        self.question = ParagraphStyle("b_question", s.body, fontName=fonts.BOLD_ITALIC,
                                       fontSize=s.size * 1.15, leading=s.size * 1.5,
                                       textColor=ACCENT, spaceAfter=0)
        self.kept = ParagraphStyle("b_kept", s.body, keepWithNext=1)
        self.link_title = ParagraphStyle("b_link_title", s.body, spaceAfter=1.5)
        self.link_url = ParagraphStyle("b_link_url", s.small, spaceAfter=1, splitLongWords=1)



    def render(self) -> bytes:
        ev = self.ev
        title = ev.title + (f" – {ev.subtitle}" if ev.subtitle else "")
        doc = Document(
            self.pagesize,
            title=f"{plain(title)} – {self.tr('doc.booklet')}",
            author=ev.host,
            subject=self.tr("doc.booklet"),
            lang=self.lang,
            header=plain(ev.title),
            header_right=self.tr("doc.booklet"),
            margins=self.margins,
            keywords=ev.id,
            cover_note=plain(ev.host or ""),
            date=ev.date,
        )
        story: list[Flowable] = []
        story += self.cover()
        story += [NextPageTemplate("normal"), PageBreak()]
        story += self.introduction()
        story += self.programme()
        if self.kit.workshops:
            # the ateliers follow one another; each is kept on one page when it fits on one
            story.append(PageBreak())
            story += [KeptBlock(self.workshop(w)) for w in self.kit.workshops]
        links = event_links(self.kit)
        if links:
            # further reading follows the last atelier (on its page when it fits there)
            if not self.kit.workshops:
                story.append(PageBreak())
            story.append(KeptBlock([Spacer(0, 4 * mm), self.h1(self.tr("doc.event_links")),
                                    *[self.link_row(ln) for ln in links]]))
        if self.followed(self.kit.plan.commitments if self.kit.plan else ()):
            story.append(PageBreak())
            story += self.status_table()
        if self.a5:
            # folded A5 sheets: the page count is a multiple of 4, completed with notes pages
            story.append(FillPages(self.notes_page, multiple=4, minimum=1))
        else:
            for _ in range(2):
                story += [PageBreak(), *self.notes_page()]
        return doc.render(story)

    def notes_page(self) -> list[Flowable]:
        return [self.h1(self.tr("doc.notes_page")), RuledLines()]

    @staticmethod
    def followed(commitments) -> list[Commitment]:
        """The commitments whose follow-up the kit gives (a status or a schedule): the status
        table and an atelier's « Engagements traités » list only these. A forum that prepares
        a plan (2021) links its ateliers to commitments that did not exist yet when the
        booklet was printed: nothing is printed for them."""
        return [c for c in commitments if c is not None and (c.status or c.schedule)]

    def heading_text(self, field: str, key: str) -> str:
        return getattr(self.ev.headings, field) or self.tr(key)

    def h1(self, title: str, markup: str | None = None, level: int = 0) -> Flowable:
        return heading(markup or text(title, styled=True), self.s.h1, outline=plain(title), level=level)

    # --- cover ---------------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        ev = self.ev
        out: list[Flowable] = []
        img = self.logo_image()
        out.append(Spacer(0, (14 if self.a5 else 24) * mm))
        if img is not None:
            out += [img, Spacer(0, 10 * mm)]
        else:
            out.append(Spacer(0, 18 * mm))
        out.append(heading(text(ev.title, styled=True), self.cover_title, outline=plain(ev.title)))
        if ev.subtitle:
            out.append(Paragraph(self.typo(ev.subtitle), self.cover_sub))
        out.append(Spacer(0, 6 * mm))
        # « Cour des Comptes, Paris, 27 mai 2021 », then the hours, as the 2021 covers print them
        day = long_date(ev.date, self.lang)
        facts = [f"{ev.venue}, {day}" if ev.venue else day]
        if ev.start:
            facts.append(span(ev.start, ev.end, self.lang))
        for f in facts:
            out.append(Paragraph(self.typo(f), self.cover_facts))
        if ev.address:
            out.append(Paragraph(self.typo(ev.address), self.cover_facts))
        out.append(Spacer(0, (40 if self.a5 else 70) * mm))
        band = table([[Paragraph(text(self.tr("doc.booklet"), styled=True), self.cover_kind)]], [self.width], [
            ("BACKGROUND", (0, 0), (-1, -1), ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ])
        out.append(band)
        return out

    def logo_image(self) -> Flowable | None:
        if not self.logo:
            return None
        try:
            from reportlab.lib.utils import ImageReader

            reader = ImageReader(io.BytesIO(self.logo))
            w, h = reader.getSize()
        except Exception:  # a broken logo never stops the booklet
            return None
        if not w or not h:
            return None
        max_w, max_h = 45 * mm, 26 * mm
        scale = min(max_w / w, max_h / h)
        img = Image(io.BytesIO(self.logo), width=w * scale, height=h * scale)
        img.hAlign = "LEFT"
        return img

    # --- about, purpose, criteria, notice ------------------------------------------------------
    def introduction(self) -> list[Flowable]:
        ev, s = self.ev, self.s
        out: list[Flowable] = []
        if ev.about:
            out.append(self.h1(self.heading_text("about", "doc.about")))
            out += render_blocks(blocks(ev.about, self.lang), s)
        if ev.purpose:
            out.append(self.h1(self.heading_text("purpose", "doc.purpose")))
            out += render_blocks(blocks(ev.purpose, self.lang), s)
        if ev.criteria or ev.criteria_intro or ev.criteria_note:
            out.append(self.h1(self.heading_text("criteria", "doc.criteria")))
            if ev.criteria_intro:
                out += render_blocks(blocks(ev.criteria_intro, self.lang), s)
            out += [bullet(self.typo(c), s, 0) for c in ev.criteria]
            if ev.criteria_note:
                out.append(Spacer(0, 1.5 * mm))
                out.append(self.box(in_cell(render_blocks(blocks(ev.criteria_note, self.lang), s))))
        if ev.example:
            out += self.example(ev.example)
        return out

    def example(self, ex: Example) -> list[Flowable]:
        """The sample commitment: number, title, labelled texts, then its actions table."""
        s = self.s
        out: list[Flowable] = [self.h1(self.heading_text("example", "doc.example"))]
        if ex.intro:  # the sentence that introduces the sample stays with it
            out += render_blocks(blocks(ex.intro, self.lang), s, style=self.kept)
        if ex.id:
            out.append(Paragraph(text(self.tr("doc.example_number", id=ex.id).upper(), styled=True),
                                 self.kicker))
        out.append(Paragraph(self.typo(ex.title, True), s.h2))
        for fact in ex.facts:
            label = f"<b>{self.typo(self.tr('doc.fact_label', label=fact.label), True)}</b>"
            body = render_blocks(blocks(fact.text, self.lang), s)
            first = body[0] if body else None
            if isinstance(first, Paragraph) and not getattr(first, "bulletText", None):
                # « Enjeux : La science ouverte … »: the label opens the first paragraph
                body[0] = Paragraph(f"{label} {first.text}", first.style)
            else:
                body.insert(0, Paragraph(label, s.body))
            out += body
        if ex.actions:
            # the caption is the table's first row (a heading kept with a long table would move
            # the whole table to the next page); caption and column heads repeat on each page
            head = []
            if ex.actions_title:
                head.append([Paragraph(text(ex.actions_title, bold=True), s.cell), ""])
            head.append([Paragraph(text(self.tr("doc.example_actions").upper()), s.cell_head),
                         Paragraph(text(self.tr("doc.example_due").upper()), s.cell_head)])
            rows = list(head)
            for a in ex.actions:
                rows.append([Paragraph(f'{colored("•", ACCENT)} {self.typo(a.text)}', s.cell),
                             Paragraph(self.typo(a.due or "—"), s.cell)])
            due = max((22 if self.a5 else 30) * mm,
                      time_width([self.tr("doc.example_due").upper()], s.cell_head) + 9)
            top = len(head) - 1  # the column heads' row
            caption = [("SPAN", (0, 0), (-1, 0))] if top else []
            out.append(table(rows, [self.width - due, due], split_in_row=False, style_cmds=[
                *caption,
                ("BACKGROUND", (0, top), (-1, top), ACCENT),
                ("ROWBACKGROUNDS", (0, top + 1), (-1, -1), [colors.white, ACCENT_LIGHT]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, top), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ], repeat_rows=len(head)))
        return out

    def box(self, content: list[Flowable], background=ACCENT_LIGHT) -> Flowable:
        return table([[content]], [self.width], [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ])

    # --- programme -----------------------------------------------------------------------------
    def programme(self) -> list[Flowable]:
        items = self.kit.programme
        if not items:
            return []
        s = self.s
        out: list[Flowable] = [Spacer(0, 2 * mm),
                               self.h1(self.heading_text("programme", "doc.programme"))]
        rows = []
        spans = [span(it.time, it.end, self.lang) for it in items]
        for it, when in zip(items, spans, strict=True):
            cell = cell_paragraphs(f"<b>{self.typo(it.title, True)}</b>", s.cell)
            if it.place:
                cell += cell_paragraphs(self.typo(it.place), self.cell_muted)
            if it.speakers:
                cell += cell_paragraphs(f"{text(self.tr('doc.speakers'))} "
                                        f"{self.typo(', '.join(it.speakers))}", s.cell)
            if it.detail:
                cell += in_cell(render_blocks(blocks(it.detail, self.lang), s, style=s.cell))
            rows.append([Paragraph(f"<b>{text(when)}</b>", self.cell_time), cell])
        # the time column fits its longest span on one line (« 14h15–16h30 », never « 16h / 30 »)
        tw = max((20 if self.a5 else 26) * mm, time_width(spans, self.cell_time) + 7)
        out.append(table(rows, [tw, self.width - tw], [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        if self.ev.notice:  # « À noter », inside the programme, as printed in 2021
            out.append(Spacer(0, 2 * mm))
            out.append(self.box(cell_paragraphs(
                f"<b>{text(self.tr('doc.notice'))}</b> {self.typo(self.ev.notice)}", s.body)))
        return out

    @property
    def cell_muted(self) -> ParagraphStyle:
        return ParagraphStyle("b_cell_muted", self.s.cell, textColor=GREY)

    @property
    def cell_time(self) -> ParagraphStyle:
        return ParagraphStyle("b_cell_time", self.s.cell, textColor=ACCENT,
                              fontSize=self.s.size * 1.05)

    # --- one atelier ---------------------------------------------------------------------------
    def workshop(self, w: Workshop) -> list[Flowable]:
        s = self.s
        label = self.tr("doc.workshop", number=w.number)
        out: list[Flowable] = [
            Paragraph(text(label.upper(), styled=True), self.kicker),
            heading(self.typo(w.title, True), s.h1, outline=f"{label} – {plain(w.title)}", level=0),
        ]
        if w.question and plain(w.question).strip() != plain(w.title).strip():
            out.append(self.box(cell_paragraphs(self.typo(w.question, True), self.question)))
            out.append(Spacer(0, 2 * mm))
        if w.pilot:
            pilots = format_list(list(w.pilot), locale=self.lang)
            out.append(Paragraph(f"<b>{text(self.tr('doc.pilots' if len(w.pilot) > 1 else 'doc.pilot'))}</b> "
                                 f"{self.typo(pilots)}", s.body))
        if w.room or w.start:
            where = " · ".join(x for x in (w.room, span(w.start, w.end, self.lang)) if x)
            out.append(Paragraph(f"<b>{text(self.tr('doc.room_time'))}</b> {self.typo(where)}",
                                 s.body))
        if w.facilitators:
            out.append(Paragraph(f"<b>{text(self.tr('doc.facilitators'))}</b> "
                                 f"{self.typo(', '.join(w.facilitators))}", s.body))
        if w.context:
            out.append(Paragraph(text(self.tr("doc.context").rstrip(" :\u00a0")), s.label))
            out += render_blocks(blocks(w.context, self.lang), s)
        followed = self.followed(self.kit.commitment(cid) for cid in w.commitments)
        if followed:
            out.append(Paragraph(text(self.tr("doc.commitments_treated")), s.label))
            for c in followed:
                out.append(bullet(self.commitment_line(c.id), s, 0))
        if w.organisations:
            out.append(Paragraph(text(self.tr("doc.organisations")), s.label))
            out.append(Paragraph(self.typo(", ".join(w.organisations)), s.body))
        if w.readings:
            out.append(Paragraph(text(self.tr("doc.readings")), s.label))
            out += [self.link_row(ln) for ln in w.readings]
        if w.online:
            out.append(Paragraph(text(self.tr("doc.online")), s.label))
            out += [self.link_row(ln) for ln in w.online]
        return out

    def commitment_line(self, cid: str) -> str:
        c = self.kit.commitment(cid)
        title = (c.short_title or c.title) if c else cid
        line = self.typo(self.tr("doc.commitment_line", id=cid, title=title))
        if c and (c.status or c.schedule):
            line += " " + self.status_markup(c)
        return line

    def status_markup(self, c: Commitment) -> str:
        parts = []
        if c.status:
            parts.append(colored(f"<b>{text(self.tr('status.' + c.status))}</b>",
                                 STATUS_COLORS.get(c.status, GREY)))
        if c.schedule:
            parts.append(colored(text(self.tr("schedule." + c.schedule)), GREY))
        return "(" + " · ".join(parts) + ")"

    # --- links with their QR code --------------------------------------------------------------
    def link_row(self, ln: Link) -> Flowable:
        s = self.s
        qr = QRCode(ln.url)
        info: list[Flowable] = [
            Paragraph(f'{colored("→", ACCENT)} {self.typo(ln.title)}', self.link_title),
            Paragraph(link(ln.url), self.link_url),
        ]
        if ln.note:
            info.append(Paragraph(self.typo(ln.note), s.muted))
        qw = qr.size + 3 * mm
        return table([[qr, info]], [qw, self.width - qw], keep=self.frame_height, style_cmds=[
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ])

    # --- status table --------------------------------------------------------------------------
    def status_table(self) -> list[Flowable]:
        s = self.s
        plan = self.kit.plan
        out: list[Flowable] = [self.h1(self.tr("doc.status_table"))]
        intro = plan.title
        if plan.status_date:
            intro += f" – {long_date(plan.status_date, self.lang)}"
        out.append(Paragraph(self.typo(intro), s.muted))
        out.append(Spacer(0, 2 * mm))
        head = [Paragraph(text(self.tr(k)), s.cell_head)
                for k in ("doc.number", "doc.commitment_col", "doc.status", "doc.schedule")]
        rows = [head]
        for c in plan.commitments:
            status = (colored(f"<b>{text(self.tr('status.' + c.status))}</b>",
                              STATUS_COLORS.get(c.status, GREY)) if c.status else "—")
            schedule = text(self.tr("schedule." + c.schedule)) if c.schedule else "—"
            rows.append([
                Paragraph(f"<b>{text(c.id)}</b>", s.cell),
                Paragraph(self.typo(c.short_title or c.title), s.cell),
                Paragraph(status, s.cell),
                Paragraph(schedule, s.cell),
            ])
        n, st, sc = (9 if self.a5 else 12) * mm, (21 if self.a5 else 28) * mm, (21 if self.a5 else 28) * mm
        widths = [n, self.width - n - st - sc, st, sc]
        out.append(table(rows, widths, [
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ACCENT_LIGHT]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ], repeat_rows=1))
        return out
