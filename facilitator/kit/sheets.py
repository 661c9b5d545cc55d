"""The plan's commitments and the ateliers from and to a spreadsheet (CSV, XLSX, ODS).

Reading is bounded like the kit loader: the file's size, and for XLSX and ODS (zip archives) the
uncompressed size and ratio of every member *before* anything is opened; rows, columns and cell
lengths. Formulas are read as their last computed values (openpyxl ``data_only``, ODS
``office:value``); merged cells give their value to every cell they cover; empty rows are skipped.
Every problem is located by file, sheet, row and column (``A``, ``B``…) with the column's header.

A **mapping** says which column feeds which kit field; it is guessed from the headers (French
labels, the kit's own key names, and the choices remembered from earlier imports in the config
folder) and can be given explicitly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from facilitator.errors import FacilitatorError
from facilitator.i18n import tr
from facilitator.inputs import NotRegularFile, TooBig, read_bounded
from facilitator.kit import model as m

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # every member of an XLSX or ODS archive together
MAX_RATIO = 200  # uncompressed / compressed, per member (text XML compresses ~10–30 times)
MAX_ROWS = 5_000  # rows with content, per sheet
MAX_SCAN_ROWS = 100_000  # rows looked at, empty or not (a sheet claiming a million is refused)
MAX_COLUMNS = 100
MAX_CELL_CHARS = 50_000
MAX_PROBLEMS = 200

KINDS = ("commitments", "workshops")


class SheetError(FacilitatorError):
    """A spreadsheet that cannot be imported: every located problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Problem:
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # 1-based, as the spreadsheet numbers it
    column: int | None = None  # 1-based
    header: str | None = None
    lang: str | None = None

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(tr("sheet.where_sheet", self.lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(tr("sheet.where_row", self.lang, row=self.row))
        if self.column is not None:
            col = column_letter(self.column)
            parts.append(tr("sheet.where_column", self.lang, column=col) if not self.header
                         else tr("sheet.where_column_header", self.lang, column=col, header=self.header))
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where} : {self.message}"


def column_letter(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class Table:
    """One sheet: its header row and the rows with content (number, cells), merged cells filled."""

    file: str
    name: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


# ---------------------------------------------------------------------------------- reading
def read_tables(path: str | Path, lang: str | None = None) -> list[Table]:
    """Every sheet of ``path`` with a header row (CSV: one sheet named after the file)."""
    path = Path(path)
    name = path.name
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except NotRegularFile:
        raise SheetError([Problem(name, tr("sheet.not_regular", lang), lang=lang)]) from None
    except TooBig as exc:
        raise SheetError([Problem(name, tr("sheet.too_big", lang, size=exc.size, limit=MAX_FILE_BYTES), lang=lang)]) from None
    except OSError as exc:
        raise SheetError([Problem(name, tr("sheet.unreadable", lang, reason=exc.strerror or str(exc)), lang=lang)]) from exc
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        _check_zip(path, data, lang)
        sheets = _read_xlsx(path, data, lang)
    elif suffix == ".ods":
        _check_zip(path, data, lang)
        sheets = _read_ods(path, data, lang)
    elif suffix in (".csv", ".txt"):
        sheets = [(path.stem, _read_csv(path, data, lang))]
    else:
        raise SheetError([Problem(name, tr("sheet.unknown_format", lang, suffix=suffix or "?"), lang=lang)])
    tables = []
    for sheet, rows in sheets:
        t = _table(name, sheet, rows, lang)
        if t is not None:
            tables.append(t)
    if not tables:
        raise SheetError([Problem(name, tr("sheet.empty", lang), lang=lang)])
    return tables


def _check_zip(path: Path, data: bytes, lang: str | None) -> None:
    """Refuse an archive whose members would inflate beyond the bounds, before opening it."""
    name = path.name
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = 0
            for info in zf.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                    raise SheetError([Problem(name, tr("sheet.zip_bomb", lang, member=info.filename,
                                                       ratio=int(ratio)), lang=lang)])
                if total > MAX_UNCOMPRESSED:
                    raise SheetError([Problem(name, tr("sheet.too_big_uncompressed", lang,
                                                       limit=MAX_UNCOMPRESSED), lang=lang)])
    except zipfile.BadZipFile as exc:
        raise SheetError([Problem(name, tr("sheet.not_a_spreadsheet", lang), lang=lang)]) from exc
    except OSError as exc:
        raise SheetError([Problem(name, tr("sheet.unreadable", lang, reason=exc.strerror or str(exc)), lang=lang)]) from exc


class _Rows:
    """Rows of one sheet, bounded: (row number, cells) of the rows with content."""

    def __init__(self, file: str, sheet: str, lang: str | None):
        self.file, self.sheet, self.lang = file, sheet, lang
        self.rows: list[tuple[int, list[Any]]] = []

    def add(self, number: int, cells: list[Any]) -> None:
        if number > MAX_SCAN_ROWS:
            raise SheetError([Problem(self.file, tr("sheet.too_many_rows", self.lang, limit=MAX_SCAN_ROWS),
                                      self.sheet, number, lang=self.lang)])
        while cells and _empty(cells[-1]):
            cells.pop()
        if not cells:
            return
        if len(cells) > MAX_COLUMNS:
            raise SheetError([Problem(self.file, tr("sheet.too_many_columns", self.lang, limit=MAX_COLUMNS),
                                      self.sheet, number, MAX_COLUMNS + 1, lang=self.lang)])
        for i, c in enumerate(cells):
            if isinstance(c, str) and len(c) > MAX_CELL_CHARS:
                raise SheetError([Problem(self.file, tr("sheet.cell_too_long", self.lang, limit=MAX_CELL_CHARS),
                                          self.sheet, number, i + 1, lang=self.lang)])
        self.rows.append((number, cells))
        if len(self.rows) > MAX_ROWS + 1:  # (the header row and MAX_ROWS rows)
            raise SheetError([Problem(self.file, tr("sheet.too_many_rows", self.lang, limit=MAX_ROWS),
                                      self.sheet, number, lang=self.lang)])


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _read_csv(path: Path, data: bytes, lang: str | None) -> list[tuple[int, list[Any]]]:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover — cp1252 decodes nearly everything
        raise SheetError([Problem(path.name, tr("sheet.bad_encoding", lang), lang=lang)])
    if "\x00" in text:
        raise SheetError([Problem(path.name, tr("sheet.not_a_spreadsheet", lang), lang=lang)])
    sample = text[:20_000]
    try:  # only the delimiter is guessed (the sniffer's guess of quoting breaks "" in texts)
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","

    class dialect(csv.excel):  # noqa: N801
        pass

    dialect.delimiter = delimiter
    csv.field_size_limit(MAX_CELL_CHARS + 1)
    rows = _Rows(path.name, path.stem, lang)
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
            rows.add(i, list(row))
    except csv.Error as exc:
        raise SheetError([Problem(path.name, tr("sheet.csv_error", lang, reason=str(exc)), path.stem, lang=lang)]) from exc
    return rows.rows


_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _cell_index(ref: str) -> tuple[int, int]:
    mt = _REF.match(ref)
    if not mt:
        raise ValueError(ref)
    col = 0
    for ch in mt.group(1):
        col = col * 26 + ord(ch) - 64
    return int(mt.group(2)), col


def _read_xlsx(path: Path, data: bytes, lang: str | None) -> list[tuple[str, list[tuple[int, list[Any]]]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a broken file
        raise SheetError([Problem(path.name, tr("sheet.not_a_spreadsheet", lang), lang=lang)]) from exc
    out = []
    try:
        for ws in wb.worksheets:
            rows = _Rows(path.name, ws.title, lang)
            merged = _xlsx_merged(wb, ws)
            try:
                for number, values in enumerate(ws.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), start=1):
                    cells = [_xlsx_value(v) for v in values]
                    rows.add(number, cells)
            except SheetError:
                raise
            except Exception as exc:  # noqa: BLE001
                raise SheetError([Problem(path.name, tr("sheet.not_a_spreadsheet", lang), ws.title, lang=lang)]) from exc
            out.append((ws.title, _fill_merged(rows.rows, merged)))
    finally:
        wb.close()
    return out


def _xlsx_merged(wb, ws) -> list[tuple[int, int, int, int]]:
    """Merged ranges (row1, col1, row2, col2) of a read-only sheet, from its XML's mergeCells
    (read-only worksheets do not give them; the archive's sizes were checked before)."""

    out = []
    src = getattr(ws, "_worksheet_path", None)
    if src is None:
        return out
    with wb._archive.open(src) as fh:
        for _event, el in iterparse(fh):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "mergeCell":
                ref = el.get("ref", "")
                if ":" in ref:
                    a, b = ref.split(":", 1)
                    try:
                        (r1, c1), (r2, c2) = _cell_index(a), _cell_index(b)
                    except ValueError:
                        continue
                    out.append((r1, c1, min(r2, r1 + MAX_ROWS), min(c2, MAX_COLUMNS)))
            elif tag in ("row", "c", "v", "f", "is", "t"):
                el.clear()
    return out


def _fill_merged(rows: list[tuple[int, list[Any]]], merged) -> list[tuple[int, list[Any]]]:
    if not merged:
        return rows
    by_number = {n: cells for n, cells in rows}
    for r1, c1, r2, c2 in merged:
        top = by_number.get(r1)
        if top is None or c1 > len(top):
            continue
        value = top[c1 - 1]
        for r in range(r1, r2 + 1):
            cells = by_number.get(r)
            if cells is None:
                continue  # a row empty but for the merge: stays out
            for c in range(c1, c2 + 1):
                while len(cells) < c:
                    cells.append(None)
                if _empty(cells[c - 1]):
                    cells[c - 1] = value
    return rows


def _xlsx_value(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0) and v.date() != dt.date(1899, 12, 30):
            return v.date()
        if v.date() in (dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1)):
            return v.time()
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _read_ods(path: Path, data: bytes, lang: str | None) -> list[tuple[str, list[tuple[int, list[Any]]]]]:
    from odf import opendocument, table, text
    from odf.namespaces import OFFICENS, TABLENS

    try:
        doc = opendocument.load(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 — odfpy raises many kinds for a broken file
        raise SheetError([Problem(path.name, tr("sheet.not_a_spreadsheet", lang), lang=lang)]) from exc
    out = []
    for t in doc.spreadsheet.getElementsByType(table.Table):
        name = t.getAttrNS(TABLENS, "name") or "?"
        rows = _Rows(path.name, name, lang)
        spans: dict[int, tuple[int, Any]] = {}  # column → (last row covered, value) of merges
        number = 0
        for row in _ods_rows(t):
            repeat = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            cells: list[Any] = []
            col = 0
            for cell in row.childNodes:
                if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                crepeat = int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)
                value = _ods_value(cell, OFFICENS, text) if cell.qname[1] == "table-cell" else None
                if _empty(value) and col + crepeat > MAX_COLUMNS:
                    col += crepeat  # trailing empty cells (often repeated to column 1024)
                    continue
                if col + crepeat > MAX_COLUMNS:
                    raise SheetError([Problem(path.name, tr("sheet.too_many_columns", lang, limit=MAX_COLUMNS),
                                              name, number + 1, MAX_COLUMNS + 1, lang=lang)])
                rspan = int(cell.getAttrNS(TABLENS, "number-rows-spanned") or 1)
                cspan = int(cell.getAttrNS(TABLENS, "number-columns-spanned") or 1)
                for _ in range(crepeat):
                    cells.append(value)
                    col += 1
                if rspan > 1 or cspan > 1:
                    for c in range(col - 1, min(col - 1 + cspan, MAX_COLUMNS)):
                        spans[c] = (number + min(rspan, MAX_ROWS), value)
            if all(_empty(c) for c in cells):
                number += repeat  # empty rows, however many repeated, cost nothing
                if number > MAX_SCAN_ROWS * 100:
                    break
                continue
            for _ in range(repeat):
                number += 1
                filled = list(cells)
                for c, (last, value) in spans.items():
                    if number <= last:
                        while len(filled) <= c:
                            filled.append(None)
                        if _empty(filled[c]):
                            filled[c] = value
                rows.add(number, filled)
        out.append((name, rows.rows))
    return out


def _ods_rows(t):
    """The rows of a table, including those in row groups and header rows."""
    for child in t.childNodes:
        kind = child.qname[1]
        if kind == "table-row":
            yield child
        elif kind in ("table-rows", "table-header-rows", "table-row-group"):
            yield from _ods_rows(child)


def _ods_value(cell, OFFICENS, text) -> Any:  # noqa: N803
    vtype = cell.getAttrNS(OFFICENS, "value-type")
    if vtype in ("float", "percentage", "currency"):
        raw = cell.getAttrNS(OFFICENS, "value")
        try:
            f = float(raw)
        except (TypeError, ValueError):
            return raw
        return int(f) if f.is_integer() else f
    if vtype == "date":
        raw = cell.getAttrNS(OFFICENS, "date-value") or ""
        try:
            return dt.date.fromisoformat(raw) if "T" not in raw else dt.datetime.fromisoformat(raw)
        except ValueError:
            return raw
    if vtype == "time":
        raw = cell.getAttrNS(OFFICENS, "time-value") or ""
        mt = re.match(r"^PT(\d+)H(\d+)M", raw)
        if mt and int(mt.group(1)) < 24:
            return dt.time(int(mt.group(1)), int(mt.group(2)))
        return raw
    if vtype == "boolean":
        return cell.getAttrNS(OFFICENS, "boolean-value") == "true"
    paras = []
    for p in cell.getElementsByType(text.P):
        paras.append(_ods_text(p))
    s = "\n".join(paras)
    return s if s else None


def _ods_text(node) -> str:
    out = []
    for n in node.childNodes:
        if n.nodeType == n.TEXT_NODE:
            out.append(n.data)
        elif n.qname[1] == "s":
            out.append(" " * int(n.attributes.get((n.qname[0], "c"), 1) or 1))
        elif n.qname[1] == "tab":
            out.append("\t")
        elif n.qname[1] == "line-break":
            out.append("\n")
        else:
            out.append(_ods_text(n))
    return "".join(out)


def _table(file: str, sheet: str, rows: list[tuple[int, list[Any]]], lang) -> Table | None:
    if not rows:
        return None
    header_row, header_cells = rows[0]
    headers = ["" if _empty(c) else str(c).strip() for c in header_cells]
    return Table(file, sheet, header_row, headers, rows[1:])


# ---------------------------------------------------------------------------------- fields
@dataclass(frozen=True)
class Column:
    field: str
    kind: str  # text, lines, id, int, time, status, schedule, ids
    label_key: str


COLUMNS: dict[str, tuple[Column, ...]] = {
    "commitments": (
        Column("id", "id", "sheet.col.id"),
        Column("title", "text", "sheet.col.title"),
        Column("short_title", "text", "sheet.col.short_title"),
        Column("axis", "text", "sheet.col.axis"),
        Column("owners", "lines", "sheet.col.owners"),
        Column("stakeholders", "lines", "sheet.col.stakeholders"),
        Column("status", "status", "sheet.col.status"),
        Column("schedule", "schedule", "sheet.col.schedule"),
        Column("url", "text", "sheet.col.url"),
        Column("stakes", "text", "sheet.col.stakes"),
        Column("description", "text", "sheet.col.description"),
        Column("contribution", "text", "sheet.col.contribution"),
        Column("relevance", "text", "sheet.col.relevance"),
        Column("impacts", "lines", "sheet.col.impacts"),
    ),
    "workshops": (
        Column("number", "int", "sheet.col.number"),
        Column("title", "text", "sheet.col.workshop_title"),
        Column("question", "text", "sheet.col.question"),
        Column("pilot", "lines", "sheet.col.pilot"),
        Column("context", "text", "sheet.col.context"),
        Column("commitments", "ids", "sheet.col.commitments"),
        Column("room", "text", "sheet.col.room"),
        Column("start", "time", "sheet.col.start"),
        Column("end", "time", "sheet.col.end"),
        Column("facilitators", "lines", "sheet.col.facilitators"),
        Column("organisations", "lines", "sheet.col.organisations"),
    ),
}
KEY_FIELD = {"commitments": "id", "workshops": "number"}

# Other headers organisers write, normalised (see ``norm``).
SYNONYMS = {
    "commitments": {
        "id": ("n", "no", "num", "numero", "identifiant", "engagement", "n engagement", "numero engagement", "ref"),
        "title": ("intitule", "titre", "libelle", "nom", "intitule de l engagement", "engagement intitule"),
        "short_title": ("titre court", "intitule court", "sigle", "nom court"),
        "axis": ("axe", "theme", "thematique", "axe du plan"),
        "owners": ("porteur", "porteurs", "institution", "institutions", "institution porteuse",
                   "institutions porteuses", "administration porteuse", "ministere", "ministeres"),
        "stakeholders": ("parties prenantes", "partenaires", "parties prenantes a associer"),
        "status": ("statut", "etat", "avancement", "etat d avancement"),
        "schedule": ("calendrier", "delai", "respect du calendrier", "echeance"),
        "url": ("lien", "lien de suivi", "adresse", "site", "page de suivi", "url"),
        "stakes": ("enjeu", "enjeux", "quel est l enjeu"),
        "description": ("description", "descriptif", "resume"),
        "contribution": ("contribution",),
        "relevance": ("pertinence",),
        "impacts": ("impacts", "impacts attendus", "impact"),
    },
    "workshops": {
        "number": ("n", "no", "num", "numero", "atelier", "n atelier", "numero d atelier"),
        "title": ("titre", "intitule", "nom", "titre de l atelier", "thematique"),
        "question": ("question", "question de l atelier", "problematique"),
        "pilot": ("pilote", "pilotes", "administration pilote", "administrations pilotes"),
        "context": ("contexte",),
        "commitments": ("engagements", "engagement", "engagements traites", "n engagements"),
        "room": ("salle", "lieu"),
        "start": ("debut", "heure de debut", "de"),
        "end": ("fin", "heure de fin", "a"),
        "facilitators": ("animateur", "animateurs", "animatrices", "facilitateurs", "animation"),
        "organisations": ("organisations", "organisations representees", "associations", "participants"),
    },
}


def norm(header: str) -> str:
    s = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def label(kind: str, fld: str, lang: str | None = None) -> str:
    col = next(c for c in COLUMNS[kind] if c.field == fld)
    return tr(col.label_key, lang)


def sheet_title(kind: str, lang: str | None = None) -> str:
    return tr(f"sheet.title.{kind}", lang)


def _memory_path() -> Path:
    from facilitator.config import config_dir

    return config_dir() / "kit-import-columns.json"


def remembered() -> dict[str, dict[str, str]]:
    """The column choices of earlier imports: {kind: {normalised header: field}}."""
    try:
        data = json.loads(_memory_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: {str(h): str(f) for h, f in v.items()} for k, v in data.items() if isinstance(v, dict)}


def remember(kind: str, headers: list[str], mapping: dict[int, str]) -> None:
    """Keep the choices (header → field) for the next import; an unwritable folder is no error."""
    from facilitator.files import write_atomic

    data = remembered()
    mine = data.setdefault(kind, {})
    for i, fld in mapping.items():
        if i < len(headers) and headers[i]:
            mine[norm(headers[i])] = fld
    try:
        _memory_path().parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_memory_path(), json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
    except (OSError, FacilitatorError):
        pass


def guess_mapping(kind: str, headers: list[str], lang: str | None = None) -> dict[int, str]:
    """Column index → field, from the remembered choices, the labels this module writes, the
    kit's key names and the usual French headers; each field taken once, the first column wins."""
    memory = remembered().get(kind, {})
    fields = [c.field for c in COLUMNS[kind]]
    labels = {norm(label(kind, f, lg)): f for f in fields for lg in ("fr", "en")}
    out: dict[int, str] = {}
    taken: set[str] = set()
    for i, h in enumerate(headers):
        n = norm(h)
        if not n:
            continue
        fld = memory.get(n) or labels.get(n) or (n.replace(" ", "_") if n.replace(" ", "_") in fields else None)
        if fld is None:
            fld = next((f for f, syn in SYNONYMS[kind].items() if n in syn), None)
        if fld in fields and fld not in taken:
            out[i] = fld
            taken.add(fld)
    return out


def parse_mapping(kind: str, specs: Iterable[str], headers: list[str], lang: str | None = None) -> dict[int, str]:
    """``COLONNE=champ`` choices (a letter ``C``, a header ``Statut``, or a number ``3``)."""
    fields = [c.field for c in COLUMNS[kind]]
    out = guess_mapping(kind, headers, lang)
    problems = []
    for spec in specs:
        col, sep, fld = spec.partition("=")
        col, fld = col.strip(), fld.strip()
        idx = None
        if col.isdigit():
            idx = int(col) - 1
        elif re.fullmatch(r"[A-Za-z]{1,2}", col):
            idx = _cell_index(col.upper() + "1")[1] - 1
        else:
            idx = next((i for i, h in enumerate(headers) if norm(h) == norm(col)), None)
        if not sep or idx is None or idx < 0:
            problems.append(tr("sheet.bad_mapping", lang, spec=spec))
            continue
        if fld in ("", "-"):
            out.pop(idx, None)
            continue
        if fld not in fields:
            problems.append(tr("sheet.unknown_field", lang, field=fld, fields=", ".join(fields)))
            continue
        for i, f in list(out.items()):
            if f == fld:
                del out[i]
        out[idx] = fld
    if problems:
        raise FacilitatorError("\n".join(problems))
    return out


# ---------------------------------------------------------------------------------- converting
_STATUS = {norm(s): s for s in m.STATUSES}
_SCHEDULE = {norm(s): s for s in m.SCHEDULES}
for _lang in ("fr", "en"):
    _STATUS.update({norm(tr(f"status.{s}", _lang)): s for s in m.STATUSES})
    _SCHEDULE.update({norm(tr(f"schedule.{s}", _lang)): s for s in m.SCHEDULES})
_STATUS.update({"non demarre": "non-demarre", "pas demarre": "non-demarre", "en cours": "partiel",
                "termine": "complet", "acheve": "complet"})
_SCHEDULE.update({"retarde": "retarde", "en retard": "retarde", "a l heure": "conforme", "dans les temps": "conforme"})
_TIME = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})$")


