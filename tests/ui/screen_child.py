"""Child process of the screen tests: the app on a screen given by Qt's offscreen configuration
(``QT_QPA_PLATFORM=offscreen:configfile=…``: 1920×1080, device pixel ratio 1 or 2), as a
facilitator first opens it. Types a note with symbols the PDFs draw, shows the projector full
screen, saves both windows' images in argv[2] and prints what it measured as one JSON line."""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from tests.ui.helpers import focus, key, settle, type_text
from ui.common import errors
from ui.shell.app import build, load_fallback_font

SYMBOLS = "★✓☺→☀♥✗⚠"


def drawn(text: str, font) -> list[int]:
    """The glyph indexes Qt picks for ``text`` in ``font`` (its fallbacks included): 0 is a box."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [g for run in layout.glyphRuns() for g in run.glyphIndexes()]


def outside(window: QWidget) -> list[str]:
    """Visible controls that stick out of the window (cut at its edge)."""
    out = []
    for w in window.findChildren(QWidget):
        if w.isVisible() and w.isWindow() is False and w.window() is window and w.width() > 0:
            r = w.rect().translated(w.mapTo(window, w.rect().topLeft()))
            if not window.rect().contains(r) and not isinstance(w.parentWidget(), QAbstractScrollArea):
                if not any(isinstance(a, QAbstractScrollArea) and a.isAncestorOf(w) for a in
                           window.findChildren(QAbstractScrollArea)):
                    out.append(w.objectName() or type(w).__name__)
    return out


def main() -> None:
    from PySide6.QtCore import Qt

    errors.show = lambda parent, text, bug: print("ERROR", text, file=sys.stderr)
    out = sys.argv[2]
    window = build(sys.argv[1])
    window.show()
    window.activateWindow()
    settle()
    load_fallback_font()
    screen = window.screen()
    window.go_to_section("futurs")
    key(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    key(Qt.Key.Key_Return)
    type_text(f"Bravo à tous {SYMBOLS} — *merci* **Léa**")
    settle()
    note = focus()
    window.toggle_projector()
    p = window.projector
    p.showFullScreen()
    settle()
    p.render()
    settle()
    image, projected = window.grab(), p.grab()
    image.save(os.path.join(out, "main.png"))
    projected.save(os.path.join(out, "projector.png"))
    facts = {
        "screen": [screen.geometry().width(), screen.geometry().height()],
        "dpr": screen.devicePixelRatio(),
        "window": [window.width(), window.height()],
        "image": [image.width(), image.height(), image.devicePixelRatio()],
        "projector": [p.width(), p.height(), p.isFullScreen()],
        "projector_image": [projected.width(), projected.height()],
        "outside": outside(window) + outside(p),
        "note_glyphs": drawn(SYMBOLS, note.font()),
        "projector_glyphs": drawn(SYMBOLS, p.notes.document().defaultFont()),
        "projected": SYMBOLS in p.notes.toPlainText(),
        "question_whole": p.question.height() >= p.question.heightForWidth(p.question.width()),
        "note_in_view": note.visibleRegion().boundingRect().height() >= note.height() - 1,
        "font_px": [note.fontInfo().pixelSize(), p.notes.fontInfo().pixelSize()],
    }
    print("FACTS", json.dumps(facts), flush=True)
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
