"""Commands of the merge and the synthesis: ``merge``, ``conflicts``, ``resolve``, ``section``,
``decide``, ``validate`` and ``export proposals`` (imported by ``facilitator.cli``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli import command, out
from facilitator.errors import OperationError
from facilitator.i18n import tr
from facilitator.store.states import CONTRIBUTORS, DECISIONS


def _merge_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", type=Path, help="fichier d'événement qui reçoit les notes")
    p.add_argument("sources", type=Path, nargs="+", help="fichiers d'événement des autres ordinateurs (lus seulement)")
    p.add_argument("--force", action="store_true",
                   help="fusionner même un fichier d'un autre événement ou d'une autre version du kit")
    p.add_argument("--sans-sauvegarde", dest="backup", action="store_false",
                   help="ne pas faire de copie de sauvegarde du fichier cible avant la fusion")
    p.add_argument("--dossier-sauvegarde", dest="backup_dir", type=Path, default=None,
                   help="dossier de la copie de sauvegarde (par défaut : à côté du fichier cible)")


@command(("merge",), "fusionner les notes des autres ordinateurs dans un fichier d'événement", _merge_configure)
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


@command(("conflicts",), "lister les conflits laissés par une fusion et leurs versions",
         lambda p: p.add_argument("event", type=Path))
def cmd_conflicts(args) -> int:
    from facilitator.store import EventFile

    with EventFile.open(args.event) as ev:
        found = ev.conflicts()
        if not found:
            out(tr("merge.conflict_none"))
        for c in found:
            where = ""
            if c.kind == "note":
                where = f"atelier {c.shown.workshop}, {c.shown.section} — "
            out(f"[{c.kind}] {c.record_id} : {where}{_describe(c)}")
            for v in c.versions:
                text = getattr(v.state, "text", None) or getattr(v.state, "title", None) or getattr(v.state, "intro", "")
                mark = " (supprimée)" if getattr(v.state, "deleted", False) else ""
                out(f"    {v.revision[:8]}  {v.device}  {v.at[:19]}{mark}  {text[:80]}")
    return 0


def _resolve_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", type=Path)
    p.add_argument("record", help="identifiant de la note (ou de la proposition ; « 1 » pour la synthèse)")
    p.add_argument("--version", dest="version", help="garder cette version (début de son identifiant)")
    p.add_argument("--type", dest="kind", choices=("note", "proposal", "synthesis"), default="note")


@command(("resolve",), "résoudre un conflit en gardant une version (par défaut : celle affichée)",
         _resolve_configure)
def cmd_resolve(args) -> int:
    from facilitator.store import EventFile

    with EventFile.open(args.event) as ev:
        ev.resolve_conflict(args.record, revision=args.version, kind=args.kind)
    out(tr("merge.resolved", id=args.record))
    return 0


def _section_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", type=Path)
    p.add_argument("section", help="identifiant de la section, par exemple « futurs »")
    p.add_argument("--engagement", dest="commitment", help="seulement les notes de cet engagement")
    p.add_argument("--contributeur", dest="contributor", choices=CONTRIBUTORS)
    p.add_argument("--votes-min", dest="min_votes", type=int, default=0)


@command(("section",), "toutes les notes d'une section, tous ateliers confondus (vue du rapporteur)",
         _section_configure)
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
                out(f"Atelier {current} – {r.workshop_title}")
            votes = f" [{r.note.votes} vote(s)]" if r.note.votes else ""
            out(f"{'  ' * (r.depth + 1)}- {r.note.text}{votes}  ({r.note.id[:8]})")
    return 0


def _decide_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", type=Path)
    p.add_argument("proposal", help="identifiant de la proposition (ou son début)")
    p.add_argument("decision", choices=(*DECISIONS, "aucune"))
    p.add_argument("--motif", dest="reason", default="")
    p.add_argument("--date", dest="date", default=None, help="AAAA-MM-JJ (par défaut : aujourd'hui)")


def _find_proposal(ev, prefix: str):
    matches = [p for p in ev.proposals() if p.id.startswith(prefix)]
    if len(matches) != 1:
        raise OperationError(tr("store.unknown_proposal", id=prefix))
    return matches[0]


@command(("decide",), "enregistrer la décision prise sur une proposition", _decide_configure)
def cmd_decide(args) -> int:
    from facilitator.store import EventFile
    from facilitator.synthesis import decide, decision_label

    with EventFile.open(args.event) as ev:
        p = _find_proposal(ev, args.proposal)
        decision = None if args.decision == "aucune" else args.decision
        decide(ev, p.id, decision, args.reason, args.date)
    out(tr("synthesis.decided", title=p.title, decision=decision_label(decision) or "—"))
    return 0


def _validate_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", type=Path)
    p.add_argument("--par", dest="by", required=True, help="nom de la personne qui valide")


@command(("validate",), "marquer la synthèse « validée » (date et empreinte SHA-256 du contenu)",
         _validate_configure)
def cmd_validate(args) -> int:
    from facilitator.store import EventFile

    with EventFile.open(args.event) as ev:
        ev.validate_synthesis(args.by)
        s = ev.synthesis()
    out(tr("synthesis.validated", by=s.validated_by, at=s.validated_at[:19], fingerprint=s.fingerprint))
    return 0


def _export_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="fichier CSV à écrire")
    p.add_argument("--decidim", action="store_true",
                   help="colonnes de l'import de résultats du module « accountability » de Decidim")
    p.add_argument("--statut", dest="status", action="append", default=[], metavar="DECISION=ID",
                   help="identifiant du statut Decidim pour une décision, par exemple retenue=3")
    p.add_argument("--bom", action="store_true",
                   help="ajouter l'indicateur d'ordre des octets (pour que les tableurs lisent l'UTF-8)")


@command(("export", "proposals"), "exporter les propositions, leurs décisions et leurs notes sources (CSV)",
         _export_configure)
def cmd_export_proposals(args) -> int:
    from facilitator.store.reading import open_for_reading
    from facilitator.traceability import export_proposals

    status_ids = {}
    for item in args.status:
        key, _, value = item.partition("=")
        if key not in DECISIONS or not value:
            raise OperationError(tr("store.bad_decision", value=item))
        status_ids[key] = value
    with open_for_reading(args.event) as ev:
        count = export_proposals(ev, args.output, decidim=args.decidim, status_ids=status_ids,
                                 bom=args.bom)
    out(tr("export.written", count=count, path=args.output))
    return 0
