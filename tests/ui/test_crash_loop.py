"""The app killed again and again (issue 7): a child process builds the window on one event file
and types notes through the keyboard (new notes with Enter, text key by key); it is SIGKILLed at
a random moment after its first stored text, then started again on the same file, which grows.

After each kill: the file passes ``facilitator.store.inspect`` and ``PRAGMA integrity_check``,
opens, and holds every text the child acknowledged (``ACK`` is printed after the commit returns).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from facilitator.store import EventFile, inspect

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("FACILITATOR_APP_CRASH_KILLS", "12"))
CHILD = Path(__file__).with_name("typing_child.py")


class Child:
    """One run of the typing child; a thread reads its output (ACK lines) as it comes."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([sys.executable, str(CHILD), str(path)], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        self.acked: dict[str, str] = {}
        self.errors: list[str] = []
        self.first_ack = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if line.startswith("ERROR"):
                self.errors.append(line)
            elif line.startswith("ACK "):
                _, nid, text = line.rstrip("\n").split(" ", 2)
                self.acked[nid] = json.loads(text)
                self.first_ack.set()

    def kill(self) -> str:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.reader.join(10)  # the ACK lines written before the kill are all read
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return err


def _check(path: Path, acked: dict[str, str]) -> int:
    inspect(path)
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    with EventFile.open(path, device="reader") as ev:
        stored = {r.id: r.text for r in ev.notes(include_deleted=True)}
    for nid, text in acked.items():
        assert nid in stored, (nid, text)
        assert stored[nid].startswith(text), (nid, text, stored[nid])
    return len(stored)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_app_killed_at_random_moments_loses_nothing_acknowledged(demo_file, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               FACILITATOR_HOME=str(tmp_path / "child-home"), FACILITATOR_DEVICE="laptop-child")
    seed = int(os.environ.get("FACILITATOR_CRASH_SEED", time.time_ns()))  # replays a failure
    rng = random.Random(seed)
    acked: dict[str, str] = {}
    sizes = []
    for run in range(KILLS):
        child = Child(demo_file, env)
        try:
            assert child.first_ack.wait(30), f"run {run}, seed {seed}: no ACK"
            time.sleep(rng.uniform(0.0, 0.6))  # a random moment: mid-key, mid-commit, mid-Enter
        finally:
            err = child.kill()
        assert not child.errors, (seed, child.errors)
        assert child.acked, err[-2000:]
        acked.update(child.acked)
        try:
            sizes.append(_check(demo_file, acked))
        except AssertionError as exc:
            raise AssertionError(f"run {run}, seed {seed}: {exc}") from exc
    assert len(acked) >= KILLS  # at least one new note per run, on the same growing file
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]
