"""I/O errors while an event file is open: disk full, read-only, file deleted, moved or replaced.

Expected every time: the operation raises ``StoreError`` with a French message (and the change
that was not stored, for the app to keep and apply again), nothing already stored is lost, and the
same ``EventFile`` keeps working once the cause is gone, or can save a copy elsewhere.

Real faults where the machine allows them (a tmpfs of 1 MB, mounted as root; skipped otherwise),
and the same faults injected at the SQLite layer (``max_page_count``, ``query_only``) everywhere.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

import kits
from facilitator.cli import main
from facilitator.errors import StoreError
from facilitator.kit import load_kit
from facilitator.kit.model import Item
from facilitator.store import EventFile

from .conftest import sha256

KIT = "forum-open-etat-2021-2"


def _new_event(path: Path) -> Path:
    EventFile.create(path, load_kit(kits.kit_path(KIT))).close()
    return path


def _place(ev: EventFile) -> tuple[int, str]:
    return ev.kit.workshops[0].number, ev.kit.sections[0].id


def _stored(path: Path) -> dict[str, str]:
    with EventFile.open(path) as ev:
        return {r.id: r.text for r in ev.notes(include_deleted=True)}


def _french(err: StoreError) -> str:
    text = str(err)
    assert "Traceback" not in text and "sqlite3" not in text and "Error" not in text, text
    return text


def _write_until_error(ev: EventFile, acked: dict[str, str], size: int = 3000, limit: int = 2000) -> StoreError:
    w, s = _place(ev)
    for i in range(limit):
        text = f"note {i} " + "é" * size
        try:
            change = ev.add_note(w, s, text)
        except StoreError as err:
            return err
        acked[change.focus] = text
    raise AssertionError("aucune erreur d'écriture")


def _raw(ev: EventFile, sql: str) -> None:
    """Fault injection on the event file's own SQLite connection (test hook)."""
    ev._con.execute(sql)


# ------------------------------------------------------------------------------ disk full
def test_disk_full_on_a_real_small_disk(tmpfs):
    disk = tmpfs("1m")
    path = _new_event(disk.path / "evenement.facilitator")
    acked: dict[str, str] = {}
    ev = EventFile.open(path)
    try:
        w, s = _place(ev)
        acked[ev.add_note(w, s, "avant").focus] = "avant"
        filler = disk.fill()
        err = _write_until_error(ev, acked)
        assert "disque est plein" in _french(err)
        assert err.change.edits[-1].after.text.startswith("note ")  # what was typed is handed back
        # reading still works, and everything acknowledged is there
        assert {r.id for r in ev.notes()} >= set(acked)
        # space is freed: the same open file goes on, and the failed change can be applied again
        filler.unlink()
        ev.apply(err.change)
        acked[err.change.focus] = err.change.edits[-1].after.text
        acked[ev.add_note(w, s, "après").focus] = "après"
    finally:
        ev.close()
    stored = _stored(path)
    assert all(stored.get(k) == v for k, v in acked.items())


def test_disk_full_then_closed_while_still_full(tmpfs):
    """Closing on a full disk (the checkpoint cannot run) keeps the WAL: nothing is lost."""
    disk = tmpfs("1m")
    path = _new_event(disk.path / "evenement.facilitator")
    acked: dict[str, str] = {}
    ev = EventFile.open(path)
    w, s = _place(ev)
    acked.update({ev.add_note(w, s, f"avant {i}").focus: f"avant {i}" for i in range(3)})
    filler = disk.fill()
    err = _write_until_error(ev, acked, size=500)
    assert "disque est plein" in _french(err)
    ev.close()
    filler.unlink()
    stored = _stored(path)
    assert acked and all(stored.get(k) == v for k, v in acked.items())
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()


def test_disk_full_injected(tmp_path):
    """The same fault injected (SQLite's page limit), so it runs on machines without tmpfs."""
    path = _new_event(tmp_path / "evenement.facilitator")
    acked: dict[str, str] = {}
    ev = EventFile.open(path)
    try:
        w, s = _place(ev)
        acked[ev.add_note(w, s, "avant").focus] = "avant"
        pages = ev._con.execute("PRAGMA page_count").fetchone()[0]
        _raw(ev, f"PRAGMA max_page_count = {pages + 2}")
        err = _write_until_error(ev, acked)
        assert "disque est plein" in _french(err)
        _raw(ev, "PRAGMA max_page_count = 1073741823")
        acked[ev.apply(err.change).focus] = err.change.edits[-1].after.text
    finally:
        ev.close()
    stored = _stored(path)
    assert all(stored.get(k) == v for k, v in acked.items())


# ------------------------------------------------------------------------------ read-only
def test_read_only_while_open_injected(tmp_path):
    """The medium turns read-only under an open file (SQLITE_READONLY injected with query_only)."""
    path = _new_event(tmp_path / "evenement.facilitator")
    with EventFile.open(path) as ev:
        w, s = _place(ev)
        first = ev.add_note(w, s, "première").focus
        _raw(ev, "PRAGMA query_only = ON")
        with pytest.raises(StoreError) as info:
            ev.add_note(w, s, "refusée")
        assert "lecture seule" in _french(info.value)
        with pytest.raises(StoreError):
            ev.edit_note(first, text="refusée aussi")
        assert ev.note(first).text == "première"  # the session was rolled back, not left dirty
        _raw(ev, "PRAGMA query_only = OFF")
        ev.apply(info.value.change)
        ev.edit_note(first, text="reprise")
    stored = _stored(path)
    assert stored[first] == "reprise"
    assert "refusée" in stored.values()


