"""Commands of the documents: ``facilitator export KIND SOURCE -o OUT``, ``import json``, ``demo``.

Registered on import (``facilitator.cli`` loads this module). Every document is written with
``exports.write.write_atomic``: a failed export leaves no temporary file and never replaces a
good document. The PDF renderers are imported only when a PDF is asked for.
"""

from __future__ import annotations

import argparse
import importlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from exports.write import write_atomic
from facilitator.cli import command, out
from facilitator.errors import ExportError, FacilitatorError
from facilitator.files import copy_database
from facilitator.i18n import tr
from facilitator.kit.model import Kit

SQLITE_HEADER = b"SQLite format 3\x00"
DEMO_EVENT = "demo.facilitator"


# ------------------------------------------------------------------------------------ sources
def _check_source(path: Path) -> None:
    if not path.exists():
        raise FacilitatorError(tr("exports.source_missing", path=path))


def _is_event_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


@contextmanager
def open_event(path: Path) -> Iterator:
    """The event file at ``path``, open for reading. A read-only file (a share, a CD) is read
    from a consistent copy in a temporary folder, since the store opens files for writing."""
    from facilitator.store import EventFile, inspect

    _check_source(path)
    inspect(path)  # a clear message for a file that is not an event file
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        ev = EventFile.open(path)
        try:
            yield ev
        finally:
            ev.close()
        return
    with tempfile.TemporaryDirectory(prefix="facilitator-") as tmp:
        copy = Path(tmp) / path.name
        copy_database(path, copy)
        ev = EventFile.open(copy)
        try:
            yield ev
        finally:
            ev.close()


@contextmanager
def open_kit(path: Path) -> Iterator[tuple[Kit, bytes | None]]:
    """A kit and its logo, from a kit YAML file or from an event file (its copy of the kit)."""
    _check_source(path)
    if _is_event_file(path):
        with open_event(path) as ev:
            yield ev.kit, ev.asset("logo")
        return
    from facilitator.kit import load_kit

    kit = load_kit(path)
    logo = None
    if kit.logo_path is not None and kit.logo_path.is_file():
        logo = kit.logo_path.read_bytes()
    yield kit, logo


def _pdf(module: str):
    try:
        return importlib.import_module(f"exports.pdf.{module}")
    except ImportError as exc:
        raise ExportError(tr("exports.pdf_unavailable", reason=exc)) from exc


def _write(path: Path, data: bytes | str) -> Path:
    write_atomic(path, data)
    out(tr("exports.written", path=path))
    return path


# ------------------------------------------------------------------------------------ renderers
def restitution_content(ev):
    from exports.content import restitution

    return restitution(ev)


def doc_restitution_pdf(ev, annex: bool = True) -> bytes:
    return _pdf("restitution").render_restitution(restitution_content(ev), annex=annex)


def doc_markdown(ev) -> bytes:
    from exports.markdown import render_markdown

    return render_markdown(restitution_content(ev)).encode("utf-8")


def doc_html(ev) -> bytes:
    from exports.html import render_html

    return render_html(restitution_content(ev)).encode("utf-8")


def doc_odt(ev) -> bytes:
    from exports.odt import render_odt

    return render_odt(restitution_content(ev))


def doc_csv(ev, bom: bool = False) -> bytes:
    from exports.notes_csv import render_csv

    return render_csv(ev, bom=bom)


def doc_json(ev) -> bytes:
    from exports.json_export import render_json

    return render_json(ev)


def _page_format(value: str) -> str:
    size = value.upper()
    if size not in ("A5", "A4"):
        raise FacilitatorError(tr("exports.bad_format", value=value))
    return size


# ------------------------------------------------------------------------------------ commands
def _conf(source_help: str, extra: Callable[[argparse.ArgumentParser], None] | None = None):
    def configure(p: argparse.ArgumentParser) -> None:
        p.add_argument("source", type=Path, help=source_help)
        p.add_argument("-o", "--output", type=Path, required=True, help="fichier à écrire")
        if extra:
            extra(p)

    return configure


EVENT = "fichier d'événement"
KIT_OR_EVENT = "kit YAML ou fichier d'événement"


@command(("export", "restitution"), "la restitution en PDF (synthèse, ateliers, annexe)",
         _conf(EVENT, lambda p: p.add_argument("--sans-annexe", action="store_true",
                                               help="sans l'annexe « Ce que nous avons entendu »")))
def cmd_export_restitution(args) -> int:
    with open_event(args.source) as ev:
        data = doc_restitution_pdf(ev, annex=not args.sans_annexe)
    _write(args.output, data)
    return 0


@command(("export", "booklet"), "le livret participant en PDF (A5, ou A4 avec --format A4)",
         _conf(KIT_OR_EVENT, lambda p: p.add_argument("--format", default="A5", help="A5 (défaut) ou A4")))
