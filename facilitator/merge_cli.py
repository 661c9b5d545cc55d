"""Commands of the merge and the synthesis: ``merge``, ``conflicts``, ``resolve``, ``section``,
``decide``, ``validate`` (``export proposals`` is a document: exports/cli.py) (imported by ``facilitator.cli``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli import command, event_argument, option, out
from facilitator.errors import OperationError
from facilitator.i18n import long_datetime, tr
from facilitator.store.states import CONTRIBUTORS, DECISIONS


def _merge_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", type=Path, help=tr("cli.help.merge_target"))
    p.add_argument("sources", type=Path, nargs="+", help=tr("cli.help.merge_sources"))
    option(p, "--force", action="store_true", help=tr("cli.help.merge_force"))
    option(p, "--no-backup", "--sans-sauvegarde", dest="backup", action="store_false",
           help=tr("cli.help.merge_no_backup"))
    option(p, "--backup-dir", "--dossier-sauvegarde", dest="backup_dir", type=Path, default=None,
           help=tr("cli.help.merge_backup_dir"))


@command(("merge",), tr("cli.help.merge"), _merge_configure)
def cmd_merge(args) -> int:
    from facilitator.merge import merge
    from facilitator.store import EventFile

    with EventFile.open(args.target) as ev:
        report = merge(ev, args.sources, force=args.force, make_backup=args.backup, backup_dir=args.backup_dir)
    for line in report.lines():
        out(line)
    return 0


def _describe(c) -> str:
    if c.reason == "deleted-edited":
        return tr("merge.conflict_deleted")
    return tr("merge.conflict_edit", fields=", ".join(c.fields))


@command(("conflicts",), tr("cli.help.conflicts"), event_argument)
def cmd_conflicts(args) -> int:
    from facilitator.store import EventFile

    with EventFile.open(args.event) as ev:
        lang = ev.kit.event.language
        found = ev.conflicts()
        if not found:
            out(tr("merge.conflict_none"))
        for c in found:
            where = ""
            if c.kind == "note":
                where = tr("cli.conflicts.where", workshop=c.shown.workshop, section=c.shown.section)
            out(tr("cli.conflicts.record", kind=tr(f"cli.kind.{c.kind}"), id=c.record_id, where=where,
                   what=_describe(c)))
            for v in c.versions:
                text = getattr(v.state, "text", None) or getattr(v.state, "title", None) or getattr(v.state, "intro", "")
                mark = tr("cli.conflicts.deleted") if getattr(v.state, "deleted", False) else ""
                out(f"    {v.revision[:8]}  {v.device}  {long_datetime(v.at, lang)}{mark}  {text[:80]}")
    return 0


def _resolve_configure(p: argparse.ArgumentParser) -> None:
    event_argument(p)
    p.add_argument("record", help=tr("cli.help.resolve_record"))
    option(p, "--keep", "--version", dest="version", metavar="REVISION", help=tr("cli.help.resolve_keep"))
    option(p, "--kind", "--type", dest="kind", choices=("note", "proposal", "synthesis"), default="note",
           help=tr("cli.help.resolve_kind"))


@command(("resolve",), tr("cli.help.resolve"), _resolve_configure)
def cmd_resolve(args) -> int:
    from facilitator.store import EventFile

    with EventFile.open(args.event) as ev:
        ev.resolve_conflict(args.record, revision=args.version, kind=args.kind)
    out(tr("merge.resolved", id=args.record))
    return 0


def _section_configure(p: argparse.ArgumentParser) -> None:
    event_argument(p)
    p.add_argument("section", help=tr("cli.help.section_id"))
    option(p, "--commitment", "--engagement", dest="commitment", help=tr("cli.help.section_commitment"))
    option(p, "--contributor", "--contributeur", dest="contributor", choices=CONTRIBUTORS,
           help=tr("cli.help.section_contributor"))
    option(p, "--min-votes", "--votes-min", dest="min_votes", type=int, default=0,
           help=tr("cli.help.section_min_votes"))


@command(("section",), tr("cli.help.section"), _section_configure)
def cmd_section(args) -> int:
    from facilitator.store import EventFile
    from facilitator.synthesis import section_notes

    with EventFile.open(args.event) as ev:
        rows = section_notes(ev, args.section, commitment=args.commitment, contributor=args.contributor,
                             min_votes=args.min_votes)
        current = None
        for r in rows:
            if r.note.workshop != current:
                current = r.note.workshop
                out(tr("cli.section.workshop", number=current, title=r.workshop_title))
            votes = tr("cli.section.votes", count=r.note.votes) if r.note.votes else ""
            out(f"{'  ' * (r.depth + 1)}- {r.note.text}{votes}  ({r.note.id[:8]})")
    return 0


def _decide_configure(p: argparse.ArgumentParser) -> None:
    event_argument(p)
    p.add_argument("proposal", help=tr("cli.help.decide_proposal"))
    p.add_argument("decision", choices=(*DECISIONS, "aucune"), help=tr("cli.help.decide_decision"))
    option(p, "--reason", "--motif", dest="reason", default="", help=tr("cli.help.decide_reason"))
    option(p, "--date", dest="date", default=None, help=tr("cli.help.decide_date"))


def _find_proposal(ev, prefix: str):
    matches = [p for p in ev.proposals() if p.id.startswith(prefix)]
    if len(matches) != 1:
        raise OperationError(tr("store.unknown_proposal", id=prefix))
    return matches[0]


@command(("decide",), tr("cli.help.decide"), _decide_configure)
def cmd_decide(args) -> int:
    from facilitator.store import EventFile
    from facilitator.synthesis import decision_label

    with EventFile.open(args.event) as ev:
        p = _find_proposal(ev, args.proposal)
        decision = None if args.decision == "aucune" else args.decision
        ev.decide(p.id, decision, args.reason, args.date)
    out(tr("synthesis.decided", title=p.title, decision=decision_label(decision) or "—"))
    return 0


def _validate_configure(p: argparse.ArgumentParser) -> None:
    event_argument(p)
    option(p, "--by", "--par", dest="by", required=True, help=tr("cli.help.validate_by"))


@command(("validate",), tr("cli.help.validate"), _validate_configure)
def cmd_validate(args) -> int:
    from facilitator.store import EventFile

    with EventFile.open(args.event) as ev:
        ev.validate_synthesis(args.by)
        s = ev.synthesis()
    out(tr("synthesis.validated", by=s.validated_by, at=long_datetime(s.validated_at, ev.kit.event.language),
           fingerprint=s.fingerprint))
    return 0
