"""The projector view: a second window in large type, no editing chrome, updating live.

It shows the atelier's question, the current phase with the time left, and the notes of the
chosen section (or of all sections). Ctrl+plus / Ctrl+minus change the type size, Ctrl+T switches
the light and dark high-contrast themes, F11 / Escape toggle full screen.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
)
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui.capture.outline import OutlineModel
from ui.capture.timer import AMBER, OVER, RED, fmt
from ui.common import settings
from ui.projector import ALL, FOLLOW

THEMES = {
    "light": {"bg": "#ffffff", "fg": "#000000", "muted": "#333333", "accent": "#00308f", "current": "#fff3b0",
              AMBER: "#8a5a00", RED: "#b00020", OVER: "#b00020"},
    "dark": {"bg": "#000000", "fg": "#ffffff", "muted": "#e0e0e0", "accent": "#ffd54f", "current": "#1f3a66",
             AMBER: "#ffb300", RED: "#ff5252", OVER: "#ff5252"},
}
WINDOW = 40     # notes laid out per section at most
LIST_STYLES = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)
# a line's start that Markdown would read as a block (list item, heading, quote): kept as typed
_BLOCK_START = re.compile(r"^(\s*)([-+*]|\d+[.)]|#{1,6}|>)(?=\s|$)")
_MARKS = ("*", "_", "`", "~")


def _marked(line: str, base: QTextCharFormat) -> list[tuple[str, QTextCharFormat]]:
    """The runs of one line of a note, its inline Markdown (*italic*, **bold**, `code`,
    ~~struck~~) read by Qt's own Markdown reader (QTextDocument.setMarkdown)."""
    if not any(m in line for m in _MARKS) or not line.strip(" *-_"):
        return [(line, base)]  # nothing to read (or a line of dashes: not a rule, as typed)
    md = QTextDocument()
    md.setMarkdown(_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line.lstrip()),
                   QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    runs = []
    block = md.begin()
    while block.isValid():
        for it in block:
            frag = it.fragment()
            fmt = QTextCharFormat(base)
            mark = frag.charFormat()
            if mark.fontItalic():
                fmt.setFontItalic(True)
            if mark.fontWeight() > QFont.Weight.Normal:
                fmt.setFontWeight(QFont.Weight.Bold)
            if mark.fontStrikeOut():
                fmt.setFontStrikeOut(True)
            if mark.fontFixedPitch():
                fmt.setFontFixedPitch(True)
                fmt.setFontFamilies(["monospace"])
            if mark.isAnchor():
                fmt.setFontUnderline(True)
            runs.append((frag.text(), fmt))
        block = block.next()
        if block.isValid():
            runs.append((" ", base))
    text = "".join(t for t, _f in runs)
    return runs if text.strip() else [(line, base)]


