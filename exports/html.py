"""The restitution as one self-contained, accessible HTML page.

One file, no external asset (inline CSS only, no script, no image, no font download): it can be
published as is or opened from a USB stick. ``lang`` on ``<html>``, a ``<nav>`` table of
contents with anchors, one ``<h1>`` then ``<h2>``–``<h4>`` without skipped levels, nested ``<ul>``
for the notes. Every text goes through ``html.escape``; ``<a href>`` only for http(s) URLs.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import unquote, urlsplit

from exports.content import Restitution
from exports.markup import Run
from exports.textdoc import (
    Endnotes,
    Heading,
    Item,
    ItemList,
    Para,
    Toc,
    elements,
    is_safe_url,
    text_of,
    walk_items,
)

CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; line-height: 1.5; color: #1a1a1a;
       background: #fff; margin: 0; }
header, nav, main { max-width: 48rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2rem; border-bottom: 3px solid #000091; }
h1 { font-size: 2rem; margin: 0 0 .5rem; color: #000091; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; color: #000091; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.2rem; margin-top: 2rem; }
h4 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; font-weight: bold; color: #000091; }
h4 .hint { font-weight: normal; color: #1a1a1a; }
.cover { font-size: 1.1rem; }
.small { font-size: .9rem; color: #444; }
nav { margin-top: 1.5rem; }
nav h2 { font-size: 1.1rem; border: 0; margin-top: 0; }
ul { padding-left: 1.5rem; }
li { margin: .2rem 0; }
a { color: #000091; overflow-wrap: anywhere; }
a:focus { outline: 2px solid #000091; outline-offset: 2px; }
@media print { nav { display: none; } a { color: inherit; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; } }
""".strip()


DECORATION = "►"


def link_label(url: str) -> str:
    """What a link reads when its text would be the bare URL: the site and the page
    (``faire-simple.gouv.fr › bigdatasante``); the URL itself is the ``href`` (and is printed
    after the link on paper)."""
    parts = urlsplit(url)
    host = parts.hostname or url
    if host.startswith("www."):
        host = host[4:]
    segments = [unquote(seg) for seg in parts.path.split("/") if seg]
    if not segments:
        return host
    page = re.sub(r"\.(html?|php|aspx?)$", "", segments[-1], flags=re.IGNORECASE) or segments[-1]
    return f"{host} › {page}"


