"""The restitution as an OpenDocument text (.odt), to edit in LibreOffice before publishing.

Built with odfpy on real styles, so the document stays editable the way an office expects:
"Heading 1"–"Heading 4" paragraph styles with their outline levels (LibreOffice's navigator and
table of contents see them), "Text body", a bullet list style with ten nested levels for the
notes, "Internet link" for links (``text:a``), "Strong Emphasis" / "Emphasis" for the marks,
French (or the event's language) in the default style, A4 pages with the page number in the
footer. The contents is a real table of contents (``text:table-of-content``: the parts by their
outline level, the ateliers by their "Atelier" style) whose entries link to their headings;
LibreOffice adds the page numbers when it updates it. The cover, the contents and each part start
a page, as in the PDF. The zip is written by us with fixed dates, so the same event gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from html import escape

from odf import teletype
from odf.element import Element
from odf.namespaces import nsdict
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    Footer,
    ListLevelLabelAlignment,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.text import (
    A,
    Bookmark,
    H,
    IndexBody,
    IndexEntryChapter,
    IndexEntryLinkEnd,
    IndexEntryLinkStart,
    IndexEntryPageNumber,
    IndexEntryTabStop,
    IndexEntryText,
    IndexSourceStyle,
    IndexSourceStyles,
    IndexTitle,
    IndexTitleTemplate,
    LineBreak,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListStyle,
    Note,
    NoteBody,
    NoteCitation,
    OutlineLevelStyle,
    OutlineStyle,
    P,
    PageNumber,
    Span,
    TableOfContent,
    TableOfContentEntryTemplate,
    TableOfContentSource,
)

from exports.content import Restitution
from exports.markup import Run
from exports.textdoc import Heading, Item, ItemList, Para, Toc, elements, is_safe_url

FONT = "DejaVu Sans"
ATELIER_STYLE = "Atelier"
BULLETS = ("•", "◦", "▪")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MIMETYPE = "application/vnd.oasis.opendocument.text"
LANG_COUNTRY = {"fr": "FR", "en": "GB"}


def clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _XML_BAD.sub("\ufffd", text)


def _styles(doc: OpenDocumentText, lang: str) -> None:
    country = LANG_COUNTRY.get(lang, "FR")
    d = DefaultStyle(family="paragraph")
    d.addElement(TextProperties(fontname=FONT, fontfamily=FONT, fontsize="11pt", language=lang,
                                country=country))
    doc.styles.addElement(d)

    def pstyle(name, display, parent=None, size=None, bold=False, italic=False, above="0cm",
               below="0.2cm", outline=None, align=None, color=None, klass="text", page_break=False,
               tab_right=False, indent=None):
        s = Style(name=name, displayname=display, family="paragraph", attributes={"class": klass})
        if parent:
            s.setAttribute("parentstylename", parent)
        if outline:
            s.setAttribute("defaultoutlinelevel", str(outline))
            s.setAttribute("nextstylename", "Text_20_body")
        pp = {"margintop": above, "marginbottom": below}
        if align:
            pp["textalign"] = align
        if outline:
            pp["keepwithnext"] = "always"
        if page_break:
            pp["breakbefore"] = "page"
        if indent:
            pp["marginleft"] = indent
        props = ParagraphProperties(**pp)
        if tab_right:  # the page number of a contents line, after a dotted leader
            tabs = TabStops()
            tabs.addElement(TabStop(position="16.6cm" if not indent else f"{16.6 - float(indent[:-2]):.1f}cm",
                                    type="right", leaderstyle="dotted", leadertext="."))
            props.addElement(tabs)
        s.addElement(props)
        tp = {}
        if size:
            tp["fontsize"] = size
        if bold:
            tp["fontweight"] = "bold"
        if italic:
            tp["fontstyle"] = "italic"
        if color:
            tp["color"] = color
        if tp:
            s.addElement(TextProperties(**tp))
        doc.styles.addElement(s)

    pstyle("Standard", "Standard")
    pstyle("Text_20_body", "Text body", "Standard", below="0.25cm")
    pstyle("Heading", "Heading", "Standard", size="14pt", above="0.45cm", below="0.2cm")
    pstyle("Heading_20_1", "Heading 1", "Heading", size="20pt", bold=True, outline=1, color="#000091",
           page_break=True)
    pstyle("Heading_20_2", "Heading 2", "Heading", size="16pt", bold=True, outline=2, color="#000091")
    # the ateliers: a Heading 2 that the table of contents lists (the other level-2 headings,
    # the proposals of the annex and the ► headings of the synthesis, it does not)
    pstyle(ATELIER_STYLE, "Atelier", "Heading_20_2", outline=2)
    pstyle("Heading_20_3", "Heading 3", "Heading", size="13pt", bold=True, outline=3)
    pstyle("Heading_20_4", "Heading 4", "Heading", size="11pt", outline=4)
    pstyle("Title", "Title", "Standard", size="24pt", bold=True, align="center", klass="chapter")
    pstyle("Cover", "Cover", "Text_20_body", size="13pt", align="center")
    pstyle("Contents_20_Heading", "Contents Heading", "Heading", size="14pt", bold=True, klass="index",
           page_break=True)
    pstyle("Contents_20_1", "Contents 1", "Standard", klass="index", below="0.1cm", tab_right=True)
    pstyle("Contents_20_2", "Contents 2", "Standard", klass="index", below="0.05cm", tab_right=True,
           indent="0.6cm")
    pstyle("List_20_Contents", "List Contents", "Standard", below="0.1cm", klass="list")
    pstyle("Small", "Small print", "Text_20_body", size="9pt", italic=True)
    pstyle("Footer", "Footer", "Standard", size="9pt", align="center", klass="extra")
    pstyle("Footnote", "Footnote", "Standard", size="9pt", klass="extra")

    for name, display, props in (
        ("Strong_20_Emphasis", "Strong Emphasis", {"fontweight": "bold"}),
        ("Emphasis", "Emphasis", {"fontstyle": "italic"}),
        ("Strong_20_Italic", "Strong Italic", {"fontweight": "bold", "fontstyle": "italic"}),
        ("Index_20_Link", "Index Link", {}),
        ("Superscript", "Superscript", {"textposition": "super 58%"}),
        ("Internet_20_link", "Internet link", {"color": "#000091", "textunderlinestyle": "solid",
                                                "textunderlinewidth": "auto", "textunderlinecolor": "font-color"}),
    ):
        s = Style(name=name, displayname=display, family="text")
        if props:
            s.addElement(TextProperties(**props))
        doc.styles.addElement(s)

    # contents-2 indented
    outline = OutlineStyle(name="Outline")
    for level in range(1, 11):
        outline.addElement(OutlineLevelStyle(level=level, numformat=""))
    doc.styles.addElement(outline)

    bullets = ListStyle(name="Notes", displayname="Notes")
    for level in range(1, 11):
        b = ListLevelStyleBullet(level=level, bulletchar=BULLETS[(level - 1) % len(BULLETS)])
        lp = ListLevelProperties(listlevelpositionandspacemode="label-alignment")
        indent = 0.63 * level
        lp.addElement(ListLevelLabelAlignment(labelfollowedby="listtab", listtabstopposition=f"{indent:.2f}cm",
                                              textindent="-0.5cm", marginleft=f"{indent:.2f}cm"))
        b.addElement(lp)
        bullets.addElement(b)
    doc.styles.addElement(bullets)

    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", margintop="2cm",
                                           marginbottom="1.5cm", marginleft="2.2cm", marginright="2.2cm",
                                           printorientation="portrait"))
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    fp = P(stylename="Footer")
    fp.addElement(PageNumber(selectpage="current", numformat="1"))
    footer.addElement(fp)
    master.addElement(footer)
    doc.masterstyles.addElement(master)


def _add_runs(parent: Element, runs_: tuple[Run, ...]) -> None:
    for r in runs_:
        text = clean(r.text)
        if not text:
            continue
        if r.note is not None:  # a real footnote, numbered by the application (text:note-citation)
            note = Note(id=f"ftn{text}", noteclass="footnote")
            citation = NoteCitation()
            teletype.addTextToElement(citation, text)
            note.addElement(citation)
            nbody = NoteBody()
            np_ = P(stylename="Footnote")
            _add_runs(np_, r.note)
            nbody.addElement(np_)
            note.addElement(nbody)
            parent.addElement(note)
            continue
        target = parent
        if r.sup:
            span = Span(stylename="Superscript")
            parent.addElement(span)
            target = span
        if r.bold or r.italic:
            name = "Strong_20_Italic" if r.bold and r.italic else "Strong_20_Emphasis" if r.bold else "Emphasis"
            span = Span(stylename=name)
            target.addElement(span)
            target = span
        if r.url is not None and is_safe_url(r.url):
            a = A(type="simple", href=clean(r.url), stylename="Internet_20_link")
            teletype.addTextToElement(a, text)
            target.addElement(a)
        else:
            teletype.addTextToElement(target, text)


def _list(items: tuple[Item, ...], top: bool) -> List:
    """Nested lists of ``items``, built without recursion (like every tree walk of the app)."""
    root = List(stylename="Notes") if top else List()
    stack = [(root, it) for it in reversed(items)]
    while stack:
        lst, it = stack.pop()
        li = ListItem()
        p = P(stylename="List_20_Contents")
        for i, ln in enumerate(it.lines):
            if i:
                p.addElement(LineBreak())
            _add_runs(p, ln)
        li.addElement(p)
        lst.addElement(li)
        if it.children:
            sub = List()
            li.addElement(sub)
            stack.extend((sub, child) for child in reversed(it.children))
    return root


TOC_LEVELS = 2  # parts and ateliers, as in the PDF's contents


def _toc(toc: Toc) -> TableOfContent:
    """A real table of contents (ODF 1.2 §8.3): LibreOffice rebuilds it from the outline
    (Outils › Mettre à jour › Tout, or on any index update) with page numbers; until then its
    body holds the same entries, each a link to the bookmark of its heading."""
    index = TableOfContent(name=clean(toc.title), protected="true")
    # level 1: the parts (outline level 1); level 2: the headings in the "Atelier" style
    source = TableOfContentSource(outlinelevel=1, useoutlinelevel="true", useindexmarks="false",
                                  useindexsourcestyles="true")
    template = IndexTitleTemplate(stylename="Contents_20_Heading")
    teletype.addTextToElement(template, clean(toc.title))
    source.addElement(template)
    for level in range(1, TOC_LEVELS + 1):
        entry = TableOfContentEntryTemplate(outlinelevel=level, stylename=f"Contents_20_{level}")
        entry.addElement(IndexEntryLinkStart(stylename="Index_20_Link"))
        entry.addElement(IndexEntryChapter())
        entry.addElement(IndexEntryText())
        entry.addElement(IndexEntryTabStop(type="right", leaderchar="."))
        entry.addElement(IndexEntryPageNumber())
        entry.addElement(IndexEntryLinkEnd())
        source.addElement(entry)
    listed = IndexSourceStyles(outlinelevel=2)
    listed.addElement(IndexSourceStyle(stylename=ATELIER_STYLE))
    source.addElement(listed)
    index.addElement(source)
    body = IndexBody()
    title = IndexTitle(name=clean(toc.title) + "_Head")
    p = P(stylename="Contents_20_Heading")
    teletype.addTextToElement(p, clean(toc.title))
    title.addElement(p)
    body.addElement(title)
    for level, text, anchor in toc.entries:
        p = P(stylename=f"Contents_20_{min(level, TOC_LEVELS)}")
        a = A(type="simple", href="#" + clean(anchor), stylename="Index_20_Link")
        teletype.addTextToElement(a, clean(text))
        p.addElement(a)
        body.addElement(p)
    index.addElement(body)
    return index


_ROOT = re.compile(rb"<(office:document-(?:content|styles))\s([^>]*)>")
_ATTR = re.compile(rb'([\w:.-]+)="([^"]*)"')


def canonical_root(xml: bytes) -> bytes:
    """Sort the attributes of the root element: odfpy declares namespaces in the order it met
    them during the whole process, which would make the bytes depend on earlier documents."""
    m = _ROOT.search(xml)
    if not m:
        return xml
    attrs = sorted(_ATTR.findall(m.group(2)))
    tag = b"<" + m.group(1) + b" " + b" ".join(k + b'="' + v + b'"' for k, v in attrs) + b">"
    return xml[: m.start()] + tag + xml[m.end():]


def _meta(r: Restitution) -> str:

    title = escape(f"{r.title} – {r.label('doc.restitution')}", quote=False)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2">'
        "<office:meta>"
        "<meta:generator>facilitator</meta:generator>"
        f"<dc:title>{clean(title)}</dc:title>"
        f"<dc:subject>{clean(escape(r.object, quote=False))}</dc:subject>"
        f"<dc:language>{escape(r.lang)}-{LANG_COUNTRY.get(r.lang, 'FR')}</dc:language>"
        f"<dc:date>{r.date.isoformat()}T00:00:00</dc:date>"
        "</office:meta></office:document-meta>"
    )


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def render_odt(content: Restitution, annex: bool = True) -> bytes:
    for namespace, prefix in sorted(nsdict.items()):  # same declarations whatever ran before
        if prefix != "xml":
            Element.namespaces.setdefault(namespace, prefix)
    doc = OpenDocumentText()
    _styles(doc, content.lang)
    body = doc.text
    els = elements(content, annex)
    listed = {anchor for toc in els if isinstance(toc, Toc) for level, _t, anchor in toc.entries if level == 2}
    for el in els:
        if isinstance(el, Heading):
            if el.level == 1:  # the document's title: "Title", parts are "Heading 1"
                h = P(stylename="Title")
            else:
                name = ATELIER_STYLE if el.anchor in listed else f"Heading_20_{el.level - 1}"
                h = H(outlinelevel=el.level - 1, stylename=name)
            if el.anchor:  # the target of the contents' link
                h.addElement(Bookmark(name=el.anchor))
            _add_runs(h, el.runs)
            body.addElement(h)
        elif isinstance(el, Para):
            style = {"cover": "Cover", "cover-strong": "Cover", "note": "Small"}.get(el.style, "Text_20_body")
            p = P(stylename=style)
            _add_runs(p, el.runs)
            body.addElement(p)
        elif isinstance(el, ItemList):
            body.addElement(_list(el.items, True))
        elif isinstance(el, Toc):
            body.addElement(_toc(el))

    stamp = (max(content.date.year, 1980), content.date.month, content.date.day, 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        def put(name: str, data: bytes, stored: bool = False) -> None:
            zi = zipfile.ZipInfo(name, stamp)
            zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)

        put("mimetype", MIMETYPE.encode("ascii"), stored=True)  # first and uncompressed (ODF 1.2 §3.3)
        put("content.xml", canonical_root(doc.contentxml()))
        put("styles.xml", canonical_root(doc.stylesxml().encode("utf-8")))
        put("meta.xml", _meta(content).encode("utf-8"))
        put("META-INF/manifest.xml", MANIFEST.encode("utf-8"))
    return buf.getvalue()
