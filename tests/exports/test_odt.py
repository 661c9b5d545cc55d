"""ODT restitution: parses back, real heading and list styles, every note, links, language."""

from __future__ import annotations

import io
import zipfile

import pytest
from odf import teletype, text
from odf.namespaces import STYLENS, TEXTNS
from odf.opendocument import load

from exports.content import restitution
from exports.odt import render_odt
from facilitator.store import EventFile
from tests.exports.opendata_support import DEVICE, expected_text, make_demo, norm


@pytest.fixture(scope="module")
def odt(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    path = make_demo(folder)
    ev = EventFile.open(path, device=DEVICE)
    try:
        ev.add_note(1, "futurs", "contrôle \x07 <b>&amp;</b>  deux  espaces")
        content = restitution(ev)
        data = render_odt(content)
        notes = ev.notes()
    finally:
        ev.close()
    out = folder / "restitution.odt"
    out.write_bytes(data)
    return {"data": data, "doc": load(str(out)), "notes": notes, "content": content}


def _attr(el, ns, name):
    return el.attributes.get((ns, name))


def test_zip_layout_and_determinism(odt):
    z = zipfile.ZipFile(io.BytesIO(odt["data"]))
    first = z.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert {"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"} <= set(z.namelist())
    assert render_odt(odt["content"]) == odt["data"]


def test_heading_styles_with_outline_levels(odt):
    doc = odt["doc"]
    styles = {_attr(s, STYLENS, "name"): s for s in doc.styles.childNodes if s.qname[1] == "style"}
    for level in (1, 2, 3):
        s = styles[f"Heading_20_{level}"]
        assert _attr(s, STYLENS, "display-name") == f"Heading {level}"
        assert _attr(s, STYLENS, "default-outline-level") == str(level)
    headings = doc.getElementsByType(text.H)
    got = [(_attr(h, TEXTNS, "outline-level"), _attr(h, TEXTNS, "style-name"), norm(teletype.extractText(h)))
           for h in headings]
    assert ("1", "Heading_20_1", "Synthèse des propositions") in got
    assert ("2", "Heading_20_2", "ATELIER 1 – ÉVALUATION DES POLITIQUES PUBLIQUES") in got
    assert any(lvl == "3" and t.startswith("► Indicateurs de suivi :") for lvl, _s, t in got)
    for lvl, style, _t in got:
        assert style == f"Heading_20_{lvl}"


def test_language_and_list_style(odt):
    styles_xml = zipfile.ZipFile(io.BytesIO(odt["data"])).read("styles.xml").decode("utf-8")
    assert 'fo:language="fr"' in styles_xml and 'fo:country="FR"' in styles_xml
    assert '<text:list-style style:name="Notes"' in styles_xml
    assert styles_xml.count("<text:list-level-style-bullet") >= 10


def test_every_note_is_a_list_item_in_order(odt):
    doc = odt["doc"]
    items = []
    for li in doc.getElementsByType(text.ListItem):
        p = next(c for c in li.childNodes if c.qname == (TEXTNS, "p"))
        items.append(norm(teletype.extractText(p)))
    paragraphs = [norm(teletype.extractText(p)) for p in odt["doc"].getElementsByType(text.P)
                  if p.parentNode.qname != (TEXTNS, "list-item")]
    position = 0
    for row in odt["notes"]:
        want = expected_text(row).replace("\x07", "\ufffd")
        if row.parent_id is None and row.text.startswith("§ "):  # a paragraph note: a paragraph
            assert any(p.startswith(want) for p in paragraphs), want
            continue
        # the notes appear in document order, each as its own list item
        while position < len(items) and not items[position].startswith(want):
            position += 1
        assert position < len(items), want
        position += 1
    nested = [lst for lst in doc.getElementsByType(text.List) if lst.parentNode.qname == (TEXTNS, "list-item")]
    assert nested  # real nesting, not indentation
    assert any("<b>&amp;</b>" in t for t in items)  # markup-looking text stays text


def test_links_are_text_a(odt):
    hrefs = [a.getAttribute("href") for a in odt["doc"].getElementsByType(text.A)]
    assert "https://suivi-gouvernement-ouvert.etalab.gouv.fr/fr/Engagement4.html" in hrefs
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    for n in odt["notes"]:
        for u in n.urls:
            assert u in hrefs
