"""Merge over random edit histories: idempotent, order-independent, nothing lost or duplicated."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from facilitator.kit import load_kit_text
from facilitator.kit.template import template_text
from facilitator.merge import canonical_dump, merge
from facilitator.store import EventFile

OPS = ("edit", "add", "delete", "up", "down", "indent", "outdent", "vote", "sync", "undo", "proposal")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "base.fae"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(folder / "home"))
        with EventFile.create(path, load_kit_text(template_text()), device="base") as ev:
            for i in range(3):
                ev.add_note(1, "futurs", f"note {i}", note_id=f"n{i}")
            ev.add_proposal("Proposition", proposal_id="p0")
    return path


step = st.tuples(st.integers(0, 2), st.sampled_from(OPS), st.integers(0, 9), st.integers(0, 2))


def _play(ev: EventFile, others: list[Path], op: str, k: int, j: int, undo: list) -> None:
    notes = [r for r, _ in ev.outline(1, "futurs")]
    target = notes[k % len(notes)].id if notes else None
    if op == "add" or target is None:
        undo.append(ev.add_note(1, "futurs", f"ajout {k}", after=target))
    elif op == "edit":
        undo.append(ev.edit_note(target, text=f"{ev.device} {k}"))
    elif op == "delete":
        undo.append(ev.delete_note(target))
    elif op in ("up", "down", "indent", "outdent"):
        fn = {"up": ev.move_up, "down": ev.move_down, "indent": ev.indent, "outdent": ev.outdent}[op]
        undo.append(fn(target))
    elif op == "vote":
        undo.append(ev.vote(target))
    elif op == "proposal":
        undo.append(ev.edit_proposal("p0", title=f"{ev.device} {k}"))
    elif op == "undo" and undo:
        ev.apply(undo.pop().inverse())
    elif op == "sync":
        merge(ev, [others[j]], make_backup=False)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=10))
def test_random_histories_merge_the_same_in_any_order(base, history):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = [shutil.copy(base, tmp / f"l{i}.fae") for i in range(3)]
        files = [Path(f) for f in files]
        evs = [EventFile.open(f, device=f"laptop{i}") for i, f in enumerate(files)]
        undo: list[list] = [[], [], []]
        try:
            for who, op, k, j in history:
                if op == "sync":
                    evs[j].close()  # a laptop's file is copied on a stick once closed
                    evs[j] = EventFile.open(files[j], device=f"laptop{j}")
                    if j == who:
                        continue
                    evs[j].close()
                _play(evs[who], files, op, k, j, undo[who])
                if op == "sync" and j != who:
                    evs[j] = EventFile.open(files[j], device=f"laptop{j}")
            seen = set()
            for ev in evs:
                seen |= {r.id for r in ev.notes(include_deleted=True)}
        finally:
            for ev in evs:
                ev.close()
        results = []
        for n, order in enumerate(([0, 1, 2], [2, 0, 1])):
            t = shutil.copy(base, tmp / f"t{''.join(map(str, order))}.fae")
            with EventFile.open(t, device="target") as ev:
                merge(ev, [files[i] for i in order], make_backup=False)
                visible = [r.id for r in ev.notes()]
                assert len(visible) == len(set(visible))
                assert {r.id for r in ev.notes(include_deleted=True)} == seen
                if n == 0:
                    assert not merge(ev, [files[1]], make_backup=False).changed  # again: nothing new
            results.append(canonical_dump(t))
        # merged in steps, starting from a laptop's own file
        t = shutil.copy(files[1], tmp / "steps.fae")
        with EventFile.open(t, device="target") as ev:
            merge(ev, [files[2]], make_backup=False)
            merge(ev, [files[0]], make_backup=False)
        results.append(canonical_dump(t))
        assert all(r == results[0] for r in results[1:])
        heads = results[0]["record_heads"]
        event("conflict" if any(h[3] for h in heads) else "several heads merged" if heads else "one head each")
