"""``export proposals --decidim`` read back the way Decidim's accountability importer reads it.

The reader below is written from these files of decidim/decidim (develop, 0.28 series), read
through the code index:

- ``decidim-accountability/app/controllers/decidim/accountability/admin/import_results_controller.rb``:
  the upload is read with ``read.force_encoding("utf-8").encode("utf-8")`` (a byte order mark is
  kept: it becomes part of the first header);
- ``decidim-accountability/app/services/decidim/accountability/results_csv_importer.rb``:
  ``CSV.new(text, headers: true, col_sep: Decidim.default_csv_col_sep)``, ``next if row.empty?``,
  ``find_by(id: row["id"], component:)`` (update when the id names a result of the component,
  create otherwise), ``get_locale_attributes`` (every available locale falls back to the column
  of the organisation's default locale), ``status/id`` → ``decidim_accountability_status_id``,
  ``Date.parse`` of ``start_date`` / ``end_date``, ``proposal_urls`` split on ``;``; any error
  rolls the whole file back;
- ``decidim-accountability/app/forms/decidim/accountability/admin/result_form.rb``: title
  (``translatable_presence``), ``external_id`` (String), ``progress`` 0..100, the status must
  exist in the component when given; the 0.27 form also requires the description;
- ``decidim-accountability/app/commands/decidim/accountability/admin/create_imported_result.rb``
  (``fetch_form_attributes … :external_id``);
- ``decidim-core/lib/decidim/core.rb``: ``default_csv_col_sep`` is ``";"``
  (``DECIDIM_DEFAULT_CSV_COL_SEP``);
- ``decidim-accountability/spec/fixtures/valid_result.csv``: descriptions are HTML
  (``<p>…</p>``), the results export's header layout (``id;category/id;…;title/ca;…``).

Ruby's CSV is stricter than Python's: a quote may only open a field, ``""`` inside a quoted
field, a closing quote must be followed by the separator or the end of the row, and a bare
line break or quote inside an unquoted field is ``MalformedCSVError``. ``ruby_csv`` applies these
rules and checks its result against Python's ``csv`` module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest

from facilitator.cli import main
from facilitator.csvfile import BOM
from facilitator.store import EventFile


class MalformedCSV(Exception):
    pass


def ruby_csv(text: str, col_sep: str = ";") -> list[list[str | None]]:
    """Rows as Ruby's CSV parses them (empty unquoted field = nil, ``""`` = empty string)."""
    rows: list[list[str | None]] = []
    i, n = 0, len(text)
    row: list[str | None] = []
    while i < n:
        if text[i] == '"':
            i += 1
            buf = []
            while True:
                if i >= n:
                    raise MalformedCSV("Unclosed quoted field")
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        buf.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                buf.append(text[i])
                i += 1
            row.append("".join(buf))
            if i < n and text[i] not in (col_sep, "\r", "\n"):
                raise MalformedCSV(f"Any value after quoted field isn't allowed (offset {i})")
        else:
            j = i
            while j < n and text[j] not in (col_sep, "\r", "\n"):
                if text[j] == '"':
                    raise MalformedCSV(f"Illegal quoting (offset {j})")
                j += 1
            row.append(text[i:j] or None)
            i = j
        if i < n and text[i] == col_sep:
            i += 1
            if i == n:
                row.append(None)
            continue
        # end of row: \r\n or \n (Ruby detects the row separator; a lone \r inside is refused)
        if text.startswith("\r\n", i):
            i += 2
        elif i < n and text[i] == "\n":
            i += 1
        elif i < n:
            raise MalformedCSV("Unquoted fields do not allow new line")
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    # the same file through Python's csv module gives the same cells
    py = list(csv.reader(io.StringIO(text, newline=""), delimiter=col_sep, strict=True))
    assert [[c or "" for c in r] for r in rows] == py
    return rows


def spaces(text: str) -> str:
    """French typography's no-break spaces read as spaces."""
    return re.sub("[\u00a0\u202f ]+", " ", text)


def present(value: str | None) -> bool:
    """Rails' ``present?`` for a string."""
    return value is not None and value.strip() != ""


class _Html(HTMLParser):
    ALLOWED = {"p", "ul", "li", "strong", "em", "a", "br", "sup"}  # sup: ordinals (1er), kept by Rails' safe list

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        assert tag in self.ALLOWED, tag
        self.tags.append(tag)
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing"

    def handle_data(self, data):
        self.text.append(data)


def html_text(fragment: str) -> tuple[str, list[str]]:
    """The text of a description and its tags; the fragment must be well formed."""
    p = _Html()
    p.feed(fragment)
    p.close()
    assert not p.stack, f"unclosed {p.stack}"
    return "".join(p.text), p.tags


