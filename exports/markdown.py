"""The restitution as one Markdown file, for publishing on the web as was done in 2016.

CommonMark, readable as plain text: ``#`` headings, « ► **Titre :** indication » section
headings, nested ``-`` bullets (4 spaces per level, which CommonMark and Python-Markdown both
read as nesting), URLs printed in full as autolinks ``<https://…>``. The contents is a ``##``
heading with links to the parts and ateliers, whose headings are preceded by an empty
``<div id="…">`` (an HTML block of CommonMark: the same anchors as the HTML page).
Every character of user text that Markdown could read as markup is backslash-escaped, so a note
can never inject a heading, a list, a link or raw HTML; only our own runs produce ``**`` / ``*``.
"""

from __future__ import annotations

import re

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
    walk_items,
)

INDENT = "    "
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")


def escape(text: str, line_start: bool = False) -> str:
    """``text`` as literal Markdown (no markup can come out of it)."""
    text = text.replace("\r", " ").replace("\n", " ")
    out = _SPECIAL.sub(r"\\\1", text)
    out = _ENTITY.sub(r"\\&", out)
    if line_start:
        m = _LINE_START.match(out)
        if m:
            tok = m.group(1)
            if tok.isdigit():  # "1." or "1)" would start an ordered list
                out = tok + "\\" + out[len(tok):]
            else:
                out = "\\" + out
    return out


def _run(r: Run, line_start: bool) -> str:
    """One run; superscripts and footnote calls (numbered by ``textdoc``) as ``<sup>``, the only
    raw HTML written, and never from user text (which is escaped)."""
    if r.note is not None:
        return f"<sup>{escape(r.text)}</sup>"
    if r.url is not None and is_safe_url(r.url) and r.text == r.url:
        return f"<{r.url}>"
    if r.sup:
        return f"<sup>{escape(r.text)}</sup>"
    return escape(r.text, line_start)


def line(runs_: tuple[Run, ...]) -> str:
    """One line of runs: groups of equal style wrapped in ** / * (spaces kept outside the marks)."""
    groups: list[tuple[tuple[bool, bool], list[Run]]] = []
    for r in runs_:
        key = (r.bold, r.italic)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(r)
        else:
            groups.append((key, [r]))
    out: list[str] = []
    for (bold, italic), rs in groups:
        text = "".join(_run(r, not out and i == 0) for i, r in enumerate(rs))
        if not (bold or italic) or not text.strip():
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        mark = "***" if bold and italic else "**" if bold else "*"
        out.append(f"{lead}{mark}{text.strip()}{mark}{trail}")
    return "".join(out).strip()


def _items(items: tuple[Item, ...], depth: int, out: list[str]) -> None:
    for it, d in walk_items(items, depth):
        indent = INDENT * d
        texts = [line(ln) for ln in it.lines] or [""]
        texts = [t for t in texts if t] or [""]
        first = f"{indent}- {texts[0]}".rstrip()
        if len(texts) > 1:
            first += "\\"  # hard line break: the note's next line stays in the same bullet
        out.append(first)
        for i, t in enumerate(texts[1:], 1):
            out.append(f"{indent}  {t}" + ("\\" if i < len(texts) - 1 else ""))


def render_markdown(content: Restitution, annex: bool = True) -> str:
    chunks: list[str] = []
    els = elements(content, annex)
    targets = {anchor for toc in els if isinstance(toc, Toc) for _l, _t, anchor in toc.entries}
    for el in els:
        if isinstance(el, Heading):
            if el.anchor in targets:  # the target of the contents' link (an HTML block, invisible)
                chunks.append(f'<div id="{el.anchor}"></div>')
            chunks.append("#" * el.level + " " + line(el.runs))
        elif isinstance(el, Para):
            chunks.append(line(el.runs))
        elif isinstance(el, ItemList):
            lines: list[str] = []
            _items(el.items, 0, lines)
            chunks.append("\n".join(lines))
        elif isinstance(el, Endnotes):
            # endnotes: a heading, then the notes numbered as their calls
            lines = [f"## {escape(el.title)}", ""]
            lines += [f"{n}. {line(rs)}" for n, rs in el.notes]
            chunks.append("\n".join(lines))
        elif isinstance(el, Toc):
            lines = [f"## {escape(el.title)}", ""]
            for level, text, anchor in el.entries:
                lines.append(f"{INDENT * (level - 1)}- [{escape(text)}](#{anchor})")
            chunks.append("\n".join(lines))
    return "\n\n".join(c for c in chunks if c.strip()) + "\n"
