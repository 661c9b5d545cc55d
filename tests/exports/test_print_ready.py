"""Print-ready PDFs, measured from the PDFs themselves: folded A5 booklets on a multiple of 4
pages, no near-empty page, dates from the event, only embedded fonts, a linked table of
contents; and the 2021 booklets as published (line coverage of the seed's annexes)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

import kits
from exports.content import restitution
from exports.pdf.booklet import BookletRenderer
from exports.pdf.restitution import render_restitution
from exports.pdf.sheets import SheetsRenderer
from facilitator.i18n import tr
from facilitator.kit import load_kit
from tests.exports.pdf_support import outline, page_fill, pages_text, reader, toc_entries
from tests.exports.seed_support import SEED_2021, booklet_annexes, coverage, without_running_heads

MIN_FILL = 0.30
BOOKLETS_2021 = ("forum-open-etat-2021-1", "forum-open-etat-2021-2")  # annex 1, annex 2 of seed 002


@pytest.fixture(scope="module", params=kits.BUNDLED)
def booklet(request):
    kit = load_kit(kits.kit_path(request.param))
    r = BookletRenderer(kit)
    return kit, r, r.render()


@pytest.fixture(scope="module", params=kits.BUNDLED)
def sheets(request):
    kit = load_kit(kits.kit_path(request.param))
    r = SheetsRenderer(kit)
    return kit, r, r.render()


@pytest.fixture(scope="module")
def restitution_pdf(tmp_path_factory):
    from facilitator.demo import create_demo

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(tmp_path_factory.mktemp("home")))
        mp.setenv("FACILITATOR_DEVICE", "laptop-test")
        ev = create_demo(tmp_path_factory.mktemp("demo") / "demo.facilitator")
        try:
            content = restitution(ev)
            yield content, render_restitution(content)
        finally:
            ev.close()


def frame(r) -> tuple[float, float]:
    """(top, bottom) of the renderer's body frame, in points from the page's foot."""
    height = r.pagesize[1] if hasattr(r, "pagesize") else 841.89
    return height - r.margins[2], r.margins[3]


def part_ends(pdf: bytes, starts: set[str]) -> set[int]:
    """Pages that end a part: the page before one where a part (a bookmark title in ``starts``)
    begins, and the last page."""
    firsts = {page for title, page in outline(pdf) if title in starts}
    return {p - 1 for p in firsts if p > 0} | {len(reader(pdf).pages) - 1}


def booklet_part_starts(kit) -> set[str]:
    """The booklet's parts: the introduction, the ateliers and further reading, the status
    table, notes."""
    lang = kit.event.language
    out = {tr(k, lang) for k in ("doc.status_table", "doc.notes_page")}
    if kit.workshops:
        w = kit.workshops[0]
        out.add(f"{tr('doc.workshop', lang, number=w.number)} – {w.title}")
    return out


# --- page count and fill ----------------------------------------------------------------------

def test_a5_booklet_page_count_is_a_multiple_of_4_completed_with_notes(booklet):
    kit, r, pdf = booklet
    texts = pages_text(pdf)
    assert len(texts) % 4 == 0, len(texts)
    notes = tr("doc.notes_page", kit.event.language)
    first_notes = next(i for i, t in enumerate(texts) if notes in t.splitlines())
    # the notes pages close the booklet; none before them is blank or a notes page
    assert all(notes in t.splitlines() for t in texts[first_notes:])
    assert first_notes >= len(texts) - 4
    top, bottom = frame(r)
    fills = page_fill(pdf, top, bottom)
    assert all(f > 0.05 for f in fills[:first_notes]), fills


def test_no_booklet_page_is_near_empty_but_the_last_of_a_part(booklet):
    kit, r, pdf = booklet
    top, bottom = frame(r)
    fills = page_fill(pdf, top, bottom)
    ends = part_ends(pdf, booklet_part_starts(kit))
    notes = tr("doc.notes_page", kit.event.language)
    texts = pages_text(pdf)
    low = [(i + 1, round(f, 2)) for i, f in enumerate(fills)
           if f < MIN_FILL and i not in ends and notes not in texts[i].splitlines()]
    assert low == [], low


def test_facilitator_sheets_one_page_per_atelier_no_lone_headings(sheets):
    kit, r, pdf = sheets
    top, bottom = frame(r)
    fills = page_fill(pdf, top, bottom)
    starts = {f"{tr('doc.workshop', kit.event.language, number=w.number)} – {w.title}"
              for w in kit.workshops}
    ends = part_ends(pdf, starts)
    low = [(i + 1, round(f, 2)) for i, f in enumerate(fills) if f < MIN_FILL and i not in ends]
    assert low == [], low
    # the bundled ateliers each fit on one sheet (a little smaller when need be)
    assert len(fills) == len(kit.workshops)


def test_programme_times_never_break(booklet):
    kit, _r, pdf = booklet
    from exports.pdf.base import span

    text = "\n".join(pages_text(pdf))
    for it in kit.programme:
        assert span(it.time, it.end, kit.event.language) in text.split(), it


# --- metadata, fonts, contents ----------------------------------------------------------------

def pdf_date(day: dt.date) -> str:
    return f"D:{day:%Y%m%d}000000+00'00'"


def test_booklet_and_sheets_dates_are_the_events_and_reproducible(booklet, sheets):
    for kit, r, pdf in (booklet, sheets):
        meta = reader(pdf).metadata
        assert meta["/CreationDate"] == meta["/ModDate"] == pdf_date(kit.event.date)
        assert type(r)(kit).render() == pdf  # the same bytes on every run


def test_restitution_dates_are_the_restitutions(restitution_pdf):
    content, pdf = restitution_pdf
    meta = reader(pdf).metadata
    assert content.date != dt.date(2000, 1, 1)
    assert meta["/CreationDate"] == meta["/ModDate"] == pdf_date(content.date)


def declared_fonts(pdf: bytes) -> set[tuple[str, bool]]:
    """(base font name, embedded) of every font a page or one of its forms declares."""
    out: set[tuple[str, bool]] = set()

    def walk(resources, seen):
        if resources is None or id(resources) in seen:
            return
        seen.add(id(resources))
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.add((str(font["/BaseFont"]).lstrip("/").split("+")[-1], embedded))
        for xobj in (resources.get("/XObject") or {}).values():
            walk(xobj.get_object().get("/Resources"), seen)

    for page in reader(pdf).pages:
        walk(page.get("/Resources"), set())
    return out


def test_only_embedded_dejavu_fonts(booklet, sheets, restitution_pdf):
    for pdf in (booklet[2], sheets[2], restitution_pdf[1]):
        fonts = declared_fonts(pdf)
        assert fonts and all(name.startswith("DejaVuSans") and embedded for name, embedded in fonts), fonts


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_pdffonts_lists_no_helvetica(booklet, tmp_path):
    path = tmp_path / "booklet.pdf"
    path.write_bytes(booklet[2])
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True,
                             timeout=60).stdout
    assert "Helvetica" not in listing and "DejaVuSans" in listing


def test_contents_lines_link_to_their_pages(restitution_pdf):
    _content, pdf = restitution_pdf
    r = reader(pdf)
    entries = toc_entries(pdf, 1, "SOMMAIRE")
    pages = [p.indirect_reference for p in r.pages]
    targets = []
    for annot in r.pages[1].get("/Annots") or []:
        a = annot.get_object()
        dest = a.get("/Dest")
        if a.get("/Subtype") == "/Link" and dest is not None:
            rect = [float(x) for x in a["/Rect"]]
            dest = dest.get_object()  # [page, /XYZ, left, top, zoom]: the heading's place
            assert str(dest[1]) == "/XYZ"
            targets.append((-rect[3], pages.index(dest[0])))  # top to bottom
    assert [page for _y, page in sorted(targets)] == [page - 1 for _title, page in entries]


# --- the 2021 booklets as published -------------------------------------------------------------

@pytest.mark.skipif(not SEED_2021.exists(), reason="the seed documents are not beside the repository")
@pytest.mark.parametrize(("name", "annex"), [(n, i) for i, n in enumerate(BOOKLETS_2021)])
def test_2021_booklet_prints_95_percent_of_its_published_lines(name, annex):
    lines = booklet_annexes()[annex]
    assert len(lines) > 100  # the annex was found whole
    kit = load_kit(kits.kit_path(name))
    pdf = BookletRenderer(kit).render()
    printed = without_running_heads(pages_text(pdf), kit.event.title, tr("doc.booklet", "fr"))
    found, missing = coverage(lines, printed)
    assert found / len(lines) >= 0.95, (f"{found}/{len(lines)}", missing)
