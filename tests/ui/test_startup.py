"""The path from launching the app to its first window does not load SQLAlchemy (about half a
second of start-up); it is loaded in the background once the window is shown, and the first
keystroke is stored all the same, whenever it comes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r'''
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.shell.launcher import main

def then(window):  # called as the window is shown (the background load starts after)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy")
    print("AT_FIRST_WINDOW", len(loaded), flush=True)
    # the heavy layers start-up leaves for later, each deferred at its one boundary: the command
    # line, the revisions' machinery, the after-the-event screens, the kit editor and its YAML
    # and spreadsheet libraries, and the network (the time itself is bench/startup.py's figure,
    # not a list of standard modules)
    later = ("facilitator.cli", "facilitator.store.history",
             "ui.after.post_common", "ui.prepare.kit_editor", "ui.prepare.kit_preview", "ui.prepare.kit_sheets", "facilitator.kit.roundtrip",
             "facilitator.kit.sheets", "ruamel", "openpyxl", "odf",
             # no network unless a hub is joined (tests/facilitator/sync/test_no_network.py)
             "ui.shell.network", "facilitator.sync.hub", "facilitator.sync.laptop", "psycopg")
    print("ALSO_LOADED", ",".join(m for m in later if m in sys.modules) or "-", flush=True)
    from ui.capture.outline import NoteEdit
    print("EDITORS", len(window.findChildren(NoteEdit)), flush=True)

    def usable():
        window.activateWindow()
        window.go_to_section(next(iter(window.sections)))
        editor = window.focusWidget()
        editor.insertPlainText(" — tapé tout de suite")
        note_id, typed = editor.note_id, editor.toPlainText()
        def stored():
            if window.session.ev.note(note_id).text == typed:
                print("STORED", note_id, flush=True)
                print("LOADED", "facilitator.store.engine" in sys.modules, flush=True)
                window.close()
                QApplication.quit()
            else:
                QTimer.singleShot(5, stored)
        QTimer.singleShot(0, stored)
    QTimer.singleShot(0, usable)

main(["open", sys.argv[1]], then)
'''


def test_first_window_without_sqlalchemy_then_first_keystroke_stored(demo_file, tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
               FACILITATOR_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", CHILD, str(demo_file)], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    assert lines["AT_FIRST_WINDOW"] == "0", out.stdout
    assert lines["ALSO_LOADED"] == "-", out.stdout
    assert lines["EDITORS"] == "0", out.stdout  # notes painted until edited
    assert lines["LOADED"] == "True"
    note_id = lines["STORED"]
    import sqlite3

    con = sqlite3.connect(demo_file)
    try:
        text = con.execute("SELECT text FROM note WHERE id = ?", (note_id,)).fetchone()[0]
    finally:
        con.close()
    assert text.endswith(" — tapé tout de suite")