def cmd_export_booklet(args) -> int:
    size = _page_format(args.format)
    module = _pdf("booklet")
    with open_kit(args.source) as (kit, logo):
        data = module.render_booklet(kit, size=size, logo=logo)
    _write(args.output, data)
    return 0


@command(("export", "sheets"), "les fiches animateur en PDF (une par atelier)", _conf(KIT_OR_EVENT))
def cmd_export_sheets(args) -> int:
    module = _pdf("sheets")
    with open_kit(args.source) as (kit, _logo):
        data = module.render_sheets(kit)
    _write(args.output, data)
    return 0


@command(("export", "markdown"), "la restitution en Markdown, pour la publier sur le web", _conf(EVENT))
def cmd_export_markdown(args) -> int:
    with open_event(args.source) as ev:
        data = doc_markdown(ev)
    _write(args.output, data)
    return 0


@command(("export", "html"), "la restitution en une page HTML autonome et accessible", _conf(EVENT))
def cmd_export_html(args) -> int:
    with open_event(args.source) as ev:
        data = doc_html(ev)
    _write(args.output, data)
    return 0


@command(("export", "odt"), "la restitution en OpenDocument texte (LibreOffice)", _conf(EVENT))
def cmd_export_odt(args) -> int:
    with open_event(args.source) as ev:
        data = doc_odt(ev)
    _write(args.output, data)
    return 0


@command(("export", "csv"), "les notes en CSV, une ligne par note (UTF-8, RFC 4180)",
         _conf(EVENT, lambda p: p.add_argument("--bom", action="store_true",
                                               help="ajouter l'indicateur d'ordre des octets (tableurs)")))
def cmd_export_csv(args) -> int:
    with open_event(args.source) as ev:
        data = doc_csv(ev, bom=args.bom)
    _write(args.output, data)
    return 0


@command(("export", "json"), "l'événement complet en JSON (schéma versionné, réimportable)", _conf(EVENT))
def cmd_export_json(args) -> int:
    with open_event(args.source) as ev:
        data = doc_json(ev)
    _write(args.output, data)
    return 0


def _import_conf(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="export JSON d'un événement")
    p.add_argument("event", type=Path, help="fichier d'événement à créer")


@command(("import", "json"), "recréer un fichier d'événement depuis son export JSON", _import_conf)
def cmd_import_json(args) -> int:
    from facilitator.importer import import_json
    from facilitator.store import EventFile

    path = import_json(args.file, args.event)
    with EventFile.open(path) as ev:
        out(tr("import.done", path=path, notes=len(ev.notes()), proposals=len(ev.proposals())))
    return 0


# ------------------------------------------------------------------------------------ demo
DEMO_DOCUMENTS = (
    # (file name, needs the PDF package, producer(event) -> bytes)
    ("restitution.pdf", True, lambda ev: doc_restitution_pdf(ev)),
    ("livret.pdf", True, lambda ev: _pdf("booklet").render_booklet(ev.kit, size="A5", logo=ev.asset("logo"))),
    ("fiches.pdf", True, lambda ev: _pdf("sheets").render_sheets(ev.kit)),
    ("restitution.md", False, doc_markdown),
    ("restitution.html", False, doc_html),
    ("notes.csv", False, lambda ev: doc_csv(ev, bom=True)),
    ("evenement.json", False, doc_json),
    ("restitution.odt", False, doc_odt),
)


def _pdf_available() -> str | None:
    """None when the PDF renderers import, else the reason they do not."""
    try:
        for name in ("restitution", "booklet", "sheets"):
            importlib.import_module(f"exports.pdf.{name}")
    except ImportError as exc:
        return str(exc)
    return None


def _demo_conf(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=Path, default=Path("demo-output"),
                   help="dossier où écrire les documents (défaut : ./demo-output)")


@command(("demo",), "écrire tous les documents de l'événement de démonstration 2016 dans un dossier",
         _demo_conf)
def cmd_demo(args) -> int:
    from facilitator.demo import create_demo

    folder: Path = args.output
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(tr("exports.folder_failed", folder=folder, reason=exc.strerror or exc)) from exc
    event_path = folder / DEMO_EVENT
    if event_path.exists():
        ctx = open_event(event_path)
        out(tr("exports.demo_reused", path=event_path))
    else:
        create_demo(event_path).close()
        out(tr("exports.demo_created", path=event_path))
        ctx = open_event(event_path)
    missing_pdf = _pdf_available()
    written = 0
    skipped = []
    with ctx as ev:
        for name, needs_pdf, produce in DEMO_DOCUMENTS:
            if needs_pdf and missing_pdf:
                skipped.append(name)
                continue
            _write(folder / name, produce(ev))
            written += 1
    if skipped:
        out(tr("exports.skipped_pdf", reason=missing_pdf, names=", ".join(skipped)))
    out(tr("exports.demo_done", count=written, folder=folder))
    return 0

