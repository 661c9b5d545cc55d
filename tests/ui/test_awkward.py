"""What a facilitator in front of a room expects: a visible focus everywhere, keys to leave the
outline and come back, help made from the actions, Qt's own texts in French, and the glyphs the
PDFs draw drawn in the window too."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QKeySequence, QTextLayout
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QWidget

from tests.ui.helpers import focus, key, settle
from ui.capture.outline import NoteEdit
from ui.common import focus as focus_ring

K = Qt.Key
M = Qt.KeyboardModifier


def _ring_around(window: QWidget, w: QWidget) -> bool:
    ring = focus_ring.ring_of(window)
    if not ring.isVisible() or ring.target is not w:
        return False
    seen = focus_ring._seen(w)
    around = QRect(w.mapTo(window, seen.topLeft()), seen.size()).intersected(QWidget.rect(window))
    return ring.geometry().contains(around) and ring.geometry().adjusted(
        focus_ring.WIDTH, focus_ring.WIDTH, -focus_ring.WIDTH, -focus_ring.WIDTH).intersects(around)


def _named(w: QWidget) -> tuple[str, int]:
    iface = QAccessible.queryAccessibleInterface(w)
    assert iface is not None, w
    return iface.text(QAccessible.Text.Name), iface.role()


def test_tab_through_the_window_every_control_named_with_a_visible_focus(window):
    window.go_to_section(window.kit.sections[0].id)
    settle()
    seen, problems = [], []
    for _ in range(60):
        w = focus()
        if w is None:
            break
        if w not in seen:
            seen.append(w)
            name, role = _named(w)
            if not name or role == QAccessible.Role.NoRole:
                problems.append(f"{w.objectName() or type(w).__name__}: name {name!r}, role {role}")
            if not _ring_around(window, w):
                problems.append(f"{w.objectName() or type(w).__name__}: no focus ring around it")
        if isinstance(w, NoteEdit):
            key(K.Key_Tab, M.ControlModifier)  # Tab indents in a note: Ctrl+Tab leaves it
        else:
            key(K.Key_Tab)
        settle()
    kinds = [w.objectName() for w in seen]
    for name in ("workshopList", "searchBox", "outlineArea", "addNote", "noteUrls"):
        assert name in kinds or any(k.startswith(name) for k in kinds), (name, kinds)
    assert kinds.count("addNote") == len(window.kit.sections)
    assert any(isinstance(w, NoteEdit) for w in seen)
    assert problems == []


def test_the_outline_is_entered_from_its_area_and_left_by_ctrl_tab(window):
    window.go_to_section("futurs")
    note = focus()
    window.scroll.setFocus(Qt.FocusReason.TabFocusReason)
    key(K.Key_Return)
    assert focus() is note
    key(K.Key_Tab, M.ControlModifier)
    assert window.details.isAncestorOf(focus())


def test_the_add_buttons_and_the_outline_show_their_focus(window):
    for w in (window.sections["futurs"].add_button, window.scroll):
        w.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        assert _ring_around(window, w), w.objectName()
        img = window.grab().toImage()
        ring = focus_ring.ring_of(window).geometry()
        # the ring is drawn in its colour, not only placed
        colours = {img.pixelColor(ring.left() + 2, y).name() for y in range(ring.top() + 3, ring.bottom() - 3)}
        assert focus_ring.COLOUR in colours


def test_ctrl_tab_leaves_a_note_esc_in_the_details_comes_back(window):
    window.go_to_section("futurs")
    note = focus()
    assert isinstance(note, NoteEdit)
    key(K.Key_Tab, M.ControlModifier)
    assert focus() is window.details.urls
    key(K.Key_Tab)  # on to the contributor
    assert window.details.isAncestorOf(focus())
    key(K.Key_Escape)
    assert isinstance(focus(), NoteEdit) and focus().note_id == note.note_id
    key(K.Key_Backtab, M.ControlModifier | M.ShiftModifier)
    assert focus() is window.workshop_list


def test_f1_shows_the_shortcut_sheet_made_from_the_actions_and_prints_it(window, qtbot, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    key(K.Key_F1, widget=window)
    sheet = window._shortcut_sheet
    assert sheet.isVisible() and sheet.objectName() == "shortcutSheet"
    text = sheet.text.toPlainText()
    for a in window.findChildren(type(window.undo_action)):
        if a.shortcuts() and a.associatedObjects() and a.text():
            assert a.text().replace("&", "") in text, a.text()
            assert a.shortcuts()[0].toString(QKeySequence.SequenceFormat.NativeText) in text, a.text()
    for keys, what in (("Tab", "Décaler la note à droite"), ("Ctrl+Tab", "Quitter le plan"),
                       ("F11", "Plein écran"), ("Ctrl+T", "Thème clair / sombre")):
        assert keys in text and what in text
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "raccourcis.pdf"
    printer.setOutputFileName(str(out))
    sheet.print_to(printer)
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Raccourcis clavier" in pdf and "Nouvelle note en dessous" in pdf


def test_about_gives_the_version_and_the_licences(window):
    import facilitator

    window.findChild(type(window.undo_action), "about").trigger()
    box = window.findChild(QWidget, "aboutBox")
    assert box is not None and box.isVisible()
    text = box.text()
    assert facilitator.__version__ in text and "MIT" in text and "LGPL" in text
    box.close()


def test_qt_dialogs_speak_french(window, qtbot):
    dlg = QFileDialog(window, "Ouvrir")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    dlg.show()
    qtbot.waitExposed(dlg)
    labels = " ".join(w.text() for w in dlg.findChildren(QLabel))
    buttons = " ".join(w.text() for w in dlg.findChildren(QAbstractButton))
    assert "Nom de fichier" in labels and "Look in" not in labels
    assert "Annuler" in buttons and "Cancel" not in buttons
    dlg.close()


def test_what_the_pdfs_draw_the_window_draws(window):
    from exports.pdf.fonts import coverage
    from ui.shell import app

    app.load_fallback_font()
    sample = [ch for ch in "★✓☺→€œ☀♥✗⚠" if ord(ch) in coverage()]
    assert len(sample) >= 8
    for bold in (False, True):
        f = QFont(QApplication.font())
        f.setBold(bold)
        layout = QTextLayout("".join(sample), f)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
        assert len(glyphs) == len(sample) and 0 not in glyphs, (bold, glyphs)


def test_emoji_in_a_note_are_drawn_in_the_window_and_the_projector(window, qtbot, tmp_path):
    """👍 🎯 ✅ typed in a note: drawn with real glyphs (the vendored Noto Emoji, the PDFs' face),
    in the capture window and on the projector; never the empty box of a missing glyph."""
    from facilitator.store import EventFile
    from tests.ui.helpers import settle
    from ui.shell import app

    app.load_fallback_font()
    text = "Bravo 👍 objectif 🎯 fait ✅"
    for bold in (False, True):
        f = QFont(QApplication.font())
        f.setBold(bold)
        for emoji in ("👍", "🎯", "✅"):
            assert 0 not in _glyphs(emoji, f), (emoji, bold)
    change = window.session.run(EventFile.add_note, window.workshop.number, "futurs", text)
    settle()
    window.toggle_projector()
    settle()
    projector = window.projector
    assert projector is not None and projector.isVisible()
    shown = projector.grab().toImage()
    window.grab().save(str(tmp_path / "window-emoji.png"))
    shown.save(str(tmp_path / "projector-emoji.png"))
    assert change is not None
    sec = window.sections["futurs"]
    assert sec.has_note(change.focus)
    fonts = {sec.view.font(), projector.font()}  # (the outline's rows are painted in its view's font)
    for f in fonts:
        assert 0 not in _glyphs("👍🎯✅", f)


def _glyphs(text: str, font: QFont) -> list[int]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
