"""Hostile kits: every file of ``tests/corpus/kits`` is refused with located French errors.

Each corpus file states what it must produce in its header, one line per error, in order::

    # attendu: LINE:COLUMN PATH | MESSAGE

(``(racine)`` for an error that concerns the whole file.) The test checks the exact list of errors,
that reading is bounded in memory (the alias bomb included; bench/ has the timings), never raises, and
never modifies the file. Files too big to commit (6 MB, 100,000 nodes, a 4 MB string) and
symbolic links are made by fixtures.
"""

from __future__ import annotations

import os
import re
import tracemalloc
from pathlib import Path

import pytest

import kits
from facilitator.cli import main
from facilitator.kit import read_kit, read_kit_bytes
from facilitator.kit.loader import MAX_BYTES, MAX_NODES

from .conftest import CORPUS, sha256

KITS = sorted((CORPUS / "kits").glob("*.yaml"))
EXPECT = re.compile(r"^# attendu: (\d+):(\d+) (.+?) \| (.+)$")
ENGLISH = re.compile(r"\b(found|expected|while scanning|but|character|cannot|could not)\b")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
MEMORY_LIMIT = 64 * 1024 * 1024  # bytes, peak of Python allocations while reading one kit


def expectations(path: Path) -> list[tuple[int, int, str, str]]:
    out = []
    for raw in path.read_bytes().splitlines():
        line = raw.decode("utf-8", "replace")
        m = EXPECT.match(line)
        if m:
            where = "" if m.group(3) == "(racine)" else m.group(3)
            out.append((int(m.group(1)), int(m.group(2)), where, m.group(4)))
    return out


def measured(fn):
    """Run ``fn`` under tracemalloc: its result and the peak of its Python allocations (a bound
    that does not depend on the machine's speed; bench/ has the timings)."""
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def assert_french(message: str) -> None:
    assert message and "Traceback" not in message
    assert not ENGLISH.search(message), f"message non traduit : {message}"


def test_the_corpus_is_there():
    assert len(KITS) >= 45
    assert all(expectations(p) for p in KITS), [p.name for p in KITS if not expectations(p)]


@pytest.mark.parametrize("path", KITS, ids=[p.stem for p in KITS])
def test_corpus_kit_gives_its_located_errors(path):
    before = sha256(path)
    report, peak = measured(lambda: read_kit(path))
    assert report.kit is None
    got = [(e.line, e.column, e.path, e.message) for e in report.errors]
    want = expectations(path)
    assert len(got) == len(want), "\n".join(map(str, report.errors))
    for g, (line, col, where, message) in zip(got, want, strict=True):
        assert g[:3] == (line, col, where), (g, (line, col, where, message))
        assert message in g[3], (g, message)
        assert_french(g[3])
    for e in report.errors:
        assert e.file == str(path)
        assert str(e).startswith(f"{path}:{e.line}:{e.column}: ")
    assert peak < MEMORY_LIMIT, f"{peak / 1e6:.1f} Mo"
    assert sha256(path) == before


@pytest.mark.parametrize("path", KITS[::7], ids=[p.stem for p in KITS[::7]])
def test_kit_check_exits_1_and_lists_the_errors(path, capsys):
    assert main(["kit", "check", str(path)]) == 1
    out = capsys.readouterr().out
    for line, col, _where, _message in expectations(path):
        assert f"{path}:{line}:{col}: " in out
    assert re.search(r"\d+ erreurs? dans", out) and "Traceback" not in out


def test_alias_bomb_refused_fast():
    path = CORPUS / "kits" / "35-alias-bombe.yaml"
    report, peak = measured(lambda: read_kit(path))
    # 9^9 strings once expanded, never walked: refused by counting nodes (the message says so),
    # within the memory any kit is given
    assert "nœuds" in report.errors[0].message
    assert peak < MEMORY_LIMIT, f"{peak / 1e6:.1f} Mo"


def test_python_tag_never_runs(tmp_path):
    assert read_kit(CORPUS / "kits" / "40-python-tag.yaml").kit is None
    assert not Path("/tmp/facilitator-pwned").exists()


