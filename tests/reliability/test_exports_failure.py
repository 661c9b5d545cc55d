"""Exports under failure: ``write_atomic`` never leaves a half-written file nor a temporary file.

Unwritable folder (a read-only tmpfs: root ignores chmod), missing folder, disk full during the
write (a real 256 KB tmpfs, and os.fsync / os.replace failing with ENOSPC injected), a directory
or a symbolic link as the target. Each time: ``ExportError`` with a French message, the previous
file intact, the folder holding exactly what it held before.
"""

from __future__ import annotations

import errno
import os
import sys

import pytest

from exports.write import write_atomic
from facilitator import files as write_mod  # where write_atomic lives (exports.write re-exports it)
from facilitator.errors import ExportError
from tests.ordinary_user import as_ordinary_user, reachable_folder

OLD = b"%PDF-1.4 ancienne restitution, bonne\n" * 100
NEW = b"%PDF-1.4 nouvelle restitution\n" * 20_000  # 600 KB


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def assert_french(err: ExportError) -> None:
    text = str(err)
    assert "Traceback" not in text and "Errno" not in text, text


def test_success_replaces_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "restitution.pdf"
    target.write_bytes(OLD)
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    assert listing(tmp_path) == ["restitution.pdf"]


def test_disk_full_during_the_write_real(tmpfs):
    disk = tmpfs("256k")
    target = disk.path / "restitution.pdf"
    target.write_bytes(OLD)
    with pytest.raises(ExportError) as info:
        write_atomic(target, NEW)
    assert "disque est plein" in str(info.value)
    assert_french(info.value)
    assert target.read_bytes() == OLD
    assert listing(disk.path) == ["restitution.pdf"]


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_disk_full_injected(tmp_path, monkeypatch, failing):
    target = tmp_path / "restitution.pdf"
    target.write_bytes(OLD)

    def boom(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                boom()

            def __getattr__(self, name):
                return getattr(self.fh, name)

        monkeypatch.setattr(write_mod.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(write_mod.os, failing, boom)
    with pytest.raises(ExportError, match="disque est plein"):
        write_atomic(target, NEW)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["restitution.pdf"]


def test_unwritable_folder_real(tmpfs):
    disk = tmpfs("256k")
    target = disk.path / "restitution.pdf"
    target.write_bytes(OLD)
    r = disk.remount("ro")
    if r.returncode != 0:
        pytest.skip(f"remontage en lecture seule impossible : {r.stderr}")
    with pytest.raises(ExportError) as info:
        write_atomic(target, NEW)
    assert "impossible d'écrire" in str(info.value)
    assert_french(info.value)
    assert target.read_bytes() == OLD
    assert listing(disk.path) == ["restitution.pdf"]


def test_unwritable_folder_as_a_normal_user():
    with reachable_folder() as base:
        folder = base / "protégé"
        folder.mkdir()
        (folder / "restitution.pdf").write_bytes(OLD)
        folder.chmod(0o555)

        def attempt() -> int:
            try:
                write_atomic(folder / "restitution.pdf", NEW)
            except ExportError as exc:
                print(exc, file=sys.stderr)
                return 1
            return 0

        code, err = as_ordinary_user(attempt)
        assert code == 1 and "impossible d'écrire" in err, err
        assert (folder / "restitution.pdf").read_bytes() == OLD
        assert listing(folder) == ["restitution.pdf"]


def test_missing_folder(tmp_path):
    with pytest.raises(ExportError, match="n'existe pas"):
        write_atomic(tmp_path / "absent" / "restitution.pdf", NEW)
    assert listing(tmp_path) == []


def test_target_is_a_directory(tmp_path):
    (tmp_path / "restitution.pdf").mkdir()
    with pytest.raises(ExportError, match="est un dossier"):
        write_atomic(tmp_path / "restitution.pdf", NEW)
    assert listing(tmp_path) == ["restitution.pdf"]


def test_symlink_target_is_refused_and_its_target_untouched(tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    victim = outside / "important.txt"
    victim.write_bytes(b"ne pas toucher")
    folder = tmp_path / "exports"
    folder.mkdir()
    os.symlink(victim, folder / "restitution.pdf")
    with pytest.raises(ExportError, match="lien symbolique"):
        write_atomic(folder / "restitution.pdf", NEW)
    assert victim.read_bytes() == b"ne pas toucher"
    assert (folder / "restitution.pdf").is_symlink()
    # a dangling link too: never create a file where it points
    os.symlink(outside / "nouveau.txt", folder / "livret.pdf")
    with pytest.raises(ExportError, match="lien symbolique"):
        write_atomic(folder / "livret.pdf", NEW)
    assert not (outside / "nouveau.txt").exists()
