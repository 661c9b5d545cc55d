"""Nothing typed is lost: the app is SIGKILLed mid-sentence, every acknowledged keystroke survives."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.store import EventFile

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_sigkill_mid_sentence_loses_no_acknowledged_text(demo_file, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               FACILITATOR_HOME=str(tmp_path / "child-home"), FACILITATOR_DEVICE="laptop-child")
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("typing_child.py")), str(demo_file)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    acked: dict[str, str] = {}
    count = 0
    deadline = time.monotonic() + 60
    try:
        for line in proc.stdout:
            assert not line.startswith("ERROR"), line
            if line.startswith("ACK "):
                _, nid, text = line.rstrip("\n").split(" ", 2)
                acked[nid] = json.loads(text)
                count += 1
                # kill mid-sentence, after a few notes
                if count >= 90 and not acked[nid].endswith("continue"):
                    break
            if time.monotonic() > deadline:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        err = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
    assert count >= 90, err[-2000:]
    assert len([t for t in acked.values() if t]) >= 2  # several notes, the last one cut mid-sentence
    con = sqlite3.connect(demo_file)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    with EventFile.open(demo_file, device="reader") as ev:
        for nid, text in acked.items():
            stored = ev.note(nid).text
            assert stored.startswith(text), (nid, text, stored)
