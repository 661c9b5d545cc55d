"""Every document the event produces, declared once: the CLI, ``facilitator demo`` and the app's
export dialog all read this list, so they cannot offer different documents or options.

A document is made from a ``Source`` (a kit, its logo, and the event file when there is one) and
``Options``; renderers are imported only when their document is asked for (reportlab is slow to
import and not needed to capture notes).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from facilitator.errors import ExportError
from facilitator.i18n import tr
from facilitator.kit.model import Kit
from facilitator.store import EventFile


@dataclass(frozen=True)
class Options:
    annex: bool = True  # the restitution's annex "Ce que nous avons entendu"
    size: str = "A5"  # the booklet's page size: A5 or A4
    bom: bool = False  # a byte-order mark in the CSV, for spreadsheets


@dataclass(frozen=True)
class Source:
    kit: Kit
    logo: bytes | None = None
    event: EventFile | None = None  # None when the source is a kit file

    @classmethod
    def of_event(cls, ev: EventFile) -> Source:
        return cls(ev.kit, ev.asset("logo"), ev)


@dataclass(frozen=True)
class Document:
    key: str  # the KIND of ``facilitator export KIND``
    help: str  # the catalogue key of its help in the command line
    filename: str  # default file name (the demo writes these)
    needs_event: bool  # False: a kit is enough (booklet, sheets)
    options: tuple[str, ...]  # which fields of Options apply
    make: Callable[[Source, Options], bytes]
    pdf: bool = False

    def produce(self, source: Source, options: Options = Options()) -> bytes:
        if self.needs_event and source.event is None:
            raise ExportError(tr("exports.needs_event", kind=self.key))
        return self.make(source, options)


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ExportError(tr("exports.pdf_unavailable", reason=exc)) from exc


def _content(source: Source):
    from exports.content import restitution

    return restitution(source.event)


def _restitution_pdf(s: Source, o: Options) -> bytes:
    return _module("exports.pdf.restitution").render_restitution(_content(s), annex=o.annex)


def _booklet(s: Source, o: Options) -> bytes:
    size = o.size.upper()
    if size not in ("A5", "A4"):
        raise ExportError(tr("exports.bad_format", value=o.size))
    return _module("exports.pdf.booklet").render_booklet(s.kit, size=size, logo=s.logo)


def _sheets(s: Source, o: Options) -> bytes:
    return _module("exports.pdf.sheets").render_sheets(s.kit)


def _markdown(s: Source, o: Options) -> bytes:
    from exports.markdown import render_markdown

    return render_markdown(_content(s), annex=o.annex).encode("utf-8")


def _html(s: Source, o: Options) -> bytes:
    from exports.html import render_html

    return render_html(_content(s), annex=o.annex).encode("utf-8")


def _odt(s: Source, o: Options) -> bytes:
    from exports.odt import render_odt

    return render_odt(_content(s), annex=o.annex)


def _csv(s: Source, o: Options) -> bytes:
    from exports.notes_csv import render_csv

    return render_csv(s.event, bom=o.bom)


def _json(s: Source, o: Options) -> bytes:
    from exports.json_export import render_json

    return render_json(s.event)


DOCUMENTS: tuple[Document, ...] = (
    Document("restitution", "cli.help.document_restitution", "restitution.pdf", True,
             ("annex",), _restitution_pdf, pdf=True),
    Document("booklet", "cli.help.document_booklet", "livret.pdf", False,
             ("size",), _booklet, pdf=True),
    Document("sheets", "cli.help.document_sheets", "fiches.pdf", False, (), _sheets,
             pdf=True),
    Document("markdown", "cli.help.document_markdown", "restitution.md", True,
             ("annex",), _markdown),
    Document("html", "cli.help.document_html", "restitution.html", True,
             ("annex",), _html),
    Document("csv", "cli.help.document_csv", "notes.csv", True, ("bom",), _csv),
    Document("json", "cli.help.document_json", "evenement.json", True, (),
             _json),
    Document("odt", "cli.help.document_odt", "restitution.odt", True, ("annex",),
             _odt),
)
BY_KEY = {d.key: d for d in DOCUMENTS}


def pdf_available() -> str | None:
    """None when the PDF renderers import, else the reason they do not."""
    try:
        for name in ("restitution", "booklet", "sheets"):
            importlib.import_module(f"exports.pdf.{name}")
    except ImportError as exc:
        return str(exc)
    return None
