"""Fuzz of the command line's file arguments: whatever bytes a kit, an event file, a JSON export,
a merge source or a spreadsheet holds — random, or a real one truncated or with bytes changed —
every command ends with exit 0 or 1 (never the internal error's 2), says what went wrong in
French, and leaves its input files as they were.

The examples are bounded and derandomised in CI (the same ones on every run); a long random run
by hand, like the other fuzz suites::

    FACILITATOR_FUZZ=long FACILITATOR_FUZZ_EXAMPLES=2000 python -m pytest tests/reliability/test_cli_fuzz.py
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kits
from facilitator.cli import main

LONG = os.environ.get("FACILITATOR_FUZZ") == "long"
EXAMPLES = int(os.environ.get("FACILITATOR_FUZZ_EXAMPLES", "2000")) if LONG else 12
ENGLISH = re.compile(r"\b(Traceback|Error|error:|found|expected|cannot|could not|invalid|unable)\b")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def originals(tmp_path_factory, demo_template):
    """Real inputs to start from: a kit, a demo event file, its JSON export, a commitments CSV."""
    folder = tmp_path_factory.mktemp("originals")
    kit = kits.kit_path("forum-open-etat-2021-1").read_bytes()
    event = demo_template.read_bytes()
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["export", "json", str(demo_template), "-o", str(folder / "e.json")]) == 0
    csv = "N°;Intitulé;Calendrier\n9;Nouvel engagement;En retard\n".encode()
    return {"kit": kit, "event": event, "json": (folder / "e.json").read_bytes(), "csv": csv}


def mutated(original: bytes):
    """Random bytes, or ``original`` truncated, with a run of bytes overwritten, or both."""
    n = len(original)
    edits = st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.binary(min_size=1, max_size=64)),
                     min_size=1, max_size=8)

    def apply(cut: int, changes: list[tuple[int, bytes]]) -> bytes:
        data = bytearray(original[:cut])
        for at, chunk in changes:
            if at < len(data):
                data[at:at + len(chunk)] = chunk
        return bytes(data)

    return st.one_of(
        st.binary(max_size=4096),
        st.builds(apply, st.integers(0, n), st.just([])),
        st.builds(apply, st.just(n), edits),
        st.builds(apply, st.integers(0, n), edits),
    )


def digest(path: Path) -> str | None:
    """What ``path`` holds: for an SQLite database its content (SQLite may rewrite header bytes
    of a file it only read, when it checkpoints its journal), otherwise its bytes."""
    if not path.exists():
        return None
    data = path.read_bytes()
    if data.startswith(b"SQLite format 3\x00"):
        try:
            con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            try:
                return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
            finally:
                con.close()
        except (sqlite3.Error, ValueError):  # damaged (text that is not UTF-8 too): its bytes,
            # but for the header fields that opening rewrites without touching the content (the
            # journal mode's switch to WAL and back: file format, change counter, version-valid-for)
            data = bytearray(data)
            for start, end in ((18, 20), (24, 28), (92, 96)):
                data[start:end] = bytes(end - start)
            data = bytes(data)
    return hashlib.sha256(data).hexdigest()


def run(args: list[str], inputs: list[Path]) -> None:
    before = {p: digest(p) for p in inputs}
    said_out, said_err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(said_out), contextlib.redirect_stderr(said_err):
        code = main(args)
    said = said_err.getvalue()
    assert code in (0, 1), f"exit {code} for {args}:\n{said}"
    if code == 1:
        message = said or said_out.getvalue()
        assert message.strip(), f"exit 1 without a message for {args}"
        # (SQLite's own words may be quoted « … » after the French, for whoever helps)
        assert not ENGLISH.search(re.sub(r"«[^»]*»", "", message)), message
    assert {p: digest(p) for p in inputs} == before, f"{args} changed its input"


def workdir():
    return tempfile.TemporaryDirectory(prefix="fuzz-")


KIT_COMMANDS = [
    ["kit", "check", "{kit}"],
    ["new", "--kit", "{kit}", "{out}.sqlite"],
    ["export", "booklet", "{kit}", "-o", "{out}.pdf"],
    ["export", "sheets", "{kit}", "-o", "{out}.pdf"],
]
EVENT_COMMANDS = [
    ["info", "{event}"],
    ["proposals", "{event}"],
    ["conflicts", "{event}"],
    ["section", "{event}", "projets"],
    ["export", "restitution", "{event}", "-o", "{out}.pdf"],
    ["export", "markdown", "{event}", "-o", "{out}.md"],
    ["export", "html", "{event}", "-o", "{out}.html"],
    ["export", "odt", "{event}", "-o", "{out}.odt"],
    ["export", "csv", "{event}", "-o", "{out}.csv"],
    ["export", "json", "{event}", "-o", "{out}.json"],
    ["export", "proposals", "{event}", "-o", "{out}.csv"],
]


def fill(command: list[str], **paths: Path) -> list[str]:
    return [part.format(**{k: str(v) for k, v in paths.items()}) for part in command]


@pytest.mark.parametrize("command", KIT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_kit_commands(command, originals):
    @FUZZ
    @given(data=mutated(originals["kit"]))
    def check(data):
        with workdir() as d:
            kit = Path(d) / "kit.yaml"
            kit.write_bytes(data)
            run(fill(command, kit=kit, out=Path(d) / "out"), [kit])

    check()


@pytest.mark.parametrize("command", EVENT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_event_commands(command, originals):
    @FUZZ
    @given(data=mutated(originals["event"]))
    def check(data):
        with workdir() as d:
            event = Path(d) / "event.facilitator"
            event.write_bytes(data)
            run(fill(command, event=event, out=Path(d) / "out"), [event])

    check()


def test_merge_source(originals):
    @FUZZ
    @given(data=mutated(originals["event"]))
    def check(data):
        with workdir() as d:
            target, source = Path(d) / "cible.facilitator", Path(d) / "source.facilitator"
            target.write_bytes(originals["event"])
            source.write_bytes(data)
            before = digest(target)
            run(["merge", str(target), str(source)], [source])
            # the target is either untouched or a merge result that still exports
            if digest(target) != before:
                run(["export", "json", str(target), "-o", str(Path(d) / "apres.json")], [target])

    check()


def test_import_json(originals):
    @FUZZ
    @given(data=mutated(originals["json"]))
    def check(data):
        with workdir() as d:
            source = Path(d) / "export.json"
            source.write_bytes(data)
            run(["import", "json", str(source), str(Path(d) / "importe.facilitator")], [source])

    check()


def test_kit_import_spreadsheet(originals):
    @FUZZ
    @given(data=mutated(originals["csv"]), suffix=st.sampled_from([".csv", ".xlsx", ".ods"]))
    def check(data, suffix):
        with workdir() as d:
            kit = Path(d) / "kit.yaml"
            kit.write_bytes(originals["kit"])
            sheet = Path(d) / f"tableur{suffix}"
            sheet.write_bytes(data)
            run(["kit", "import", str(kit), str(sheet)], [sheet])

    check()
