"""The command line: ``facilitator kit check``, ``new``, ``info``, ``export``, ``merge``, …

Exit codes: 0 done, 1 the user's input or environment is at fault (the message says what and
where), 2 an internal error (the traceback goes to the log file named in the message).
Commands are registered with ``command()`` so that other packages (exports, the app's launcher)
add theirs to the same parser without the core importing them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from facilitator.errors import FacilitatorError, KitError, log_exception
from facilitator.i18n import tr

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
    print(text)


# ------------------------------------------------------------------------------------ kits
@command(("kit", "check"), "vérifier un kit et afficher son résumé ou toutes ses erreurs",
         lambda p: p.add_argument("kit", type=Path, help="fichier YAML du kit"))
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
    out(f"  Événement : {k.event.title} — {k.event.date.isoformat()}"
        + (f", {k.event.venue}" if k.event.venue else ""))
    out(f"  Ateliers : {len(k.workshops)}")
    for w in k.workshops:
        out(f"    {w.number}. {w.title}")
    out(f"  Engagements : {len(k.plan.commitments) if k.plan else 0}")
    out(f"  Liens : {len(k.all_links())}")
    out(f"  Sections : {', '.join(s.title for s in k.sections)}")
    if report.warnings:
        out(f"  Avertissements : {len(report.warnings)}")
    return 0


@command(("kit", "init"), "écrire un kit de départ commenté, à compléter",
         lambda p: p.add_argument("kit", type=Path, help="fichier YAML à créer"))
def cmd_kit_init(args) -> int:
    from facilitator.kit.template import write_template

    write_template(args.kit)
    out(tr("cli.kit_written", path=args.kit))
    return 0


def _table_configure(p: argparse.ArgumentParser, importing: bool) -> None:
    p.add_argument("kit", type=Path, help="fichier YAML du kit" + (" à compléter (modifié en place, commentaires gardés)" if importing else ""))
    p.add_argument("sheet_file", metavar="TABLEUR", type=Path,
                   help="tableur à lire (.xlsx, .ods, .csv)" if importing else "tableur à écrire (.xlsx, .ods, .csv)")
    p.add_argument("--table", choices=("commitments", "workshops"), default="commitments",
                   help="ce que contient le tableau : les engagements du plan (commitments) ou les ateliers (workshops)")
    if importing:
        p.add_argument("--sheet", help="nom de la feuille à lire (par défaut la première)")
        p.add_argument("--column", action="append", default=[], metavar="COLONNE=CHAMP",
                       help="quelle colonne remplit quel champ du kit (C=status, Statut=status ; C=- pour l'ignorer) ; les choix sont retenus pour les imports suivants")


@command(("kit", "import"), "importer dans un kit les engagements ou les ateliers d'un tableur (XLSX, ODS, CSV)",
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


@command(("kit", "export-table"), "écrire dans un tableur (XLSX, ODS, CSV) les engagements ou les ateliers d'un kit",
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
    g.add_argument("--kit", type=Path, help="kit YAML dont l'événement part")
    g.add_argument("--demo", action="store_true", help="l'événement de démonstration de 2016")
    p.add_argument("event", type=Path, help="fichier d'événement à créer")


@command(("new",), "créer un fichier d'événement depuis un kit (ou la démo 2016)", _new_configure)
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


@command(("info",), "résumer un fichier d'événement (ateliers, notes par section)",
         lambda p: p.add_argument("event", type=Path))
def cmd_info(args) -> int:
    from facilitator.store import EventFile

    with EventFile.open(args.event) as ev:
        k = ev.kit
        counts = ev.count_notes()
        out(f"{k.event.title} — {k.event.date.isoformat()} ({ev.event_id})")
        out(f"Fichier : {args.event}")
        total = 0
        for w in k.workshops:
            n = sum(counts.get((w.number, s.id), 0) for s in k.sections)
            total += n
            out(f"Atelier {w.number} – {w.title} : {n} note(s)")
            for s in k.sections:
                c = counts.get((w.number, s.id), 0)
                if c:
                    out(f"    {s.title} : {c}")
        out(f"Total : {total} note(s), {len(ev.proposals())} proposition(s)")
    return 0


# ------------------------------------------------------------------------------------ main
class UsageError(Exception):
    """A command line that does not parse: a user error (exit 1), said in French."""


_ARGPARSE_FR = [
    (r"invalid choice: (.*) \(choose from (.*)\)", r"choix invalide : \1 (possibles : \2)"),
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (r"one of the arguments (.*) is required", r"l'un des arguments \1 est obligatoire"),
    (r"not allowed with argument (.*)", r"incompatible avec l'argument \1"),
    (r"expected one argument", r"une valeur est attendue"),
    (r"invalid (\w+) value: (.*)", r"valeur invalide : \2"),
    (r"^argument (\S+): ", r"argument \1 : "),
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print English and exit 2
        for pattern, french in _ARGPARSE_FR:
            message = re.sub(pattern, french, message)
        raise UsageError(f"{self.format_usage()}{self.prog} : erreur : {message}")


class _FrenchHelp(argparse.HelpFormatter):
    """argparse's own words in French (Python ships no French catalogue for them)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "utilisation : ")


def _french(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.formatter_class = _FrenchHelp
    parser._positionals.title = "arguments"
    parser._optionals.title = "options"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "afficher cette aide et quitter"
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _french(_Parser(
        prog="facilitator",
        description="Ateliers de gouvernement ouvert hors ligne : kit, prise de notes, restitution.",
    ))
    subs = parser.add_subparsers(dest="command", metavar="COMMANDE")
    groups: dict[tuple[str, ...], argparse._SubParsersAction] = {(): subs}
    for path, help_text, configure, fn in sorted(_REGISTRY, key=lambda r: r[0]):
        for depth in range(1, len(path)):
            prefix = path[:depth]
            if prefix not in groups:
                gp = _french(groups[path[: depth - 1]].add_parser(prefix[-1], help=f"commandes « {' '.join(prefix)} »"))
                groups[prefix] = gp.add_subparsers(dest=f"cmd{depth}", metavar="COMMANDE", required=True)
        sp = _french(groups[path[:-1]].add_parser(path[-1], help=help_text, description=help_text))
        configure(sp)
        sp.set_defaults(handler=fn)
    return parser


def _load_plugins() -> None:
    """Commands of the exports and merge packages register themselves on import."""
    import importlib

    for name in ("facilitator.merge_cli", "exports.cli"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def main(argv: list[str] | None = None, gui: Callable[[argparse.Namespace], int] | None = None) -> int:
    import logging

    logging.basicConfig(level=logging.WARNING)
    _load_plugins()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if getattr(args, "handler", None) is None:
        if gui is None:
            parser.print_help()
            return 1
        return gui(args)
    try:
        return args.handler(args) or 0
    except KitError as exc:
        for issue in exc.issues:
            print(str(issue), file=sys.stderr)
        return 1
    except FacilitatorError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except Exception as exc:  # noqa: BLE001 — the one place unexpected errors are caught
        log = log_exception(exc)
        print(tr("cli.internal", error=exc, log=log), file=sys.stderr)
        return 2
