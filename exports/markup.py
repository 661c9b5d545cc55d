"""The light text markup of kits and notes, and French typography.

Text fields hold plain text with ``**bold**`` and ``*italic*``; paragraphs are separated by a
blank line; in the synthesis (feedback, proposals) a line starting with ``- `` is a bullet.
Two more marks, in kits, notes and the synthesis alike (docs/kit-format.md, « Text marks »):
``^[text of the note]`` is a footnote (numbered in document order by each renderer), and
```verbatim` `` is printed as written: no French typography, no marks (a proper name such as
`Open Democracy Now!`). French ordinals (1er, 4ème, 27e, XIXe) come out as superscripts.
Every renderer (PDF, HTML, Markdown, ODT) parses text with ``blocks()`` and writes the runs with
its own escaping, so no text from a kit or a note is ever read as markup of the output format.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

NBSP = "\u00a0"  # before « : » and inside guillemets
NNBSP = "\u202f"  # narrow no-break space, before ; ? !

URL_RE = re.compile(r"https?://[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]]")
_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(?!\s)(.+?)(?<!\s)\*")


def url_spans(text: str):
    """(start, end) of every URL of ``text``. A URL never ends with punctuation that ends the
    sentence, except a closing parenthesis that balances one opened inside it
    (``http://exemple.fr/a_b_(c)``, also inside parentheses: ``(voir http://exemple.fr/a_(c))``)."""
    for m in URL_RE.finditer(text):
        start, end = m.span()
        while end < len(text) and text[end] == ")" and text.count("(", start, end) > text.count(")", start, end):
            end += 1
        yield start, end


def is_safe_url(url: str | None) -> bool:
    """The one link check of every renderer (PDF, HTML, ODT, Markdown): only an ``http(s)`` URL
    with a host, without spaces or control characters, becomes a link; anything else
    (``javascript:``, ``file:``, ``data:``…, from a merge or an import) is printed as text."""
    if not url or any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and url[:8].lower().startswith(
        ("http://", "https://"))


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None  # the run is a link to this URL
    sup: bool = False  # superscript (« 1er », « 4ème »)
    # a footnote call: ``text`` is empty, ``note`` the runs of the note (numbered by the renderer)
    note: tuple[Run, ...] | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Run, ...], ...]


Block = Paragraph | Bullets


def typo(text: str, lang: str = "fr") -> str:
    """French typography: no-break spaces before : ; ? ! and inside « », guillemets for "…".

    URLs, character references (``&amp;``, ``&#8217;``) and what reads as markup (``<b>``,
    ``</a>``, ``<br/>``) are left untouched: the rules apply to the words between them only.
    """
    if lang != "fr" or not text:
        return text
    out = []
    pos = 0
    for begin, end in _untouched_spans(text):
        out.append(_typo_plain(text[pos:begin]))
        out.append(text[begin:end])
        pos = end
    out.append(_typo_plain(text[pos:]))
    return "".join(out)


# what typography never changes besides URLs: character references and tags
_REFERENCE_OR_TAG = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|</?[A-Za-z][^<>\n]*>")


def _untouched_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the URLs, character references and tags of ``text``, in order."""
    out: list[tuple[int, int]] = []
    for begin, end in sorted([*url_spans(text), *(m.span() for m in _REFERENCE_OR_TAG.finditer(text))]):
        if out and begin < out[-1][1]:  # inside the previous one (a URL in a tag, a tag in a URL)
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((begin, end))
    return out


def _typo_plain(s: str) -> str:
    s = re.sub(r"[ \u00a0\u202f]+([;?!])", NNBSP + r"\1", s)
    s = re.sub(r"(?<=[\w\)»’'])([;?!])(?=\s|$)", NNBSP + r"\1", s)
    s = re.sub(r"[ \u00a0\u202f]+:", NBSP + ":", s)
    s = re.sub(r"«[ \u00a0\u202f]*", "«" + NBSP, s)
    s = re.sub(r"[ \u00a0\u202f]*»", NBSP + "»", s)
    # straight double quotes around words become guillemets
    s = re.sub(r'"([^"\n]+)"', "«" + NBSP + r"\1" + NBSP + "»", s)
    return s


def footnote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each ``^[…]`` footnote of ``text`` (brackets may nest inside a note)."""
    spans = []
    i = text.find("^[")
    while i >= 0:
        depth, j = 0, i + 1
        while j < len(text):
            if text[j] == "[":
                depth += 1
            elif text[j] == "]":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j >= len(text):  # not closed: plain text
            break
        spans.append((i, j + 1))
        i = text.find("^[", j + 1)
    return spans


_VERBATIM = re.compile(r"`([^`\n]+)`")


