"""Files that are not files, and numbers beyond the format: every reader of a file the user names
(kit, spreadsheet, JSON export) refuses a device, a pipe or a folder before reading, reads a
regular file within its bound, and every integer of the kit format is bounded, so that what
passes ``kit check`` also makes an event."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kits
from facilitator.cli import main
from facilitator.inputs import NotRegularFile, TooBig, read_bounded
from facilitator.kit import read_kit

from .conftest import ROOT, sha256

NOT_A_FILE = "n'est pas un fichier mais un périphérique, un tube ou un dossier"


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "tube.yaml"
    os.mkfifo(path)
    return path


def run(*args, timeout=60):
    """The real command line in its own process (a reader blocked on a pipe would hang it)."""
    return subprocess.run([sys.executable, "-m", "facilitator", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout)


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_kit_check_refuses_what_is_not_a_file(kind, fifo, tmp_path):
    path = {"device": Path("/dev/zero"), "fifo": fifo, "folder": tmp_path}[kind]
    out = run("kit", "check", path)
    assert out.returncode == 1
    said = out.stdout + out.stderr
    assert f"{path}:1:1: (racine): ce n'est pas un fichier mais un périphérique" in said
    assert "0 octets" not in said


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_import_json_refuses_what_is_not_a_file(kind, fifo, tmp_path):
    source = Path("/dev/zero") if kind == "device" else fifo
    target = tmp_path / "importe.sqlite"
    out = run("import", "json", source, target)
    assert out.returncode == 1
    assert f"{source} {NOT_A_FILE} : import refusé" in out.stderr
    assert not target.exists()


def test_kit_import_refuses_a_spreadsheet_that_is_a_pipe(tmp_path):
    kit = tmp_path / "kit.yaml"
    kit.write_bytes(kits.kit_path("forum-open-etat-2021-1").read_bytes())
    before = sha256(kit)
    sheet = tmp_path / "engagements.csv"
    os.mkfifo(sheet)
    out = run("kit", "import", kit, sheet)
    assert out.returncode == 1
    said = out.stdout + out.stderr
    assert "engagements.csv" in said
    assert "ce n'est pas un fichier mais un périphérique, un tube ou un dossier : refusé" in said
    assert sha256(kit) == before


def test_read_bounded_reads_a_regular_file_and_refuses_beyond_its_bound(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100
    with pytest.raises(TooBig) as caught:
        read_bounded(path, 99)
    assert (caught.value.size, caught.value.limit) == (100, 99)
    with pytest.raises(NotRegularFile):
        read_bounded("/dev/zero", 10)
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "absent", 10)


def test_a_kit_too_big_says_its_real_size(tmp_path):
    path = tmp_path / "gros.yaml"
    path.write_bytes(b"kit: 1\n" + b"#" * (6 * 1024 * 1024) + b"\n")
    [err] = read_kit(path).errors
    assert f"le kit fait {path.stat().st_size} octets" in err.message


def test_integers_at_their_bounds_make_an_event(tmp_path):
    """The bounds are those of the format: the largest accepted values still make an event and
    its documents."""
    text = kits.kit_path("ministere-ouvert-2016").read_text("utf-8")
    assert "  - number: 1\n" in text and "minutes: " in text
    text = text.replace("  - number: 1\n", "  - number: 999\n", 1)
    text, replaced = re.subn(r"minutes: \d+", "minutes: 1440", text, count=1)
    assert replaced == 1
    kit = tmp_path / "bornes.yaml"
    kit.write_text(text, "utf-8")
    report = read_kit(kit)
    assert report.kit is not None, [str(e) for e in report.errors]
    assert 999 in [w.number for w in report.kit.workshops]
    assert main(["new", "--kit", str(kit), str(tmp_path / "bornes.sqlite")]) == 0
    assert main(["export", "restitution", str(tmp_path / "bornes.sqlite"), "-o", str(tmp_path / "r.pdf")]) == 0
