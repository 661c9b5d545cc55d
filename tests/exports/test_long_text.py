"""Long texts (issue 14, crashes and hangs): reportlab wraps a paragraph again, whole, at every
page it is split, so a long note used to cost the square of its length (100 kB: 15 s). The PDF
renderers cut a long text into pieces at spaces (exports.pdf.base.pieces): every piece is valid
markup, nothing of the text is lost, and the wrapping work grows linearly with the text."""

from __future__ import annotations

import html
import re

import pytest
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from exports.content import restitution
from exports.pdf.base import PIECE, Styles, bullet, pieces
from exports.pdf.restitution import render_restitution
from facilitator.store import EventFile

from .pdf_support import pages_text

TAG = re.compile(r"<[^>]*>")


def words(n: int, seed: int = 1) -> str:
    import random

    r = random.Random(seed)
    out, size = [], 0
    while size < n:
        w = "".join(r.choice("abcdefghij") for _ in range(r.randint(2, 9)))
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n]


def plain(markup: str) -> str:
    return "".join(html.unescape(TAG.sub("", markup)).split())


@pytest.mark.parametrize("markup", [
    words(20_000),
    f"<b>{words(9_000)}</b> et <i>{words(9_000, 2)} &amp; <a href=\"https://exemple.fr/\">{words(7_000, 3)}</a></i>",
    "x" * 25_000,  # one word longer than many pieces
    ("&amp;" * 3_000) + " fin",  # entities are never cut
])
def test_pieces_are_valid_markup_and_keep_every_character(markup):
    parts = pieces(markup)
    assert len(parts) > 1
    style = Styles().body
    for part in parts:
        Paragraph(part, style)  # reportlab's parser raises on broken markup
        assert len(TAG.sub("", part)) <= PIECE
    assert "".join(plain(p) for p in parts) == plain(markup)


def test_a_short_text_is_one_piece():
    assert pieces("<b>court</b> texte") == ["<b>court</b> texte"]
    assert isinstance(bullet("court", Styles(), 0), Paragraph)


@pytest.fixture
def event_with_a_long_note(tmp_path):
    from facilitator.demo import create_demo

    path = tmp_path / "long.facilitator"
    create_demo(path, device="laptop-test").close()
    text = "DEBUT " + words(150_000) + " FIN"
    with EventFile.open(path, device="laptop-test") as ev:
        ev.add_note(ev.kit.workshops[0].number, ev.kit.sections[0].id, text)
    return path, text


def test_the_long_note_is_printed_whole_and_wrapped_linearly(event_with_a_long_note, monkeypatch):
    path, text = event_with_a_long_note
    measured = 0
    real = rl_paragraph.stringWidth

    def counting(text, *args, **kw):  # a spy on reportlab's line breaking: what it measures
        nonlocal measured
        measured += len(text)
        return real(text, *args, **kw)

    with EventFile.open(path, device="laptop-test") as ev:
        content = restitution(ev)
    monkeypatch.setattr(rl_paragraph, "stringWidth", counting)
    pdf = render_restitution(content)
    monkeypatch.undo()
    # every word of the note in the document, in order (running heads and page numbers between)
    printed = "".join("".join(pages_text(pdf)).split())
    at = 0
    for word in text.split():
        found = printed.find(word, at)
        assert found != -1, f"« {word} » missing after character {at}"
        at = found + len(word)
    # reportlab measured the note's text a bounded number of times (it was ~ pages / 2 times)
    assert measured < 8 * len(text), (measured, len(text))


def assert_printed_whole(pdf: bytes, text: str) -> None:
    """Every word of ``text`` found in the PDF's text, in order: its start and its end too."""
    printed = "".join("".join(pages_text(pdf)).split())
    at = 0
    for word in text.split():
        found = printed.find(word, at)
        assert found != -1, f"« {word} » missing after character {at}"
        at = found + len(word)


def test_huge_texts_in_the_booklet_and_sheets_boxes_are_printed_whole(kit_2021):
    """The booklet's « À noter » box, its criteria note and programme cells, the ateliers'
    question boxes: texts placed in a table cell, cut into pieces like any long text, so that a
    kit's 200,000-character notice neither breaks reportlab nor loses a word."""
    import dataclasses

    from exports.pdf.booklet import render_booklet
    from exports.pdf.sheets import render_sheets

    notice = "DEBUTNOTICE " + words(200_000) + " FINNOTICE"
    note = "DEBUTCRITERES " + words(10_000, 2) + " FINCRITERES"
    question = "DEBUTQUESTION " + words(10_000, 3) + " FINQUESTION"
    detail = "DEBUTDETAIL " + words(10_000, 4) + " FINDETAIL"
    kit = kit_2021
    ev = dataclasses.replace(kit.event, notice=notice, criteria_note=note)
    w = dataclasses.replace(kit.workshops[0], question=question)
    programme = (dataclasses.replace(kit.programme[0], detail=detail), *kit.programme[1:])
    kit = dataclasses.replace(kit, event=ev, workshops=(w, *kit.workshops[1:]), programme=programme)
    booklet = render_booklet(kit)
    for t in (notice, note, question, detail):
        assert_printed_whole(booklet, t)
    assert_printed_whole(render_sheets(kit), question)
