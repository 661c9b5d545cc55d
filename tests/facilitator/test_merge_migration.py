"""Event files of schema version 1 (before merge revisions) open, upgrade and merge."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from facilitator.demo import create_demo
from facilitator.merge import canonical_dump, merge
from facilitator.store import EventFile, inspect


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))


def downgrade_to_v1(path: Path) -> None:
    """Make a current file look like one written by schema version 1."""
    con = sqlite3.connect(path)
    try:
        con.executescript("""
            DROP TABLE record_revision;
            DROP TABLE revision_parent;
            DROP TABLE record_heads;
            ALTER TABLE proposal DROP COLUMN revision;
            ALTER TABLE synthesis DROP COLUMN revision;
            PRAGMA user_version = 1;
        """)
    finally:
        con.close()


@pytest.fixture
def v1_file(tmp_path) -> Path:
    path = tmp_path / "ancien.fae"
    with create_demo(path, device="ancien") as ev:
        ev.decide(ev.proposals()[0].id, "a-l-etude", "à voir")
    downgrade_to_v1(path)
    assert inspect(path) == 1
    return path


def test_v1_file_opens_with_its_notes_and_keeps_a_copy(v1_file):
    with EventFile.open(v1_file, device="nouveau") as ev:
        assert len(ev.notes()) == 126
        assert len(ev.proposals()) == 6
        assert ev.proposals()[0].decision == "a-l-etude"
        # proposals can be edited (and merged) after the upgrade
        ev.edit_proposal(ev.proposals()[1].id, title="Titre revu")
    assert inspect(v1_file) == 2
    backup = v1_file.with_name("ancien.fae.v1.bak")
    assert backup.exists() and inspect(backup) == 1


def test_v1_source_merges_like_its_upgraded_copy(tmp_path, v1_file):
    upgraded = shutil.copy(v1_file, tmp_path / "upgraded.fae")
    EventFile.open(upgraded).close()
    t1 = shutil.copy(upgraded, tmp_path / "t1.fae")
    t2 = shutil.copy(upgraded, tmp_path / "t2.fae")
    with EventFile.open(t1) as ev:
        report = merge(ev, [v1_file], make_backup=False)  # read directly, never upgraded
        assert not report.changed
    assert inspect(v1_file) == 1
    with EventFile.open(t2) as ev:
        merge(ev, [upgraded], make_backup=False)
    assert canonical_dump(t1) == canonical_dump(t2)
