"""Crash: a writer process adds and edits notes through the core and is killed with SIGKILL.

The writer prints ``TRY <id> <text>`` before each operation and ``ACK <id> <text>`` once the core
has returned (the change is then promised to be on disk). After each kill the file must pass
``inspect()``, ``PRAGMA integrity_check``, open with ``EventFile.open`` and hold every
acknowledged note with its acknowledged text (the one operation in flight may or may not be there).

To keep 50+ kills inside a few seconds the writers are forked from a "zygote" process that has
already imported the core (a fresh interpreter costs ~0.5 s); a few rounds also use a fresh
``python -c`` process, so nothing depends on the fork.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kits
from facilitator.kit import load_kit
from facilitator.store import EventFile, inspect
from facilitator.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
KILLS_FORKED = int(os.environ.get("FACILITATOR_CRASH_KILLS", "54"))
KILLS_FRESH = 3
MAX_ACKS = 40  # a writer is killed after a drawn number (1 to this) of acknowledged operations

WRITER = r'''
import os, random, sys, uuid
from facilitator.store import EventFile

def say(line):
    """One line in one write(): a kill never leaves half a line (print() makes two writes when
    Python runs unbuffered, PYTHONUNBUFFERED, and a DONE could then be glued to half a TRY)."""
    os.write(1, (line + "\n").encode("utf-8"))

def writer(path, seed):
    rnd = random.Random(seed)
    ev = EventFile.open(path)
    places = [(w.number, s.id) for w in ev.kit.workshops for s in ev.kit.sections]
    mine = {r.id: (r.workshop, r.section) for r in ev.notes()}
    from facilitator.store.engine import preload
    preload()  # what the app does once its window is shown: kills land in writes, not in imports
    say("READY")
    i = 0
    while True:
        i += 1
        r = rnd.random()
        text = f"n{seed}-{i} " + rnd.choice(["", "é’œ « » ", "x" * rnd.randint(1, 400)])
        if mine and r < 0.45:
            nid = rnd.choice(list(mine))
            say(f"TRY {nid} {text}")
            ev.edit_note(nid, text=text)
        elif r < 0.96:
            nid = str(uuid.uuid4())
            w, s = rnd.choice(places)
            parent = None
            if rnd.random() < 0.3:
                same = [k for k, v in mine.items() if v == (w, s)]
                parent = rnd.choice(same) if same else None
            say(f"TRY {nid} {text}")
            ev.add_note(w, s, text, parent=parent, note_id=nid)
            mine[nid] = (w, s)
        elif r < 0.98:
            if not mine:
                continue
            nid = rnd.choice(list(mine))
            ev.vote(nid)
            continue
        else:  # a kill may also land in a checkpoint or a journal mode switch
            ev.close()
            ev = EventFile.open(path)
            continue
        say(f"ACK {nid} {text}")
'''

ZYGOTE = WRITER + r'''
from facilitator.store.engine import preload
preload()  # once, before forking
path = sys.argv[1]
for line in sys.stdin:
    words = line.split()
    if not words or words[0] == "QUIT":
        break
    seed = int(words[1])
    pid = os.fork()
    if pid == 0:
        try:
            writer(path, seed)
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            os._exit(3)
    say(f"PID {pid}")
    _, status = os.waitpid(pid, 0)
    say(f"DONE {status}")
'''

FRESH = WRITER + r'''
writer(sys.argv[1], int(sys.argv[2]))
'''


class Ledger:
    """What the writers were told is stored, and the one operation that may be half-way."""

    def __init__(self) -> None:
        self.acked: dict[str, str] = {}
        self.ops = 0

    def verify(self, path: Path, lines: list[str]) -> None:
        pending: tuple[str, str] | None = None
        for line in lines:
            kind, _, rest = line.partition(" ")
            nid, _, text = rest.partition(" ")
            if kind == "TRY":
                pending = (nid, text)
            elif kind == "ACK":
                assert pending == (nid, text), f"ACK sans TRY : {line!r}"
                self.acked[nid] = text
                self.ops += 1
                pending = None
        # 1. identity and header, read-only, before anything recovers the WAL
        assert inspect(path) == SCHEMA_VERSION
        # 2. thorough check
        con = sqlite3.connect(path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            con.close()
        # 3. the core opens it and every acknowledged change is there
        with EventFile.open(path) as ev:
            stored = {r.id: r.text for r in ev.notes(include_deleted=True)}
        for nid, text in self.acked.items():
            if pending and pending[0] == nid and stored.get(nid) == pending[1]:
                continue  # the operation in flight reached the disk before the kill: allowed
            assert nid in stored, f"note acquittée perdue : {nid}"
            assert stored[nid] == text, f"texte acquitté perdu pour {nid}"
        if pending and stored.get(pending[0]) == pending[1]:
            self.acked[pending[0]] = pending[1]


@pytest.fixture
def crash_file(tmp_path) -> Path:
    path = tmp_path / "crash.facilitator"
    EventFile.create(path, load_kit(kits.kit_path("forum-open-etat-2021-2"))).close()
    return path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def _readline(proc: subprocess.Popen, errors: Path) -> str:
    line = proc.stdout.readline()
    if not line:
        raise AssertionError("le processus d'écriture s'est arrêté : " + errors.read_text(errors="replace"))
    return line.rstrip("\n")


def _until_acks(proc: subprocess.Popen, errors: Path, wanted: int) -> list[str]:
    """The writer's lines up to its ``wanted``-th acknowledgement (then it is killed at once)."""
    lines: list[str] = []
    acks = 0
    while acks < wanted:
        line = _readline(proc, errors)
        lines.append(line)
        acks += line.startswith("ACK ")
    return lines


