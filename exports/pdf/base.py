"""What the three PDF documents share: styles, safe markup from runs, the page template with its
running header and "n / N" footer, bookmarks and table-of-contents entries, metadata.

A renderer builds a list of flowables and hands it to ``Document.render()``, which returns the
PDF bytes (``invariant=1``: the same input always gives the same bytes).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from exports.markup import Block, Bullets, Run, is_safe_url, runs
from exports.markup import Paragraph as TextParagraph
from exports.pdf import fonts
from exports.pdf.qr import encode_url
from facilitator.i18n import tr

ACCENT = colors.HexColor("#1f3a93")  # titles
ACCENT_LIGHT = colors.HexColor("#e8ecf7")  # tinted boxes
LINK = colors.HexColor("#1a56b8")
GREY = colors.HexColor("#5f6368")
RULE = colors.HexColor("#b8bfcc")
BULLETS = ("•", "–", "◦", "▪")

STATUS_COLORS = {
    "non-demarre": colors.HexColor("#c0392b"),
    "partiel": colors.HexColor("#d68910"),
    "substantiel": colors.HexColor("#2874a6"),
    "complet": colors.HexColor("#1e8449"),
}
DECISION_COLORS = {
    "retenue": colors.HexColor("#1e8449"),
    "a-l-etude": colors.HexColor("#d68910"),
    "non-retenue": colors.HexColor("#c0392b"),
    None: GREY,
}


# --- markup ------------------------------------------------------------------------------------

def attr(value: str) -> str:
    return fonts.escape(value).replace('"', "&quot;")


def link(url: str, text: str | None = None, styled: bool = False) -> str:
    """A clickable link, printed as written (``text`` defaults to the URL itself); a URL that is
    not http(s) (``exports.markup.is_safe_url``) is printed as text, never made clickable."""
    if not is_safe_url(url):
        return fonts.markup(text if text is not None else url, styled)
    return (f'<a href="{attr(encode_url(url))}" color="{hexcolor(LINK)}">'
            f"{fonts.markup(text if text is not None else url, styled)}</a>")


def rich(runs: Iterable[Run], bold: bool = False, styled: bool = False, notes=None) -> str:
    """Runs (already typographed by exports.markup) as Paragraph markup.

    ``styled``: the paragraph's own font is bold or italic (headings, questions).
    ``notes``: where footnotes go (``exports.pdf.footnotes.Footnotes``); without it a footnote is
    printed in parentheses where it is called.
    """
    out = []
    for r in runs:
        if r.note is not None:
            body = rich(r.note)
            out.append(notes.call(body) if notes is not None else f" ({body})")
            continue
        face = styled or bold or r.bold or r.italic
        t = link(r.url, r.text, face) if r.url else fonts.markup(r.text, face)
        if r.sup:
            t = f"<super>{t}</super>"
        if r.italic:
            t = f"<i>{t}</i>"
        if r.bold or bold:
            t = f"<b>{t}</b>"
        out.append(t)
    return "".join(out)


def text(value: str, bold: bool = False, italic: bool = False, styled: bool = False) -> str:
    t = fonts.markup(value, styled or bold or italic)
    if italic:
        t = f"<i>{t}</i>"
    if bold:
        t = f"<b>{t}</b>"
    return t


def hexcolor(color) -> str:
    return "#" + color.hexval()[2:]


def colored(value: str, color) -> str:
    return f'<font color="{hexcolor(color)}">{value}</font>'


# --- styles ------------------------------------------------------------------------------------

class Styles:
    """Paragraph styles at a base size (10 pt for A4 documents, 9 pt for the A5 booklet)."""

    def __init__(self, size: float = 10.0):
        fonts.register()
        self.size = size
        lead = size * 1.38
        base = ParagraphStyle(
            "body", fontName=fonts.REGULAR, fontSize=size, leading=lead, spaceAfter=size * 0.55,
            alignment=TA_LEFT, splitLongWords=1, allowWidows=0, allowOrphans=0,
        )
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=size * 0.85, leading=size * 1.15,
                                    spaceAfter=size * 0.3)
        self.muted = ParagraphStyle("muted", self.small, textColor=GREY)
        self.h1 = ParagraphStyle("h1", base, fontName=fonts.BOLD, fontSize=size * 1.7,
                                 leading=size * 2.1, textColor=ACCENT, spaceBefore=size * 0.6,
                                 spaceAfter=size * 1.0, keepWithNext=1)
        self.h2 = ParagraphStyle("h2", base, fontName=fonts.BOLD, fontSize=size * 1.3,
                                 leading=size * 1.65, textColor=ACCENT, spaceBefore=size * 1.4,
                                 spaceAfter=size * 0.7, keepWithNext=1)
        self.h3 = ParagraphStyle("h3", base, fontName=fonts.BOLD, fontSize=size * 1.08,
                                 leading=size * 1.45, spaceBefore=size * 0.9, spaceAfter=size * 0.45,
                                 keepWithNext=1)
        self.h4 = ParagraphStyle("h4", base, fontSize=size * 1.02, leading=size * 1.4,
                                 spaceBefore=size * 0.8, spaceAfter=size * 0.4, keepWithNext=1)
        self.label = ParagraphStyle("label", base, fontName=fonts.BOLD, textColor=ACCENT,
                                    spaceBefore=size * 0.5, spaceAfter=size * 0.25, keepWithNext=1)
        self.centered = ParagraphStyle("centered", base, alignment=TA_CENTER)
        self.cell = ParagraphStyle("cell", base, fontSize=size * 0.9, leading=size * 1.18,
                                   spaceAfter=0)
        self.cell_head = ParagraphStyle("cell_head", self.cell, fontName=fonts.BOLD,
                                        textColor=colors.white)
        self._bullets: dict[int, ParagraphStyle] = {}

    def bullet(self, depth: int) -> ParagraphStyle:
        """Bullet style for nesting ``depth`` (0 = top): each level indented, the step shrinking
        past 10 levels; past 50 levels the indent stops growing, so that a note thousands of
        levels deep keeps room for its text on the page."""
        style = self._bullets.get(depth)
        if style is None:
            step = self.size * 1.6
            indent = step * min(depth, 10) + step * 0.25 * max(0, min(depth - 10, 40))
            style = ParagraphStyle(
                f"bullet{depth}", self.body, leftIndent=indent + step, bulletIndent=indent,
                spaceAfter=self.size * 0.3, bulletFontName=fonts.REGULAR,
                bulletFontSize=self.size, bulletColor=ACCENT if depth == 0 else GREY,
            )
            self._bullets[depth] = style
        return style

    def bullet_char(self, depth: int) -> str:
        return BULLETS[depth % len(BULLETS)]


def render_blocks(blocks: list[Block], styles: Styles, depth: int = 0,
                  style: ParagraphStyle | None = None, notes=None) -> list[Flowable]:
    """Paragraphs and bullet lists of a text field, with their inline marks and links
    (``notes``: as in ``rich``)."""
    out: list[Flowable] = []
    for b in blocks:
        if isinstance(b, TextParagraph):
            out.append(para(rich(b.runs, notes=notes), style or styles.body))
        elif isinstance(b, Bullets):
            for item in b.items:
                out.append(bullet(rich(item, notes=notes), styles, depth))
    return out


def para(markup: str, style: ParagraphStyle, **kw) -> Paragraph:
    return Paragraph(markup, style, **kw)


def bullet(markup: str, styles: Styles, depth: int) -> Paragraph:
    return Paragraph(markup, styles.bullet(depth), bulletText=styles.bullet_char(depth))


def nested_bullets(roots, children, markup, styles: Styles) -> list[Paragraph]:
    """A tree (notes, prepared items) as nested bullets in document order: ``markup(node)`` for
    each node, ``children(node)`` below it. Iterative: no recursion limit on depth."""
    out: list[Paragraph] = []
    stack = [(n, 0) for n in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        out.append(bullet(markup(node), styles, depth))
        stack.extend((ch, depth + 1) for ch in reversed(children(node)))
    return out


def heading(markup: str, style: ParagraphStyle, outline: str | None = None, level: int = 0,
            toc: str | None = None) -> Paragraph:
    """A heading that becomes a bookmark (``outline`` is its plain title) and, with a ``toc``
    key, the page of that key's table-of-contents line."""
    p = Paragraph(markup, style)
    if outline is not None:
        p._facilitator_outline = (outline, level, toc)
    return p


