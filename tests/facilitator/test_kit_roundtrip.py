"""Editing a kit in place (facilitator/kit/roundtrip.py): the YAML stays the organiser's, and the
editor's validation is the loader's, located, after every edit."""

from __future__ import annotations

import difflib
import os

import pytest

import kits
from facilitator.errors import KitError
from facilitator.kit import load_kit, read_kit_bytes
from facilitator.kit.roundtrip import KitDocument, round_trip

BUNDLED = [kits.kit_path(n) for n in kits.BUNDLED]


def hunks(a: str, b: str) -> list[list[str]]:
    out: list[list[str]] = []
    for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0):
        if line.startswith("@@"):
            out.append([])
        elif out:
            out[-1].append(line)
    return out


def same_as_full_read(doc: KitDocument) -> None:
    """The issues the document keeps up to date are those of reading its text from scratch."""
    full = read_kit_bytes(doc.text.encode("utf-8"), doc.name, folder=doc.folder)
    assert [(i.line, i.column, i.path, i.message, i.severity) for i in doc.issues] == [
        (i.line, i.column, i.path, i.message, i.severity) for i in full.issues]
    assert (doc.kit is None) == (full.kit is None)
    if doc.kit is not None:
        assert doc.kit == full.kit


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_open_and_save_unchanged_gives_the_same_bytes(path, tmp_path):
    doc = KitDocument.open(path)
    assert not doc.changed and not doc.errors
    out = doc.save(tmp_path / path.name)
    assert out.read_bytes() == path.read_bytes()
    assert round_trip(path.read_text("utf-8")) == path.read_text("utf-8")  # ruamel.yaml itself
    assert doc.kit == load_kit(path)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_one_field_changed_is_one_hunk(path):
    doc = KitDocument.open(path)
    before = doc.text
    doc.set("event.title", "Un titre : avec deux-points, « guillemets » et # dièse")
    h = hunks(before, doc.text)
    assert len(h) == 1 and len(h[0]) == 2, h
    assert doc.kit.event.title == "Un titre : avec deux-points, « guillemets » et # dièse"
    same_as_full_read(doc)
    # a block text (about): only its own lines
    doc2 = KitDocument.open(path)
    doc2.set("event.about", "Premier paragraphe.\n\nSecond paragraphe.")
    h = hunks(before, doc2.text)
    assert len(h) == 1, h
    assert doc2.kit.event.about == "Premier paragraphe.\n\nSecond paragraphe."
    same_as_full_read(doc2)


def test_comments_key_order_and_quoting_survive_edits():
    doc = KitDocument.new("ministere-ouvert")
    doc.set("event.title", "Ministère ouvert #3")
    doc.set("event.kind", "forum-open-etat")
    doc.set("workshops[0].phases[1].minutes", "80")
    doc.insert("workshops", -1, {"number": 2, "title": "Deuxième atelier", "commitments": [1]})
    text = doc.text
    assert 'title: "Ministère ouvert #3"' in text  # quoted stays quoted
    assert "kind: forum-open-etat            # ministere-ouvert, forum-open-etat ou autre" in text
    assert "# Complétez-le puis vérifiez-le avec" in text
    assert '{title: "Travail collectif", minutes: 80}' in text  # flow style kept
    assert text.index("event:") < text.index("programme:") < text.index("plan:") < text.index("workshops:")
    assert doc.kit is not None and [w.number for w in doc.kit.workshops] == [1, 2]
    same_as_full_read(doc)


def test_new_key_goes_where_the_format_lists_it():
    doc = KitDocument.open(kits.kit_path("ministere-ouvert-2016"))
    doc.set("event.venue", "Cour des comptes, Paris")
    lines = doc.text.splitlines()
    i = lines.index("  venue: Cour des comptes, Paris")
    assert lines[i - 1].startswith("  end:")
    assert doc.kit.event.venue == "Cour des comptes, Paris"
    doc.set("event.venue", "")  # cleared: the key goes
    assert doc.text == KitDocument.open(kits.kit_path("ministere-ouvert-2016")).text


