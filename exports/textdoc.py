"""The restitution as a sequence of simple text elements, shared by Markdown, HTML and ODT.

``elements(content)`` walks ``exports.content.Restitution`` once and returns headings,
paragraphs and nested lists made of ``Run``s (``exports.markup``). Each text renderer only
decides how to write those elements in its format (and escapes every run for it), so the three
documents say exactly the same thing in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from exports.content import NoteNode, ProposalContent, Restitution, flatten, frozen_tree
from exports.markup import NBSP, Block, Bullets, Paragraph, Run, blocks, is_safe_url, runs, typo


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the document title … 4 = a section of an atelier
    runs: tuple[Run, ...]
    anchor: str | None = None  # target of the table of contents


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    style: str = "body"  # body | cover | cover-strong | note (small print)


@dataclass(frozen=True)
class Item:
    """One bullet: its lines (a note may hold several) and the bullets nested under it."""

    lines: tuple[tuple[Run, ...], ...]
    children: tuple[Item, ...] = ()
    note_id: str | None = None


@dataclass(frozen=True)
class ItemList:
    items: tuple[Item, ...]
    kind: str = "notes"  # notes | text (bullets of a text field) | links


@dataclass(frozen=True)
class Endnotes:
    """The footnotes of the document, numbered in order: HTML and Markdown print them at the end
    (a footnote call is a ``Run`` whose ``note`` is set and whose text is its number); the ODT
    prints each as a real footnote where it is called and skips this element."""

    notes: tuple[tuple[int, tuple[Run, ...]], ...]
    title: str


@dataclass(frozen=True)
class Toc:
    entries: tuple[tuple[int, str, str], ...]  # (level, text, anchor)
    title: str


Element = Heading | Para | ItemList | Toc | Endnotes


def text_of(runs_: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs_)


def _plain_runs(text: str, lang: str, bold: bool = False) -> tuple[Run, ...]:
    return (Run(typo(text, lang), bold=bold),)


MAX_NESTING = 10  # levels of nested bullets in HTML, Markdown and ODT (the ODT list style's ten)


def note_items(nodes: tuple[NoteNode, ...], lang: str) -> tuple[Item, ...]:
    """Notes as nested bullets, built without recursion. Below ``MAX_NESTING`` levels a note is
    shown at the last level, in its place in the reading order: a 2,000-level outline stays a
    readable document (the PDF indents every level; the CSV and JSON keep the exact depth)."""
    flat = ((n, min(d, MAX_NESTING - 1)) for n, d in flatten(nodes))
    return frozen_tree(flat, lambda n, children: Item(_note_lines(n, lang), children, n.id))


def _note_lines(node: NoteNode, lang: str) -> tuple[tuple[Run, ...], ...]:
    """A note's text (marks and links parsed), then its URLs printed in full."""
    lines = [runs(ln.strip(), lang) for ln in node.text.split("\n") if ln.strip()]
    if node.urls:
        url_runs: list[Run] = []
        for i, u in enumerate(node.urls):
            if i:
                url_runs.append(Run(", "))
            url_runs.append(Run(u, url=u if is_safe_url(u) else None))
        if lines:
            last = lines[-1]
            joiner = " " if text_of(last).rstrip().endswith((":", "»")) else f"{NBSP}: "
            if lang != "fr":
                joiner = " " if text_of(last).rstrip().endswith(":") else ": "
            lines[-1] = (*last, Run(joiner), *url_runs)
        else:
            lines.append(tuple(url_runs))
    if not lines:
        lines.append(())
    return tuple(lines)


def notes_list(nodes: tuple[NoteNode, ...], lang: str) -> ItemList:
    return ItemList(note_items(nodes, lang), "notes")


def notes_elements(nodes: tuple[NoteNode, ...], lang: str) -> list[Element]:
    """The notes of a section: bullets, except a paragraph note (« § »), printed as a paragraph
    with the notes under it as the bullets that follow it."""
    out: list[Element] = []
    run: list[NoteNode] = []
    for n in nodes:
        if n.paragraph:
            if run:
                out.append(notes_list(tuple(run), lang))
                run = []
            lines = _note_lines(n, lang)
            runs_: list[Run] = []
            for i, ln in enumerate(lines):
                runs_.extend(((Run(" "),) if i else ()) + ln)
            out.append(Para(tuple(runs_)))
            if n.children:
                out.append(notes_list(n.children, lang))
        else:
            run.append(n)
    if run:
        out.append(notes_list(tuple(run), lang))
    return out


