"""The restitution annex generated from the bundled 2016 kit and demo notes, read back from the PDF
with pdftotext, against the annex of the published restitution (seeds/000_…).

The expected text is the seed's: every bullet and paragraph of its annex, in order, must be in the
PDF as the same kind of item (a bullet after a bullet mark, a paragraph without one), with the same
characters (spaces and line breaks aside) and nothing else between two items than bullet marks and
the headings of the document. Nothing of the expected text is written here.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from exports.content import restitution
from exports.pdf.base import BULLETS
from exports.pdf.restitution import render_restitution
from facilitator.i18n import tr
from tests.facilitator.test_demo_seed import SEED, norm

pytestmark = [
    pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not beside the repository"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
]

SPACES = re.compile(r"[ \t\u00a0\u202f\u2009]+")


def seed_items() -> list[tuple[str, bool]]:
    """(text, is a bullet) of every item of the seed's annex, in order."""
    lines = SEED.read_text("utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("# RESTITUTION DES CINQ"))
    items: list[list] = []
    section = current = None
    for ln in lines[start + 1:]:
        if re.match(r"## ATELIER \d", ln):
            section = current = None
            continue
        if not ln.strip():
            current = None
            continue
        body = re.sub(r"^\s*(-\s+)?(#+\s*)?", "", ln)
        if body.startswith(("►", "▶")):  # a section heading
            section, current = body, None
            continue
        if section is None:  # « Accès en ligne », « Engagements traités »
            continue
        is_bullet = ln.lstrip().startswith("- ")
        if not is_bullet and current is not None and not ln.lstrip().startswith("#"):
            current[0] += " " + ln.strip()
            continue
        current = [re.sub(r"^\s*(-\s+|#+\s*)", "", ln), is_bullet]
        items.append(current)
    return [(SPACES.sub(" ", norm(t).replace("**", "").replace("*", "")).strip(), b) for t, b in items]


def _pattern(item: str) -> str:
    """The item as it may come out of pdftotext: a line break wherever a line was wrapped."""
    out = []
    for ch in item:
        out.append(r"[ \n]+" if ch == " " else re.escape(ch) + r"\n?")
    return "".join(out)


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", SPACES.sub(" ", s))


def compare(pdf_text: str, items: list[tuple[str, bool]], headings: list[str]):
    """(number of items found exactly, list of the others with the reason)."""
    text = SPACES.sub(" ", pdf_text).replace("’", "'")
    glyphs = "".join(BULLETS)
    heads = sorted({squeeze(h) for h in headings if h.strip()}, key=len, reverse=True)
    pos, exact, wrong = 0, 0, []
    for t, is_bullet in items:
        m = re.compile(_pattern(t)).search(text, pos)
        if m is None:
            wrong.append(("missing", t))
            continue
        gap = squeeze(text[pos:m.start()])
        for h in heads:
            gap = gap.replace(h, "")
        before = squeeze(text[:m.start()])[-1:]
        if is_bullet != (before in glyphs and before != ""):
            wrong.append(("bullet" if is_bullet else "paragraph", t))
        elif gap.strip(glyphs):
            wrong.append((f"preceded by {gap[:80]!r}", t))
        else:
            exact += 1
        pos = m.end()
    return exact, wrong


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from facilitator.demo import create_demo

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(tmp_path_factory.mktemp("home")))
        ev = create_demo(tmp_path_factory.mktemp("demo") / "demo.facilitator")
        try:
            content = restitution(ev)
        finally:
            ev.close()
    path = tmp_path_factory.mktemp("pdf") / "restitution.pdf"
    path.write_bytes(render_restitution(content))
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    lang = content.lang
    part = content.workshops_title
    # the running header and the page numbers, which an item crossing a page break has inside it
    header = squeeze(content.title + tr("doc.restitution", lang).capitalize())
    out = "\n".join(ln for ln in out.splitlines()
                    if squeeze(ln) != header and not re.fullmatch(r"\s*\d+ / \d+\s*", ln))
    annex = out[list(re.finditer(_pattern(part), out))[-1].start():]  # the heading, not the SOMMAIRE's line
    headings = [part, tr("doc.online", lang)]
    for w in content.workshops:
        headings.append(w.heading)
        headings += [ln.url for ln in w.online] + [ln.title for ln in w.online]
        headings += [tr(k, lang) for k in ("doc.commitment_one", "doc.commitment_many")]
        headings += [tr("doc.commitment_line", lang, id=c.id, title=c.title) for c in w.commitments]
        for s in w.sections:
            headings += ["►", s.title + " :", s.hint or ""]
    return annex, headings


def test_the_annex_holds_the_2016_bullets_as_published(generated):
    annex, headings = generated
    items = seed_items()
    assert len(items) > 100
    exact, wrong = compare(annex, items, headings)
    print(f"2016 annex: {exact}/{len(items)} items exact ({exact / len(items):.1%})")
    assert exact / len(items) >= 0.98, f"{exact}/{len(items)} exact; " + "\n".join(map(str, wrong))