def test_typing_keeps_errors_located_like_the_loader():
    doc = KitDocument.open(kits.kit_path("ministere-ouvert-2016"))
    doc.set("workshops[0].phases[0].minutes", "4")
    doc.set("workshops[0].phases[0].minutes", "4a")  # a typo: written, reported, draft kept
    errs = doc.errors
    assert [e.path for e in errs] == ["workshops[0].phases[0].minutes"]
    assert "entier" in errs[0].message
    assert (errs[0].line, errs[0].column) == doc.position("workshops[0].phases[0].minutes")
    assert doc.kit is None
    same_as_full_read(doc)
    # a longer title before it moves its column; its line and the loader's message are the same
    for text in ("Présentation", "Présentation des engagements, longue", "P"):
        doc.set("workshops[0].phases[0].title", text)
        same_as_full_read(doc)
    doc.set("workshops[0].phases[0].minutes", "45")
    doc.set("workshops[1].commitments[0]", "999")  # a rule across fields (a reference)
    same_as_full_read(doc)
    assert [e.path for e in doc.errors] == ["workshops[1].commitments[0]"]
    doc.set("event.date", "2016-02-30")
    same_as_full_read(doc)
    assert [e.path for e in doc.errors] == ["event.date"]  # (the loader stops at a broken event)
    doc.set("event.date", "2016-06-21")
    doc.set("workshops[1].commitments[0]", doc.value("plan.commitments[0].id"))
    same_as_full_read(doc)


def test_block_texts_typed_line_by_line():
    doc = KitDocument.open(kits.kit_path("forum-open-etat-2021-1"))
    typed = ""
    for ch in "Un.\n\nDeux, trois :\nquatre.":
        typed += ch
        doc.set("workshops[0].context", typed)
        same_as_full_read(doc)
    assert doc.kit.workshop(1).context == "Un.\n\nDeux, trois :\nquatre."
    doc.set("workshops[0].title", "Une ligne\npuis une autre")  # a line break in a quoted text
    same_as_full_read(doc)
    assert doc.kit.workshop(1).title == "Une ligne\npuis une autre"


def test_lists_of_texts_and_moves():
    doc = KitDocument.open(kits.kit_path("forum-open-etat-2021-1"))
    doc.set_list("workshops[1].organisations", ["Décider ensemble", "MEFRE (modifié)", "France Stratégie",
                                                "Commando UX de la Dinum"])
    same_as_full_read(doc)
    doc.set_list("workshops[1].organisations", ["Seule"])
    assert doc.kit.workshop(2).organisations == ("Seule",)
    doc.set_list("workshops[1].organisations", [])
    assert doc.kit.workshop(2).organisations == ()
    assert "organisations" not in doc.keys("workshops[1]")
    numbers = [w.number for w in doc.kit.workshops]
    doc.move("workshops[0]", 1)
    assert [w.number for w in doc.kit.workshops] == [numbers[1], numbers[0], *numbers[2:]]
    doc.remove("workshops[0]")
    assert [w.number for w in doc.kit.workshops] == [numbers[0], *numbers[2:]]
    same_as_full_read(doc)


@pytest.mark.parametrize("kind", ["ministere-ouvert", "forum-open-etat"])
def test_new_kit_from_the_template_of_its_kind(kind):
    doc = KitDocument.new(kind)
    assert not doc.errors, [str(i) for i in doc.errors]
    assert doc.kit.event.kind == kind
    assert [s.id for s in doc.kit.sections] == ["projets", "indicateurs", "initiatives", "defis", "futurs"]
    assert doc.kit.event.about and doc.kit.event.purpose and doc.kit.event.criteria
    assert round_trip(doc.text) == doc.text


