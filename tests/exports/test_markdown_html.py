"""Markdown and HTML restitution: every note in its atelier and section, in order; safe output."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from exports.content import restitution
from exports.html import link_label, render_html
from exports.markdown import escape, render_markdown
from exports.markup import typo, url_spans
from facilitator.store import EventFile
from tests.exports.opendata_support import (
    DEVICE,
    expected_depths,
    expected_text,
    make_demo,
    norm,
    outline,
    section_items,
)

INJECTIONS = [
    "# pas un titre",
    "<script>alert('x')</script> et <b>gras</b>",
    "[lien piégé](javascript:alert(1)) ![img](http://evil.example/x.png)",
    "- pas une puce",
    "1. pas une liste numérotée",
    "> pas une citation",
    "texte avec `code` et _souligné_ et ~~barré~~ | tableau |",
    "=SOMME(A1:A2)",
    "&copy; &amp; &#65;",
    "***",
    "ligne un\nligne deux\n# ligne trois",
]


@pytest.fixture(scope="module")
def demo_docs(tmp_path_factory):
    path = make_demo(tmp_path_factory.mktemp("demo"))
    ev = EventFile.open(path, device=DEVICE)
    try:
        content = restitution(ev)
        places = {}
        for w in ev.kit.workshops:
            for s in ev.kit.sections:
                places[(w.number, s.id)] = ev.outline(w.number, s.id)
        yield {"content": content, "md": render_markdown(content), "html": render_html(content),
               "places": places, "kit": ev.kit, "notes": ev.notes()}
    finally:
        ev.close()


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    import kits
    from facilitator.kit import load_kit

    path = tmp_path_factory.mktemp("inj") / "inj.facilitator"
    ev = EventFile.create(path, load_kit(kits.kit_path("forum-open-etat-2021-1")), device=DEVICE)
    try:
        w = ev.kit.workshops[0].number
        s = ev.kit.sections[0].id
        first = None
        for text in INJECTIONS:
            ch = ev.add_note(w, s, text)
            first = first or ch.focus
        ev.add_note(w, s, "enfant **gras** *italique*", parent=first, urls=["https://example.org/a_b*c"])
        content = restitution(ev)
        yield {"content": content, "md": render_markdown(content), "html": render_html(content),
               "workshop": ev.kit.workshops[0], "section": ev.kit.sections[0]}
    finally:
        ev.close()


def _md_to_html(md: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").render(md)


def _as_html_shows(text: str) -> str:
    """The HTML page reads a bare URL as its site and page (exports.html.link_label)."""
    out, pos = [], 0
    for start, end in url_spans(text):
        out += [text[pos:start], link_label(text[start:end])]
        pos = end
    return "".join(out) + text[pos:]


def _check_every_note(page, data, shown=lambda text: text):
    kit = data["kit"]
    total = 0
    for w in data["content"].workshops:
        for s in kit.sections:
            rows = data["places"][(w.number, s.id)]
            items = section_items(page, w.heading, kit.workshop(w.number).section_as_shown(s).title)
            assert len(items) == len(rows), (w.number, s.id)
            for (depth, text), (row, _d), want in zip(items, rows, expected_depths(rows), strict=True):
                assert depth == want, (row.id, text)
                assert text.startswith(shown(expected_text(row))), (text, shown(expected_text(row)))
                for url in row.urls:  # markdown-it shows %-escapes decoded in the link text
                    assert shown(url) in text or unquote(shown(url)) in text
            total += len(rows)
    assert total == len(data["notes"])  # every note of the event is in the document


def test_html_has_every_note_in_its_atelier_and_section_in_order(demo_docs):
    _check_every_note(outline(demo_docs["html"]), demo_docs, _as_html_shows)


def test_markdown_has_every_note_in_its_atelier_and_section_in_order(demo_docs):
    _check_every_note(outline(_md_to_html(demo_docs["md"])), demo_docs)


def test_markdown_reads_like_the_2016_restitution(demo_docs):
    md = demo_docs["md"]
    assert md.startswith("# Ministère ouvert \\#1\n")
    assert "## ANNEXE – RESTITUTION DES CINQ ATELIERS COLLABORATIFS" in md
    assert "### ATELIER 1 – ÉVALUATION DES POLITIQUES PUBLIQUES" in md
    assert "#### ► **Indicateurs de suivi\u00a0:** critères pour mesurer le degré d'avancement des engagements" in md
    assert "- <https://suivi-gouvernement-ouvert.etalab.gouv.fr/fr/Engagement4.html>" in md or \
        "<https://suivi-gouvernement-ouvert.etalab.gouv.fr/fr/Engagement4.html>" in md
    # nested bullets, 4 spaces per level
    assert "\nIndicateurs de demande\u00a0:\n\n- Nombre de téléchargements" in md  # a paragraph note
    assert "\n- **FranceConnect\u00a0:**\n    - Nombre et types d'organismes" in md
    # proposals as in the note: bold title, "(engagement N)"
    assert "**Améliorer l'accessibilité des évaluations de politiques publiques** (engagement 4) en publiant" in md
    assert "## Ce que nous avons entendu" in md
    # our own marks survive: *newsletters* of the 2016 annex is italic
    assert "*newsletters*" in md


def test_markdown_escapes_user_text(injected):
    md = injected["md"]
    rendered = _md_to_html(md)
    # nothing from a note became markup
    assert "<script>" not in rendered and "<b>gras</b>" not in rendered
    assert "javascript:" not in re.findall(r'href="([^"]*)"', rendered).__str__()
    assert "<img" not in rendered and "<code>" not in rendered and "<blockquote>" not in rendered
    assert "<ol>" not in rendered and "<hr" not in rendered
    page = outline(rendered)
    items = section_items(page, injected["content"].workshops[0].heading, injected["section"].title)
    texts = [t for d, t in items if d == 0]
    texts = texts[texts.index("# pas un titre"):]  # after the kit's prepared items, if any
    assert len(texts) == len(INJECTIONS)
    assert texts[1] == norm("<script>alert('x')</script> et <b>gras</b>")
    assert texts[3] == "- pas une puce"
    assert texts[4] == "1. pas une liste numérotée"
    assert texts[7] == "=SOMME(A1:A2)"
    assert texts[8] == "&copy; &amp; &#65;"  # literal: typography never enters a reference
    assert texts[-1] == "ligne un ligne deux # ligne trois"
    # the child note: our own bold/italic kept, its URL a real link, printed in full
    child = next(t for d, t in items if d == 1)
    assert child.startswith("enfant gras italique")
    assert "<strong>gras</strong>" in rendered and "<em>italique</em>" in rendered
    assert 'href="https://example.org/a_b*c"' in rendered


def test_typography_never_touches_references_tags_or_urls():
    NNBSP, NBSP = "\u202f", "\u00a0"
    assert typo("Tom &amp; Jerry; fin") == f"Tom &amp; Jerry{NNBSP}; fin"
    assert typo("&#8217; &#x2019; &nbsp;") == "&#8217; &#x2019; &nbsp;"
    assert typo('<a href="x">lien</a> "mot"') == f'<a href="x">lien</a> «{NBSP}mot{NBSP}»'
    assert typo("voir https://exemple.fr/a;b?c=1 : ici") == f"voir https://exemple.fr/a;b?c=1{NBSP}: ici"
    assert typo("&amp;") == "&amp;" and typo("A & B ; C") == f"A & B{NNBSP}; C"


def test_escape_unit():
    assert escape("# x", line_start=True) == "\\# x"
    assert escape("- x", line_start=True) == "\\- x"
    assert escape("12. x", line_start=True) == "12\\. x"
    assert escape("a*b_c[d]<e>", line_start=False) == "a\\*b\\_c\\[d\\]\\<e\\>"
    assert escape("- x", line_start=False) == "- x"


def test_html_is_self_contained_and_accessible(demo_docs):
    page_text = demo_docs["html"]
    page = outline(page_text)
    assert page_text.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
    tags = [t for t, _a in page.tags]
    assert tags.count("main") == 1 and tags.count("nav") == 1 and tags.count("h1") == 1
    for bad in ("script", "link", "img", "iframe", "object", "embed", "video", "audio", "source"):
        assert bad not in tags
    assert "@import" not in page_text and "url(" not in page_text
    # heading hierarchy: starts at h1, never skips a level
    levels = [lvl for lvl, _t, _i in page.headings]
    assert levels[0] == 1
    for a, b in zip(levels, levels[1:], strict=False):
        assert b <= a + 1
    assert max(levels) == 4
    # links: only anchors that exist, or http(s)
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert hrefs
    for h in hrefs:
        assert h.startswith(("http://", "https://")) or (h.startswith("#") and h[1:] in page.ids), h
    toc = [a["href"][1:] for t, a in page.tags if t == "a" and a["href"].startswith("#")]
    assert {"synthese", "ateliers", "atelier-1", "atelier-5", "annexe"} <= set(toc)


def test_html_escapes_everything(injected):
    text = injected["html"]
    assert "<script>" not in text and "<b>gras</b>" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text or "&lt;script&gt;alert('x')&lt;/script&gt;" in text
    assert "&amp;copy; &amp;amp; &amp;#65;" in text  # shown as typed: typography never enters a reference
    assert 'href="javascript' not in text
    assert '<a href="https://example.org/a_b*c">example.org › a_b*c</a>' in text
    assert "ligne un<br>ligne deux<br># ligne trois" in text


def test_renderers_are_deterministic(demo_docs):
    c = demo_docs["content"]
    assert render_markdown(c) == demo_docs["md"]
    assert render_html(c) == demo_docs["html"]


def test_without_annex(demo_docs):
    c = demo_docs["content"]
    assert "Ce que nous avons entendu" not in render_markdown(c, annex=False)
    assert 'id="annexe"' not in render_html(c, annex=False)


def test_markdown_contents_is_a_heading_with_links(demo_docs):
    md = demo_docs["md"]
    assert "\n## SOMMAIRE\n\n- [Synthèse des propositions](#synthese)\n" in md
    assert "\n    - [ATELIER 1 – ÉVALUATION DES POLITIQUES PUBLIQUES](#atelier-1)\n" in md
    page = outline(_md_to_html(md))
    assert (2, "SOMMAIRE", None) in page.headings
    toc = [a["href"] for t, a in page.tags if t == "a" and a["href"].startswith("#")]
    assert len(toc) == 3 + len(demo_docs["content"].workshops)
    for href in toc:  # every link of the contents has its target in the rendered page
        assert href[1:] in page.ids, href


def test_html_links_read_as_names_not_bare_urls(demo_docs):
    page = demo_docs["html"]
    links = re.findall(r'<a href="(https?://[^"]+)">(.*?)</a>', page)
    assert len(links) > 30
    for _href, label in links:
        assert not re.match(r"https?://", label), label
    # the links of an atelier read as their titles, notes' bare URLs as site › page
    assert '<a href="https://suivi-gouvernement-ouvert.etalab.gouv.fr/fr/Engagement4.html">' in page
    assert '>faire-simple.gouv.fr › bigdatasante</a>' in page
    assert 'a[href^="http"]::after { content: " <" attr(href) ">"' in page  # printed in full on paper
    assert link_label("https://www.exemple.fr/") == "exemple.fr"
    assert link_label("https://exemple.fr/docs/guide%20complet.html") == "exemple.fr › guide complet"


def test_html_h4_are_styled_as_headings_and_decoration_is_hidden(demo_docs):
    page = demo_docs["html"]
    css = page[page.index("<style>"): page.index("</style>")]
    h4 = re.search(r"\bh4 \{([^}]*)\}", css).group(1)
    assert "font-weight: bold" in h4
    assert "<h4>Accès en ligne\u00a0:</h4>" in page
    # every ► is decoration, hidden from assistive technology
    assert page.count("►") == page.count('<span aria-hidden="true">►</span>') > 20
    assert '<h4 id="atelier-1-futurs"><span aria-hidden="true">►</span> <strong>Futurs engagements' in page
    assert '<span class="hint"> propositions pour aller plus loin</span></h4>' in page


def test_a_url_ending_in_a_balanced_parenthesis_keeps_it(tmp_path):
    path = make_demo(tmp_path)
    with EventFile.open(path, device=DEVICE) as ev:
        ev.add_note(1, "futurs", "voir http://exemple.fr/a_b_(c) puis (aussi http://exemple.fr/d_(e)).")
        content = restitution(ev)
    md, html = render_markdown(content), render_html(content)
    assert "voir <http://exemple.fr/a_b_(c)> puis (aussi <http://exemple.fr/d_(e)>)." in md
    assert '<a href="http://exemple.fr/a_b_(c)">' in html and '<a href="http://exemple.fr/d_(e)">' in html
    hrefs = [a["href"] for t, a in outline(_md_to_html(md)).tags if t == "a"]
    assert "http://exemple.fr/a_b_(c)" in hrefs and "http://exemple.fr/d_(e)" in hrefs
