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


def test_outline_operations_on_a_deep_chain(deep_event, tmp_path):
    """Every operation on the outline works 2,000 levels deep: indent, outdent, moves, edit and
    delete of the whole chain (one change) and their undo, search, merge of the deep file."""
    import shutil

    from facilitator.merge import merge

    path = tmp_path / "ops.facilitator"
    shutil.copyfile(deep_event, path)
    with EventFile.open(path, device="laptop-test") as ev:
        w, s = ev.kit.workshops[0].number, ev.kit.sections[0].id

        def chain():
            return [(row, d) for row, d in ev.outline(w, s) if row.text.startswith("niveau ")]

        rows = chain()
        top, deepest = rows[0][0], rows[-1][0]
        ev.edit_note(deepest.id, text="niveau le plus profond")
        assert ev.note(deepest.id).text == "niveau le plus profond"
        assert [r.id for r in ev.search("niveau le plus profond")] == [deepest.id]
        # the top of the chain goes under its previous sibling, and back: the 2,000 levels move
        change = ev.indent(top.id)
        assert max(d for _r, d in chain()) == DEPTH
        ev.apply(change.inverse())
        assert max(d for _r, d in chain()) == DEPTH - 1
        ev.move_up(top.id)
        ev.move_down(top.id)
        ev.outdent(rows[1][0].id)  # level 1 becomes a sibling of the top, with its 1,998 below
        assert sorted(d for _r, d in chain())[-1] == DEPTH - 2
        before = len(ev.notes())
        deleted = ev.delete_note(top.id)
        assert len(ev.notes()) == before - 1
        ev.apply(deleted.inverse())
        assert len(ev.notes()) == before
        deleted = ev.delete_note(rows[1][0].id)  # the 1,999 notes of the chain at once
        assert len(ev.notes()) == before - (DEPTH - 1)
        ev.apply(deleted.inverse())
        assert len(ev.notes()) == before
    target = tmp_path / "cible.facilitator"
    shutil.copyfile(deep_event, target)
    with EventFile.open(target, device="laptop-test") as ev:
        merge(ev, [path], make_backup=False)
        assert len([r for r in ev.notes() if r.text.startswith("niveau")]) == DEPTH