def test_hostile_kit_refused_with_the_loaders_message(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join('*' + chr(97 + i) for _ in range(10))}]\n" for i in range(6))
    p = tmp_path / "bomb.yaml"
    p.write_text(bomb)
    with pytest.raises(KitError) as exc:
        KitDocument.open(p)
    assert "nœuds" in str(exc.value) or "alias" in str(exc.value)
    p.write_bytes(b"kit: 1\nevent: \xff\n")
    with pytest.raises(KitError, match="UTF-8"):
        KitDocument.open(p)


def test_a_text_the_loader_cannot_compose_is_kept_with_its_located_error():
    doc = KitDocument.new("ministere-ouvert")
    good = doc.text
    doc.set_text(good.replace('title: "Accueil"', 'title: "Accueil'))
    assert doc.root is None and doc.kit is None
    assert doc.errors and doc.errors[0].line > 1
    doc.set_text(good)
    assert doc.kit is not None


def test_a_field_emptied_and_typed_again_gives_the_same_bytes():
    path = kits.kit_path("forum-open-etat-2021-1")
    doc = KitDocument.open(path)
    for v in ["1", "", "1", "14", "14:", "14:0", "14:00"][::-1] + ["", "1", "14", "14:", "14:0", "14:00"]:
        doc.set("workshops[1].start", v, keep_key=True)
        same_as_full_read(doc)
    assert doc.text == path.read_text("utf-8")


def _marks(root) -> list[tuple]:
    """Every node of a composed tree with its place in the text (what splices rely on)."""
    from facilitator.kit.roundtrip import _walk

    out = []
    for path, slot in _walk(root):
        for n in (slot.node, slot.key):
            if n is not None:
                out.append((path, n is slot.key, n.start_mark.index, n.start_mark.line, n.start_mark.column,
                            n.end_mark.index, n.end_mark.line, n.end_mark.column,
                            n.value if isinstance(n.value, str) else None, getattr(n, "style", None), n.tag))
    return out


def same_tree_as_composed(doc: KitDocument) -> None:
    """The tree a list edit grafted is the one composing its text from scratch gives, marks included."""
    from facilitator.kit import loader

    root, _ = loader.compose_text(doc.text)
    assert _marks(doc.root) == _marks(root)
    same_as_full_read(doc)


def one_block_added(before: str, after: str) -> bool:
    """``after`` is ``before`` with whole lines added at one place (nothing else changed)."""
    p = len(os.path.commonprefix([before, after]))
    p = before.rfind("\n", 0, p) + 1  # (a line boundary)
    return len(after) > len(before) and after[:p] == before[:p] and after.endswith(before[p:])


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_list_edits_are_spliced_like_a_whole_reading(path, seed):
    """Items added, removed and moved in every block list of the kit (commitments, ateliers,
    programme rows, actions, links, prepared items…): the lines change in place, and the tree and
    issues kept are those of reading the new text from scratch."""
    import random

    from yaml.nodes import SequenceNode

    rnd = random.Random(seed)
    doc = KitDocument.open(path)
    lists = [p for p, s in doc.slots.items() if isinstance(s.node, SequenceNode) and not s.node.flow_style]
    for _ in range(25):
        p = rnd.choice([p for p in lists if p in doc.slots])
        n, op = doc.length(p), rnd.choice(["insert", "remove", "move"])
        before = doc.text
        if op == "insert":
            first = doc.value(f"{p}[0]")
            doc.insert(p, rnd.randint(-1, n), {"title": "Nouveau", "minutes": 5} if isinstance(first, dict)
                       else "Nouveau texte")
            assert one_block_added(before, doc.text)
        elif op == "remove" and n > 1:
            doc.remove(f"{p}[{rnd.randrange(n)}]")
            assert one_block_added(doc.text, before)
        elif op == "move" and n > 1:
            doc.move(f"{p}[{rnd.randrange(n)}]", rnd.randrange(n))
            assert sorted(before.splitlines()) == sorted(doc.text.splitlines())  # the same lines
        same_tree_as_composed(doc)