def records(table: Table, kind: str, mapping: dict[int, str], lang: str | None = None
            ) -> tuple[list[tuple[int, dict[str, Any]]], list[Problem]]:
    """The kit records of a table's rows (row number, {field: value}), and every problem.

    A mapped cell left empty is ``None`` (the field is removed when the row updates a kit item)."""
    cols = {c.field: c for c in COLUMNS[kind]}
    key = KEY_FIELD[kind]
    problems: list[Problem] = []
    out = []
    if key not in mapping.values():
        problems.append(Problem(table.file, tr("sheet.no_key_column", lang, field=label(kind, key, lang),
                                               headers=", ".join(h for h in table.headers if h) or "—"),
                                table.name, table.header_row, lang=lang))
        return out, problems
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        rec: dict[str, Any] = {}
        for idx, fld in mapping.items():
            raw = cells[idx] if idx < len(cells) else None
            col = cols[fld]
            header = table.headers[idx] if idx < len(table.headers) else None
            try:
                rec[fld] = _convert(raw, col.kind, lang)
            except ValueError as exc:
                problems.append(Problem(table.file, str(exc), table.name, number, idx + 1, header, lang))
        if all(v is None for v in rec.values()):
            continue
        if key not in rec:
            continue  # its key was wrong, and said so
        if rec.get(key) is None:
            idx = next(i for i, f in mapping.items() if f == key)
            problems.append(Problem(table.file, tr("sheet.missing_key", lang, field=label(kind, key, lang)),
                                    table.name, number, idx + 1, table.headers[idx] or None, lang))
            continue
        k = str(rec[key])
        if k in seen:
            idx = next(i for i, f in mapping.items() if f == key)
            problems.append(Problem(table.file, tr("sheet.duplicate_key", lang, value=k, row=seen[k]),
                                    table.name, number, idx + 1, table.headers[idx] or None, lang))
            continue
        seen[k] = number
        out.append((number, rec))
        if len(problems) >= MAX_PROBLEMS:
            break
    return out, problems


