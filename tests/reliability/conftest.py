"""Shared fixtures of the reliability suite: a private home, a real demo event file, tmpfs mounts."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def home(tmp_path_factory, monkeypatch):
    """Every test gets its own FACILITATOR_HOME (device id, logs) and a fixed device name."""
    h = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FACILITATOR_HOME", str(h))
    monkeypatch.setenv("FACILITATOR_DEVICE", "laptop-test")
    monkeypatch.setenv("FACILITATOR_LANG", "fr")
    return h


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A closed demo event file (the 2016 event with its real notes), made once per session."""
    folder = tmp_path_factory.mktemp("demo")
    old = {k: os.environ.get(k) for k in ("FACILITATOR_HOME", "FACILITATOR_DEVICE")}
    os.environ["FACILITATOR_HOME"] = str(folder / "home")
    os.environ["FACILITATOR_DEVICE"] = "laptop-template"
    try:
        from facilitator.demo import create_demo

        path = folder / "demo.facilitator"
        create_demo(path).close()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return path


@pytest.fixture
def demo_file(demo_template, tmp_path) -> Path:
    """A private copy of the demo event file."""
    target = tmp_path / "atelier.facilitator"
    shutil.copyfile(demo_template, target)
    return target


class Tmpfs:
    """A small tmpfs mounted for one test (root only); unmounted at the end."""

    def __init__(self, path: Path, size: str) -> None:
        self.path = path
        self.size = size

    def remount(self, *opts: str) -> subprocess.CompletedProcess:
        return subprocess.run(["mount", "-o", ",".join(["remount", *opts]), str(self.path)],
                              capture_output=True, text=True)

    def fill(self) -> Path:
        """Fill the file system to the last byte; return the filler file (delete it to free space)."""
        filler = self.path / f"filler-{uuid.uuid4().hex[:6]}"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            for size in (1 << 16, 1 << 12, 1 << 9):  # down to the last free block
                try:
                    while True:
                        os.write(fd, bytes(size))
                except OSError:
                    pass
        finally:
            os.close(fd)
        return filler


def _mount(path: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
                       capture_output=True)
    return r.returncode == 0


@pytest.fixture
def tmpfs(tmp_path):
    """A factory of small tmpfs mounts; the test is skipped where mounting is not allowed."""
    mounts: list[Path] = []

    def make(size: str = "2m", name: str = "disk") -> Tmpfs:
        path = tmp_path / name
        path.mkdir()
        if not _mount(path, size):
            pytest.skip("impossible de monter un tmpfs ici (il faut être root) : variante sautée")
        mounts.append(path)
        return Tmpfs(path, size)

    yield make
    for path in reversed(mounts):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)