def from_blocks(bl: list[Block]) -> list[Element]:
    out: list[Element] = []
    for b in bl:
        if isinstance(b, Paragraph):
            out.append(Para(b.runs))
        elif isinstance(b, Bullets):
            out.append(ItemList(tuple(Item((r,)) for r in b.items), "text"))
    return out


def proposal_blocks(p: ProposalContent, lang: str) -> list[Element]:
    """« **Title** (engagement 4) text… » then the bullets of its text, as in the 2016 note."""
    head = f"**{p.title.strip()}**" if p.title.strip() else ""
    if p.engagement_label:
        head = f"{head} ({p.engagement_label})".strip()
    text = p.text.strip()
    if text and text[0] in ",.)":
        joined = f"{head}{text}"
    elif text and text[0] in ":;!?":
        joined = f"{head} {text}"
    elif text:
        first, _sep, rest = text.partition("\n\n")
        if first.lstrip().startswith(("- ", "• ")):
            joined = f"{head}\n\n{text}"
        else:
            joined = f"{head} {first}" + (f"\n\n{rest}" if rest else "")
    else:
        joined = head
    return from_blocks(blocks(joined, lang))


def elements(r: Restitution, annex: bool = True) -> list[Element]:
    lang = r.lang
    lab = r.label
    out: list[Element] = []

    # ------------------------------------------------------------------ cover
    out.append(Heading(1, _plain_runs(r.title, lang), "haut"))
    out.append(Para(_plain_runs(lab("doc.restitution"), lang, bold=True), "cover-strong"))
    if r.arbitration:
        out.append(Para(_plain_runs(r.arbitration, lang, bold=True), "cover"))
    if r.subtitle:
        out.append(Para(_plain_runs(r.subtitle, lang), "cover"))
    out.append(Para(_plain_runs(r.date_label, lang, bold=True), "cover"))

    # ------------------------------------------------------------------ contents
    toc: list[tuple[int, str, str]] = []
    body: list[Element] = []

    if r.has_synthesis:
        title = lab("doc.synthesis")
        toc.append((1, title, "synthese"))
        body.append(Heading(2, _plain_runs(title, lang), "synthese"))
        if r.addressee:
            body.append(Para((Run(typo(lab("doc.to", addressee=r.addressee), lang), italic=True),)))
        body.append(Para((Run(typo(lab("doc.object"), lang), bold=True), Run(" "),
                          *runs(r.object, lang))))
        body.extend(from_blocks(r.intro))
        if r.feedback:
            body.append(Heading(3, (Run("► "), Run(typo(r.feedback_heading, lang), bold=True))))
            body.extend(from_blocks(r.feedback))
        if r.proposals:
            body.append(Heading(3, (Run("► "), Run(typo(lab("doc.proposals_heading"), lang), bold=True))))
            body.append(Para(_plain_runs(lab("doc.proposals_intro"), lang)))
            for kind, key in (("accelerate", "doc.group_accelerate"), ("next-plan", "doc.group_next"),
                              ("other", "doc.group_other")):
                group = r.group(kind)
                if not group:
                    continue
                body.append(Heading(4, _plain_runs(lab(key), lang)))
                for p in group:
                    body.extend(proposal_blocks(p, lang))
        if r.validated:
            body.append(Para((Run(typo(r.validated, lang), italic=True),), "note"))

    part = r.workshops_title
    toc.append((1, part, "ateliers"))
    body.append(Heading(2, _plain_runs(part, lang), "ateliers"))
    for w in r.workshops:
        anchor = f"atelier-{w.number}"
        toc.append((2, w.heading, anchor))
        body.append(Heading(3, _plain_runs(w.heading, lang), anchor))
        if w.question:
            body.append(Para((Run(typo(lab("doc.question"), lang), bold=True), Run(" "),
                              *runs(w.question, lang))))
        if w.participants:
            total = sum(w.participants.values())
            detail = ", ".join(f"{lab(f'contributor.{k}')} {v}" for k, v in w.participants.items() if v)
            body.append(Para(_plain_runs(lab("doc.participants_line", total=total, detail=detail), lang)))
        if w.online:
            body.append(Heading(4, _plain_runs(lab("doc.online"), lang)))
            items = []
            for link in w.online:
                url_run = Run(link.url, url=link.url if is_safe_url(link.url) else None)
                if link.title and link.title != link.url:
                    items.append(Item(((*runs(link.title, lang, link_urls=False), Run(f"{NBSP}: "
                                        if lang == "fr" else ": "), url_run),)))
                else:
                    items.append(Item(((url_run,),)))
            body.append(ItemList(tuple(items), "links"))
        if w.commitments:
            key = "doc.commitment_one" if len(w.commitments) == 1 else "doc.commitment_many"
            body.append(Heading(4, _plain_runs(lab(key), lang)))
            for c in w.commitments:
                body.append(Para(_plain_runs(lab("doc.commitment_line", id=c.id, title=c.title), lang)))
        for s in w.sections:
            colon = f"{NBSP}:" if lang == "fr" else ":"
            head: list[Run] = [Run("► "), Run(typo(s.title, lang) + colon, bold=True)]
            if s.hint:
                head.append(Run(" " + typo(s.hint, lang)))
            body.append(Heading(4, tuple(head), f"{anchor}-{s.id}"))
            body.extend(notes_elements(s.notes, lang))

    if annex and r.proposals:
        title = lab("doc.annex_heard")
        toc.append((1, title, "annexe"))
        body.append(Heading(2, _plain_runs(title, lang), "annexe"))
        body.append(Para(_plain_runs(lab("doc.annex_heard_intro"), lang)))
        for i, p in enumerate(r.proposals, 1):
            body.append(Heading(3, (*runs(p.title or "…", lang, link_urls=False),
                                    *((Run(f" ({p.engagement_label})"),) if p.engagement_label else ())),
                                f"proposition-{i}"))
            body.append(Para((Run(typo(lab("doc.decision"), lang), bold=True), Run(" " + p.decision_label),
                              *((Run(f" ({p.decision_day})"),) if p.decision_day else ()))))
            if p.decision_reason.strip():
                body.append(Para((Run(typo(lab("doc.reason"), lang), bold=True), Run(" "),
                                  *runs(p.decision_reason, lang))))

    out.append(Toc(tuple(toc), lab("doc.contents")))
    out.extend(body)
    return number_notes(out, lab("doc.notes"))


