"""What the three PDF documents share: styles, safe markup from runs, the page template with its
running header and "n / N" footer, bookmarks and table-of-contents entries, metadata.

A renderer builds a list of flowables and hands it to ``Document.render()``, which returns the
PDF bytes (``invariant=1``: the same input always gives the same bytes).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable, FrameBreak

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


# --- times ----------------------------------------------------------------------------------

def clock(t: dt.time | None, lang: str) -> str:
    """« 13h45 » / « 14h » in French (as printed in the 2021 booklets), 13:45 in English: the one
    form of a time in every PDF document."""
    if t is None:
        return ""
    if lang == "fr":
        return f"{t.hour}h{t.minute:02d}" if t.minute else f"{t.hour}h"
    return f"{t.hour:02d}:{t.minute:02d}"


def span(start: dt.time | None, end: dt.time | None, lang: str) -> str:
    """« 14h15–16h30 » (a column of times is made wide enough for its longest span: see
    ``time_width``)."""
    if start and end:
        return f"{clock(start, lang)}–{clock(end, lang)}"
    return clock(start, lang)


def time_width(spans: Iterable[str], style: ParagraphStyle, bold: bool = True) -> float:
    """The width a column needs to print each of ``spans`` on one line in ``style``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = fonts.BOLD if bold else style.fontName
    return max((stringWidth(s, font, style.fontSize) for s in spans), default=0.0) + 1


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


def para(markup: str, style: ParagraphStyle, **kw) -> Flowable:
    return long_paragraph(markup, style, **kw)


def bullet(markup: str, styles: Styles, depth: int) -> Flowable:
    return long_paragraph(markup, styles.bullet(depth), bulletText=styles.bullet_char(depth))


# --- long texts ---------------------------------------------------------------------------------
# reportlab wraps a paragraph again, whole, each time it splits it at a page end: a text of n pages
# costs n wraps of what remains, so time grows with the square of its length (a 100 kB note took
# 15 s, 1 MB minutes). A long text is cut into pieces of about a page, at spaces (inside a word
# only when a word is longer than a piece), its inline marks closed and reopened at each cut: each
# piece is wrapped a bounded number of times, and the cost is linear.

PIECE = 3_000  # characters of markup per piece: less than an A5 page of body text
_TOKEN = re.compile(r"(<[^>]*>)")


def pieces(markup: str, limit: int = PIECE) -> list[str]:
    """``markup`` (reportlab's inline XML) cut into valid pieces of about ``limit`` characters."""
    if len(markup) <= limit:
        return [markup]
    out: list[str] = []
    current: list[str] = []
    size = 0
    open_tags: list[tuple[str, str]] = []  # (name, opening tag)

    def cut() -> None:
        nonlocal size
        out.append("".join(current) + "".join(f"</{name}>" for name, _ in reversed(open_tags)))
        current.clear()
        current.extend(tag for _, tag in open_tags)
        size = 0

    for token in _TOKEN.split(markup):
        if not token:
            continue
        if token.startswith("<"):
            name = token.strip("</>").split()[0] if token.strip("</>") else ""
            if token.startswith("</"):
                if open_tags and open_tags[-1][0] == name:
                    open_tags.pop()
            elif not token.endswith("/>"):
                open_tags.append((name, token))
            current.append(token)
            continue
        while size + len(token) > limit:
            room = max(limit - size, 0)
            at = token.rfind(" ", 0, room + 1)
            if at <= 0:
                if size:  # the word goes whole to the next piece when it fits there
                    cut()
                    continue
                at = room  # a word longer than a piece: cut inside it, never inside an entity
                amp = token.rfind("&", 0, at)
                if amp != -1 and token.find(";", amp) >= at:
                    at = amp or token.find(";", amp) + 1
            current.append(token[:at])
            token = token[at:].lstrip(" ") if token[at:at + 1] == " " else token[at:]
            cut()
        current.append(token)
        size += len(token)
    if _TOKEN.sub("", "".join(current)).strip():  # (not only the marks reopened after a cut)
        out.append("".join(current))
    return out


class LongParagraph(Flowable):
    """One paragraph made of ``pieces`` (see above): drawn as one; split by pieces."""

    def __init__(self, parts: list[Paragraph]):
        super().__init__()
        self.parts = parts

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = sum(sum(p.wrap(availWidth, availHeight)[1:]) + (p.getSpaceAfter() if i < len(self.parts) - 1 else 0)
                          for i, p in enumerate(self.parts))
        return availWidth, self.height

    def getSpaceBefore(self):
        return self.parts[0].getSpaceBefore()

    def getSpaceAfter(self):
        return self.parts[-1].getSpaceAfter()

    def split(self, availWidth, availHeight):
        first, rest = self.parts[0], self.parts[1:]
        _, h = first.wrap(availWidth, availHeight)
        if h <= availHeight:
            return [first, *rest]
        head = first.split(availWidth, availHeight)
        return [*head, *rest] if head else []

    def draw(self):
        y = self.height
        for i, p in enumerate(self.parts):
            _, h = p.wrap(self.width, y)
            y -= h
            p.drawOn(self.canv, 0, y)
            if i < len(self.parts) - 1:
                y -= p.getSpaceAfter()


