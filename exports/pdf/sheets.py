"""The facilitator sheets (A4, one or two pages per atelier): the guiding question in large type,
the running order with clock times computed from the atelier's start, the commitments with their
status, the prepared items of every section with the section's hint as a prompt (« Relances »),
and a QR code to the atelier's online access.
"""

from __future__ import annotations

import datetime as dt

from babel.lists import format_list
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, Spacer

from exports.markup import plain
from exports.pdf import fonts
from exports.pdf.base import (
    ACCENT,
    ACCENT_LIGHT,
    GREY,
    RULE,
    STATUS_COLORS,
    Document,
    Renderer,
    Styles,
    bullet,
    cell_paragraphs,
    clock,
    colored,
    heading,
    link,
    nested_bullets,
    span,
    table,
    text,
)
from exports.pdf.qr import QRCode
from facilitator.i18n import long_date
from facilitator.kit.model import Item, Kit, Workshop

NBSP = "\u00a0"


def render_sheets(kit: Kit) -> bytes:
    """One facilitator sheet per atelier of ``kit``, as PDF bytes."""
    return SheetsRenderer(kit).render()


def schedule(w: Workshop, default_start: dt.time | None,
             lang: str = "fr") -> list[tuple[str, str, int]]:
    """(clock span « 14h15–15h » or "", phase title, minutes) for each phase of ``w``: times in
    the one form of every document (``exports.pdf.base.clock``)."""
    start = w.start or default_start
    out = []
    if start is None:
        return [("", p.title, p.minutes) for p in w.phases]
    t = dt.datetime.combine(dt.date(2000, 1, 1), start)
    for p in w.phases:
        end = t + dt.timedelta(minutes=p.minutes)
        out.append((f"{clock(t.time(), lang)}–{clock(end.time(), lang)}", p.title, p.minutes))
        t = end
    return out


