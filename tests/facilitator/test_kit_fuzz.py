"""Random mutations of a real kit never crash the loader: it loads, or gives located errors."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kits
from facilitator.kit import read_kit_bytes

SOURCE = kits.kit_path("forum-open-etat-2021-2").read_bytes()
LINES = SOURCE.split(b"\n")
EXAMPLES = int(os.environ.get("FACILITATOR_FUZZ_EXAMPLES", "120"))

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, len(SOURCE) - 1), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, len(LINES) - 1), st.just(0)),
    st.tuples(st.just("dup"), st.integers(0, len(LINES) - 1), st.just(0)),
    st.tuples(st.just("indent"), st.integers(0, len(LINES) - 1), st.integers(-4, 4)),
    st.tuples(st.just("insert"), st.integers(0, len(LINES) - 1), st.sampled_from(
        [0, 1, 2, 3, 4, 5])),
)
SNIPPETS = [b"&a [*a]", b"{", b"- *x", b"\t", b"key: : value", b"\xff\xfe"]


def mutate(data: bytes, ops) -> bytes:
    lines = data.split(b"\n")
    for op, where, arg in ops:
        where %= max(1, len(lines))
        if op == "flip":
            flat = bytearray(b"\n".join(lines))
            flat[where % len(flat)] = arg
            lines = bytes(flat).split(b"\n")
        elif op == "delete" and len(lines) > 1:
            del lines[where]
        elif op == "dup":
            lines.insert(where, lines[where])
        elif op == "indent":
            ln = lines[where]
            lines[where] = (b" " * arg + ln) if arg > 0 else ln[min(-arg, len(ln) - len(ln.lstrip())):]
        elif op == "insert":
            lines.insert(where, SNIPPETS[arg])
    return b"\n".join(lines)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_kit_loads_or_gives_located_errors(ops):
    data = mutate(SOURCE, ops)
    report = read_kit_bytes(data, "kit.yaml")
    if report.kit is None:
        assert report.errors
        n_lines = data.count(b"\n") + 1
        for e in report.errors:
            assert 1 <= e.line <= n_lines + 1 and e.column >= 1
            assert e.message and e.file == "kit.yaml"