def test_commitments_chosen_and_lists_of_texts_grown_in_place():
    doc = KitDocument.open(kits.kit_path("ministere-ouvert-2016"))
    before = doc.text
    doc.set_list("workshops[0].commitments", ["4", "12"])
    assert "    commitments: [4, 12]\n" in doc.text  # numbers, on their line
    assert len(hunks(before, doc.text)) == 1
    same_tree_as_composed(doc)
    doc.set_list("workshops[0].commitments", ["4"])
    assert doc.text == before
    doc.set_list("workshops[1].organisations", ["Décider ensemble"])  # a list the atelier did not have
    doc.set_list("workshops[1].organisations", ["Décider ensemble", "France Stratégie", "Etalab"])
    same_tree_as_composed(doc)
    doc.set_list("workshops[1].organisations", ["Etalab"])
    same_tree_as_composed(doc)
    assert doc.kit.workshop(2).organisations == ("Etalab",)


@pytest.mark.parametrize("seed", range(6))
def test_prepared_items_set_by_item_splices(seed):
    """The kit editor's outline of prepared items (an item typed, removed, changed, put under the
    one above, taken out again): the list holds the new items, the tree is the one composing the
    text gives, and only the touched items' lines change (the others keep their quotes)."""
    import copy
    import random

    rnd = random.Random(seed)
    doc = KitDocument.open(kits.kit_path("ministere-ouvert-2016"))
    paths = [p for p in doc.slots if p.endswith(".prepared.projets") and doc.length(p) >= 2]
    assert paths
    for step in range(20):
        path = rnd.choice(paths)
        items = copy.deepcopy(doc.value(path))
        op = rnd.choice(["insert", "remove", "text", "indent", "outdent"])
        k = rnd.randrange(len(items))
        if op == "insert":
            items.insert(k, rnd.choice([f"Nouvel élément {step}", {"text": f"Lien {step}", "url": "https://example.org/"}]))
        elif op == "remove" and len(items) > 1:
            del items[k]
        elif op == "text":
            if isinstance(items[k], dict):
                items[k]["text"] = f"Titre changé {step}"
            else:
                items[k] = f"Titre changé {step}"
        elif op == "indent" and k > 0:  # as Tab does: under the item above, its last child
            moved = items.pop(k)
            above = items[k - 1] if isinstance(items[k - 1], dict) else {"text": items[k - 1]}
            above.setdefault("children", []).append(moved)
            items[k - 1] = above
        elif op == "outdent":
            parents = [i for i, it in enumerate(items) if isinstance(it, dict) and it.get("children")]
            if not parents:
                continue
            i = parents[0]
            items.insert(i + 1, items[i]["children"].pop())
            if not items[i]["children"]:
                del items[i]["children"]
        else:
            continue
        before = doc.text
        assert doc.set_items(path, items)
        assert doc.value(path) == items
        same_tree_as_composed(doc)
        assert len(hunks(before, doc.text)) <= (2 if op in ("indent", "outdent") else 1), op


@pytest.mark.parametrize("path", BUNDLED, ids=os.path.basename)
def test_a_field_of_a_missing_list_item_writes_nothing(path):
    """A field set on an item the list does not have (an atelier without phases) changes nothing:
    no empty list is made on the way (``phases: []``)."""
    doc = KitDocument.from_bytes(path.read_bytes(), str(path), path.parent)
    before = doc.text
    for w in range(doc.length("workshops")):
        n = doc.length(f"workshops[{w}].phases")
        doc.set(f"workshops[{w}].phases[{n}].minutes", "12")
        doc.set(f"workshops[{w}].readings[{doc.length(f'workshops[{w}].readings')}].title", "Lire")
    assert doc.text == before
    doc.set("workshops[0].room", "Salle 12")  # a missing key of an existing item is still made
    assert "Salle 12" in doc.text