class Organisation:
    """What the importer needs from Decidim: the locales, the statuses and results of the
    component (ids)."""

    def __init__(self, default_locale="fr", available_locales=("fr",), statuses=(), results=()):
        self.default_locale = default_locale
        self.available_locales = available_locales
        self.statuses = set(statuses)
        self.results = set(results)


def import_results(data: bytes, org: Organisation, col_sep: str = ";"):
    """``ResultsCsvImporter#import!``: (errors, created, updated), params per row."""
    text = data.decode("utf-8")  # force_encoding("utf-8"): a BOM stays in the text
    table = ruby_csv(text, col_sep)
    headers, body = table[0], table[1:]
    errors, created, updated, params = [], [], [], []
    for i, cells in enumerate(body, start=2):
        row = dict(zip(headers, cells + [None] * (len(headers) - len(cells)), strict=True))
        if all(c is None for c in cells):
            continue
        result = {k: v for k, v in row.items()}
        for field in ("title", "description"):
            for loc in org.available_locales:
                own = row.get(f"{field}/{loc}")
                result[f"{field}_{loc}"] = own if present(own) else row.get(f"{field}/{org.default_locale}")
        messages = []
        if not present(result[f"title_{org.default_locale}"]):
            messages.append("Title cannot be blank")
        if not present(result[f"description_{org.default_locale}"]):
            messages.append("Description cannot be blank")  # 0.27's form
        if present(row.get("status/id")):
            if not row["status/id"].isdigit() or int(row["status/id"]) not in org.statuses:
                messages.append("Status cannot be blank")
        for field in ("start_date", "end_date"):
            if present(row.get(field)):
                try:
                    dt.date.fromisoformat(row[field])
                except ValueError:
                    messages.append(f"{field} invalid date")
        if present(row.get("progress")):
            if not 0 <= float(row["progress"]) <= 100:
                messages.append("Progress out of range")
        if present(row.get("parent/id")) and int(row["parent/id"]) not in org.results:
            messages.append("Parent cannot be blank")
        if present(row.get("proposal_urls")):
            messages.append("unexpected proposal_urls")  # we never link proposals we do not know
        if messages:
            errors.append((i, messages))
        existing = present(row.get("id")) and row["id"].isdigit() and int(row["id"]) in org.results
        (updated if existing else created).append(row)
        params.append(result)
    if errors:  # raise ActiveRecord::Rollback
        return errors, [], [], params
    return errors, created, updated, params


@pytest.fixture
def decided(demo_path):
    """The demo event with a decision of each kind and a proposal full of HTML-special text."""
    with EventFile.open(demo_path) as ev:
        ps = ev.proposals()
        ev.decide(ps[0].id, "retenue", "Inscrite au plan d'action 2018-2020", "2016-09-01")
        ev.decide(ps[1].id, "non-retenue", "Déjà couvert par l'engagement 16", "2016-09-15")
        ev.decide(ps[2].id, "a-l-etude", "", "2016-09-20")
        ev.add_proposal("Comparer <a> & <b>",
                        "**Publier** les données si a < b & c > d :\n\n- <script>alert(1)</script>\n"
                        "- voir http://exemple.fr/a_b_(c)", "accelerate")
    return demo_path


def _export(path, tmp_path, *args, name="decidim.csv"):
    out = tmp_path / name
    assert main(["export", "proposals", str(path), "-o", str(out), "--decidim", *args]) == 0
    return out.read_bytes()


STATUS = ["--status", "retenue=11", "--status", "a-l-etude=12", "--status", "non-retenue=13"]


def test_the_import_succeeds_with_statuses_dates_and_html(decided, tmp_path):
    data = _export(decided, tmp_path, *STATUS)
    org = Organisation(statuses={11, 12, 13})
    errors, created, updated, params = import_results(data, org)
    assert errors == [] and not updated
    with EventFile.open(decided) as ev:
        proposals = ev.proposals()
        event_date = ev.kit.event.date.isoformat()
    assert len(created) == len(proposals)
    by_title = {r["title/fr"]: r for r in created}
    first, second, third = (by_title[p.title] for p in proposals[:3])
    # the decision maps to the status the organiser named once per decision
    assert (first["status/id"], second["status/id"], third["status/id"]) == ("11", "13", "12")
    # start_date is the event; end_date only when the decision closes the result
    assert {r["start_date"] for r in created} == {event_date}
    assert second["end_date"] == "2016-09-15"
    assert first["end_date"] is None and third["end_date"] is None
    for r in created:
        text, tags = html_text(r["description/fr"])
        assert tags[0] == "p" and tags[1] == "strong"  # the bold title opens the description
        assert spaces(text).startswith(spaces(r["title/fr"]).strip())  # so its text reads whole
    special = by_title["Comparer <a> & <b>"]
    text, tags = html_text(special["description/fr"])
    assert "a < b & c > d" in spaces(text) and "<script>alert(1)</script>" in text  # escaped, kept as text
    assert "ul" in tags and "li" in tags and "script" not in tags
    assert "&lt;script&gt;" in special["description/fr"]
    assert '<a href="http://exemple.fr/a_b_(c)">' in special["description/fr"]
    assert "Décision : Retenue. Inscrite au plan d'action 2018-2020" in spaces(html_text(first["description/fr"])[0])