def notes_document(doc: QTextDocument, outlines, current: str | None, theme: dict, points: int,
                   font: QFont) -> dict[str, int]:
    """Fill ``doc`` with the projected notes: for each ``(section title, [(note id, text, depth,
    votes)])`` a heading, then its notes as nested lists (one list format per depth, indented by
    it), the current note highlighted. Returns the block number of each note (to scroll to it)."""
    doc.clear()
    f = QFont(font)
    f.setPointSizeF(points)
    doc.setDefaultFont(f)
    doc.setIndentWidth(points * 1.3)
    cursor = QTextCursor(doc)
    base = QTextCharFormat()
    base.setForeground(QColor(theme["fg"]))
    base.setFontWeight(QFont.Weight.Normal)
    heading = QTextCharFormat()
    heading.setForeground(QColor(theme["accent"]))
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setFontPointSize(points * 1.1)
    muted = QTextCharFormat(base)
    muted.setForeground(QColor(theme["muted"]))
    votes_format = QTextCharFormat(base)
    votes_format.setForeground(QColor(theme["accent"]))
    votes_format.setFontWeight(QFont.Weight.Bold)
    blocks: dict[str, int] = {}
    first = True
    cursor.beginEditBlock()  # one layout of the whole document, not one per block added

    def new_block(fmt: QTextBlockFormat, chars: QTextCharFormat) -> None:
        nonlocal first
        if first:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(chars)
            first = False
        else:
            cursor.insertBlock(fmt, chars)
        lst = cursor.currentList()
        if lst is not None:  # (a block made after a list item is not one unless made so)
            lst.remove(cursor.block())
            cursor.setBlockFormat(fmt)

    for title, notes in outlines:
        hf = QTextBlockFormat()
        hf.setTopMargin(points * 0.5)
        hf.setBottomMargin(points * 0.25)
        new_block(hf, heading)
        cursor.insertText(title, heading)
        if not notes:
            new_block(QTextBlockFormat(), muted)
            cursor.insertText("…", muted)
            continue
        lists: dict[int, QTextList] = {}
        for note_id, text, depth, votes in notes:
            bf = QTextBlockFormat()
            bf.setBottomMargin(points * 0.2)
            if note_id == current:
                bf.setBackground(QColor(theme["current"]))
            new_block(bf, base)
            lst = lists.get(depth)
            if lst is None:
                lf = QTextListFormat()
                lf.setStyle(LIST_STYLES[min(depth, len(LIST_STYLES) - 1)])
                lf.setIndent(depth + 1)
                lst = lists[depth] = cursor.createList(lf)
            else:
                lst.add(cursor.block())
            for depth_below in [d for d in lists if d > depth]:  # a new branch starts below
                del lists[depth_below]
            blocks[note_id] = cursor.block().blockNumber()
            for i, line in enumerate(text.split("\n")):
                if i:
                    cursor.insertText("\u2028", base)  # a line of its own, in the same item
                for run, run_format in _marked(line, base):
                    cursor.insertText(run, run_format)
            if votes:
                cursor.insertText(f" (+{votes})", votes_format)
    cursor.endEditBlock()
    return blocks


def key_table() -> list[tuple[str, list[str], str]]:
    """The projector's actions: text, keys, method (declared once: the view's actions and the
    help's shortcut sheet are made from it)."""
    return [(QCoreApplication.translate("ProjectorView", "Texte plus grand"), ["Ctrl++", "Ctrl+="], "zoom_in"),
            (QCoreApplication.translate("ProjectorView", "Texte plus petit"), ["Ctrl+-"], "zoom_out"),
            (QCoreApplication.translate("ProjectorView", "Thème clair / sombre"), ["Ctrl+T"], "toggle_theme"),
            (QCoreApplication.translate("ProjectorView", "Plein écran"), ["F11"], "toggle_full_screen"),
            (QCoreApplication.translate("ProjectorView", "Quitter le plein écran"), ["Esc"], "leave_full_screen"),
            (QCoreApplication.translate("ProjectorView", "Fermer la vue projecteur"), ["F5"], "close")]


