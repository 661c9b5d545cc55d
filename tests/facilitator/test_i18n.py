"""The core's gettext catalogues: every key in both languages, same fields, plurals complete,
compiled files up to date, every key the code asks for defined."""

from __future__ import annotations

import ast
import datetime as dt
import io
import string
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from facilitator import i18n
from tests.conftest import ROOT

SOURCES = [p for d in ("facilitator", "exports") for p in (ROOT / d).rglob("*.py")]


def _catalogue(lang: str):
    with open(i18n.LOCALE / lang / "LC_MESSAGES" / "facilitator.po", "rb") as fh:
        return read_po(fh, locale=lang)


def _texts(lang: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for m in _catalogue(lang):
        if not m.id:
            continue
        key = m.id[0] if isinstance(m.id, tuple) else m.id
        out[key] = tuple(m.string) if isinstance(m.string, tuple) else (m.string,)
    return out


def _fields(text: str) -> set[str]:
    return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_key_is_translated_in_both_directions():
    fr, en = _texts("fr"), _texts("en")
    assert set(fr) - set(en) == set(), "keys without English"
    assert set(en) - set(fr) == set(), "keys without French"
    for key in fr:
        assert all(fr[key]) and all(en[key]), f"{key}: an empty translation"


def test_the_same_fields_in_every_language_and_form():
    fr, en = _texts("fr"), _texts("en")
    for key in fr:
        # a singular form may leave out the number ("l'engagement 5"), the plural ones say it
        fields = {lang: set().union(*(_fields(t) for t in texts[key]))
                  for lang, texts in (("fr", fr), ("en", en))}
        assert fields["fr"] == fields["en"], f"{key}: fields differ between languages"
        for text in fr[key][1:] + en[key][1:]:
            assert _fields(text) == fields["fr"], f"{key}: a plural form lacks a field"


def test_plural_entries_have_every_form_and_a_count():
    for lang in i18n.LANGUAGES:
        cat = _catalogue(lang)
        for m in cat:
            if isinstance(m.id, tuple):
                assert len(m.string) == cat.num_plurals, (lang, m.id)
                assert all("{count}" in t for t in m.string[1:]), (lang, m.id)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_compiled_catalogue_is_up_to_date(lang):
    buf = io.BytesIO()
    write_mo(buf, _catalogue(lang))
    mo = i18n.LOCALE / lang / "LC_MESSAGES" / "facilitator.mo"
    assert mo.read_bytes() == buf.getvalue(), (
        f"{mo} is out of date: pybabel compile -d facilitator/locale -D facilitator")


def test_every_key_the_code_asks_for_exists():
    fr = _texts("fr")
    asked = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tr", "message") and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                asked.add((node.args[0].value, path.relative_to(ROOT)))
    missing = sorted({(k, str(p)) for k, p in asked if k not in fr})
    assert not missing, missing
    assert len(asked) > 100


def test_plurals_follow_each_languages_rule():
    assert i18n.tr("kit.summary_errors", "fr", count=0, file="k") == "0 erreur dans k"
    assert i18n.tr("kit.summary_errors", "fr", count=2, file="k") == "2 erreurs dans k"
    assert i18n.tr("kit.summary_errors", "en", count=0, file="k") == "0 errors in k"
    assert i18n.tr("kit.summary_errors", "en", count=1, file="k") == "1 error in k"


def test_dates_in_long_form():
    assert i18n.long_date(dt.date(2016, 6, 21)) == "21 juin 2016"
    assert i18n.long_date(dt.date(2016, 6, 21), weekday=True) == "mardi 21 juin 2016"
    assert i18n.long_date(dt.date(2021, 7, 1)) == "1er juillet 2021"
    assert i18n.long_date(dt.date(2016, 6, 21), "en", weekday=True) == "Tuesday 21 June 2016"


def test_fallback_to_french_and_to_the_key():
    assert i18n.tr("kit.not_found", "de") == i18n.tr("kit.not_found", "fr")
    assert i18n.tr("no.such.key") == "no.such.key"


def test_argparse_catalogue_matches_this_pythons_argparse():
    """The French words of argparse are looked up by argparse's own English ids: each id of the
    catalogue must still be one argparse asks for, and most of what it asks for must be there."""
    import argparse

    with open(i18n.LOCALE / "fr" / "LC_MESSAGES" / "argparse.po", "rb") as fh:
        cat = read_po(fh, locale="fr")
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in cat if m.id}
    asked = set()
    for node in ast.walk(ast.parse(Path(argparse.__file__).read_text("utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext") and node.args
                and isinstance(node.args[0], ast.Constant)):
            asked.add(node.args[0].value)
    user_facing = {"usage: ", "show this help message and exit", "the following arguments are required: %s",
                   "unrecognized arguments: %s", "invalid choice: %(value)r (choose from %(choices)s)",
                   "%(prog)s: error: %(message)s\n", "expected one argument", "options"}
    assert user_facing <= asked & ids
    buf = io.BytesIO()
    write_mo(buf, cat)
    assert (i18n.LOCALE / "fr" / "LC_MESSAGES" / "argparse.mo").read_bytes() == buf.getvalue()
