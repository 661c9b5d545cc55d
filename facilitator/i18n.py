"""The message catalogue of the core, the command line and the documents: gettext.

One mechanism for every user-facing text outside ui/ (which uses Qt's ``tr()``): a key such as
``kit.not_found``, looked up in the gettext catalogue of the language,
``facilitator/locale/<lang>/LC_MESSAGES/facilitator.po``, and formatted with ``str.format``
fields. A message whose text depends on a number is a plural entry whose number is its ``count``
field (each language's own plural rule, from CLDR through Babel). Dates are written with Babel's
CLDR data (``long_date``). French is the default; the interface language can be chosen with
``FACILITATOR_LANG`` and documents use the event's ``language``.

After editing a ``.po`` file, compile it: ``pybabel compile -d facilitator/locale -D facilitator``
(a test fails while a ``.mo`` is out of date, or while a key lacks a language).
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from pathlib import Path

LOCALE = Path(__file__).parent / "locale"
DOMAIN = "facilitator"
LANGUAGES = ("fr", "en")
_catalogues: dict[str, gettext.NullTranslations] = {}


def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (French for a language it does not have), French as the
    fallback of any key another language lacks."""
    lang = lang if lang in LANGUAGES else "fr"
    found = _catalogues.get(lang)
    if found is None:
        found = gettext.translation(DOMAIN, LOCALE, languages=[lang])
        if lang != "fr":
            found.add_fallback(catalogue("fr"))
        _catalogues[lang] = found
    return found


def interface_language() -> str:
    lang = os.environ.get("FACILITATOR_LANG", "fr").split("_")[0].lower()
    return lang if lang in LANGUAGES else "fr"


def tr(msg_id: str, lang: str | None = None, /, **fields: object) -> str:
    """The text of ``msg_id`` in ``lang`` (the interface language by default); the key itself when
    no catalogue has it. A plural entry takes the form its ``count`` field asks for."""
    found = catalogue(lang or interface_language())
    text = msg_id
    count = fields.get("count")
    if isinstance(count, int):
        text = found.ngettext(msg_id, msg_id, count)
    if text == msg_id:
        text = found.gettext(msg_id)
    return text.format(**fields) if fields else text


def long_date(d, lang: str = "fr", weekday: bool = False) -> str:
    """« mardi 21 juin 2016 », « 1er juin 2016 » / "Tuesday 21 June 2016": CLDR's long date
    (Babel), not the system locale; French writes the first of the month « 1er »."""
    from babel.dates import format_date

    lang = lang if lang in LANGUAGES else "fr"
    pattern = "EEEE d MMMM y" if weekday else "d MMMM y"
    if lang == "fr" and d.day == 1:
        pattern = pattern.replace("d MMMM", "d'er' MMMM")
    return format_date(d, pattern, locale=lang)


def in_words(n: int, lang: str = "fr") -> str:
    """« cinq », « vingt et un », « quatre-vingts » / "five": a count written in letters, as French
    administrative style writes the counts of a text (num2words' French and English rules)."""
    from num2words import num2words

    return num2words(n, lang=lang if lang in LANGUAGES else "fr")


def long_datetime(iso: str, lang: str = "fr") -> str:
    """« 21 juin 2016 à 18:05 » / "21 June 2016 at 18:05" from a stored ISO date and time, in this
    computer's time zone when the stored one has a zone (the event file stores UTC)."""

    when = dt.datetime.fromisoformat(iso)
    if when.tzinfo is not None:
        when = when.astimezone()
    return tr("doc.date_at_time", lang, date=long_date(when.date(), lang), time=f"{when:%H:%M}")