def _text(v: Any) -> str:
    if isinstance(v, bool):
        return "oui" if v else "non"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ", timespec="minutes")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()[:5] if isinstance(v, dt.time) else v.isoformat()
    return str(v).replace("\r\n", "\n").strip()


def _convert(raw: Any, kind: str, lang: str | None) -> Any:
    if _empty(raw):
        return None
    if kind == "text":
        return _text(raw)
    if kind == "lines":
        return [p.strip() for p in re.split(r"\n|;", _text(raw)) if p.strip()]
    if kind == "id":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, float | bool | dt.date | dt.time):
            raise ValueError(tr("sheet.bad_id", lang, value=_text(raw)))
        s = _text(raw)
        return int(s) if s.isdigit() and s == str(int(s)) else s
    if kind == "int":
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
            return raw
        s = _text(raw)
        if isinstance(raw, str) and s.isdigit():
            return int(s)
        raise ValueError(tr("sheet.bad_int", lang, value=s))
    if kind == "ids":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return [raw]
        if isinstance(raw, float | bool | dt.date | dt.time):
            raise ValueError(tr("sheet.bad_id", lang, value=_text(raw)))
        parts = [p.strip() for p in re.split(r"[,;\n]", _text(raw)) if p.strip()]
        return [int(p) if p.isdigit() and p == str(int(p)) else p for p in parts]
    if kind == "time":
        if isinstance(raw, dt.time):
            return raw.strftime("%H:%M")
        if isinstance(raw, dt.datetime):
            return raw.strftime("%H:%M")
        if isinstance(raw, float) and 0 <= raw < 1:  # a day fraction (a CSV of Excel times)
            minutes = round(raw * 24 * 60)
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
        mt = _TIME.match(_text(raw))
        if mt and int(mt.group(1)) < 24 and int(mt.group(2)) < 60:
            return f"{int(mt.group(1)):02d}:{mt.group(2)}"
        raise ValueError(tr("sheet.bad_time", lang, value=_text(raw)))
    if kind in ("status", "schedule"):
        table = _STATUS if kind == "status" else _SCHEDULE
        choices = m.STATUSES if kind == "status" else m.SCHEDULES
        v = table.get(norm(_text(raw)))
        if v is None:
            raise ValueError(tr("sheet.bad_choice", lang, value=_text(raw), choices=", ".join(
                tr(f"{kind}.{c}", lang) for c in choices)))
        return v
    raise AssertionError(kind)


