"""No writer replaces one of its inputs (issue 14, data loss): the same path, a symbolic link to it
or a hard link is refused with a French message, and the source stays byte for byte intact.

Every writer goes through ``facilitator.files.staged``; the inputs are the open event files and the
files a command reads. Tested at each writer: every ``facilitator export`` kind, ``export
proposals`` (plain and Decidim), the booklet and sheets from a kit, ``import json``, the event
file's ``save_copy``; the app's export dialog and save-a-copy are tested in tests/ui.
"""

from __future__ import annotations

import os
import shutil

import pytest

import kits
from exports.documents import DOCUMENTS
from facilitator.cli import main
from facilitator.errors import SameFileError, StoreError
from facilitator.files import reading, write_atomic
from facilitator.store import EventFile
from tests.ordinary_user import as_ordinary_user, reachable_folder

MESSAGE = "est le fichier source"


def _event(path):
    """What an event file holds (opening one rewrites SQLite's header bytes, not its content)."""
    with open(path, "rb") as fh:
        assert fh.read(16) == b"SQLite format 3\x00"
    with EventFile.open(path, device="reader") as ev:
        return [(n.id, n.text) for n in ev.notes()], [(p.id, p.title) for p in ev.proposals()]


def _aliases(path, kind):
    """A name for ``path``: itself, a symbolic link to it, or a hard link."""
    if kind == "same":
        return path
    alias = path.with_name(f"alias-{kind}{path.suffix}")
    if kind == "symlink":
        alias.symlink_to(path)
    else:
        os.link(path, alias)
    return alias


ALIASES = ("same", "symlink", "hardlink")
EVENT_KINDS = [d.key for d in DOCUMENTS]


@pytest.mark.parametrize("alias", ALIASES)
@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_no_export_replaces_its_event_file(demo_path, capsys, kind, alias):
    before = _event(demo_path)
    target = _aliases(demo_path, alias)
    assert main(["export", kind, str(demo_path), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert MESSAGE in err and "Traceback" not in err
    assert _event(demo_path) == before
    assert sorted(p.name for p in demo_path.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("alias", ALIASES)
@pytest.mark.parametrize("flags", [[], ["--decidim"]])
def test_export_proposals_never_replaces_its_event_file(demo_path, capsys, alias, flags):
    before = _event(demo_path)
    target = _aliases(demo_path, alias)
    assert main(["export", "proposals", str(demo_path), "-o", str(target), *flags]) == 1
    assert MESSAGE in capsys.readouterr().err
    assert _event(demo_path) == before


@pytest.mark.parametrize("alias", ALIASES)
@pytest.mark.parametrize("kind", ["booklet", "sheets"])
def test_documents_from_a_kit_never_replace_the_kit(tmp_path, capsys, kind, alias):
    kit = tmp_path / "kit.yaml"
    shutil.copyfile(kits.kit_path("forum-open-etat-2021-1"), kit)
    before = kit.read_bytes()
    target = _aliases(kit, alias)
    assert main(["export", kind, str(kit), "-o", str(target)]) == 1
    assert MESSAGE in capsys.readouterr().err
    assert kit.read_bytes() == before


def test_read_only_event_file_is_protected_too(demo_path, capsys):
    """A read-only event file is exported from a copy: the original is still an input."""
    before = demo_path.read_bytes()
    with reachable_folder() as base:
        event = base / "demo.facilitator"
        shutil.copyfile(demo_path, event)
        os.link(event, base / "lien.json")
        event.chmod(0o444)
        code, err = as_ordinary_user(lambda: main(["export", "json", str(event), "-o", str(base / "lien.json")]))
        assert code == 1 and MESSAGE in err, err
        assert event.read_bytes() == before


@pytest.mark.parametrize("alias", ["symlink", "hardlink"])
def test_import_json_never_replaces_its_source(demo_path, tmp_path, capsys, alias):
    exported = tmp_path / "e.json"
    assert main(["export", "json", str(demo_path), "-o", str(exported)]) == 0
    before = exported.read_bytes()
    target = _aliases(exported, alias)
    assert main(["import", "json", str(exported), str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ")
    assert exported.read_bytes() == before


@pytest.mark.parametrize("alias", ALIASES)
def test_save_copy_onto_the_open_file_is_refused(demo_path, alias):
    before = _event(demo_path)
    with EventFile.open(demo_path) as ev:
        target = _aliases(demo_path, alias)
        with pytest.raises(SameFileError, match=MESSAGE) as caught:
            ev.save_copy(target)
        assert isinstance(caught.value, StoreError)  # what the app's rescue catches
    assert _event(demo_path) == before


def test_inputs_are_released_when_closed(demo_path, tmp_path):
    """Once the event file is closed (or the block reading a file has ended) it may be written."""
    with EventFile.open(demo_path):
        with pytest.raises(SameFileError):
            write_atomic(demo_path, b"x")
    other = tmp_path / "k.yaml"
    other.write_text("a: 1\n", "utf-8")
    with reading(other):
        with pytest.raises(SameFileError):
            write_atomic(other, b"x")
    write_atomic(other, b"y")
    assert other.read_bytes() == b"y"


def test_a_deleted_input_does_not_block_its_name(demo_path):
    """The rescue of a file deleted while open may write a new file under its old name."""
    with EventFile.open(demo_path) as ev:
        ev.notes()
        for suffix in ("", "-wal", "-shm"):
            demo_path.with_name(demo_path.name + suffix).unlink(missing_ok=True)
        ev.save_copy(demo_path)
    with EventFile.open(demo_path) as ev:
        assert ev.notes()