def number_notes(els: list[Element], title: str) -> list[Element]:
    """Every footnote call numbered in document order, and the notes gathered at the end."""
    found: list[tuple[int, tuple[Run, ...]]] = []

    def fix(rs: tuple[Run, ...]) -> tuple[Run, ...]:
        if not any(r.note is not None for r in rs):
            return rs
        out = []
        for r in rs:
            if r.note is not None:
                found.append((len(found) + 1, r.note))
                r = Run(str(len(found)), sup=True, note=r.note)
            out.append(r)
        return tuple(out)

    def fix_items(items: tuple[Item, ...]) -> tuple[Item, ...]:
        # iterative over siblings, recursive over depth: lists are at most MAX_NESTING deep
        return tuple(Item(tuple(fix(ln) for ln in it.lines), fix_items(it.children), it.note_id) for it in items)

    out: list[Element] = []
    for el in els:
        if isinstance(el, Heading):
            el = Heading(el.level, fix(el.runs), el.anchor)
        elif isinstance(el, Para):
            el = Para(fix(el.runs), el.style)
        elif isinstance(el, ItemList):
            el = ItemList(fix_items(el.items), el.kind)
        out.append(el)
    if found:
        out.append(Endnotes(tuple(found), title))
    return out


def walk_items(items: tuple[Item, ...], depth: int = 0):
    """(item, depth) in document order (iterative)."""
    stack = [(it, depth) for it in reversed(items)]
    while stack:
        it, d = stack.pop()
        yield it, d
        stack.extend((c, d + 1) for c in reversed(it.children))
