"""Deep outlines (issue 14, crashes): a chain of notes 2,000 levels deep goes through every export
and operation without RecursionError — every tree walk is iterative."""

from __future__ import annotations

import io
import json
import sys
import zipfile

import pytest

from exports.documents import BY_KEY, Source
from facilitator.kit.model import Item
from facilitator.store import EventFile

DEPTH = 2000


@pytest.fixture(scope="module")
def deep_event(tmp_path_factory):
    """A 2016 demo event plus a 2,000-level chain of notes, added by ``add_items`` (a paste)."""
    from facilitator.demo import create_demo

    path = tmp_path_factory.mktemp("deep") / "deep.facilitator"
    create_demo(path, device="laptop-test").close()
    chain = None
    for level in reversed(range(DEPTH)):
        chain = Item(f"niveau {level}", None, (chain,) if chain else ())
    with EventFile.open(path, device="laptop-test") as ev:
        w, s = ev.kit.workshops[0].number, ev.kit.sections[0].id
        ev.add_items(w, s, [chain])
        depths = [d for row, d in ev.outline(w, s) if row.text.startswith("niveau ")]
    assert depths == list(range(DEPTH))
    return path


def _produce(path, key):
    with EventFile.open(path, device="laptop-test") as ev:
        return BY_KEY[key].produce(Source.of_event(ev))


def test_the_recursion_limit_is_the_default():
    assert sys.getrecursionlimit() <= 3000  # the walks below would not pass by raising it


@pytest.mark.parametrize("key", ["markdown", "html", "odt", "csv", "json"])
def test_text_exports_of_a_deep_outline(deep_event, key):
    data = _produce(deep_event, key)
    if key == "odt":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            data = z.read("content.xml")
    text = data.decode("utf-8")
    for level in (0, 9, 10, DEPTH - 1):
        assert f"niveau {level}<" in text or f"niveau {level}\r" in text or f"niveau {level}\n" in text \
            or f'niveau {level}"' in text or f"niveau {level}," in text, (key, level)
    if key == "json":
        notes = json.loads(data)["notes"]
        assert sum(1 for n in notes if n["text"].startswith("niveau ")) == DEPTH
    if key == "html":  # nested lists balanced, ten levels at most
        assert text.count("<ul>") == text.count("</ul>") and text.count("<li>") == text.count("</li>")


def test_restitution_pdf_of_a_deep_outline(deep_event):
    from pypdf import PdfReader

    data = _produce(deep_event, "restitution")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert f"niveau {DEPTH - 1}" in text


def test_json_round_trip_of_a_deep_outline(deep_event, tmp_path):
    from facilitator.importer import import_json

    exported = tmp_path / "deep.json"
    exported.write_bytes(_produce(deep_event, "json"))
    copy = import_json(exported, tmp_path / "copie.facilitator")
    with EventFile.open(copy) as ev:
        w, s = ev.kit.workshops[0].number, ev.kit.sections[0].id
        assert max(d for _row, d in ev.outline(w, s)) == DEPTH - 1