class SheetsRenderer(Renderer):
    def __init__(self, kit: Kit):
        self.kit = kit
        self.ev = kit.event
        self.lang = kit.event.language
        self.s = Styles(10)
        s = self.s
        self.margins = (18 * mm, 18 * mm, 22 * mm, 18 * mm)
        self.width = A4[0] - 36 * mm
        self.frame_height = A4[1] - 40 * mm
        self.kicker = ParagraphStyle("s_kicker", s.body, fontName=fonts.BOLD, fontSize=9.5,
                                     textColor=GREY, spaceAfter=2, keepWithNext=1)
        self.title = ParagraphStyle("s_title", s.h1, fontSize=17, leading=21, spaceAfter=6)
        self.question = ParagraphStyle("s_question", s.body, fontName=fonts.BOLD, fontSize=17,
                                       leading=22, textColor=ACCENT, spaceAfter=0)
        self.prompt = ParagraphStyle("s_prompt", s.body, fontName=fonts.ITALIC, textColor=GREY,
                                     leftIndent=s.size * 1.6, spaceAfter=4)
        self.prompt_kept = ParagraphStyle("s_prompt_kept", self.prompt, keepWithNext=1)
        self.time_cell = ParagraphStyle("s_time", s.cell, fontName=fonts.BOLD, fontSize=10.5,
                                        leading=13, textColor=ACCENT)
        self.phase_cell = ParagraphStyle("s_phase", s.cell, fontSize=10.5, leading=13)
        self.qr_caption = ParagraphStyle("s_qr", s.small, fontSize=7, leading=8.5,
                                         splitLongWords=1)



    def render(self) -> bytes:
        ev = self.ev
        doc = Document(
            A4,
            title=f"{plain(ev.title)} – {self.tr('doc.sheet')}",
            author=ev.host,
            subject=self.tr("doc.sheet"),
            lang=self.lang,
            header=f"{plain(ev.title)} · {long_date(ev.date, self.lang)}",
            header_right=self.tr("doc.sheet"),
            margins=self.margins,
            keywords=ev.id,
            cover=False,
            date=ev.date,
        )
        story: list[Flowable] = []
        for i, w in enumerate(self.kit.workshops):
            if i:
                story.append(PageBreak())
            story += self.fitted(self.sheet(w))
        if not self.kit.workshops:
            story.append(Paragraph(text(ev.title, styled=True), self.title))
        return doc.render(story)

    # A sheet a little taller than a page is printed slightly smaller on one page rather than
    # leave a heading or two alone on a second one; a longer one flows on (headings kept with
    # what follows them).
    MIN_SCALE = 0.85

    def fitted(self, content: list[Flowable]) -> list[Flowable]:
        heights = []
        for f in content:
            _w, h = f.wrap(self.width, self.frame_height)
            heights.append(h + f.getSpaceBefore() + f.getSpaceAfter())
        if sum(heights) <= self.frame_height or sum(heights) * self.MIN_SCALE > self.frame_height:
            return content
        # the headings that make the bookmarks stay outside (a frame inside a frame hides its
        # flowables from the document), at full size
        head = 0
        while head < len(content) and any(hasattr(f, "_facilitator_outline") for f in content[head:]):
            head += 1
        room = self.frame_height - sum(heights[:head]) - 1
        return [*content[:head], KeepInFrame(self.width, room, content[head:], mode="shrink")]

    # --- one atelier ---------------------------------------------------------------------------
    def sheet(self, w: Workshop) -> list[Flowable]:
        label = self.tr("doc.workshop", number=w.number)
        outline = f"{label} – {plain(w.title)}"
        kicker = text(f"{self.tr('doc.sheet')} · {label}".upper(), styled=True)
        if w.question and plain(w.question).strip() == plain(w.title).strip():
            # the 2021 ateliers are named by their question: print it once, in large type
            out: list[Flowable] = [heading(kicker, self.kicker, outline=outline)]
        else:
            out = [Paragraph(kicker, self.kicker),
                   heading(self.typo(w.title, True), self.title, outline=outline)]
        facts: list[Flowable] = []
        when = self.when(w)
        if w.room:
            facts += self.fact("doc.sheet_room", self.typo(w.room))
        if when:
            facts += self.fact("doc.sheet_time", text(when))
        if w.pilot:
            facts += cell_paragraphs(f"<b>{text(self.tr('doc.pilots' if len(w.pilot) > 1 else 'doc.pilot'))}</b> "
                                     f"{self.typo(format_list(list(w.pilot), locale=self.lang))}",
                                     self.s.body)
        if w.facilitators:
            facts += self.fact("doc.facilitators", self.typo(", ".join(w.facilitators)))
        if w.organisations:
            facts += self.fact("doc.organisations", self.typo(", ".join(w.organisations)))
        codes: list[Flowable] = []
        for ln in w.online:
            codes += [QRCode(ln.url), Paragraph(link(ln.url), self.qr_caption), Spacer(0, 2 * mm)]
        if codes:
            qw = max(c.size for c in codes if isinstance(c, QRCode)) + 4 * mm
            out.append(table([[facts or [Spacer(0, 0)], codes]], [self.width - qw, qw], [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, -1), 4 * mm),
            ], keep=self.frame_height))
        else:
            out += facts
        if w.question:
            out.append(Spacer(0, 3 * mm))
            out.append(table([[cell_paragraphs(self.typo(w.question, True), self.question)]], [self.width], [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                ("LINEBEFORE", (0, 0), (0, -1), 4, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 11),
            ]))
        out += self.phases(w)
        out += self.commitments(w)
        out += self.prepared(w)
        return out

    def fact(self, key: str, markup: str) -> list[Flowable]:
        return cell_paragraphs(f"<b>{text(self.tr(key))}</b> {markup}", self.s.body)

    def when(self, w: Workshop) -> str:
        start = w.start or self.ev.start
        if start is None:
            return ""
        end = w.end
        if end is None and w.phases:
            t = dt.datetime.combine(dt.date(2000, 1, 1), start)
            end = (t + dt.timedelta(minutes=w.total_minutes)).time()
        return span(start, end, self.lang)

    def phases(self, w: Workshop) -> list[Flowable]:
        if not w.phases:
            return []
        rows = []
        for when, title, minutes in schedule(w, self.ev.start, self.lang):
            rows.append([Paragraph(text(when), self.time_cell),
                         Paragraph(self.typo(title), self.phase_cell),
                         Paragraph(text(self.tr("doc.minutes", minutes=minutes)), self.s.cell)])
        total = sum(p.minutes for p in w.phases)
        rows.append([Paragraph("", self.s.cell), Paragraph("", self.s.cell),
                     Paragraph(f"<b>{text(self.tr('doc.minutes', minutes=total))}</b>",
                               self.s.cell)])
        widths = [32 * mm, self.width - 52 * mm, 20 * mm]
        return [Paragraph(text(self.tr("doc.phases")), self.s.h3), table(rows, widths, [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -3), 0.4, RULE),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ])]

    def commitments(self, w: Workshop) -> list[Flowable]:
        if not w.commitments:
            return []
        out: list[Flowable] = [Paragraph(text(self.tr("doc.commitments_treated")), self.s.h3)]
        for cid in w.commitments:
            c = self.kit.commitment(cid)
            line = self.typo(self.tr("doc.commitment_line", id=cid, title=c.title if c else cid))
            extra = []
            if c and c.status:
                extra.append(colored(f"<b>{text(self.tr('status.' + c.status))}</b>",
                                     STATUS_COLORS.get(c.status, GREY)))
            if c and c.schedule:
                extra.append(colored(text(self.tr("schedule." + c.schedule)), GREY))
            if extra:
                line += " — " + " · ".join(extra)
            out.append(bullet(line, self.s, 0))
        return out

    def prepared(self, w: Workshop) -> list[Flowable]:
        s = self.s
        out: list[Flowable] = [Paragraph(text(self.tr("doc.prepared")), s.h3)]
        for sec in self.kit.sections:
            out.append(Paragraph(f"{colored('►', ACCENT)} <b>{self.typo(sec.title, True)}</b>", s.h4))
            items = w.prepared_for(sec.id)
            if sec.hint:
                # the prompt keeps with the section's first item, as its heading keeps with it
                out.append(Paragraph(f"<b>{text(self.tr('doc.prompts'))}{NBSP if self.lang == 'fr' else ''}:</b> "
                                     f"{self.typo(sec.hint)}", self.prompt_kept if items else self.prompt))
            if items:
                out += self.items(items)
        if not any(items for _, items in w.prepared):
            out.append(Paragraph(text(self.tr("doc.no_prepared"), italic=True), s.muted))
        return out

    def items(self, roots: tuple[Item, ...]) -> list[Flowable]:
        return nested_bullets(roots, lambda it: it.items, self.item, self.s)

    def item(self, it: Item) -> str:
        body = self.typo(it.text) if it.text.strip() else ""
        if it.url and it.url not in it.text:
            body = f"{body}{NBSP}: {link(it.url)}" if body else link(it.url)
        return body

