"""Helpers of the open-data export tests: reading an HTML page back, expected note texts."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from exports.markup import runs

DEVICE = "laptop-test"


def make_demo(folder: Path) -> Path:
    from facilitator.demo import create_demo

    path = folder / "demo.facilitator"
    create_demo(path, device=DEVICE).close()
    return path


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    return text.strip()


def expected_text(row, lang: str = "fr") -> str:
    """What a renderer shows of a note's own text (marks removed, French typography)."""
    text = " ".join(ln.strip() for ln in row.text.split("\n") if ln.strip())
    return norm("".join(r.text for r in runs(text.removeprefix("§ "), lang, link_urls=False) if r.note is None))


def is_paragraph(row, depth: int) -> bool:
    """A first-level note typed « § … »: printed as a paragraph, not a bullet."""
    return depth == 0 and row.text.lstrip().startswith("§ ")


def expected_depths(rows) -> list:
    """How each (row, depth) of a section outline is printed: "p" for a paragraph note, else its
    list depth (the notes under a paragraph note are the bullets that follow it: one level up)."""
    out: list = []
    under_paragraph = False
    for row, depth in rows:
        if depth == 0:
            under_paragraph = is_paragraph(row, depth)
            out.append("p" if under_paragraph else 0)
        else:
            out.append(depth - 1 if under_paragraph else depth)
    return out


class Outline(HTMLParser):
    """Reads an HTML page into: headings, and for each h3 > h4 the list items with their depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str, str | None]] = []  # (level, text, id)
        self.items: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.stack: list[str] = []
        self._heading: list | None = None
        self._h3 = ""
        self._h4 = ""
        self._ul_depth = 0
        self._li: list[list] = []  # open <li>: [depth, text parts]
        self._p: list | None = None  # an open <p> of a section (a paragraph note): ["p", parts]
        self._raw: dict[tuple[str, str], list[list]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = [int(tag[1]), [], a.get("id")]
        elif tag == "ul":
            self._ul_depth += 1
        elif tag == "li":
            entry = [self._ul_depth - 1, []]
            self._li.append(entry)
            if self._h3 and self._h4:  # recorded at the opening tag: document order
                self._raw.setdefault((self._h3, self._h4), []).append(entry)
        elif tag == "p" and not self._li and self._h3 and self._h4:
            self._p = ["p", []]
            self._raw.setdefault((self._h3, self._h4), []).append(self._p)
        elif tag == "br" and self._li:
            self._li[-1][1].append(" ")

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading[0]}":
            level, parts, ident = self._heading
            text = norm("".join(parts))
            self.headings.append((level, text, ident))
            if level <= 3:
                self._h3, self._h4 = (text if level == 3 else ""), ""
            elif level == 4:
                self._h4 = text
            self._heading = None
        elif tag == "ul":
            self._ul_depth -= 1
        elif tag == "li" and self._li:
            self._li.pop()
        elif tag == "p":
            self._p = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1].append(data)
        if self._li:
            # a nested <ul> closes the parent's own text: only the innermost open item takes data
            self._li[-1][1].append(data)
        elif self._p is not None:
            self._p[1].append(data)


def outline(html_text: str) -> Outline:
    p = Outline()
    p.feed(html_text)
    p.close()
    p.items = {k: [(d, norm("".join(parts))) for d, parts in v] for k, v in p._raw.items()}
    return p


def section_items(page: Outline, workshop_heading: str, section_title: str) -> list[tuple[int, str]]:
    """The items under the atelier heading and the section heading starting with its title."""
    for (h3, h4), items in page.items.items():
        if h3 == norm(workshop_heading) and h4.startswith("► " + section_title):
            return items
    return []