# ---------------------------------------------------------------------------------- the kit
LIST_PATH = {"commitments": "plan.commitments", "workshops": "workshops"}


def apply(doc, kind: str, recs: list[tuple[int, dict[str, Any]]]) -> tuple[int, int]:
    """Put the records into the kit: an item with the same id (number) is updated, field by
    field, in its place and style; others are appended. Each change is a splice of the kit's text
    (the lines of the fields changed, of the items added); a kit without the list yet gets it in
    one whole edit. Returns (updated, added)."""
    key = KEY_FIELD[kind]
    path = LIST_PATH[kind]
    n = doc.length(path)
    if not n:
        return _apply_whole(doc, kind, recs)
    counts = [0, 0]
    index = {str(doc.value(f"{path}[{i}].{key}")): i for i in range(n)}
    for _number, rec in recs:
        i = index.get(str(rec[key]))
        if i is None:
            doc.insert(path, -1, {f: v for f, v in rec.items() if v is not None})
            index[str(rec[key])] = doc.length(path) - 1
            counts[1] += 1
            continue
        changed = False
        for f, v in rec.items():
            field = f"{path}[{i}].{f}"
            old = doc.value(field)
            if v is None:
                if field in doc.slots:
                    doc.set(field, None)
                    changed = True
                continue
            if isinstance(v, list):
                if isinstance(old, list) and [str(x) for x in old] == [str(x) for x in v]:
                    continue
                doc.set_list(field, v)
            else:
                if old is not None and not isinstance(old, list | dict) and str(old).rstrip("\n") == str(v):
                    continue
                doc.set(field, v)
            changed = True
        counts[0] += changed
    return counts[0], counts[1]