def test_sigkill_never_loses_an_acknowledged_note(crash_file, tmp_path):
    rnd = random.Random(int(os.environ.get("FACILITATOR_CRASH_SEED", "20160621")))
    ledger = Ledger()
    errors = tmp_path / "writer-stderr.txt"
    started = time.monotonic()
    kills = 0
    planned = 0

    # a few rounds with a fresh interpreter each
    for round_ in range(KILLS_FRESH):
        with open(errors, "w") as err:
            proc = subprocess.Popen([sys.executable, "-c", FRESH, str(crash_file), str(1000 + round_)],
                                    stdout=subprocess.PIPE, stderr=err, text=True, env=_env(),
                                    cwd=ROOT)
        try:
            assert _readline(proc, errors) == "READY"
            wanted = rnd.randint(1, MAX_ACKS)
            planned += wanted
            seen = _until_acks(proc, errors, wanted)
            time.sleep(rnd.uniform(0, 0.03))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            out = "\n".join(seen) + "\n" + proc.stdout.read()  # (not communicate(): it would skip what readline buffered)
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
            proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL, errors.read_text(errors="replace")
        ledger.verify(crash_file, [ln for ln in out.splitlines() if ln.startswith(("TRY", "ACK"))])
        kills += 1

    # many rounds forked from a zygote that has the core imported
    with open(errors, "w") as err:
        zygote = subprocess.Popen([sys.executable, "-c", ZYGOTE, str(crash_file)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=err, text=True, env=_env(), cwd=ROOT)
    try:
        for round_ in range(KILLS_FORKED):
            zygote.stdin.write(f"GO {round_}\n")
            zygote.stdin.flush()
            head = _readline(zygote, errors)
            assert head.startswith("PID "), head
            pid = int(head.split()[1])
            first = _readline(zygote, errors)
            assert first == "READY", first + errors.read_text(errors="replace")
            wanted = rnd.randint(1, MAX_ACKS)
            planned += wanted
            lines = _until_acks(zygote, errors, wanted)
            time.sleep(rnd.uniform(0, 0.03))
            os.kill(pid, signal.SIGKILL)
            while True:
                line = _readline(zygote, errors)
                if line.startswith("DONE "):
                    status = int(line.split()[1])
                    break
                lines.append(line)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                "le processus d'écriture s'est arrêté seul : " + errors.read_text(errors="replace"))
            ledger.verify(crash_file, lines)
            kills += 1
        zygote.stdin.write("QUIT\n")
        zygote.stdin.flush()
        zygote.wait(timeout=10)
    finally:
        if zygote.poll() is None:
            zygote.kill()
            zygote.wait()
        zygote.stdin.close()
        zygote.stdout.close()

    assert kills >= 50
    # each writer was killed only after it had acknowledged a drawn number of operations: the
    # count does not depend on how fast the machine is
    assert ledger.ops >= planned, f"opérations acquittées : {ledger.ops}, attendues : {planned}"
    assert len(ledger.acked) > 100
    print(f"{kills} SIGKILL, {ledger.ops} opérations acquittées vérifiées "
          f"en {time.monotonic() - started:.1f} s")