def runs(text: str, lang: str = "fr", link_urls: bool = True, notes: bool = True) -> tuple[Run, ...]:
    """Inline runs of one line or paragraph: bold, italic, URLs as links, footnotes ``^[…]``,
    verbatim ```…` `` and ordinal superscripts. ``notes=False``: ``^[…]`` is left as text
    (inside a footnote)."""
    out: list[Run] = []
    pos = 0
    for start, end in footnote_spans(text) if notes else ():
        out.extend(_verbatim_runs(text[pos:start].rstrip(" "), lang, link_urls))
        body = text[start + 2:end - 1].strip()
        out.append(Run("", note=tuple(r for r in _verbatim_runs(body, lang, True) if r.text)))
        pos = end
    out.extend(_verbatim_runs(text[pos:], lang, link_urls))
    return tuple(r for r in out if r.text or r.note is not None)


def _verbatim_runs(text: str, lang: str, link_urls: bool) -> list[Run]:
    out: list[Run] = []
    pos = 0
    for m in _VERBATIM.finditer(text):
        out.extend(_marked_runs(text[pos:m.start()], lang, link_urls))
        out.append(Run(m.group(1)))
        pos = m.end()
    out.extend(_marked_runs(text[pos:], lang, link_urls))
    return out


def _marked_runs(text: str, lang: str, link_urls: bool) -> list[Run]:
    out: list[Run] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.extend(_linkify(text[pos : m.start()], False, False, lang, link_urls))
        if m.group(1) is not None:
            out.extend(_linkify(m.group(1), True, False, lang, link_urls))
        else:
            out.extend(_linkify(m.group(2), False, True, lang, link_urls))
        pos = m.end()
    if pos < len(text):
        out.extend(_linkify(text[pos:], False, False, lang, link_urls))
    return [r for r in out if r.text]


def _linkify(text: str, bold: bool, italic: bool, lang: str, link_urls: bool) -> list[Run]:
    if not link_urls:
        return _ordinals(typo(text, lang), bold, italic, lang)
    out = []
    pos = 0
    for start, end in url_spans(text):
        if start > pos:
            out.extend(_ordinals(typo(text[pos:start], lang), bold, italic, lang))
        out.append(Run(text[start:end], bold, italic, text[start:end]))
        pos = end
    if pos < len(text):
        out.extend(_ordinals(typo(text[pos:], lang), bold, italic, lang))
    return out


# 1er, 1re, 1ère, 2e, 2ème, 2nd(e), XIXe: the letters after the number are raised in French
_ORDINAL = re.compile(r"(?<![\w.,/-])(\d+|[IVXLC]{2,}|[VX])(er|re|ère|ers|res|ères|e|es|ème|èmes|nd|nde|nds|ndes)(?!\w)")


def _ordinals(text: str, bold: bool, italic: bool, lang: str) -> list[Run]:
    if lang != "fr":
        return [Run(text, bold, italic)]
    out: list[Run] = []
    pos = 0
    for m in _ORDINAL.finditer(text):
        if m.group(1).isalpha() and m.group(2) not in ("e", "es"):  # « XIXe », not « CIVer »
            continue
        out.append(Run(text[pos:m.end(1)], bold, italic))
        out.append(Run(m.group(2), bold, italic, sup=True))
        pos = m.end()
    out.append(Run(text[pos:], bold, italic))
    return [r for r in out if r.text]


def blocks(text: str, lang: str = "fr") -> list[Block]:
    """Paragraphs and bullet lists of a text field."""
    result: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [ln.rstrip() for ln in chunk.split("\n") if ln.strip()]
        para: list[str] = []
        bullets: list[str] = []
        for ln in lines:
            if ln.lstrip().startswith(("- ", "• ")):
                if para:
                    result.append(Paragraph(runs(" ".join(para), lang)))
                    para = []
                bullets.append(ln.lstrip()[2:].strip())
            elif bullets and ln.startswith((" ", "\t")):
                bullets[-1] += " " + ln.strip()  # continuation of a bullet
            else:
                if bullets:
                    result.append(Bullets(tuple(runs(b, lang) for b in bullets)))
                    bullets = []
                para.append(ln.strip())
        if para:
            result.append(Paragraph(runs(" ".join(para), lang)))
        if bullets:
            result.append(Bullets(tuple(runs(b, lang) for b in bullets)))
    return result


def plain(text: str) -> str:
    """The text without its marks (for CSV, metadata, bookmarks): footnotes left out."""
    for start, end in reversed(footnote_spans(text)):
        text = text[:start].rstrip(" ") + text[end:]
    text = _VERBATIM.sub(lambda m: m.group(1), text)
    return _INLINE.sub(lambda m: m.group(1) or m.group(2), text)