def _apply_whole(doc, kind: str, recs: list[tuple[int, dict[str, Any]]]) -> tuple[int, int]:
    """``apply`` as one ruamel.yaml edit of the whole kit (the list, or the plan, made)."""
    from facilitator.kit import roundtrip as rt

    key = KEY_FIELD[kind]
    counts = [0, 0]

    def change(tree):
        if kind == "commitments":
            plan = rt._get(tree, ["plan"], create=True)
            if "title" not in plan:
                plan["title"] = rt._styled(tr("sheet.default_plan_title"), None)
            seq = plan.get("commitments")
            if not isinstance(seq, list):
                seq = rt._seq([])
                plan["commitments"] = seq
        else:
            seq = tree.get("workshops")
            if not isinstance(seq, list):
                seq = rt._seq([])
                tree["workshops"] = seq
        index = {str(item.get(key)): item for item in seq if isinstance(item, dict)}
        for _number, rec in recs:
            item = index.get(str(rec[key]))
            if item is None:
                seq.append(rt._rt({f: v for f, v in rec.items() if v is not None}))
                counts[1] += 1
                continue
            changed = False
            for i, (f, v) in enumerate(rec.items()):
                old = item.get(f)
                if v is None:
                    if f in item:
                        del item[f]
                        changed = True
                    continue
                if rt._plain(old) == v or (not isinstance(v, list) and old is not None and str(old).rstrip("\n") == str(v)):
                    continue
                changed = True
                if isinstance(v, list):
                    if isinstance(old, list):
                        styled = [rt._styled(x, old[j] if j < len(old) else (old[-1] if old else None))
                                  for j, x in enumerate(v)]
                        del old[len(v):]
                        for j, x in enumerate(styled):
                            if j < len(old):
                                old[j] = x
                            else:
                                old.append(x)
                    else:
                        item[f] = rt._seq(v)
                elif f in item:
                    item[f] = rt._styled(v, old)
                else:
                    item.insert(min(i, len(item)), f, rt._styled(v, None))
            counts[0] += changed

    doc.edit(change)
    return counts[0], counts[1]


