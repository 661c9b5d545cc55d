"""Broken event files: each gives a French ``StoreError`` from ``EventFile.open``, the CLI
``facilitator info FILE`` exits 1 without a traceback, and the file is byte-identical afterwards.

The broken files are made from a real event file (the 2016 demo) by the fixtures below, so they
follow the schema as it evolves and the repository does not hold binary blobs.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.errors import StoreError
from facilitator.store import EventFile
from facilitator.store.schema import APPLICATION_ID, SCHEMA_VERSION

from .conftest import ROOT, sha256

PAGE = 4096


def _page_size(path: Path) -> int:
    raw = path.read_bytes()[16:18]
    size = int.from_bytes(raw, "big")
    return 65536 if size == 1 else size


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 123])


def truncated_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:60])


def zeroed_pages(path: Path) -> None:
    size = _page_size(path)
    data = bytearray(path.read_bytes())
    pages = len(data) // size
    for n in range(2, pages, 3):  # every third page after the first two: tables and indexes hit
        data[n * size : (n + 1) * size] = bytes(size)
    path.write_bytes(bytes(data))


def zeroed_schema_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:_page_size(path)] = bytes(_page_size(path) - 100)  # page 1 after the header
    path.write_bytes(bytes(data))


def schema_text_not_utf8(path: Path) -> None:
    """A byte that cannot be UTF-8 inside the text of a table's definition (found by the CLI
    fuzz: it ended in exit 2)."""
    data = bytearray(path.read_bytes())
    at = data.index(b"note_revision", 100, _page_size(path))  # the name of a schema row
    data[at + 1] = 0x80
    path.write_bytes(bytes(data))


def garbage_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[16:24] = b"\xff\xff\xff\xff\xff\xff\xff\xff"  # page size and format bytes
    path.write_bytes(bytes(data))


def foreign_sqlite(path: Path) -> None:
    path.unlink()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    con.execute("INSERT INTO contacts VALUES ('Marianne', '01 02 03 04 05')")
    con.commit()
    con.close()


def _pragma(path: Path, sql: str) -> None:
    con = sqlite3.connect(path)
    con.execute(sql)
    con.commit()
    con.close()


def wrong_application_id(path: Path) -> None:
    _pragma(path, "PRAGMA application_id = 1234")


def future_schema(path: Path) -> None:
    _pragma(path, f"PRAGMA user_version = {SCHEMA_VERSION + 7}")


def text_renamed(path: Path) -> None:
    path.write_text("Compte rendu de l'atelier 1\n- idée : ouvrir les données\n" * 50, "utf-8")


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def pdf_renamed(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(4000))


def missing_tables(path: Path) -> None:
    _pragma(path, "DROP TABLE note")


def broken_kit_copy(path: Path) -> None:
    _pragma(path, "UPDATE meta SET value = 'kit: 1\nevent: [' WHERE key = 'kit_source'")


def missing_kit_copy(path: Path) -> None:
    _pragma(path, "DELETE FROM meta WHERE key = 'kit_source'")


BREAKERS: dict[str, Callable[[Path], None]] = {
    "tronqué": truncated,
    "en-tête tronqué": truncated_header,
    "pages mises à zéro": zeroed_pages,
    "page de schéma à zéro": zeroed_schema_page,
    "schéma pas en UTF-8": schema_text_not_utf8,
    "en-tête abîmé": garbage_header,
    "base SQLite étrangère": foreign_sqlite,
    "application_id étranger": wrong_application_id,
    "schéma futur": future_schema,
    "texte renommé": text_renamed,
    "fichier vide": empty_file,
    "PDF renommé": pdf_renamed,
    "table manquante": missing_tables,
    "copie du kit abîmée": broken_kit_copy,
    "copie du kit absente": missing_kit_copy,
}

EXPECTED_WORDS = {
    "application_id étranger": "pas été créée par facilitator",
    "base SQLite étrangère": "pas été créée par facilitator",
    "schéma futur": "version plus récente",
    "texte renommé": "n'est pas un fichier d'événement",
    "fichier vide": "n'est pas un fichier d'événement",
    "PDF renommé": "n'est pas un fichier d'événement",
    "en-tête tronqué": "n'est pas un fichier d'événement",
    "schéma pas en UTF-8": "pas de l'UTF-8 valide",
}


@pytest.fixture(params=list(BREAKERS), ids=list(BREAKERS))
def broken(request, demo_file) -> tuple[str, Path]:
    BREAKERS[request.param](demo_file)
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{demo_file}{suffix}").exists()
    return request.param, demo_file


def _is_french_message(text: str) -> bool:
    return "Traceback" not in text and any(w in text for w in ("fichier", "facilitator", "endommagé"))


def test_open_refuses_with_french_message_and_leaves_file_identical(broken):
    name, path = broken
    before = sha256(path)
    with pytest.raises(StoreError) as info:
        EventFile.open(path)
    message = str(info.value)
    assert str(path) in message
    assert _is_french_message(message), message
    if name in EXPECTED_WORDS:
        assert EXPECTED_WORDS[name] in message
    assert sha256(path) == before
    leftovers = sorted(p.name for p in path.parent.iterdir() if p.name != path.name)
    assert leftovers == [], f"fichiers laissés à côté : {leftovers}"


def test_cli_info_exits_1_without_traceback(broken, capsys):
    name, path = broken
    before = sha256(path)
    code = main(["info", str(path)])
    captured = capsys.readouterr()
    assert code == 1, captured
    assert captured.err.startswith("Erreur : "), captured.err
    assert _is_french_message(captured.err)
    assert sha256(path) == before


def test_cli_info_in_a_real_process(demo_file):
    """Once through a real interpreter: exit status 1, the French message on stderr, no traceback."""
    zeroed_pages(demo_file)
    before = sha256(demo_file)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "facilitator", "info", str(demo_file)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 1, r.stderr
    assert "endommagé" in r.stderr and "Traceback" not in r.stderr
    assert sha256(demo_file) == before


def test_missing_file_and_folder_given_as_file(tmp_path, capsys):
    with pytest.raises(StoreError, match="introuvable"):
        EventFile.open(tmp_path / "absent.facilitator")
    folder = tmp_path / "dossier.facilitator"
    folder.mkdir()
    with pytest.raises(StoreError) as info:
        EventFile.open(folder)
    assert _is_french_message(str(info.value))
    assert main(["info", str(folder)]) == 1


def test_healthy_demo_opens(demo_file):
    """The control: the unbroken file opens and is ours."""
    with EventFile.open(demo_file) as ev:
        assert ev.notes()
    con = sqlite3.connect(demo_file)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()


def test_breakers_really_break(demo_template, tmp_path):
    """Each breaker changes the file (a no-op breaker would make the tests above vacuous)."""
    for name, breaker in BREAKERS.items():
        p = tmp_path / f"{abs(hash(name))}.facilitator"
        shutil.copyfile(demo_template, p)
        before = sha256(p)
        breaker(p)
        assert sha256(p) != before, name
