"""ODT restitution: parses back, real heading and list styles, every note, links, language."""

from __future__ import annotations

import io
import zipfile

import pytest
from odf import style, teletype, text
from odf.namespaces import FONS, STYLENS, TEXTNS
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
    # an atelier is a Heading 2 in the "Atelier" style (a child of Heading 2), listed in the contents
    assert ("2", "Atelier", "ATELIER 1 – ÉVALUATION DES POLITIQUES PUBLIQUES") in got
    assert _attr(styles["Atelier"], STYLENS, "parent-style-name") == "Heading_20_2"
    assert any(lvl == "3" and t.startswith("► Indicateurs de suivi :") for lvl, _s, t in got)
    for lvl, name, _t in got:
        assert name == f"Heading_20_{lvl}" or (lvl, name) == ("2", "Atelier")


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
    bookmarks = {_attr(b, TEXTNS, "name") for b in odt["doc"].getElementsByType(text.Bookmark)}
    # external links are http(s); the contents' links point at the bookmark of a heading
    assert all(h.startswith(("http://", "https://")) or h[1:] in bookmarks for h in hrefs)
    for n in odt["notes"]:
        for u in n.urls:
            assert u in hrefs


def test_contents_is_a_table_of_contents_linked_to_the_headings(odt):
    doc = odt["doc"]
    tocs = doc.getElementsByType(text.TableOfContent)
    assert len(tocs) == 1
    toc = tocs[0]
    source = toc.getElementsByType(text.TableOfContentSource)[0]
    # LibreOffice rebuilds it from the outline (parts and ateliers), with links and page numbers
    assert _attr(source, TEXTNS, "outline-level") == "1"  # the parts
    assert _attr(source, TEXTNS, "use-outline-level") == "true"
    listed = source.getElementsByType(text.IndexSourceStyles)  # and the ateliers, by their style
    assert [_attr(x, TEXTNS, "outline-level") for x in listed] == ["2"]
    assert [_attr(x, TEXTNS, "style-name") for x in listed[0].getElementsByType(text.IndexSourceStyle)] == [
        "Atelier"]
    templates = source.getElementsByType(text.TableOfContentEntryTemplate)
    assert [_attr(t, TEXTNS, "outline-level") for t in templates] == ["1", "2"]
    for t in templates:
        kinds = [c.qname[1] for c in t.childNodes]
        assert kinds[0] == "index-entry-link-start" and kinds[-1] == "index-entry-link-end"
        assert "index-entry-text" in kinds and "index-entry-page-number" in kinds
    # until then its body holds every entry of the contents, each linked to its heading
    body = toc.getElementsByType(text.IndexBody)[0]
    links = body.getElementsByType(text.A)
    entries = odt["content"]
    headings = {}
    for h in doc.getElementsByType(text.H):
        for b in h.getElementsByType(text.Bookmark):
            headings[_attr(b, TEXTNS, "name")] = (int(_attr(h, TEXTNS, "outline-level")), norm(teletype.extractText(h)))
    ateliers = [h for h in doc.getElementsByType(text.H) if _attr(h, TEXTNS, "style-name") == "Atelier"]
    assert len(ateliers) == len(entries.workshops)
    assert len(links) == 3 + len(entries.workshops)  # synthesis, ateliers, annex
    for a in links:
        level, title = headings[a.getAttribute("href")[1:]]
        assert norm(teletype.extractText(a)) == title and level <= 2


def test_page_breaks_where_the_pdf_has_them(odt):
    """Cover, contents, and each part (synthesis, ateliers, annex) begin a page, as in the PDF."""
    doc = odt["doc"]
    styles = {_attr(s, STYLENS, "name"): s for s in doc.styles.getElementsByType(style.Style)}

    def breaks(name):
        props = styles[name].getElementsByType(style.ParagraphProperties)
        return any(p.attributes.get((FONS, "break-before")) == "page" for p in props)

    assert breaks("Heading_20_1") and breaks("Contents_20_Heading")
    assert not breaks("Heading_20_2") and not breaks("Text_20_body")
    parts = [h for h in doc.getElementsByType(text.H) if _attr(h, TEXTNS, "outline-level") == "1"]
    assert len(parts) == 3  # synthesis, ateliers, annex


def test_a_url_ending_in_a_balanced_parenthesis_keeps_it(tmp_path):
    path = make_demo(tmp_path)
    with EventFile.open(path, device=DEVICE) as ev:
        ev.add_note(1, "futurs", "voir http://exemple.fr/a_b_(c) puis (aussi http://exemple.fr/d_(e)).")
        content = restitution(ev)
    out = tmp_path / "r.odt"
    out.write_bytes(render_odt(content))
    hrefs = [a.getAttribute("href") for a in load(str(out)).getElementsByType(text.A)]
    assert "http://exemple.fr/a_b_(c)" in hrefs and "http://exemple.fr/d_(e)" in hrefs
    assert "http://exemple.fr/a_b_(c" not in hrefs and "http://exemple.fr/d_(e))" not in hrefs