def rows_of(doc, kind: str, lang: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """The kit's table of ``kind`` (headers, rows) for a spreadsheet: lists one item per line,
    statuses by their French label."""
    data = doc.data() or {}
    items = ((data.get("plan") or {}).get("commitments") if kind == "commitments" else data.get("workshops")) or []
    cols = COLUMNS[kind]
    headers = [tr(c.label_key, lang) for c in cols]
    rows = []
    for item in items:
        if not isinstance(item, dict):
            continue
        row: list[Any] = []
        for c in cols:
            v = item.get(c.field)
            if v is None:
                row.append(None)
            elif c.kind in ("lines",):
                row.append("\n".join(str(x) for x in v) if isinstance(v, list) else str(v))
            elif c.kind == "ids":
                row.append(", ".join(str(x) for x in v) if isinstance(v, list) else str(v))
            elif c.kind == "status":
                row.append(tr(f"status.{v}", lang) if v in m.STATUSES else str(v))
            elif c.kind == "schedule":
                row.append(tr(f"schedule.{v}", lang) if v in m.SCHEDULES else str(v))
            elif isinstance(v, int) and not isinstance(v, bool):
                row.append(v)
            else:
                row.append(str(v).rstrip("\n"))
        rows.append(row)
    return headers, rows


def write_table(path: str | Path, headers: list[str], rows: list[list[Any]], sheet: str) -> Path:
    """A spreadsheet of one sheet (by the suffix: .xlsx, .ods, .csv), written atomically."""
    from facilitator.files import staged, write_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";")
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
        return write_atomic(path, buf.getvalue().encode("utf-8-sig"))
    try:
        with staged(path) as tmp:
            if suffix == ".xlsx":
                _write_xlsx(tmp, headers, rows, sheet)
            elif suffix == ".ods":
                _write_ods(tmp, headers, rows, sheet)
            else:
                raise FacilitatorError(tr("sheet.unknown_format", None, suffix=suffix or "?"))
    except OSError as exc:
        raise FacilitatorError(tr("store.unwritable", path=path, reason=exc.strerror or str(exc))) from exc
    return path


def _write_xlsx(tmp: Path, headers, rows, sheet) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[column_letter(i)].width = max(10, min(60, len(h) + 4))
    ws.freeze_panes = "A2"
    wb.save(tmp)


def _write_ods(tmp: Path, headers, rows, sheet) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table as OTable
    from odf.table import TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    t = OTable(name=sheet)
    for r in [headers, *rows]:
        tr_ = TableRow()
        for v in r:
            if v is None:
                tr_.addElement(TableCell())
            elif isinstance(v, int) and not isinstance(v, bool):
                c = TableCell(valuetype="float", value=v)
                c.addElement(P(text=str(v)))
                tr_.addElement(c)
            else:
                c = TableCell(valuetype="string")
                for line in str(v).split("\n"):
                    c.addElement(P(text=line))
                tr_.addElement(c)
        t.addElement(tr_)
    doc.spreadsheet.addElement(t)
    doc.save(str(tmp))
