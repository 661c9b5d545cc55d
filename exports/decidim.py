"""The proposals as the CSV of the "Import results" of Decidim's accountability component.

Written from Decidim's own source (decidim/decidim, see docs/merge.md for the files read):

- ``ResultsCsvImporter`` parses the upload with Ruby's ``CSV.new(text, headers: true,
  col_sep: Decidim.default_csv_col_sep)`` (``;`` unless the installation sets
  ``DECIDIM_DEFAULT_CSV_COL_SEP``) and reads the columns by header name: ``id``,
  ``title/<locale>``, ``description/<locale>``, ``start_date``, ``end_date``, ``status/id``,
  ``proposal_urls``, ``parent/id``; every other column goes into the form as is (``external_id``,
  ``progress``) or is ignored (``status/key``, ``reference``, ``commitments``);
- for every locale of the organisation, ``title/<locale>`` falls back to the column of the
  organisation's *default* locale: that column must exist, or every row fails "title missing"
  and the whole file is rolled back;
- ``id`` names a result of the component, which the row then updates; any other value creates a
  result (so ``id`` stays empty, or holds the Decidim id matched from a Decidim export, see
  ``match_ids``);
- the descriptions are rich text (HTML), as in Decidim's fixture ``valid_result.csv``.

The controller reads the upload with ``force_encoding("utf-8")``, which keeps a byte order mark:
the first header then reads ``\\ufeffreference``. The first column is therefore one Decidim
ignores, so that ``--bom`` cannot hide a column it reads.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from html import escape
from pathlib import Path

from exports.content import ProposalContent, restitution
from exports.html import inline
from exports.textdoc import ItemList, Para, proposal_blocks, walk_items
from facilitator import csvfile
from facilitator.errors import FacilitatorError
from facilitator.files import reading
from facilitator.i18n import tr
from facilitator.inputs import NotRegularFile, TooBig, read_bounded
from facilitator.kit.sheets import MAX_FILE_BYTES
from facilitator.store import EventFile

# A Decidim locale as organisations declare them (fr, en, ca, pt-BR, sr-Latn …).
LOCALE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")

# The decision that closes a result: only then is end_date the decision date. "retenue" opens
# the work (its end is the end of the action, unknown here) and "à l'étude" is still open.
CLOSING_DECISIONS = ("non-retenue",)


def default_locales(ev: EventFile) -> tuple[str, ...]:
    """The event's language, and French (the language of the texts) when it is another one."""
    lang = ev.kit.event.language.split("-")[0] or "fr"
    return (lang,) if lang == "fr" else (lang, "fr")


def parse_locales(value: str) -> tuple[str, ...]:
    """``fr,en,ca`` as given to ``--locales``; a bad value is a French error naming it."""
    out: list[str] = []
    for part in value.split(","):
        loc = part.strip()
        if not LOCALE_RE.match(loc):
            raise FacilitatorError(tr("decidim.bad_locale", value=part.strip() or value))
        if loc not in out:
            out.append(loc)
    if not out:
        raise FacilitatorError(tr("decidim.bad_locale", value=value))
    return tuple(out)


def columns(locales: tuple[str, ...]) -> tuple[str, ...]:
    return ("reference", "id", "external_id", "parent/id",
            *(f"title/{loc}" for loc in locales), *(f"description/{loc}" for loc in locales),
            "start_date", "end_date", "status/id", "status/key", "progress", "proposal_urls", "commitments")


def external_id(ev: EventFile, proposal_id: str) -> str:
    """Stable across exports and re-exports of the same event file (and its merges)."""
    return f"facilitator-{ev.kit.event.id}-{proposal_id}"


def description_html(p: ProposalContent, ev: EventFile, lang: str) -> str:
    """The proposal as it reads in the restitution (the bold title, then its text, so that a text
    written to follow the title reads whole), then its commitments and its decision; HTML."""
    kit = ev.kit
    parts: list[str] = []
    for el in proposal_blocks(dataclasses.replace(p, engagement_label=""), lang):
        if isinstance(el, Para):
            parts.append(f"<p>{inline(el.runs)}</p>")
        elif isinstance(el, ItemList):
            parts.append("<ul>" + "".join(
                f"<li>{'<br>'.join(inline(ln) for ln in it.lines)}</li>" for it, _d in walk_items(el.items))
                + "</ul>")
    for cid in p.commitments:
        com = kit.commitment(cid)
        text = tr("decidim.commitment", lang, id=cid, title=com.title) if com else tr(
            "decidim.commitment_id", lang, id=cid)
        parts.append(f"<p>{escape(text, quote=False)}</p>")
    if p.decision:
        text = tr("decidim.decision", lang, decision=p.decision_label)
        if p.decision_reason.strip():
            text = tr("decidim.decision_reason", lang, decision=p.decision_label, reason=p.decision_reason.strip())
        parts.append(f"<p>{escape(text, quote=False)}</p>")
    return "".join(parts)