def test_no_description_starts_with_a_fragment(decided, tmp_path):
    data = _export(decided, tmp_path)
    _, created, _, _ = import_results(data, Organisation())
    for r in created:
        text, _ = html_text(r["description/fr"])
        assert re.match(r"[A-ZÀ-Ý«]", text), text[:40]


def test_every_locale_the_organisation_expects(decided, tmp_path):
    default = _export(decided, tmp_path)
    # a Decidim whose default locale is English: without --locales every row fails and the
    # importer rolls the whole file back, as the issue saw
    english = Organisation(default_locale="en", available_locales=("en", "fr", "ca"))
    errors, created, _, _ = import_results(default, english)
    assert errors and not created and all("Title cannot be blank" in m for _, m in errors)
    data = _export(decided, tmp_path, "--locales", "en,fr")
    errors, created, _, params = import_results(data, english)
    assert not errors and created
    for p in params:  # ca falls back to the default locale's column, as get_locale_attributes does
        assert p["title_en"] == p["title_fr"] == p["title_ca"]


def test_a_bom_hides_no_column_decidim_reads(decided, tmp_path):
    data = _export(decided, tmp_path, *STATUS, "--bom")
    assert data.startswith(BOM.encode())
    headers = ruby_csv(data.decode("utf-8"))[0]
    assert headers[0] == BOM + "reference"  # the only header the mark touches: not read by Decidim
    errors, created, _, _ = import_results(data, Organisation(statuses={11, 12, 13}))
    assert not errors and all(r["status/id"] for r in created[:3])


def test_a_reimport_updates_the_results_it_created(decided, tmp_path):
    first = _export(decided, tmp_path, name="a.csv")
    second = _export(decided, tmp_path, name="b.csv")
    assert first == second  # the external id (and every cell) is stable
    _, created, _, _ = import_results(first, Organisation())
    ext = [r["external_id"] for r in created]
    assert len(set(ext)) == len(ext) and all(e.startswith("facilitator-") for e in ext)
    # Decidim assigned ids; its results export (the serializer's layout) is given back
    export = io.StringIO(newline="")
    w = csv.writer(export, delimiter=";", lineterminator="\n")
    w.writerow(["id", "category/id", "parent/id", "title/en", "title/fr", "description/fr", "start_date",
                "end_date", "status/id", "status/key", "progress", "created_at", "url", "component/id",
                "proposal_urls"])
    ids = {}
    for n, r in enumerate(created, start=300):
        ids[r["external_id"]] = n
        title = r["title/fr"] if n % 2 else "Titre modifié dans Decidim"  # edited: not matched
        w.writerow([n, "", "", "", title, r["description/fr"], r["start_date"], "", "", "", "", "", "", 15, ""])
    (tmp_path / "export-decidim.csv").write_text(export.getvalue(), "utf-8")
    data = _export(decided, tmp_path, "--decidim-ids", str(tmp_path / "export-decidim.csv"), name="c.csv")
    errors, created2, updated, _ = import_results(data, Organisation(results=set(ids.values())))
    assert not errors
    assert {int(r["id"]) for r in updated} == {n for n in ids.values() if n % 2}
    assert all(int(r["id"]) == ids[r["external_id"]] for r in updated)
    assert len(created2) == len([n for n in ids.values() if not n % 2])


def test_bad_options_exit_1_in_french(decided, tmp_path, capsys):
    out = str(tmp_path / "x.csv")
    for args in (["--decidim", "--locales", "fr,,en;"], ["--decidim", "--status", "retenue=trois"],
                 ["--decidim", "--status", "adoptee=3"], ["--status", "retenue=3"],
                 ["--decidim", "--decidim-ids", str(tmp_path / "absent.csv")]):
        assert main(["export", "proposals", str(decided), "-o", out, *args]) == 1
        err = capsys.readouterr().err
        assert "Decidim" in err or "--decidim" in err, err
    assert not (tmp_path / "x.csv").exists()


def test_missing_status_ids_are_told(decided, tmp_path, capsys):
    _export(decided, tmp_path, "--status", "retenue=11")
    out = capsys.readouterr().out
    assert "non-retenue" in out and "a-l-etude" in out and "sans statut" in out


def test_proposals_csv_kind_is_its_french_label(decided, tmp_path):
    out = tmp_path / "p.csv"
    assert main(["export", "proposals", str(decided), "-o", str(out), "--bom"]) == 0
    data = out.read_bytes()
    assert data.startswith(BOM.encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert all(r["type"] and r["type"] != r["type_code"] for r in rows)
    assert "Accélère un engagement existant" in {r["type"] for r in rows}
