"""Fuzzing the kit loader: random mutations of a real bundled kit always either load or give
located errors; the loader never raises.

In CI: 150 examples per test (a few seconds). For a long run by hand::

    FACILITATOR_FUZZ=long FACILITATOR_FUZZ_EXAMPLES=50000 python -m pytest tests/reliability/test_fuzz_kits.py
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kits
from facilitator.kit import read_kit_bytes

settings.register_profile(
    "facilitator-ci", max_examples=150, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "facilitator-long", max_examples=int(os.environ.get("FACILITATOR_FUZZ_EXAMPLES", "20000")),
    deadline=None, database=None, suppress_health_check=list(HealthCheck),
)
PROFILE = settings.get_profile("facilitator-long" if os.environ.get("FACILITATOR_FUZZ") == "long"
                               else "facilitator-ci")

SOURCE = kits.kit_path("forum-open-etat-2021-2").read_bytes()
LINES = SOURCE.split(b"\n")
TOKENS = [b": ", b"- ", b"&a ", b"*a", b"[", b"]", b"{", b"}", b'"', b"'", b"\t", b"\x00", b"\xff",
          b"\xc3", b"---\n", b"? ", b"!!python/object:os.system ", b"<<: *a", b"#", b"|", b">",
          b"2024-02-30", b"25:00", b"~", b"\n  ", b"\x07", b"\xef\xbb\xbf", b"%YAML 1.2\n"]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, len(SOURCE) - 1), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, len(LINES) - 1), st.just(0)),
    st.tuples(st.just("duplicate"), st.integers(0, len(LINES) - 1), st.just(0)),
    st.tuples(st.just("indent"), st.integers(0, len(LINES) - 1), st.integers(-4, 4)),
    st.tuples(st.just("insert"), st.integers(0, len(SOURCE)), st.integers(0, len(TOKENS) - 1)),
    st.tuples(st.just("swap"), st.integers(0, len(LINES) - 1), st.integers(0, len(LINES) - 1)),
)


def mutate(data: bytes, ops) -> bytes:
    for kind, a, b in ops:
        lines = data.split(b"\n")
        a_line = min(a, len(lines) - 1)
        if kind == "flip" and data:
            i = min(a, len(data) - 1)
            data = data[:i] + bytes([b]) + data[i + 1:]
        elif kind == "delete":
            del lines[a_line]
            data = b"\n".join(lines)
        elif kind == "duplicate":
            lines.insert(a_line, lines[a_line])
            data = b"\n".join(lines)
        elif kind == "indent":
            line = lines[a_line]
            lines[a_line] = b" " * b + line if b > 0 else line[min(-b, len(line) - len(line.lstrip(b" "))):]
            data = b"\n".join(lines)
        elif kind == "insert":
            i = min(a, len(data))
            data = data[:i] + TOKENS[b] + data[i:]
        elif kind == "swap":
            b_line = min(b, len(lines) - 1)
            lines[a_line], lines[b_line] = lines[b_line], lines[a_line]
            data = b"\n".join(lines)
    return data


def check(data: bytes) -> None:
    report = read_kit_bytes(data, "fuzz.yaml", folder=kits.FOLDER)  # must never raise
    # every kind of line break YAML knows (\r alone too), plus the end-of-stream line
    n_lines = len(data.decode("utf-8", "replace").splitlines()) + 2
    if report.kit is not None:
        assert not report.errors
        return
    assert report.errors, "kit refusé sans erreur"
    for e in report.errors:
        assert 1 <= e.line <= n_lines + 1, (e, n_lines)
        assert e.column >= 1
        assert e.message and "Traceback" not in e.message
        assert e.file == "fuzz.yaml"


@PROFILE
@given(st.lists(mutation, min_size=1, max_size=6))
def test_mutated_real_kit_loads_or_gives_located_errors(ops):
    check(mutate(SOURCE, ops))


@PROFILE
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    check(data)


@PROFILE
@given(st.text(alphabet=st.sampled_from(list("kit:1event\n -[]{}&*!|>'\"#?,~é\t")), max_size=300))
def test_yaml_looking_noise_never_raises(text):
    check(text.encode("utf-8"))