class KeptTable(Table):
    """A table kept in one piece (moved to the next page) unless it is taller than a page:
    then, and only then, it splits, inside rows if need be."""

    def __init__(self, *args, keep: float | None = None, **kw):
        super().__init__(*args, **kw)
        self._keep = keep  # None for the pieces reportlab makes when it splits the table

    def split(self, availWidth, availHeight):
        if self._keep is not None:
            self._calc(availWidth, availHeight)
            if self._height <= self._keep:
                return []
        return super().split(availWidth, availHeight)


def table(data, col_widths, style_cmds, repeat_rows: int = 0, keep: float | None = None,
          **kw) -> Table:
    """A table whose rows split across pages (``splitInRow``): no cell is ever too big.

    ``keep``: the frame height; the table then moves whole to the next page when it fits there.
    """
    common = dict(colWidths=col_widths, repeatRows=repeat_rows, splitByRow=1, splitInRow=1,
                  hAlign="LEFT", **kw)
    t = KeptTable(data, keep=keep, **common) if keep else Table(data, **common)
    t.setStyle(TableStyle(style_cmds))
    return t


# --- document ----------------------------------------------------------------------------------

class ContentsLine(Flowable):
    """One line of the table of contents: the title, dot leaders, and the page number, which is
    a form XObject filled in once the whole document is laid out. One layout pass suffices (a
    multiBuild would lay every note out twice)."""

    def __init__(self, markup: str, key: str, style: ParagraphStyle, number_width: float = 28):
        super().__init__()
        self.key = key
        self.number_width = number_width
        self.para = Paragraph(markup, style)
        self.style = style

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        _w, h = self.para.wrap(availWidth - self.number_width - 6, availHeight)
        self.height = h
        return availWidth, h

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def draw(self):
        c = self.canv
        self.para.drawOn(c, 0, 0)
        lines = self.para.blPara.lines
        last = lines[-1] if lines else None
        extra = getattr(last, "extraSpace", None)
        if extra is None and isinstance(last, tuple):
            extra = last[0]
        text_width = self.width - self.number_width - 6
        end = text_width - (extra or 0)
        baseline = self.para.height - self.style.fontSize - self.style.leading * (len(lines) - 1)
        c.saveState()
        c.setFont(fonts.REGULAR, self.style.fontSize)
        c.setFillColor(GREY)
        dot = c.stringWidth(". ", fonts.REGULAR, self.style.fontSize)
        x = end + 4
        count = int((self.width - self.number_width - x) // dot)
        if count > 0:
            c.drawRightString(self.width - self.number_width, baseline, ". " * count)
        c.restoreState()
        c.saveState()
        c.translate(self.width, baseline)
        c.doForm(contents_form(self.key))
        c.restoreState()


def contents_form(key: str) -> str:
    return "toc" + "".join(ch if ch.isalnum() else "_" for ch in key)


PAGE_TOTAL_FORM = "pagetotal"


class Document(BaseDocTemplate):
    """A4 or A5 document: a cover page template without header, and a normal one with the
    running header (``header``) and the footer page number ("n / N" when ``page_total``).

    One layout pass: the page total and the table of contents' page numbers are form XObjects
    drawn where they belong and defined once the last page is known.
    """

    def __init__(self, pagesize, *, title: str, author: str | None, subject: str, lang: str,
                 header: str, margins: tuple[float, float, float, float], keywords: str = "",
                 header_right: str = "", cover: bool = True, page_total: bool = False,
                 cover_note: str = ""):
        self._buffer = io.BytesIO()
        left, right, top, bottom = margins
        super().__init__(
            self._buffer, pagesize=pagesize, leftMargin=left, rightMargin=right, topMargin=top,
            bottomMargin=bottom, title=title, author=author or "", subject=subject,
            creator="facilitator", producer="facilitator (ReportLab)", keywords=keywords,
            lang=lang, invariant=1, initialFontName=fonts.REGULAR,
        )
        fonts.register()
        self.lang = lang
        self.header = header
        self.header_right = header_right
        self.page_total = page_total
        self.cover_note = cover_note
        self.contents_pages: dict[str, int] = {}
        self._outline_seq = 0
        frame = Frame(left, bottom, self.width, self.height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        cover_frame = Frame(left, bottom, self.width, self.height, id="cover", leftPadding=0,
                            rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [
            PageTemplate("cover", [cover_frame], onPage=self._on_cover),
            PageTemplate("normal", [frame], onPage=self._on_page),
        ]
        # the first template is the first page's
        self.addPageTemplates(templates if cover else templates[::-1])

    def beforeDocument(self):
        self._outline_seq = 0
        c = self.canv
        c.setViewerPreference("DisplayDocTitle", "true")
        c.showOutline()

    def _on_cover(self, canv, doc):
        """An accent band across the top; the event's facts at the foot of the page."""
        w, h = self.pagesize
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.rect(0, h - 9 * mm, w, 9 * mm, stroke=0, fill=1)
        if self.cover_note:
            size = self._footer_size()
            y = self.bottomMargin
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(self.leftMargin, y + size * 1.8, w - self.rightMargin, y + size * 1.8)
            canv.setFont(fonts.REGULAR, size)
            canv.setFillColor(GREY)
            note = fonts.drawable(self.cover_note)
            while note and canv.stringWidth(note, fonts.REGULAR, size) > self.width:
                note = note[:-2] + "…"
            canv.drawString(self.leftMargin, y, note)
        canv.restoreState()

    def _footer_size(self) -> float:
        return 7.5 if self.pagesize[0] < 450 else 8.5

    def _on_page(self, canv, doc):
        w, h = self.pagesize
        canv.saveState()
        size = self._footer_size()
        canv.setFont(fonts.REGULAR, size)
        canv.setFillColor(GREY)
        y = h - self.topMargin + size * 2.2
        canv.drawString(self.leftMargin, y, fonts.drawable(self.header))
        if self.header_right:
            canv.drawRightString(w - self.rightMargin, y, fonts.drawable(self.header_right))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(self.leftMargin, y - size * 0.6, w - self.rightMargin, y - size * 0.6)
        page = canv.getPageNumber()
        fy = self.bottomMargin - size * 3
        if self.page_total:
            from facilitator.i18n import tr

            before = tr("doc.page_of", self.lang, page=page, total="\0").split("\0")[0]
            # "12 / " ends just left of the centre, the total (a form, known at the end) follows
            canv.drawRightString(w / 2 + size * 0.3, fy, before.rstrip() + " ")
            canv.translate(w / 2 + size * 0.3, fy)
            canv.doForm(PAGE_TOTAL_FORM)
        else:
            canv.drawCentredString(w / 2, fy, str(page))
        canv.restoreState()

    def afterFlowable(self, flowable):
        info = getattr(flowable, "_facilitator_outline", None)
        if info is None:
            return
        title, level, key = info
        self._outline_seq += 1
        mark = f"h{self._outline_seq}"
        self.canv.bookmarkPage(mark)
        self.canv.addOutlineEntry(title, mark, level=level, closed=level > 0)
        if key is not None:
            self.contents_pages.setdefault(key, self.page)

    def _define_forms(self, contents_keys: list[str]) -> None:
        c = self.canv
        size = self._footer_size()
        total = c.getPageNumber() - 1  # the canvas is on the (empty) page after the last
        if self.page_total:
            from facilitator.i18n import tr

            after = tr("doc.page_of", self.lang, page=0, total="\0").split("\0")[1]
            c.beginForm(PAGE_TOTAL_FORM, lowerx=-20, lowery=-20, upperx=200, uppery=40)
            c.setFont(fonts.REGULAR, size)
            c.setFillColor(GREY)
            c.drawString(0, 0, f"{total}{after}")
            c.endForm()
        for key in contents_keys:
            # right-aligned on the form's origin: the bounding box must reach left of it
            c.beginForm(contents_form(key), lowerx=-200, lowery=-20, upperx=20, uppery=40)
            c.setFont(fonts.REGULAR, self.contents_size)
            c.drawRightString(0, 0, str(self.contents_pages.get(key, "")))
            c.endForm()

    contents_size = 10.0

    def render(self, story: list[Flowable], contents_keys: Iterable[str] = ()) -> bytes:
        self._doSave = 0
        self.build(story)
        self._define_forms(list(contents_keys))
        self.canv.save()
        return self._buffer.getvalue()


class Renderer:
    """What every PDF renderer shares: labels and kit text in the document's language."""

    lang: str

    def tr(self, key: str, **kw) -> str:
        return tr(key, self.lang, **kw)

    def typo(self, value: str, styled: bool = False) -> str:
        """Kit text with its marks, French typography, links: as Paragraph markup
        (``styled``: in a bold or italic font)."""
        return rich(runs(value, self.lang), styled=styled)
