"""A process killed with SIGKILL while writing never loses an acknowledged note nor corrupts the file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from facilitator.store import EventFile, inspect

WRITER = textwrap.dedent(
    """
    import sys
    from facilitator.store import EventFile
    ev = EventFile.open(sys.argv[1])
    prefix = sys.argv[2]
    last = None
    i = 0
    while True:
        if i % 3 == 2 and last:
            ev.edit_note(last, text=f"{prefix}-{i}-modifiée")
            print(f"EDIT {last} {prefix}-{i}-modifiée", flush=True)
        else:
            change = ev.add_note(1, "futurs", f"{prefix}-{i}", after=last)
            last = change.focus
            print(f"ADD {last} {prefix}-{i}", flush=True)
        i += 1
    """
)


def _order(text: str) -> tuple[int, int]:
    """(round, step) of a text the writer made: ``r2-17`` or ``r2-17-modifiée``."""
    round_, step = text.split("-")[:2]
    return int(round_[1:]), int(step)


def test_sigkill_in_write_loop_loses_nothing_acknowledged(tmp_path, kit_2021):
    path = tmp_path / "crash.facilitator"
    EventFile.create(path, kit_2021).close()
    acked: dict[str, str] = {}
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    rng = random.Random(2016)
    for round_ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"r{round_}"],
                                stdout=subprocess.PIPE, text=True, env=env)
        # the kill clock starts at the first acknowledged change, however slow start-up is
        lines = [proc.stdout.readline()]
        deadline = time.monotonic() + rng.uniform(0.1, 0.5)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()
        lines.extend(rest.splitlines(keepends=True))
        assert lines[0].startswith("ADD "), lines[:1]
        for line in lines:
            if not line.endswith("\n"):
                continue  # cut by the kill: never acknowledged
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[2].strip():
                acked[parts[1]] = parts[2].strip()
        inspect(path)  # identity and quick_check pass
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        with EventFile.open(path) as ev:
            stored = {r.id: r.text for r in ev.notes(1, "futurs")}
        # a change written but killed before its acknowledgement may replace an acknowledged text
        # of the same note with a later one: only a missing or older text is a loss
        missing = {k: v for k, v in acked.items() if k not in stored or _order(stored[k]) < _order(v)}
        assert not missing, f"round {round_}: {len(missing)} acknowledged changes lost"
    assert len(acked) >= 4
