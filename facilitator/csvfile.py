"""The one CSV writer of the app: every CSV it makes (the notes, the proposals, their Decidim
layout) is written here, so every one is neutralised against formula injection and offers the BOM.

- RFC 4180: ``"`` quoting when needed (``""`` inside), CRLF record ends, UTF-8; a byte order mark
  on request (``bom=True``) so that spreadsheet software detects UTF-8;
- formula injection, as OWASP's "CSV Injection" page and ASVS 1.2.10 describe: a text cell whose
  first character a spreadsheet would read as the start of a formula (``=``, ``+``, ``-``, ``@``,
  tab, carriage return, line feed, NUL, or their full-width forms ``＝ ＋ － ＠``) gets a leading
  apostrophe ``'``. A text cell that really begins with an apostrophe gets one too, so the rule
  for reading our CSV back is one and exact: **a text cell that starts with ``'`` has had one
  ``'`` added; remove it** (``unneutralise``). Numbers (``int``) are written as they are.

See docs/exports.md for what a neutralised cell looks like in LibreOffice and Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

BOM = "\ufeff"
MARK = "'"
# first characters a spreadsheet would evaluate (OWASP, ASVS 1.2.10), and the marker itself
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20", MARK)


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (or that starts with the marker) gets a
    leading apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return MARK + value
    return value


def unneutralise(value: str) -> str:
    """The text a cell of our CSV stands for (the inverse of ``neutralise`` for text cells)."""
    return value[1:] if value.startswith(MARK) else value


def render(columns: Sequence[str], rows: Iterable[Sequence[object] | Mapping[str, object]], *,
           delimiter: str = ",", bom: bool = False) -> bytes:
    """The CSV of ``rows`` (tuples in ``columns`` order, or dicts keyed by column) as bytes."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect="excel", delimiter=delimiter, lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        values = [row.get(c, "") for c in columns] if isinstance(row, Mapping) else row
        writer.writerow([neutralise(v) for v in values])
    return ((BOM if bom else "") + buf.getvalue()).encode("utf-8")
