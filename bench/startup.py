"""Start-up bench: cold start to a usable capture window on the 2016 demo, against a bare
PySide6 window, each in a fresh interpreter, alternated, median of 9 (the machine is noisy).
Target: ratio ≤ 2× and under 1.5 s.

The app is started as ``facilitator open FILE`` starts it (``ui.shell.launcher.main``: command line
parsed, event file opened and checked in a worker thread, window built, shown). "Usable" is the
same moment for both windows: the first turn of the event loop after the window's first frame is
painted (the person sees it and the app takes keys). (Counting to the first turn after ``show()``
instead would not be the same moment: the bare window, shown before its event loop starts, gets
that turn before its first paint, the app's window, shown from within the loop, after it.)
A second figure follows the first keystroke: typed into the focused note as soon as the window is
usable, the time at which it is stored on disk (SQLAlchemy, which writes need, is loaded in the
background once the window is shown).

    QT_QPA_PLATFORM=offscreen python bench/startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ABSOLUTE_TARGET_S = 1.5  # issue 7: under 1.5 s on this machine
TARGET = 2.0
RUNS = 9

BARE = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1320, 820)

class FirstFrame(QObject):  # the same "usable" as the app's (APP below)
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))
        return False

first_frame = FirstFrame(); w.installEventFilter(first_frame)
w.show()
app.exec()
"""

APP = """
import sys
from ui.shell.launcher import main

def then(window):  # called right after window.show(): its first paint is still to come
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    def usable():
        print("READY", flush=True)
        from PySide6.QtTest import QTest  # (the bench's typing tool: not the app's start-up)

        window.activateWindow()  # (offscreen: no window manager gives it the focus)
        window.go_to_section(next(iter(window.sections)))  # the first note, as Ctrl+1 does
        editor = window.focusWidget()
        note_id = editor.note_id
        QTest.keyClicks(editor, "x")
        typed = editor.toPlainText()

        def stored():
            if window.session.ev.note(note_id).text == typed:
                print("STORED", flush=True)
                QApplication.quit()
            else:
                QTimer.singleShot(1, stored)
        QTimer.singleShot(0, stored)

    class FirstFrame(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, usable)
            return False

    window.installEventFilter(FirstFrame(window))

main(["open", sys.argv[1]], then)  # what `facilitator open FILE` does
"""


def once(code: str, *args: str, env: dict) -> dict[str, float]:
    """Seconds from launch to each line printed (READY, STORED)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    seen = {}
    for line in proc.stdout:
        seen[line.strip()] = time.perf_counter() - t
    err = proc.stderr.read()
    proc.wait()
    if "READY" not in seen or proc.returncode != 0:
        raise SystemExit(f"exit {proc.returncode}: {err[-2000:]}")
    return seen


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   FACILITATOR_HOME=tmp, FACILITATOR_DEVICE="bench", PYTHONPATH=str(ROOT))
        # as installed: pip compiles the package's bytecode, which the warm-up run below writes
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        demo = Path(tmp) / "demo.facilitator"
        subprocess.run([sys.executable, "-c", "import sys; from facilitator.demo import create_demo; "
                        "create_demo(sys.argv[1]).close()", str(demo)], check=True, env=env, cwd=ROOT)
        once(APP, str(demo), env=env)  # warm the file cache and the .pyc of both
        once(BARE, env=env)
        bare, app, stored = [], [], []
        for _ in range(RUNS):
            bare.append(once(BARE, env=env)["READY"])
            seen = once(APP, str(demo), env=env)
            app.append(seen["READY"])
            stored.append(seen["STORED"])
    bare_s, app_s, stored_s = (statistics.median(v) for v in (bare, app, stored))
    ratio = app_s / bare_s
    print(f"bare PySide6 window: {bare_s * 1000:.0f} ms; facilitator on the 2016 demo: {app_s * 1000:.0f} ms "
          f"(first keystroke stored at {stored_s * 1000:.0f} ms); ratio {ratio:.2f}× (target ≤ {TARGET:.0f}×); "
          f"runs: bare {[round(b * 1000) for b in bare]}, app {[round(a * 1000) for a in app]}")
    ok_ratio, ok_abs, ok_stored = ratio <= TARGET, app_s < ABSOLUTE_TARGET_S, stored_s < ABSOLUTE_TARGET_S
    # the shared one-line format read by bench/run_all.py
    print(f"startup, bare PySide6 window   {bare_s:.3f} s   target < {ABSOLUTE_TARGET_S} s   ok")
    print(f"startup, app on the 2016 demo   {app_s:.3f} s   target < {ABSOLUTE_TARGET_S} s   "
          f"{ratio:.2f}× baseline  {'ok' if ok_abs else 'MISS'}")
    print(f"startup, app vs bare window   {ratio:.2f} ×   target ≤ {TARGET:.0f} ×   {'ok' if ok_ratio else 'MISS'}")
    print(f"startup, first keystroke stored   {stored_s:.3f} s   target < {ABSOLUTE_TARGET_S} s   "
          f"{stored_s / bare_s:.2f}× baseline  {'ok' if ok_stored else 'MISS'}")
    ok = ok_ratio and ok_abs and ok_stored
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    if "--quick" in sys.argv[1:]:  # one run of each: checks that the script runs (tests/test_bench.py)
        RUNS = 1
    sys.exit(main())