def long_paragraph(markup: str, style: ParagraphStyle, bulletText: str | None = None, **kw) -> Flowable:
    parts = pieces(markup)
    if len(parts) == 1:
        return Paragraph(markup, style, bulletText=bulletText, **kw)
    middle = ParagraphStyle(f"{style.name}-piece", style, spaceBefore=0, spaceAfter=0, firstLineIndent=0)
    last = ParagraphStyle(f"{style.name}-last", style, spaceBefore=0, firstLineIndent=0)
    first = ParagraphStyle(f"{style.name}-first", style, spaceAfter=0)
    return LongParagraph([
        Paragraph(part, first if i == 0 else last if i == len(parts) - 1 else middle,
                  bulletText=bulletText if i == 0 else None, **kw)
        for i, part in enumerate(parts)
    ])


def cell_paragraphs(markup: str, style: ParagraphStyle, **kw) -> list[Flowable]:
    """A text placed in a table cell, of any length: its pieces (see ``pieces``) are the cell's
    paragraphs, between which the table splits its row at a page end (``table``'s splitInRow)."""
    return in_cell([long_paragraph(markup, style, **kw)])


def in_cell(flowables: list[Flowable]) -> list[Flowable]:
    """Flowables for a table cell: a long text's pieces given one by one (a cell splits between
    its flowables, never inside one of ours)."""
    return [part for f in flowables for part in (f.parts if isinstance(f, LongParagraph) else [f])]


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
          split_in_row: bool = True, **kw) -> Table:
    """A table whose rows split across pages (``splitInRow``): no cell is ever too big.

    ``keep``: the frame height; the table then moves whole to the next page when it fits there.
    ``split_in_row=False``: short rows (a few lines each) are kept whole, the table splitting
    between them only.
    """
    common = dict(colWidths=col_widths, repeatRows=repeat_rows, splitByRow=1,
                  splitInRow=1 if split_in_row else 0, hAlign="LEFT", **kw)
    t = KeptTable(data, keep=keep, **common) if keep else Table(data, **common)
    # cells' own font (text given as a string, empty cells): ours, never reportlab's Helvetica
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), *style_cmds]))
    return t


class KeptBlock(KeepTogether):
    """Flowables kept on one page when they fit on one: a block that does not fit in what is
    left of the page moves to the next one, unless the page would then stay under ``MIN_FILL``
    full — then it starts here and splits, so that no page is left near-empty. A block taller
    than a page always splits (its headings still keep with what follows them)."""

    MIN_FILL = 0.35  # a little above the 30 % a page must reach: text ends above its frame

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = self._content[:]
        frame = getattr(self, "_frame", None)
        if frame is None or self._H <= aH:
            return content
        full = frame._height - frame._topPadding - frame._bottomPadding
        at_top = getattr(frame, "_atTop", False)
        if self._H <= full and not at_top and (full - aH) >= self.MIN_FILL * full:
            return [FrameBreak(), *content]
        return content


class FillPages(ActionFlowable):
    """Ends the document on a page count that is a multiple of ``multiple`` (a booklet printed
    folded: 4), adding ``page()``'s flowables, one page each, after a page break: at least
    ``minimum`` of them. Decided once the rest is laid out, in the same single pass."""

    def __init__(self, page: Callable[[], list[Flowable]], multiple: int = 4, minimum: int = 1):
        super().__init__()
        self.page = page
        self.multiple = multiple
        self.minimum = minimum

    def apply(self, doc):
        from reportlab.platypus import PageBreak

        done = doc.page
        count = self.minimum
        while (done + count) % self.multiple:
            count += 1
        extra: list[Flowable] = []
        for _ in range(count):
            extra += [PageBreak(), *self.page()]
        doc._story[0:0] = extra


def pdf_date(day: dt.date | None) -> Callable[..., str] | None:
    """A reportlab date formatter giving ``day`` (midnight UTC) whatever the clock says: the
    creation and modification dates of a document are its event's, the same on every run."""
    if day is None:
        return None
    stamp = f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"
    return lambda *_ymdhms: stamp


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
        # the whole line links to its heading (a named destination defined when it is laid out)
        c.linkRect("", contents_destination(self.key), (0, 0, self.width, self.height),
                   relative=1, thickness=0)


def contents_form(key: str) -> str:
    return "toc" + "".join(ch if ch.isalnum() else "_" for ch in key)


def contents_destination(key: str) -> str:
    return "to_" + contents_form(key)


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
                 cover_note: str = "", date: dt.date | None = None):
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
        self.date = date
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
        formatter = pdf_date(self.date)
        if formatter is not None:
            c.setDateFormatter(formatter)

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
        # the bookmark shows the heading at the top of the window (its frame position)
        frame = getattr(self, "frame", None)
        top = None
        if frame is not None:
            top = frame._y + getattr(flowable, "height", 0) + flowable.getSpaceAfter()
        if top is None:
            self.canv.bookmarkPage(mark)
        else:
            self.canv.bookmarkPage(mark, fit="XYZ", left=0, top=top)
        self.canv.addOutlineEntry(title, mark, level=level, closed=level > 0)
        if key is not None and key not in self.contents_pages:
            self.contents_pages[key] = self.page
            if top is None:
                self.canv.bookmarkPage(contents_destination(key))
            else:
                self.canv.bookmarkPage(contents_destination(key), fit="XYZ", left=0, top=top)

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
        self._story = story  # FillPages adds its pages to what remains of it
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
