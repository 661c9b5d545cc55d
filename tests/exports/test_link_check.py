"""One link check for every renderer (issue 14, links): a note's URL that is not http(s) — a
``javascript:`` or ``file:`` URL arrived through a merge or an import — is printed as text in the
PDF, HTML, ODT and Markdown restitutions, never made a link."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from pypdf import PdfReader

from exports.content import NoteNode, restitution
from exports.html import render_html
from exports.markdown import render_markdown
from exports.markup import is_safe_url
from exports.odt import render_odt

HOSTILE = ("javascript:alert(1)", "file:///etc/passwd", "JaVaScRiPt:alert(2)", "data:text/html,x",
           "http:/pas-d-hote", "https://exemple.fr/\u202eevil")
SAFE = "https://www.exemple.fr/page"


@pytest.fixture
def content(demo):
    c = restitution(demo)
    w = c.workshops[0]
    section = w.sections[0]
    node = NoteNode("hostile", "Une note avec des liens", (*HOSTILE, SAFE), None, (), 0)
    section = dataclasses.replace(section, notes=(node, *section.notes))
    w = dataclasses.replace(w, sections=(section, *w.sections[1:]))
    return dataclasses.replace(c, workshops=(w, *c.workshops[1:]))


def test_the_one_check():
    for url in HOSTILE:
        assert not is_safe_url(url), url
    for url in (SAFE, "HTTP://EXEMPLE.FR", "http://exemple.fr/a_b_(c)"):
        assert is_safe_url(url), url
    assert not is_safe_url("") and not is_safe_url(None) and not is_safe_url("https://a b.fr")


def test_pdf_links_are_http_only(content):
    from exports.pdf.restitution import render_restitution

    reader = PdfReader(io.BytesIO(render_restitution(content)))
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", ())
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]]
    assert SAFE in uris
    assert all(u.startswith(("http://", "https://")) for u in uris), uris
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "javascript:alert(1)" in text and "file:///etc/passwd" in text  # printed as text


def test_html_links_are_http_only(content):
    page = render_html(content)
    assert f'href="{SAFE}"' in page
    for url in HOSTILE:
        assert f'href="{url}' not in page
    assert "javascript:alert(1)" in page


def test_odt_links_are_http_only(content):
    with zipfile.ZipFile(io.BytesIO(render_odt(content))) as z:
        xml = z.read("content.xml").decode("utf-8")
    assert f'xlink:href="{SAFE}"' in xml
    assert "xlink:href=\"javascript" not in xml.lower() and 'xlink:href="file' not in xml
    assert "javascript:alert(1)" in xml


def test_markdown_links_are_http_only(content):
    md = render_markdown(content)
    assert f"<{SAFE}>" in md
    for url in HOSTILE:
        assert f"<{url}>" not in md and f"]({url}" not in md
    assert "javascript:alert(1)" in md.replace("\\", "")
