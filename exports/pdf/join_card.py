"""The card « Rejoindre l'événement » (A4, one page): what a note-taker needs to join the hub of
a networked event — the QR code of the join code, the code written out, the steps in the app and
on the command line, and a warning that the code gives access to the notes.

The join code is the one document that carries the secret: it is printed for the note-takers
and nowhere else (not in the event's exports, the logs or the status).
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from exports.markup import plain
from exports.pdf import fonts
from exports.pdf.base import ACCENT, ACCENT_LIGHT, GREY, Document, Renderer, Styles, text
from exports.pdf.qr import QRCode
from facilitator.i18n import long_date
from facilitator.kit.model import Kit

QR_WIDTH = 90 * mm


def render_join_card(kit: Kit, code: str, where: str) -> bytes:
    """The card for the hub at ``where`` (address:port) and its ``code``, as PDF bytes."""
    return JoinCardRenderer(kit, code, where).render()


def _breakable(code: str, width: int = 48) -> list[str]:
    return [code[i:i + width] for i in range(0, len(code), width)]


class JoinCardRenderer(Renderer):
    def __init__(self, kit: Kit, code: str, where: str):
        self.kit = kit
        self.ev = kit.event
        self.lang = kit.event.language
        self.code = code
        self.where = where
        self.s = Styles(11)
        s = self.s
        self.margins = (20 * mm, 20 * mm, 22 * mm, 20 * mm)
        self.width = A4[0] - 40 * mm
        self.kicker = ParagraphStyle("j_kicker", s.body, fontName=fonts.BOLD, fontSize=10, textColor=GREY,
                                     spaceAfter=2)
        self.title = ParagraphStyle("j_title", s.h1, fontSize=26, leading=31, spaceAfter=4)
        self.event = ParagraphStyle("j_event", s.body, fontSize=13, leading=17, spaceAfter=10)
        self.step = ParagraphStyle("j_step", s.body, fontSize=11, leading=15, leftIndent=7 * mm,
                                   bulletIndent=0, spaceAfter=5, bulletFontName=fonts.BOLD,
                                   bulletColor=ACCENT)
        self.code_style = ParagraphStyle("j_code", s.body, fontName=fonts.REGULAR, fontSize=9.5, leading=12.5,
                                         spaceAfter=0)
        self.warning = ParagraphStyle("j_warn", s.body, fontSize=10, leading=13.5, textColor=GREY)

    def render(self) -> bytes:
        ev = self.ev
        title = self.tr("join.card_title")
        doc = Document(A4, title=f"{plain(ev.title)} – {title}", author=ev.host, subject=title, lang=self.lang,
                       header=f"{plain(ev.title)} · {long_date(ev.date, self.lang)}", header_right=title,
                       margins=self.margins, keywords=ev.id, cover=False)
        story: list[Flowable] = [
            Paragraph(text(self.tr("join.card_kicker").upper(), styled=True), self.kicker),
            Paragraph(text(title, styled=True), self.title),
            Paragraph(self.typo(f"{plain(ev.title)} · {long_date(ev.date, self.lang)}"), self.event),
        ]
        qr = QRCode(self.code, min_width=QR_WIDTH, link=False)
        qr.hAlign = "CENTER"
        story += [qr, Spacer(1, 6 * mm)]
        steps = [self.tr("join.card_step_network", where=self.where), self.tr("join.card_step_app"),
                 self.tr("join.card_step_cli")]
        for i, step in enumerate(steps, 1):
            story.append(Paragraph(text(step), self.step, bulletText=f"{i}."))
        story.append(Spacer(1, 3 * mm))
        lines = "<br/>".join(text(line) for line in _breakable(self.code))
        box = Table([[Paragraph(text(self.tr("join.card_code"), bold=True), self.s.small)],
                     [Paragraph(lines, self.code_style)]], colWidths=[self.width])
        box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                                 ("TOPPADDING", (0, 0), (-1, 0), 3 * mm), ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm)]))
        story += [box, Spacer(1, 5 * mm), Paragraph(text(self.tr("join.card_warning")), self.warning)]
        return doc.render(story)