# ------------------------------------------------------------------------ generated files
def _valid_kit_text() -> str:
    return kits.kit_path("forum-open-etat-2021-2").read_text("utf-8")


def test_six_megabyte_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "enorme.yaml"
    with open(path, "wb") as fh:
        fh.write(b"kit: 1\nevent:\n  about: |\n")
        line = b"    " + b"x" * 1019 + b"\n"
        for _ in range(6 * 1024):
            fh.write(line)
    assert path.stat().st_size > 6_000_000
    before = sha256(path)
    report, peak = measured(lambda: read_kit(path))
    assert report.kit is None
    [err] = report.errors
    assert (err.line, err.column) == (1, 1)
    assert "refusé" in err.message and str(path.stat().st_size) in err.message
    assert peak < 2 * MAX_BYTES
    assert sha256(path) == before


def test_huge_string_just_under_the_limit_loads_in_bounded_memory(tmp_path):
    text = _valid_kit_text()
    huge = "é" * ((MAX_BYTES - len(text.encode()) - 1000) // 2)
    text = text.replace("kit: 1\n", "kit: 1\n", 1)
    text = re.sub(r"(?m)^event:\n", "event:\n  notice: \"" + huge + "\"\n", text, count=1)
    path = tmp_path / "long.yaml"
    path.write_text(text, "utf-8")
    assert MAX_BYTES - 100_000 < path.stat().st_size <= MAX_BYTES
    report, peak = measured(lambda: read_kit(path))
    assert report.kit is not None, report.errors[:3]
    assert len(report.kit.event.notice) == len(huge)
    assert peak < 40 * MAX_BYTES


def test_too_many_nodes_without_any_alias(tmp_path):
    path = tmp_path / "noeuds.yaml"
    path.write_text("kit: 1\nevent:\n  criteria:\n" + "  - a\n" * (MAX_NODES + 10), "utf-8")
    report = read_kit(path)
    [err] = report.errors
    assert "nœuds" in err.message and err.line > MAX_NODES - 10  # stopped where the limit was crossed


def test_deep_nesting_of_block_mappings(tmp_path):
    text = "kit: 1\nevent:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(200))
    report = read_kit_bytes(text.encode())
    assert report.kit is None
    [err] = report.errors
    assert "imbrication trop profonde" in err.message and err.line == 52


def test_logo_symlink_pointing_outside_the_kit_folder(tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG)
    folder = tmp_path / "kit"
    folder.mkdir()
    os.symlink(outside / "secret.png", folder / "logo.png")
    text = _valid_kit_text().replace("event:\n", "event:\n  logo: logo.png\n", 1)
    (folder / "kit.yaml").write_text(text, "utf-8")
    report = read_kit(folder / "kit.yaml")
    assert report.kit is None
    [err] = report.errors
    assert err.path == "event.logo" and "rester dans le dossier du kit" in err.message
    # a symlink that stays inside the folder is fine
    (folder / "images").mkdir()
    (folder / "images" / "vrai.png").write_bytes(PNG)
    (folder / "logo.png").unlink()
    os.symlink(folder / "images" / "vrai.png", folder / "logo.png")
    assert read_kit(folder / "kit.yaml").kit is not None


def test_logo_folder_symlink_pointing_outside(tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "logo.png").write_bytes(PNG)
    folder = tmp_path / "kit"
    folder.mkdir()
    os.symlink(outside, folder / "images")
    text = _valid_kit_text().replace("event:\n", "event:\n  logo: images/logo.png\n", 1)
    (folder / "kit.yaml").write_text(text, "utf-8")
    [err] = read_kit(folder / "kit.yaml").errors
    assert "rester dans le dossier du kit" in err.message


def test_kit_path_that_is_a_folder_or_missing(tmp_path):
    [err] = read_kit(tmp_path).errors
    assert_french(err.message)
    [err] = read_kit(tmp_path / "absent.yaml").errors
    assert "introuvable" in err.message
    assert main(["kit", "check", str(tmp_path / "absent.yaml")]) == 1


def test_bundled_kits_still_load():
    """The control: what the corpus breaks, the real kits do not."""
    for name in kits.BUNDLED:
        report = read_kit(kits.kit_path(name))
        assert report.kit is not None, report.errors[:3]