def _link(url: str, inner: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{inner}</a>'


def _run(r: Run) -> str:
    if r.text.strip() == DECORATION and r.url is None:  # read by eyes, not aloud
        return r.text.replace(DECORATION, f'<span aria-hidden="true">{DECORATION}</span>')
    text = escape(r.text, quote=False)
    if r.note is not None:  # a footnote call, numbered by textdoc: a link to its endnote
        n = escape(r.text)
        return f'<sup><a href="#note-{n}" id="appel-{n}" role="doc-noteref">{n}</a></sup>'
    if r.sup:
        text = f"<sup>{text}</sup>"
    if r.url is not None and is_safe_url(r.url):
        if r.text.strip() == r.url:
            text = escape(link_label(r.url), quote=False)
        text = _link(r.url, text)
    if r.italic:
        text = f"<em>{text}</em>"
    if r.bold:
        text = f"<strong>{text}</strong>"
    return text


def inline(runs_: tuple[Run, ...]) -> str:
    return "".join(_run(r) for r in runs_)


def heading_inline(runs_: tuple[Run, ...]) -> str:
    """A heading's runs: when part of it is bold (« ► **Titre :** indication »), the rest is
    the hint, in the body weight."""
    if not any(r.bold for r in runs_):
        return inline(runs_)
    out = []
    for r in runs_:
        html = _run(r)
        if not r.bold and r.text.strip() and r.text.strip() != DECORATION:
            html = f'<span class="hint">{html}</span>'
        out.append(html)
    return "".join(out)


def link_line(line: tuple[Run, ...]) -> str:
    """« Titre : URL » of the links of an atelier: the title is the link's text."""
    if len(line) >= 2 and line[-1].url is not None and is_safe_url(line[-1].url) and any(
            r.text.strip() for r in line[:-2]):
        title = line[:-2] if not line[-2].url and line[-2].text.strip() in (":", "") else line[:-1]
        return _link(line[-1].url, "".join(escape(r.text, quote=False) for r in title))
    return inline(line)


def _items(items: tuple[Item, ...], out: list[str], indent: str, kind: str = "notes") -> None:
    """Nested ``<ul>`` in document order, written without recursion (any depth)."""
    def pad(level: int) -> str:
        return indent + "    " * level

    out.append(f"{pad(0)}<ul>")
    levels = 1  # open <ul> elements; the <li> holding each inner one is open too
    for it, d in walk_items(items):
        while levels > d + 1:
            levels -= 1
            out.append(f"{pad(levels)}</ul>")
            out.append(f"{pad(levels - 1)}  </li>")
        if levels < d + 1:
            out.append(f"{pad(levels)}<ul>")
            levels += 1
        body = "<br>".join((link_line if kind == "links" else inline)(ln) for ln in it.lines)
        out.append(f"{pad(d)}  <li>{body}" if it.children else f"{pad(d)}  <li>{body}</li>")
    while levels > 1:
        levels -= 1
        out.append(f"{pad(levels)}</ul>")
        out.append(f"{pad(levels - 1)}  </li>")
    out.append(f"{pad(0)}</ul>")


def render_html(content: Restitution, annex: bool = True) -> str:
    els = elements(content, annex)
    title = escape(content.title, quote=False)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(content.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title} – {escape(content.label('doc.restitution').capitalize(), quote=False)}</title>",
        f'<meta name="description" content="{escape(content.object)}">',
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
    ]
    header: list[str] = []
    nav: list[str] = []
    main: list[str] = []
    target = header
    for el in els:
        if isinstance(el, Toc):
            nav.append('<nav aria-labelledby="sommaire">')
            nav.append(f'<h2 id="sommaire">{escape(el.title, quote=False)}</h2>')
            nav.append("<ul>")
            open_sub = False
            for level, text, anchor in el.entries:
                link = f'<a href="#{escape(anchor)}">{escape(text, quote=False)}</a>'
                if level == 1:
                    if open_sub:
                        nav.append("</ul></li>")
                        open_sub = False
                    nav.append(f"<li>{link}")
                    nav.append("</li>")
                else:
                    if not open_sub:
                        nav.pop()  # reopen the last top entry to nest under it
                        nav.append("<ul>")
                        open_sub = True
                    nav.append(f"<li>{link}</li>")
            if open_sub:
                nav.append("</ul></li>")
            nav.append("</ul>")
            nav.append("</nav>")
            target = main
            continue
        if isinstance(el, Heading):
            ident = f' id="{escape(el.anchor)}"' if el.anchor else ""
            target.append(f"<h{el.level}{ident}>{heading_inline(el.runs)}</h{el.level}>")
        elif isinstance(el, Para):
            cls = {"cover": ' class="cover"', "cover-strong": ' class="cover"', "note": ' class="small"'}.get(
                el.style, "")
            target.append(f"<p{cls}>{inline(el.runs)}</p>")
        elif isinstance(el, ItemList):
            _items(el.items, target, "", el.kind)
        elif isinstance(el, Endnotes):
            target.append('<section class="notes" role="doc-endnotes" aria-labelledby="notes">')
            target.append(f'<h2 id="notes">{escape(el.title, quote=False)}</h2>')
            target.append("<ol>")
            for n, rs in el.notes:
                back = escape(content.label("doc.note_back", number=n))
                target.append(f'<li><span id="note-{n}">{inline(rs)}</span> <a href="#appel-{n}" '
                              f'role="doc-backlink" aria-label="{back}">↩</a></li>')
            target.append("</ol>")
            target.append("</section>")
    out = head
    out.append("<header>")
    out.extend(header)
    out.append("</header>")
    out.extend(nav)
    out.append("<main>")
    out.extend(main)
    out.append("</main>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


__all__ = ["render_html", "inline", "link_label", "text_of"]
