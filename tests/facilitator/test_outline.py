"""Outline order: siblings by position, orphans at the top, and no note lost in a cycle."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

from facilitator.merge import merge
from facilitator.store import EventFile
from facilitator.store.outline import tree_order


@dataclass
class N:
    id: str
    parent_id: str | None
    position: float


def test_depth_first_by_position_then_id():
    rows = [N("b", None, 2), N("a", None, 1), N("a2", "a", 2), N("a1", "a", 1), N("c", None, 2)]
    assert [(r.id, d) for r, d in tree_order(rows)] == [("a", 0), ("a1", 1), ("a2", 1), ("b", 0), ("c", 0)]


def test_orphans_and_cycles_stay_visible():
    rows = [N("x", "y", 1), N("y", "x", 2), N("self", "self", 3), N("orphan", "gone", 0)]
    # tops first (an orphan, a note that is its own parent), then the cycle from its smallest note
    assert [(r.id, d) for r, d in tree_order(rows)] == [("orphan", 0), ("self", 0), ("x", 0), ("y", 1)]


def test_concurrent_indents_on_two_laptops_lose_no_note(tmp_path, kit_2021):
    base = tmp_path / "base.facilitator"
    with EventFile.create(base, kit_2021) as ev:
        n0 = ev.add_note(1, "futurs", "n0").focus
        n1 = ev.add_note(1, "futurs", "n1", after=n0).focus
    a, b = tmp_path / "a.facilitator", tmp_path / "b.facilitator"
    shutil.copy(base, a)
    shutil.copy(base, b)
    with EventFile.open(a, device="A") as ev:
        ev.indent(n1)  # n1 under n0
    with EventFile.open(b, device="B") as ev:
        ev.move_up(n1)
        ev.indent(n0)  # n0 under n1
    with EventFile.open(base, device="T") as ev:
        merge(ev, [a, b], make_backup=False)
        texts = sorted(r.text for r, _ in ev.outline(1, "futurs"))
    assert texts == ["n0", "n1"]
