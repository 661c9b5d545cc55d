"""Commands of the documents: ``facilitator export KIND SOURCE -o OUT``, ``import json``, ``demo``.

Registered on import: the ``facilitator.commands`` entry point (pyproject.toml) names this module,
which ``facilitator.cli.load_commands`` loads. Every document is written with
``exports.write.write_atomic``: a failed export leaves no temporary file and never replaces a
good document. The PDF renderers are imported only when a PDF is asked for.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from exports.documents import DOCUMENTS, Document, Options, Source, pdf_available
from exports.write import write_atomic
from facilitator.cli import command, option, out
from facilitator.errors import ExportError, FacilitatorError
from facilitator.files import reading
from facilitator.i18n import tr

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
    """The event file at ``path``, open for reading (a read-only one through a copy)."""
    from facilitator.store.reading import open_for_reading

    _check_source(path)
    with open_for_reading(path) as ev:
        yield ev


@contextmanager
def open_source(path: Path) -> Iterator[Source]:
    """What a document is made from: an event file, or a kit YAML file (kit and logo only)."""
    _check_source(path)
    if _is_event_file(path):
        with open_event(path) as ev:
            yield Source.of_event(ev)
        return
    from facilitator.kit import load_kit

    with reading(path):  # the document is written inside this block: never over the kit
        kit = load_kit(path)
        logo = None
        if kit.logo_path is not None and kit.logo_path.is_file():
            logo = kit.logo_path.read_bytes()
        yield Source(kit, logo)


def _write(path: Path, data: bytes | str) -> Path:
    write_atomic(path, data)
    out(tr("exports.written", path=path))
    return path


# ------------------------------------------------------------------------------------ commands
SOURCE_HELP = {True: "cli.help.event", False: "cli.help.kit_or_event"}
OPTION_FLAGS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "annex": lambda p: option(p, "--no-annex", "--sans-annexe", dest="no_annex", action="store_true",
                              help=tr("cli.help.no_annex")),
    "size": lambda p: option(p, "--format", default="A5", help=tr("cli.help.page_format")),
    "bom": lambda p: option(p, "--bom", action="store_true", help=tr("cli.help.bom")),
}


def _configure(doc: Document) -> Callable[[argparse.ArgumentParser], None]:
    def configure(p: argparse.ArgumentParser) -> None:
        p.add_argument("source", type=Path, help=tr(SOURCE_HELP[doc.needs_event]))
        p.add_argument("-o", "--output", type=Path, required=True, help=tr("cli.help.output"))
        for name in doc.options:
            OPTION_FLAGS[name](p)

    return configure


def _options(args: argparse.Namespace) -> Options:
    return Options(annex=not getattr(args, "no_annex", False), size=getattr(args, "format", "A5"),
                   bom=getattr(args, "bom", False))


def _export(doc: Document):
    def handler(args: argparse.Namespace) -> int:
        options = _options(args)
        with (open_source(args.source) if not doc.needs_event else _event_source(args.source)) as source:
            data = doc.produce(source, options)
            _write(args.output, data)  # while the sources are open: never over one of them
        return 0

    return handler


@contextmanager
def _event_source(path: Path) -> Iterator[Source]:
    with open_event(path) as ev:
        yield Source.of_event(ev)


for _doc in DOCUMENTS:
    command(("export", _doc.key), tr(_doc.help), _configure(_doc))(_export(_doc))


def _proposals_conf(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", type=Path, help=tr("cli.help.event"))
    p.add_argument("-o", "--output", type=Path, required=True, help=tr("cli.help.output_csv"))
    option(p, "--decidim", action="store_true", help=tr("cli.help.proposals_decidim"))
    option(p, "--status", "--statut", dest="status", action="append", default=[], metavar="DECISION=ID",
           help=tr("cli.help.proposals_status"))
    option(p, "--locales", default=None, metavar="fr,en,…", help=tr("cli.help.proposals_locales"))
    option(p, "--decidim-ids", dest="decidim_ids", type=Path, default=None, metavar="EXPORT_DECIDIM.csv",
           help=tr("cli.help.proposals_decidim_ids"))
    option(p, "--bom", action="store_true", help=tr("cli.help.bom"))


def _status_ids(items: list[str]) -> dict[str, str]:
    from facilitator.store.states import DECISIONS

    status_ids = {}
    for item in items:
        key, _, value = item.partition("=")
        value = value.strip()
        if key not in DECISIONS or not value.isdigit():
            raise FacilitatorError(tr("decidim.bad_status", value=item, decisions=", ".join(DECISIONS)))
        status_ids[key] = value
    return status_ids


@command(("export", "proposals"), tr("cli.help.export_proposals"), _proposals_conf)
def cmd_export_proposals(args) -> int:
    status_ids = _status_ids(args.status)
    decidim_only = [name for name, given in (("--status", args.status), ("--locales", args.locales),
                                              ("--decidim-ids", args.decidim_ids)) if given]
    if decidim_only and not args.decidim:
        raise FacilitatorError(tr("decidim.option_needs_decidim", options=", ".join(decidim_only)))
    with open_event(args.event) as ev:
        if not args.decidim:
            from facilitator.traceability import render_proposals

            write_atomic(args.output, render_proposals(ev, bom=args.bom))
        else:
            from exports import decidim

            locales = decidim.parse_locales(args.locales) if args.locales else None
            with reading(*([args.decidim_ids] if args.decidim_ids else [])):
                ids = decidim.match_ids(ev, args.decidim_ids, locales) if args.decidim_ids else {}
                write_atomic(args.output, decidim.render_decidim(ev, locales=locales, status_ids=status_ids,
                                                           decidim_ids=ids, bom=args.bom))
            if args.decidim_ids:
                out(tr("decidim.matched", count=len(ids), total=len(ev.proposals())))
            missing = decidim.missing_statuses(ev, status_ids)
            if missing:
                out(tr("decidim.no_status", decisions=", ".join(missing)))
        out(tr("export.written", count=len(ev.proposals()), path=args.output))
    return 0


def _import_conf(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help=tr("cli.help.import_file"))
    p.add_argument("event", type=Path, help=tr("cli.help.event_new"))


@command(("import", "json"), tr("cli.help.import_json"), _import_conf)
def cmd_import_json(args) -> int:
    from facilitator.importer import import_json
    from facilitator.store import EventFile

    with reading(args.file):
        path = import_json(args.file, args.event)
    with EventFile.open(path) as ev:
        out(tr("import.done", path=path, notes=len(ev.notes()), proposals=len(ev.proposals())))
    return 0


# ------------------------------------------------------------------------------------ demo
DEMO_OPTIONS = Options(bom=True)  # the CSV opens right in a spreadsheet
DEMO_PROPOSALS = (("propositions.csv", False), ("propositions-decidim.csv", True))


def _demo_conf(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=Path, default=Path("demo-output"), help=tr("cli.help.demo_output"))


@command(("demo",), tr("cli.help.demo"), _demo_conf)
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
    missing_pdf = pdf_available()
    written = 0
    skipped = []
    with ctx as ev:
        source = Source.of_event(ev)
        for doc in DOCUMENTS:
            if doc.pdf and missing_pdf:
                skipped.append(doc.filename)
                continue
            _write(folder / doc.filename, doc.produce(source, DEMO_OPTIONS))
            written += 1
        # the proposals with their decisions: the traceability table and Decidim's import layout
        from exports.decidim import render_decidim
        from facilitator.traceability import render_proposals

        for name, decidim in DEMO_PROPOSALS:
            _write(folder / name, render_decidim(ev) if decidim else render_proposals(ev, bom=True))
            written += 1
    if skipped:
        out(tr("exports.skipped_pdf", reason=missing_pdf, names=", ".join(skipped)))
    out(tr("exports.demo_done", count=written, folder=folder))
    return 0



# ------------------------------------------------------------------------------------ the hub's card
def _card_conf(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", type=Path, help=tr("cli.help.hub_event"))
    option(p, "--data", type=Path, default=None, metavar="DOSSIER", help=tr("cli.help.hub_data"))
    option(p, "--hub", default=None, metavar="CODE", help=tr("cli.help.card_hub"))
    p.add_argument("-o", "--output", type=Path, required=True, help=tr("cli.help.output"))


@command(("hub", "card"), tr("cli.help.hub_card"), _card_conf)
def cmd_hub_card(args) -> int:
    from exports.pdf.join_card import render_join_card
    from facilitator.sync.cli import hub_folder, read_code
    from facilitator.sync.hub import JoinCode
    from facilitator.sync.server import HubError, HubInfo

    if args.hub:
        code = JoinCode.parse(read_code(args.hub))
    else:
        info = HubInfo.load(hub_folder(args.data))
        if not info.join_code:
            raise HubError(tr("hub.not_started", folder=info.folder))
        code = JoinCode.parse(info.join_code)
    with open_event(args.event) as ev:
        if code.event_id != ev.event_id:
            raise HubError(tr("sync.other_event", where=code.where, found=code.event_id, expected=ev.event_id,
                              path=args.event))
        data = render_join_card(ev.kit, str(code), code.where)
    _write(args.output, data)
    return 0
