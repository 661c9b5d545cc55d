"""The projector view: a second window in large type, no editing chrome, updating live.

It shows the atelier's question, the current phase with the time left, and the notes of the
chosen section (or of all sections). Ctrl+plus / Ctrl+minus change the type size, Ctrl+T switches
the light and dark high-contrast themes, F11 / Escape toggle full screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui import settings
from ui.mainwindow import ALL, FOLLOW
from ui.timer import AMBER, OVER, RED, fmt

THEMES = {
    "light": {"bg": "#ffffff", "fg": "#000000", "muted": "#333333", "accent": "#00308f",
              AMBER: "#8a5a00", RED: "#b00020", OVER: "#b00020"},
    "dark": {"bg": "#000000", "fg": "#ffffff", "muted": "#e0e0e0", "accent": "#ffd54f",
             AMBER: "#ffb300", RED: "#ff5252", OVER: "#ff5252"},
}
WINDOW = 40     # notes laid out per section at most


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
        for seq, fn in (("Ctrl++", lambda: self.zoom(+2)), ("Ctrl+=", lambda: self.zoom(+2)),
                        ("Ctrl+-", lambda: self.zoom(-2)), ("Ctrl+T", self.toggle_theme),
                        ("F11", self.toggle_full_screen), ("Esc", self.leave_full_screen)):
            QShortcut(QKeySequence(seq), self, fn)
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
            f"#projectorView #projectorQuestion {{ font-size: {int(fs * 1.35)}pt; font-weight: bold; color: {t['accent']}; }}"
            f"#projectorPhase {{ font-size: {fs}pt; }}"
            f"#projectorNotes {{ font-size: {fs}pt; }}")

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
        self.question.setText(self.tr("Atelier {n} — {q}").format(n=w.number, q=w.question or w.title))

    def render_phase(self) -> None:
        import html  # (loaded with the projector's first rendering, not at start-up)

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
            self.phase.setText(text)

    def sections(self):
        kit = self.session.kit
        if self.choice == ALL:
            return list(kit.sections)
        sid = self.main.projected_section() if self.choice == FOLLOW else self.choice
        s = kit.section(sid) if sid else None
        return [s] if s else list(kit.sections[:1])

    def render_notes(self) -> None:
        import html  # (loaded with the projector's first rendering, not at start-up)

        w = self.main.running  # (never the atelier a search shows)
        if w is None:
            self.notes.setHtml("")
            return
        t = THEMES[self.theme]
        fs = self.font_size
        parts = [f"<html><body style='color:{t['fg']}; background:{t['bg']}'>"]
        current = self.main.projected_note()
        for s in self.sections():
            parts.append(f"<h2 style='color:{t['accent']}; font-size:{int(fs * 1.1)}pt; margin-top:12px'>"
                         f"{html.escape(s.title)}</h2>")
            rows = self.session.outline(w.number, s.id)
            ids = [r.id for r, _d in rows]
            if len(rows) > WINDOW and current in ids:  # the screen shows a dozen notes at most:
                i = ids.index(current)                 # lay out only those around the current one
                rows = rows[max(0, i - WINDOW + 5): i + 5]
            elif len(rows) > WINDOW:
                rows = rows[-WINDOW:]
            if not rows:
                parts.append(f"<p style='color:{t['muted']}'>…</p>")
                continue
            depth_open = -1
            for row, depth in rows:
                while depth_open < depth:
                    parts.append("<ul style='margin-left:0px; -qt-list-indent:1'>")
                    depth_open += 1
                while depth_open > depth:
                    parts.append("</ul>")
                    depth_open -= 1
                text = self.session.pending_text(row.id)
                text = row.text if text is None else text
                body = html.escape(text).replace("\n", "<br>")
                if row.votes:
                    body += f" <b style='color:{t['accent']}'>(+{row.votes})</b>"
                weight = "bold" if row.id == current else "normal"
                parts.append(f"<li style='margin-bottom:6px; font-weight:{weight}'><a name='{row.id}'></a>{body}</li>")
            parts.append("</ul>" * (depth_open + 1))
        parts.append("</body></html>")
        self.notes.setHtml("".join(parts))
        self._scroll_to(current)

    def _scroll_to(self, anchor: str | None) -> None:
        """Show the current note at the bottom with what precedes it, never a half line on top."""
        doc = self.notes.document()
        height = self.notes.viewport().height()
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        fmt.setBottomMargin(height)  # room to scroll any paragraph to the top
        frame.setFrameFormat(fmt)
        sb = self.notes.verticalScrollBar()
        layout = doc.documentLayout()
        blocks = []
        block = doc.begin()
        while block.isValid():
            blocks.append(block)
            block = block.next()
        bottom = None
        for block in blocks:
            it = block.begin()
            names = it.fragment().charFormat().anchorNames() if not it.atEnd() else []
            if anchor and anchor in names:
                bottom = layout.blockBoundingRect(block).bottom()
                break
        if bottom is None:
            sb.setValue(0)
            return
        target = max(0.0, bottom - height + 8)
        value = 0
        for block in blocks:
            top = layout.blockBoundingRect(block).top()
            if top >= target:
                value = int(top) if target > 0 else 0
                break
        sb.setValue(value)

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        self.schedule()  # re-wrap and re-scroll to the current note

    def closeEvent(self, e) -> None:  # noqa: N802
        self.main.projector_closed()
        super().closeEvent(e)