def decidim_rows(ev: EventFile, *, locales: tuple[str, ...] | None = None,
                 status_ids: dict[str, str] | None = None,
                 decidim_ids: dict[str, str] | None = None) -> list[dict[str, str]]:
    """One row per proposal. ``status_ids`` maps a decision to the id of the status created in
    the Decidim component; ``decidim_ids`` maps an ``external_id`` to a Decidim result id."""
    status_ids = status_ids or {}
    decidim_ids = decidim_ids or {}
    locales = locales or default_locales(ev)
    content = restitution(ev)
    lang = content.lang
    out = []
    for i, p in enumerate(content.proposals, start=1):
        ext = external_id(ev, p.id)
        desc = description_html(p, ev, lang)
        row = {
            "reference": f"P{i}",
            "id": decidim_ids.get(ext, ""),
            "external_id": ext,
            "parent/id": "",
            "start_date": content.event_date.isoformat(),
            "end_date": (p.decision_date or "") if p.decision in CLOSING_DECISIONS else "",
            "status/id": status_ids.get(p.decision or "", ""),
            "status/key": p.decision or "",
            "progress": "",
            "proposal_urls": "",
            "commitments": " ".join(p.commitments),
        }
        for loc in locales:
            row[f"title/{loc}"] = p.title if p.title.strip() else tr("decidim.untitled", lang, number=i)
            row[f"description/{loc}"] = desc
        out.append(row)
    return out


def missing_statuses(ev: EventFile, status_ids: dict[str, str]) -> list[str]:
    """The decisions taken in this event that have no Decidim status id."""
    seen = []
    for p in ev.proposals():
        if p.decision and p.decision not in status_ids and p.decision not in seen:
            seen.append(p.decision)
    return seen


def render_decidim(ev: EventFile, *, locales: tuple[str, ...] | None = None,
                   status_ids: dict[str, str] | None = None, decidim_ids: dict[str, str] | None = None,
                   bom: bool = False) -> bytes:
    locales = locales or default_locales(ev)
    rows = decidim_rows(ev, locales=locales, status_ids=status_ids, decidim_ids=decidim_ids)
    return csvfile.render(columns(locales), rows, delimiter=";", bom=bom)


def match_ids(ev: EventFile, export_path: Path, locales: tuple[str, ...] | None = None) -> dict[str, str]:
    """Decidim result ids for our proposals, read from the component's own results export (the
    CSV Decidim writes: ``id``, ``title/<locale>``…; an ``external_id`` column when the
    installation exports one). A row is matched by its ``external_id`` if it has one, otherwise
    by its exact title in one of ``locales``, and only when that title names one proposal."""
    locales = locales or default_locales(ev)
    try:
        with reading(export_path):
            raw = read_bounded(export_path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        raise FacilitatorError(tr("decidim.ids_unreadable", path=export_path, reason=tr("sheet.not_regular"))) from exc
    except TooBig as exc:
        raise FacilitatorError(tr("decidim.ids_unreadable", path=export_path,
                                  reason=tr("sheet.too_big", size=exc.size, limit=MAX_FILE_BYTES))) from exc
    except OSError as exc:
        raise FacilitatorError(tr("decidim.ids_unreadable", path=export_path, reason=exc.strerror or exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FacilitatorError(tr("decidim.ids_not_csv", path=export_path)) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise FacilitatorError(tr("decidim.ids_not_csv", path=export_path))
    ours = {external_id(ev, p.id): p.title.strip() for p in ev.proposals()}
    by_title: dict[str, list[str]] = {}
    for ext, title in ours.items():
        by_title.setdefault(title, []).append(ext)
    out: dict[str, str] = {}
    for row in reader:
        rid = (row.get("id") or "").strip()
        if not rid.isdigit():
            continue
        ext = csvfile.unneutralise((row.get("external_id") or "").strip())
        if ext in ours:
            out[ext] = rid
            continue
        for loc in locales:
            title = csvfile.unneutralise((row.get(f"title/{loc}") or "").strip())
            exts = by_title.get(title, [])
            if title and len(exts) == 1 and exts[0] not in out:
                out[exts[0]] = rid
                break
    return out
