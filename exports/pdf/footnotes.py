"""Footnotes at the foot of the page, for ReportLab, which has none of its own.

A text's ``^[…]`` footnote (``exports.markup``) becomes a superscript number where it is called
(``Footnotes.call``, numbered in document order) and the note is printed at the foot of the page
where the call lands. A paragraph that calls notes asks its frame for its own height plus its
notes' (so it moves to the next page with its notes when they do not fit); once placed, the frame's
bottom is raised by the notes' height and the notes are drawn there when the page ends. A
paragraph split across pages keeps each note with the piece that calls it.
"""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from exports.pdf import fonts
from exports.pdf.base import GREY, RULE, Document, LongParagraph

RULE_SPACE = 8.0  # the short rule above the notes of a page, with its spacing
_CALL = re.compile(r'<a name="fn(\d+)"/>')


class Footnotes:
    """The notes of one document, numbered in the order their calls are made."""

    def __init__(self, style: ParagraphStyle):
        self.style = style
        self.markup: dict[int, str] = {}

    def call(self, note_markup: str) -> str:
        """The superscript call of a new note; ``note_markup`` is the note's Paragraph markup."""
        n = len(self.markup) + 1
        self.markup[n] = note_markup
        return f'<a name="fn{n}"/><super>{n}</super>'

    def paragraph(self, n: int) -> Paragraph:
        return Paragraph(f"<super>{n}</super>{NBSP}{self.markup[n]}", self.style)

    def attach(self, story: list[Flowable], width: float, height: float) -> list[Flowable]:
        """The story with every paragraph that calls notes made a ``NoteCaller``. A paragraph
        whose notes would take more than a third of a page (``width`` × ``height``: the frame)
        has them printed right after it instead, in small print: no page can overflow."""
        out: list[Flowable] = []
        # a long text's pieces (base.LongParagraph) call their own notes: each piece a paragraph
        flat = [part for f in story for part in (f.parts if isinstance(f, LongParagraph) else [f])]
        for f in flat:
            out.append(f)
            if isinstance(f, Paragraph) and not isinstance(f, NoteCaller):
                numbers = [int(n) for n in _CALL.findall(getattr(f, "text", "") or "")]
                if not numbers:
                    continue
                f.__class__ = NoteCaller
                f._notes = numbers
                f._footnotes = self
                if f.notes_height(width) > height / 3:
                    f._notes = []
                    out += [self.paragraph(n) for n in numbers]
        return out


NBSP = "\u00a0"


class NoteCaller(Paragraph):
    """A paragraph that calls footnotes (``_notes``: their numbers, ``_footnotes``: the notes)."""

    _notes: list[int]
    _footnotes: Footnotes

    def notes_height(self, width: float) -> float:
        if not self._notes:
            return 0.0
        h = RULE_SPACE
        for n in self._notes:
            p = self._footnotes.paragraph(n)
            h += p.wrap(width, 10_000)[1] + self._footnotes.style.spaceAfter
        return h

    def wrap(self, availWidth, availHeight):
        w, h = super().wrap(availWidth, availHeight)
        self._notes_h = self.notes_height(availWidth)
        self._text_h = h
        return w, h + self._notes_h

    def split(self, availWidth, availHeight):
        room = availHeight - self.notes_height(availWidth)
        pieces = super().split(availWidth, max(room, 0))
        if len(pieces) == 2:
            # each piece keeps the notes it calls: the calls are the superscript numbers
            first = _called(pieces[0], self._notes)
            for piece, notes in ((pieces[0], first), (pieces[1], [n for n in self._notes if n not in first])):
                piece.__class__ = NoteCaller
                piece._notes = notes
                piece._footnotes = self._footnotes
            # the first piece must leave room for its own notes only
            if pieces[0].wrap(availWidth, availHeight)[1] > availHeight:
                return []
        return pieces

    def drawOn(self, canvas, x, y, _sW=0):
        # drawn at the top of the space the frame gave it: the notes' share is below the text
        super().drawOn(canvas, x, y + getattr(self, "_notes_h", 0.0), _sW)


def _called(piece: Paragraph, numbers: list[int]) -> list[int]:
    """The notes among ``numbers`` whose call (a raised number) is in ``piece``."""
    texts = set()
    for frag in getattr(piece, "frags", None) or []:
        if getattr(frag, "rise", 0) and getattr(frag, "text", "").strip().isdigit():
            texts.add(int(frag.text.strip()))
    bl = getattr(piece, "blPara", None)
    for line in getattr(bl, "lines", None) or []:
        for w in getattr(line, "words", None) or []:
            if getattr(w, "rise", 0) and getattr(w, "text", "").strip().isdigit():
                texts.add(int(w.text.strip()))
    return [n for n in numbers if n in texts]


class FootnoteDocument(Document):
    """A ``Document`` that prints, at the foot of each page, the notes its paragraphs call."""

    footnotes: Footnotes | None = None

    def afterFlowable(self, flowable):
        super().afterFlowable(flowable)
        if isinstance(flowable, NoteCaller) and flowable._notes:
            frame = self.frame
            h = getattr(flowable, "_notes_h", 0.0)
            frame._y += h  # the text ends here; its notes take the foot of the page
            frame._y1p += h
            self._page_notes = getattr(self, "_page_notes", []) + list(flowable._notes)

    def afterPage(self):
        super().afterPage()
        notes = getattr(self, "_page_notes", [])
        self._page_notes = []
        for template in self.pageTemplates:
            for frame in template.frames:
                frame._geom()  # the next page starts with the whole frame
        if not notes or self.footnotes is None:
            return
        c = self.canv
        paras = [self.footnotes.paragraph(n) for n in notes]
        heights = [p.wrap(self.width, 10_000)[1] for p in paras]
        gap = self.footnotes.style.spaceAfter
        y = self.bottomMargin + sum(heights) + gap * len(paras)
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(self.leftMargin, y + RULE_SPACE * 0.6, self.leftMargin + 45, y + RULE_SPACE * 0.6)
        c.restoreState()
        for p, h in zip(paras, heights, strict=True):
            y -= h
            p.drawOn(c, self.leftMargin, y)
            y -= gap


def note_style(base: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle("footnote", base, fontName=fonts.REGULAR, fontSize=base.fontSize * 0.8,
                          leading=base.fontSize * 1.0, spaceBefore=0, spaceAfter=1.5, textColor=GREY,
                          leftIndent=0, firstLineIndent=0)