def test_read_only_medium_at_open(tmpfs):
    """A real read-only file system (tmpfs remounted ro): refused at open, file untouched."""
    disk = tmpfs("1m")
    path = _new_event(disk.path / "evenement.facilitator")
    before = sha256(path)
    r = disk.remount("ro")
    if r.returncode != 0:
        pytest.skip(f"remontage en lecture seule impossible : {r.stderr}")
    with pytest.raises(StoreError) as info:
        EventFile.open(path)
    assert "lecture seule" in _french(info.value)
    assert main(["validate", str(path), "--by", "X"]) == 1  # a command that writes: refused
    assert main(["info", str(path)]) == 0  # reading commands read through a copy
    assert sha256(path) == before


def test_chmod_while_open_does_not_lose_writes(tmp_path):
    """chmod after opening does not stop the open descriptors (POSIX): writes go on, durably."""
    path = _new_event(tmp_path / "evenement.facilitator")
    with EventFile.open(path) as ev:
        w, s = _place(ev)
        os.chmod(path, 0o444)
        nid = ev.add_note(w, s, "malgré chmod").focus
    os.chmod(path, 0o644)
    assert _stored(path)[nid] == "malgré chmod"
    if os.geteuid() != 0:  # root ignores permissions: only check the refusal as a normal user
        os.chmod(path, 0o444)
        with pytest.raises(StoreError, match="lecture seule"):
            EventFile.open(path)


# ------------------------------------------------------------------------------ file gone
def test_file_deleted_while_open_is_detected_and_rescued(tmp_path):
    path = _new_event(tmp_path / "evenement.facilitator")
    ev = EventFile.open(path)
    try:
        w, s = _place(ev)
        acked = {ev.add_note(w, s, f"note {i}").focus: f"note {i}" for i in range(5)}
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with pytest.raises(StoreError) as info:
            ev.add_note(w, s, "tapée après la disparition")
        assert "a disparu" in _french(info.value)
        # what is stored is still readable through the open file, and can be saved elsewhere
        assert {r.id for r in ev.notes()} >= set(acked)
        rescue = tmp_path / "ailleurs" / "secours.facilitator"
        rescue.parent.mkdir()
        ev.save_copy(rescue)
    finally:
        ev.close()
    assert not path.exists()
    with EventFile.open(rescue) as copy:
        copy.apply(info.value.change)  # what was typed is not lost either
        stored = {r.id: r.text for r in copy.notes()}
    assert all(stored.get(k) == v for k, v in acked.items())
    assert "tapée après la disparition" in stored.values()
    assert [p.name for p in rescue.parent.iterdir()] == ["secours.facilitator"]


def test_file_moved_while_open_then_put_back(tmp_path):
    path = _new_event(tmp_path / "evenement.facilitator")
    elsewhere = tmp_path / "déplacé.facilitator"
    with EventFile.open(path) as ev:
        w, s = _place(ev)
        nid = ev.add_note(w, s, "avant").focus
        os.rename(path, elsewhere)
        with pytest.raises(StoreError) as info:
            ev.edit_note(nid, text="pendant")
        assert "a disparu" in _french(info.value)
        os.rename(elsewhere, path)
        ev.apply(info.value.change)  # the stick is back: the change is stored
    assert _stored(path)[nid] == "pendant"


def test_file_replaced_while_open(tmp_path):
    """Another file copied over the open one: never write into the wrong file."""
    path = _new_event(tmp_path / "evenement.facilitator")
    other = _new_event(tmp_path / "autre.facilitator")
    with EventFile.open(path) as ev:
        w, s = _place(ev)
        ev.add_note(w, s, "avant")
        os.replace(shutil.copyfile(other, tmp_path / "copie"), path)
        before = sha256(path)
        with pytest.raises(StoreError, match="a disparu"):
            ev.add_note(w, s, "pendant")
    assert sha256(path) == before or "pendant" not in _stored(path).values()


def test_save_copy_refuses_an_existing_target(tmp_path):
    path = _new_event(tmp_path / "evenement.facilitator")
    target = tmp_path / "existe.facilitator"
    target.write_text("à garder", "utf-8")
    with EventFile.open(path) as ev, pytest.raises(StoreError, match="existe déjà"):
        ev.save_copy(target)
    assert target.read_text("utf-8") == "à garder"


def test_save_copy_onto_a_full_disk(tmpfs):
    disk = tmpfs("256k")
    source = _new_event(disk.path.parent / "evenement.facilitator")
    with EventFile.open(source) as ev:
        w, s = _place(ev)
        ev.add_items(w, s, [Item("x" * 5000)] * 80)
        with pytest.raises(StoreError) as info:
            ev.save_copy(disk.path / "copie.facilitator")
    assert "plein" in _french(info.value)
    assert list(disk.path.iterdir()) == []
