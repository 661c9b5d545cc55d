"""Fuzzing the JSON import: a damaged export never crashes it and never leaves a half-made file.

Random mutations of the real demo export (values replaced, keys dropped, bytes flipped, text
truncated) either import into a complete event file or give a ``FacilitatorError`` with a French
message, and then nothing is left beside the target.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.errors import FacilitatorError
from facilitator.importer import import_json
from facilitator.store import EventFile

EXAMPLES = int(os.environ.get("FACILITATOR_FUZZ_EXAMPLES", "60"))


@functools.cache
def export_text() -> str:
    """The JSON export of the 2016 demo (made once; not a fixture, so hypothesis never prints it)."""
    from exports.json_export import render_json
    from facilitator.demo import create_demo

    with tempfile.TemporaryDirectory() as folder:
        ev = create_demo(Path(folder) / "demo.facilitator", device="demo")
        try:
            return render_json(ev).decode("utf-8")
        finally:
            ev.close()


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from _paths(v, (*prefix, i))


REPLACEMENTS = [None, "", "x", -1, 10**20, 3.5, [], {}, True, "2016-02-30", "../../etc/passwd"]

mutation = st.one_of(
    st.tuples(st.just("replace"), st.integers(0, 10**6), st.sampled_from(range(len(REPLACEMENTS)))),
    st.tuples(st.just("drop"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("flip"), st.integers(0, 10**7), st.integers(0, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**7), st.just(0)),
)


def _mutate(text: str, ops) -> bytes:
    doc = json.loads(text)
    raw: bytes | None = None
    for op, where, arg in ops:
        if op in ("replace", "drop") and raw is None:
            paths = [p for p in _paths(doc) if p]
            path = paths[where % len(paths)]
            parent = doc
            for key in path[:-1]:
                parent = parent[key]
            if op == "replace":
                parent[path[-1]] = REPLACEMENTS[arg]
            elif isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        else:
            data = bytearray(raw if raw is not None else json.dumps(doc, ensure_ascii=False).encode())
            if not data:
                break
            if op == "flip":
                data[where % len(data)] = arg
            else:
                data = data[: where % len(data)]
            raw = bytes(data)
    return raw if raw is not None else json.dumps(doc, ensure_ascii=False).encode()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=3))
def test_damaged_export_imports_or_fails_cleanly(ops):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "evenement.json"
        source.write_bytes(_mutate(export_text(), ops))
        target = tmp / "importe.facilitator"
        try:
            import_json(source, target)
        except FacilitatorError as exc:
            assert str(exc) and "Traceback" not in str(exc)
            assert sorted(p.name for p in tmp.iterdir()) == ["evenement.json"]
        else:
            with EventFile.open(target, device="check") as ev:
                assert ev.kit.workshops
