"""``facilitator self-test``: the app checks itself on this laptop, as a person would use it.

It opens the capture window on an event file (a fresh 2016 demo in a temporary folder unless
``--event`` names one), waits until the window is usable (its first frame painted), checks that
the app's own fonts (exports/fonts: the documents' and the window's fallback) are there and
readable, types a text at the end of the first note of the first section, key by key, and waits
until the event file has stored it. Exit 0 when it has, 1 otherwise, with a French message
(font missing or unreadable, time-out, window not opened). Runs as the
desktop's launch does (``ui.shell.launcher``), so it also checks a frozen app (scripts/bundle_smoke.sh
types into the bundle's window this way, then reads the note back with the CLI).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from facilitator.cli import command
from facilitator.i18n import tr as message  # the core catalogue: its messages go to the terminal

TIMEOUT_S = 60.0
DEFAULT_TEXT = " — vérification de facilitator"


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--event", type=Path, default=None,
                   help="fichier d'événement où taper (défaut : une démo 2016 neuve, dans un dossier temporaire)")
    p.add_argument("--text", default=DEFAULT_TEXT,
                   help="texte tapé à la fin de la première note (défaut : « — vérification de facilitator »)")
    p.add_argument("--timeout", type=float, default=TIMEOUT_S,
                   help=f"secondes accordées avant d'échouer (défaut : {TIMEOUT_S:.0f})")


@command(("self-test",), "vérifier l'application sur cet ordinateur : ouvrir la fenêtre, y taper une note, "
         "attendre qu'elle soit enregistrée", _configure)
def cmd_self_test(args) -> int:
    import facilitator.store  # noqa: F401  (the core before Qt, as ui.shell.launcher starts the app)
    from ui.shell import boot

    with tempfile.TemporaryDirectory(prefix="facilitator-self-test-") as tmp:
        event = args.event
        if event is None:
            from facilitator.demo import create_demo

            event = Path(tmp) / "demo.facilitator"
            create_demo(event).close()
        elif not event.is_file():
            print(message("selftest.failed", path=event, reason=message("kit.not_found")), file=sys.stderr)
            return 1
        outcome: dict[str, str] = {}
        code = boot.run_app(event, _typist(args.text, args.timeout, outcome))
        if outcome.get("stored"):
            print(message("selftest.ok", path=event, note=outcome["stored"]))
            return 0
        print(message("selftest.failed", path=event, reason=outcome.get("failed") or message("selftest.no_window")),
              file=sys.stderr)
        return 1 if code == 0 else code


def _typist(text: str, timeout: float, outcome: dict[str, str]):
    """The ``then(window)`` of ``ui.shell.launcher``: types ``text`` once the window is usable."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def fail(reason: str) -> None:
        outcome.setdefault("failed", reason)
        QApplication.exit(1)

    from ui.shell.app import ensure_app

    ensure_app(sys.argv[:1])  # the app ui.shell.app.run will use: the time-out is armed before it opens
    QTimer.singleShot(int(timeout * 1000), lambda: fail(message("selftest.timeout", seconds=f"{timeout:g}")))

    def then(window) -> None:
        def usable() -> None:
            # said as soon as the window is usable (bench/bundle.py times it, bundle against installed)
            print(message("selftest.usable", path=window.session.ev.path), flush=True)
            problem = _font_problem()
            if problem:
                fail(problem)
                return
            window.activateWindow()  # (offscreen: no window manager gives it the focus)
            window.go_to_section(next(iter(window.sections)))  # the first note, as Ctrl+1 does
            editor = window.focusWidget()
            note_id = getattr(editor, "note_id", None)
            if note_id is None:
                fail(message("selftest.no_note"))
                return
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            for ch in text:  # key by key, as typed: press then release
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
            typed = editor.toPlainText()
            if not typed.endswith(text):
                fail(message("selftest.not_typed"))
                return

            def stored() -> None:
                if window.session.ev.note(note_id).text == typed:
                    outcome["stored"] = note_id
                    window.close()  # as a person closes it: the session flushed, the file closed
                    QApplication.exit(0)
                else:
                    QTimer.singleShot(10, stored)

            QTimer.singleShot(0, stored)

        class FirstFrame(QObject):  # usable: the first turn of the event loop after the first paint
            def eventFilter(self, obj, event) -> bool:
                if event.type() == QEvent.Type.Paint:
                    obj.removeEventFilter(self)
                    QTimer.singleShot(0, usable)
                return False

        window.installEventFilter(FirstFrame(window))

    return then


def _font_problem() -> str | None:
    """What is wrong with the app's own fonts, in French; None when each loads into Qt."""
    from PySide6.QtGui import QFontDatabase

    from exports.pdf.fonts import FILES, FONT_DIR

    for name in FILES:
        path = FONT_DIR / name
        if not path.is_file():
            return message("selftest.font_missing", path=path)
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid == -1:
            return message("selftest.font_unreadable", path=path)
        QFontDatabase.removeApplicationFont(fid)  # (the window has its own registration)
    return None