class ProjectorView(QWidget):
    def __init__(self, window) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.main = window
        self.session = window.session
        self.setObjectName("projectorView")
        self.setWindowTitle(self.tr("facilitator — projection"))
        self.setAccessibleName(self.tr("Vue projecteur"))
        self.font_size = settings.PROJECTOR_FONT.get()
        self.theme = settings.PROJECTOR_THEME.get()
        self.choice = FOLLOW
        self.current_note: str | None = None
        self._note_blocks: dict[str, int] = {}
        # the notes shown, per section: the capture's outline model, on the atelier being run
        # (not necessarily the one the window shows: a search elsewhere does not move the room)
        self._models: dict[str, OutlineModel] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 24, 40, 24)
        lay.setSpacing(12)
        self.question = QLabel()
        self.question.setObjectName("projectorQuestion")
        self.question.setWordWrap(True)
        self.question.setAccessibleName(self.tr("Question de l'atelier"))
        self.phase = QLabel()
        self.phase.setObjectName("projectorPhase")
        self.phase.setAccessibleName(self.tr("Phase et temps restant"))
        self.phase.setWordWrap(True)
        self.notes = QTextBrowser()
        self.notes.setObjectName("projectorNotes")
        self.notes.setAccessibleName(self.tr("Notes projetées"))
        self.notes.setFrameShape(QFrame.Shape.NoFrame)
        self.notes.setOpenLinks(False)
        self.notes.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay.addWidget(self.question)
        lay.addWidget(self.phase)
        lay.addWidget(self.notes, 1)
        # its own actions, reachable from the projector itself: keys, and its context menu
        # (right click, or the Menu key) — also listed by the help's shortcut sheet
        for text, keys, name in key_table():
            a = QAction(text, self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.triggered.connect(lambda _=False, n=name: getattr(self, n)())
            self.addAction(a)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._timer = QTimer(self)  # coalesce bursts of changes into one redraw
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.render_notes)
        self.session.changed.connect(self.schedule)
        window.timer_state.ticked.connect(self.render_phase)
        self.apply_style()
        self.render()

    # -------------------------------------------------------------- display
    def place(self) -> None:
        """Full screen on a second screen when there is one, else a normal window."""
        screens = QGuiApplication.screens()
        here = self.main.screen() if self.main.isVisible() else QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not here]
        if others:
            self.setScreen(others[0])
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.resize(1280, 720)
            self.show()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def leave_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()

    def zoom_in(self) -> None:
        self.zoom(+2)

    def zoom_out(self) -> None:
        self.zoom(-2)

    def zoom(self, step: int) -> None:
        self.font_size = max(12, min(96, self.font_size + step))
        settings.PROJECTOR_FONT.set(self.font_size)
        self.apply_style()
        self.render()

    def toggle_theme(self) -> None:
        self.set_theme("dark" if self.theme == "light" else "light")

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        settings.PROJECTOR_THEME.set(theme)
        self.apply_style()
        self.render()

    def set_choice(self, choice: str) -> None:
        self.choice = choice
        self.render_notes()

    def apply_style(self) -> None:
        t = THEMES[self.theme]
        fs = self.font_size
        self.setStyleSheet(
            f"#projectorView {{ background: {t['bg']}; }}"
            f"#projectorView QLabel, #projectorView QTextBrowser {{ background: {t['bg']}; color: {t['fg']}; }}"
            f"#projectorView #projectorQuestion {{ color: {t['accent']}; }}"
            f"#projectorNotes {{ font-size: {fs}pt; }}")
        self._fit_header()

    def _fit_header(self) -> None:
        """The question and the phase in the chosen size, or smaller if that would not leave
        them whole with room for the notes (bigger text never cuts the title)."""
        width = max(100, self.width() - 80)
        height = max(200, self.height() - 48)
        for label, points, share, bold in ((self.question, self.font_size * 1.35, 0.3, True),
                                           (self.phase, self.font_size, 0.18, False)):
            f = QFont(label.font())
            f.setBold(bold)
            size = points
            while True:
                f.setPointSizeF(size)
                label.setFont(f)
                if size <= 10 or label.heightForWidth(width) <= height * share:
                    break
                size = max(10, size * 0.9)
            label.setMinimumHeight(label.heightForWidth(width))

    def schedule(self, *_args) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def section_changed(self) -> None:
        self.schedule()
        self.render_phase()

    def render(self) -> None:
        self.render_question()
        self.render_phase()
        self.render_notes()

    def render_question(self) -> None:
        w = self.main.running
        if w is None:
            self.question.setText("")
            return
        text = self.tr("Atelier {n} — {q}").format(n=w.number, q=w.question or w.title)
        if text != self.question.text():
            self.question.setText(text)
            self._fit_header()

    def render_phase(self) -> None:

        c = self.main.timer_state.current
        if c is None:
            self.phase.setText("")
            return
        t = THEMES[self.theme]
        level = c.level()
        colour = t.get(level, t["fg"])
        left = c.remaining()
        when = (self.tr("Temps écoulé {over}").format(over=fmt(left)) if left <= 0
                else self.tr("{left} restantes").format(left=fmt(left)))
        shown = self.sections()
        where = f"<b>{html.escape(shown[0].title)}</b> &nbsp;·&nbsp; " if len(shown) == 1 else ""
        text = (f"{where}<span>{html.escape(c.phase.title)}</span> &nbsp;·&nbsp; "
                f"<b style='color:{colour}'>{html.escape(when)}</b>")
        if level == OVER and int(c.elapsed() * 2) % 2 and c.running:
            text = (f"{where}<span style='background:{colour}; color:{t['bg']}'>&nbsp;"
                    f"{html.escape(when)}&nbsp;</span>")
        if text != self.phase.text():
            lines = self.phase.heightForWidth(max(100, self.width() - 80))
            self.phase.setText(text)
            if self.phase.heightForWidth(max(100, self.width() - 80)) != lines:
                self._fit_header()

    def sections(self):
        kit = self.session.kit
        if self.choice == ALL:
            return list(kit.sections)
        sid = self.main.projected_section() if self.choice == FOLLOW else self.choice
        s = kit.section(sid) if sid else None
        return [s] if s else list(kit.sections[:1])

    def render_notes(self) -> None:
        """The outline of the shown sections as the room must see it: each note a list item
        indented by its depth, its *marks* rendered by Qt's Markdown reader (``notes_document``)."""
        w = self.main.running  # (never the atelier a search shows)
        current = self.main.projected_note()
        outlines = []
        if w is not None:
            for s in self.sections():
                shown = self.model(s.id, w.number).shown()
                ids = [note_id for note_id, *_rest in shown]
                if len(shown) > WINDOW and current in ids:  # the screen shows a dozen notes at most:
                    i = ids.index(current)                  # lay out only those around the current one
                    shown = shown[max(0, i - WINDOW + 5): i + 5]
                elif len(shown) > WINDOW:
                    shown = shown[-WINDOW:]
                outlines.append((s.title, shown))
        self._note_blocks = notes_document(self.notes.document(), outlines, current, THEMES[self.theme],
                                           self.font_size, self.notes.font())
        self._scroll_to(current)

    def model(self, section_id: str, workshop: int) -> OutlineModel:
        """The outline model of one section of the atelier being run, brought to the session's
        notes (``OutlineModel.refresh``: only what changed is read again)."""
        model = self._models.get(section_id)
        if model is None:
            model = self._models[section_id] = OutlineModel(self.session, section_id, self)
        if model.workshop != workshop:
            model.set_workshop(workshop)
        else:
            model.refresh()
        return model

    def _scroll_to(self, note_id: str | None) -> None:
        """Show the current note whole at the bottom of the screen with what precedes it (never
        a half line on top); a note taller than the screen shows its end, where it is typed."""
        doc = self.notes.document()
        height = self.notes.viewport().height()
        doc.setTextWidth(self.notes.viewport().width())
        frame = doc.rootFrame()
        ff = frame.frameFormat()
        ff.setBottomMargin(height)  # room to scroll any paragraph to the top
        frame.setFrameFormat(ff)
        sb = self.notes.verticalScrollBar()
        layout = doc.documentLayout()
        number = self._note_blocks.get(note_id) if note_id else None
        if number is None:
            sb.setValue(0)
            return
        current = doc.findBlockByNumber(number)
        rect = layout.blockBoundingRect(current)
        top, bottom = rect.top(), rect.bottom()
        if bottom - top >= height:  # taller than the screen: its last lines, whole
            target = bottom - height + 8
            lines = current.layout()
            for i in range(lines.lineCount()):
                y = top + lines.lineAt(i).y()
                if y >= target:
                    sb.setValue(int(y))
                    return
            sb.setValue(int(target))
            return
        target = bottom - height + 8
        if target <= 0:
            sb.setValue(0)
            return
        value = int(top)
        block = doc.begin()
        while block.isValid() and block.blockNumber() <= number:
            t = layout.blockBoundingRect(block).top()
            if t >= target:
                value = int(t)
                break
            block = block.next()
        sb.setValue(value)

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        self._fit_header()
        self.schedule()  # re-wrap and re-scroll to the current note

    def closeEvent(self, e) -> None:  # noqa: N802
        self.main.projector_closed()
        super().closeEvent(e)
