"""The capture window: ateliers on the left, the question and the outlines in the centre, the
current note / atelier / participants on the right, the phase timer at the top."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import OperationError
from facilitator.store import Change
from ui.after import post_event
from ui.capture.outline import NoteEdit, SectionEditor
from ui.capture.panels import NoteDetails, SearchPanel
from ui.capture.session import Session
from ui.capture.timer import PhaseTimer, TimerState
from ui.common import laptop, look, settings
from ui.projector import ALL, FOLLOW
from ui.shell import rescue

if TYPE_CHECKING:
    from ui.capture.atelier_panels import ParticipantsForm, WorkshopDetails
    from ui.projector.view import ProjectorView



class _LazyPanel(QWidget):
    """A side-panel tab whose panel is made the first time it is shown or used (``get()``): at
    start-up only the note's tab is seen, and making the others is a few milliseconds of it."""

    def __init__(self, make: Callable[[], QWidget]) -> None:
        super().__init__()
        self._make = make
        self.panel: QWidget | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)

    def get(self) -> QWidget:
        if self.panel is None:
            self.panel = self._make()
            self.layout().addWidget(self.panel)
            if self.isVisible():
                self.panel.show()
        return self.panel

    def showEvent(self, e) -> None:  # noqa: N802
        self.get()
        super().showEvent(e)


class _GeometryWatch(QObject):
    """Calls ``fn`` when a watched widget moves or is resized."""

    def __init__(self, fn: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.fn = fn

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self.fn()
        return False


class _EnterOutline(QObject):
    """The outline area reached by Tab: Enter, Down or Right go into it, to the note last
    written in (or the current section's first note)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.modifiers() == Qt.KeyboardModifier.NoModifier and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.window.enter_outline()
            return True
        return False


class MainWindow(QMainWindow):
    openRequested = Signal()  # « Ouvrir un fichier d'événement… »: the shell asks and opens it
    startRequested = Signal()  # « Accueil »: the shell shows the start screen

    def __init__(self, session: Session, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.session = session
        self.kit = session.kit
        self.workshop = None  # the atelier shown in the capture
        self.running = None  # the atelier being run: the timer and the projector follow it
        self.current_note: str | None = None
        self._run_note: str | None = None  # the current note and section in the atelier run
        self._run_section: str | None = None
        self.banner: QWidget | None = None  # "you are looking at another atelier" (made when needed)
        self._section: str | None = self.kit.sections[0].id if self.kit.sections else None
        self.projector: ProjectorView | None = None
        self._closed = False
        self.timer_state = TimerState(clock, self, session=session)  # (stored with the event)
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("Prise de notes de l'atelier"))
        self.update_title()
        self._build()
        self._actions()
        rescue.install(self)  # storage failures: message, banner, copy elsewhere
        session.changed.connect(self.on_change)
        session.focusRequested.connect(self.focus_note)
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)
        self._restore()

    def update_title(self) -> None:
        self.setWindowTitle(self.tr("{title} — {file} — facilitator").format(
            title=self.kit.event.title, file=self.session.ev.path.name))

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(6, 6, 6, 6)
        lbl = QLabel(self.tr("Atelier&s"))
        f = QFont(lbl.font())
        f.setBold(True)
        lbl.setFont(f)
        self.workshop_list = QListWidget()
        self.workshop_list.setObjectName("workshopList")
        self.workshop_list.setAccessibleName(self.tr("Liste des ateliers"))
        self.workshop_list.setWordWrap(True)
        lbl.setBuddy(self.workshop_list)
        for w in self.kit.workshops:
            item = QListWidgetItem(f"{w.number}. {w.title}")
            item.setData(Qt.ItemDataRole.UserRole, w.number)
            self.workshop_list.addItem(item)
        self.workshop_list.currentRowChanged.connect(self._workshop_row)
        ll.addWidget(lbl)
        ll.addWidget(self.workshop_list, 1)
        self.search = SearchPanel(self)
        self.search.chosen.connect(self.go_to_note)
        ll.addWidget(self.search, 2)

        centre = QWidget()
        cl = QVBoxLayout(centre)
        self._centre_layout = cl
        cl.setContentsMargins(6, 6, 6, 0)
        top = QHBoxLayout()
        self.question = QLabel()
        self.question.setObjectName("questionLabel")
        self.question.setAccessibleName(self.tr("Question de l'atelier"))
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        look.font(self.question, bold=True, scale=1.5)
        look.text_colour(self.question, look.NAVY)
        top.addWidget(self.question, 1)
        self.timer = PhaseTimer(self.timer_state)
        self.timer.setMaximumWidth(340)
        top.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignTop)
        cl.addLayout(top)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("outlineArea")
        self.scroll.setAccessibleName(self.tr("Notes de l'atelier, par section"))
        # its viewport made here: a QWidget made by Qt itself and first reached through
        # viewport() is typed by PySide trying every QWidget class it knows, each made on the
        # way (80 enumerations, 30 ms of start-up)
        self.scroll.setViewport(QWidget())
        self.scroll.setWidgetResizable(True)
        # (always there: the outlines are laid out once at their width, not a second time when
        # they outgrow the view and a scroll bar takes its share)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.setContentsMargins(4, 0, 4, 20)  # (the bottom one follows the view's height: _pad_end)
        self._inner_layout = il
        self.sections: dict[str, SectionEditor] = {}
        for s in self.kit.sections:
            ed = SectionEditor(self.session, s)
            ed.noteFocused.connect(self._note_focused)
            self.sections[s.id] = ed
            il.addWidget(ed)
        il.addStretch(1)
        self.scroll.setWidget(inner)
        cl.addWidget(self.scroll, 1)
        # what is typed is seen: the focused note's cursor is kept in view (and a section gone to
        # shows its title at the top) once the outline is laid out, see _reveal
        self._reveal_timer = QTimer(self)
        self._reveal_timer.setSingleShot(True)
        self._reveal_timer.setInterval(0)
        self._reveal_timer.timeout.connect(self._reveal)
        self._top_target: QWidget | None = None  # a section title to show at the top
        self._watched: QWidget | None = None  # the focused note's editor (its moves are watched)
        self._geometry_watch = _GeometryWatch(self._reveal_timer.start, self)
        self.scroll.verticalScrollBar().rangeChanged.connect(lambda *_: self._reveal_timer.start())
        self.scroll.viewport().installEventFilter(self._geometry_watch)  # (the one made above)
        self._enter_outline = _EnterOutline(self)
        self.scroll.installEventFilter(self._enter_outline)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("sidePanel")
        self.tabs.setAccessibleName(self.tr("Panneau latéral"))
        self.details = NoteDetails(self)
        self._workshop_tab = _LazyPanel(self._make_workshop_details)
        self._participants_tab = _LazyPanel(self._make_participants)
        self.tabs.addTab(self.details, self.tr("Note"))
        self.tabs.addTab(self._workshop_tab, self.tr("Atelier"))
        self.tabs.addTab(self._participants_tab, self.tr("Participants"))

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([260, 760, 300])
        self.setCentralWidget(self.splitter)
        self.statusBar().showMessage(self.tr("Chaque modification est enregistrée immédiatement."))

    @property
    def workshop_details(self) -> WorkshopDetails:
        return self._workshop_tab.get()

    @property
    def participants(self) -> ParticipantsForm:
        return self._participants_tab.get()

    def _make_workshop_details(self) -> WorkshopDetails:
        from ui.capture.atelier_panels import WorkshopDetails

        panel = WorkshopDetails(self)
        if self.workshop is not None:
            panel.show_workshop(self.workshop)
        return panel

    def _make_participants(self) -> ParticipantsForm:
        from ui.capture.atelier_panels import ParticipantsForm

        panel = ParticipantsForm(self)
        panel.reload()
        return panel

    def _act(self, menu: QMenu, text: str, keys, fn, name: str | None = None) -> QAction:
        a = QAction(text, self)
        if keys:
            a.setShortcuts([QKeySequence(k) if isinstance(k, str) else QKeySequence(k)
                            for k in (keys if isinstance(keys, list) else [keys])])
        a.triggered.connect(fn)
        if name:
            a.setObjectName(name)
        menu.addAction(a)
        self.addAction(a)
        return a

    def _actions(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&Fichier"))
        self._act(m, self.tr("&Ouvrir un fichier d'événement…"), QKeySequence.StandardKey.Open, self.open_other)
        self._act(m, self.tr("&Accueil (créer, démo)…"), None, self.show_start)
        self._act(m, self.tr("&Préparer un événement (éditeur de kit)…"), None, self.prepare_event, "prepareEvent")
        self._act(m, self.tr("Rejoindre l'événement en &réseau…"), None, lambda: self.join_network(), "joinNetwork")
        self._act(m, self.tr("Code pour rejoindre l'événement…"), None, self.show_join_code, "showJoinCode")
        self._act(m, self.tr("&Nom de ce portable…"), None, lambda: laptop.rename(self), "laptopName")
        m.addSeparator()
        self._act(m, self.tr("&Quitter"), "Ctrl+Q", self.close)

        m = mb.addMenu(self.tr("É&dition"))
        self.undo_action = self._act(m, self.tr("&Annuler"), QKeySequence.StandardKey.Undo, self.session.undo, "undo")
        self.redo_action = self._act(m, self.tr("&Rétablir"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.session.redo, "redo")
        self.session.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.session.stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        m.addSeparator()
        self._act(m, self.tr("Re&chercher"), "Ctrl+F", self.focus_search, "find")
        self._act(m, self.tr("Vote +1"), ["Ctrl++", "Ctrl+="], lambda: self.details.vote(+1))
        self._act(m, self.tr("Vote −1"), "Ctrl+-", lambda: self.details.vote(-1))
        self._act(m, self.tr("Détails de la note"), "F2", lambda: (self.tabs.setCurrentIndex(0), self.details.urls.setFocus()))

        m = mb.addMenu(self.tr("&Atelier"))
        self._act(m, self.tr("Atelier suivant"), "Ctrl+PgDown", lambda: self._step_workshop(+1))
        self._act(m, self.tr("Atelier précédent"), "Ctrl+PgUp", lambda: self._step_workshop(-1))
        self._act(m, self.tr("Section suivante"), "Ctrl+Down", lambda: self.step_section(+1))
        self._act(m, self.tr("Section précédente"), "Ctrl+Up", lambda: self.step_section(-1))
        self._act(m, self.tr("Aller à la section…"), "Ctrl+G", self.section_menu)
        for i, s in enumerate(self.kit.sections[:9]):
            self._act(m, f"{i + 1}. {s.title}", f"Ctrl+{i + 1}", lambda _=False, sid=s.id: self.go_to_section(sid))
        m.addSeparator()
        self._act(m, self.tr("Liste des ateliers"), "Ctrl+L", self.workshop_list.setFocus)
        self._act(m, self.tr("Participants"), "Ctrl+P", lambda: (self.tabs.setCurrentIndex(2),
                                                                  self.participants.spins["administration"].setFocus()))
        self._act(m, self.tr("Détails de l'atelier"), "Ctrl+I", lambda: (self.tabs.setCurrentIndex(1),
                                                                         self.workshop_details.setFocus()))

        m = mb.addMenu(self.tr("&Minuteur"))
        self._act(m, self.tr("Démarrer / pause"), "F8", self.timer.toggle)
        self._act(m, self.tr("Phase suivante"), "F9", self.timer.next)
        self._act(m, self.tr("+5 minutes"), "F10", self.timer.add5)

        m = mb.addMenu(self.tr("&Projection"))
        self._act(m, self.tr("Afficher / masquer la vue projecteur"), "F5", self.toggle_projector, "projector")
        m.addSeparator()
        group = QActionGroup(self)
        self.projection_choices: dict[str, QAction] = {}
        for key, text in [(FOLLOW, self.tr("Section en cours")), (ALL, self.tr("Toutes les sections"))] + [
                (s.id, s.title) for s in self.kit.sections]:
            a = QAction(text, self, checkable=True)
            a.setChecked(key == FOLLOW)
            a.triggered.connect(lambda _=False, k=key: self.set_projection(k))
            group.addAction(a)
            m.addAction(a)
            self.projection_choices[key] = a
        m.addSeparator()
        self._act(m, self.tr("Texte plus grand"), None, lambda: self._projector().zoom(+2))
        self._act(m, self.tr("Texte plus petit"), None, lambda: self._projector().zoom(-2))
        self._act(m, self.tr("Thème clair / sombre"), None, lambda: self._projector().toggle_theme())
        post_event.install(self)
        m = mb.addMenu(self.tr("A&ide"))
        m.setObjectName("helpMenu")
        self._act(m, self.tr("&Raccourcis clavier…"), QKeySequence.StandardKey.HelpContents, self.show_shortcuts,
                  "shortcuts")
        self._act(m, self.tr("À &propos de facilitator…"), None, self.show_about, "about")

    # ------------------------------------------------------------------ state
    def _restore(self) -> None:
        geo = settings.WINDOW_GEOMETRY.get()
        if geo is not None:
            self.restoreGeometry(geo)
        else:  # first opening: most of the screen (a 1920×1080 screen is used, not a corner of it)
            screen = self.screen() or QGuiApplication.primaryScreen()
            room = screen.availableGeometry() if screen is not None else None
            w, h = (int(room.width() * 0.85), int(room.height() * 0.85)) if room is not None else (0, 0)
            self.resize(max(1320, w), max(820, h))
        sizes = settings.WINDOW_SPLITTER.get()
        if sizes is not None:
            self.splitter.restoreState(sizes)
        last = settings.WORKSHOP.get(self.session.ev.event_id)
        row = 0
        for i, w in enumerate(self.kit.workshops):
            if w.number == last:
                row = i
        if self.kit.workshops:
            self.workshop_list.setCurrentRow(row)

    def closeEvent(self, e) -> None:  # noqa: N802
        if self._closed:
            super().closeEvent(e)
            return
        if not rescue.may_close(self):  # unsaved changes (storage failure): the person decides
            e.ignore()
            return
        self._closed = True
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()  # a field stored when left (the links) is stored now, file still open
        self.session.flush()
        if getattr(self, "_network", None) is not None:
            from ui.shell import network

            network.leave(self)  # the sync worker stops before the file closes
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        settings.WINDOW_SPLITTER.set(self.splitter.saveState())
        if self.projector is not None:
            self.projector.close()
        app = QApplication.instance()
        try:
            app.focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass
        self.session.close()
        self.setEnabled(False)  # nothing in a closed window takes focus or input any more
        super().closeEvent(e)

    # ------------------------------------------------------------------ ateliers
    def _workshop_row(self, row: int) -> None:
        if 0 <= row < len(self.kit.workshops):
            self.select_workshop(self.kit.workshops[row].number)

    def _step_workshop(self, step: int) -> None:
        row = self.workshop_list.currentRow() + step
        if 0 <= row < self.workshop_list.count():
            self.workshop_list.setCurrentRow(row)

    def select_workshop(self, number: int) -> None:
        """Run atelier ``number``: the capture shows it, and the timer and the projector follow it
        (the facilitator chose it in the list, or Ctrl+PgUp/PgDown)."""
        w = self.kit.workshop(number)
        if w is None:
            return
        if w is self.running and w is self.workshop:
            return
        self.running = w
        self._run_note = None
        self._run_section = self._section
        self.timer_state.select(w)
        self._mark_running()
        if settings.WORKSHOP.get(self.session.ev.event_id) != number:  # (not rewritten when opening on it)
            settings.WORKSHOP.set(number, self.session.ev.event_id)
        self.view_workshop(number)
        if self.projector is not None:
            self.projector.render()

    def view_workshop(self, number: int) -> None:
        """Show atelier ``number`` in the capture without running it (a search result, an undo
        elsewhere): the timer and the projector stay on the atelier being run."""
        w = self.kit.workshop(number)
        if w is None or w is self.workshop:
            return
        self.session.flush()
        self.workshop = w
        row = [x.number for x in self.kit.workshops].index(number)
        if self.workshop_list.currentRow() != row:
            was = self.workshop_list.blockSignals(True)  # (a row chosen by the person runs it)
            self.workshop_list.setCurrentRow(row)
            self.workshop_list.blockSignals(was)
        self.question.setText(w.question or w.title)
        self.question.setAccessibleDescription(w.question or w.title)
        self.current_note = None
        for ed in self.sections.values():
            ed.set_workshop(number)
        if self._workshop_tab.panel is not None:  # (else made showing it, when first needed)
            self._workshop_tab.panel.show_workshop(w)
        if self._participants_tab.panel is not None:
            self._participants_tab.panel.reload()
        self.details.show_note(None)
        self._show_banner()

    def _mark_running(self) -> None:
        for i, w in enumerate(self.kit.workshops):
            item = self.workshop_list.item(i)
            f = item.font()
            if f.bold() != (w is self.running):
                f.setBold(w is self.running)
                item.setFont(f)
                item.setToolTip(self.tr("Atelier en cours (minuteur et projection)") if w is self.running else "")

    def _show_banner(self) -> None:
        elsewhere = self.running is not None and self.workshop is not self.running
        if elsewhere:
            if self.banner is None:
                self._make_banner()
            self.banner_text.setText(self.tr(
                "Vous consultez l'atelier {n}. Le minuteur et la projection restent sur l'atelier {run}, "
                "l'atelier en cours.").format(n=self.workshop.number, run=self.running.number))
        if self.banner is not None:
            self.banner.setVisible(elsewhere)

    def _make_banner(self) -> None:
        from PySide6.QtWidgets import QPushButton

        self.banner = QWidget()
        self.banner.setObjectName("viewingBanner")
        self.banner.setAutoFillBackground(True)
        look.fill(self.banner, QPalette.ColorRole.Window, look.BANNER)
        lay = QHBoxLayout(self.banner)
        lay.setContentsMargins(8, 4, 8, 4)
        self.banner_text = QLabel()
        self.banner_text.setObjectName("viewingText")
        self.banner_text.setWordWrap(True)
        back = QPushButton(self.tr("&Revenir à l'atelier en cours"))
        back.setObjectName("backToRunning")
        back.setAccessibleName(self.tr("Revenir à l'atelier en cours"))
        back.clicked.connect(self.back_to_running)
        run = QPushButton(self.tr("A&nimer cet atelier"))
        run.setObjectName("runViewed")
        run.setAccessibleName(self.tr("Animer l'atelier consulté (minuteur et projection)"))
        run.clicked.connect(lambda: self.select_workshop(self.workshop.number))
        lay.addWidget(self.banner_text, 1)
        lay.addWidget(back)
        lay.addWidget(run)
        self._centre_layout.insertWidget(1, self.banner)

    def back_to_running(self) -> None:
        """Back to the atelier being run, on the note the facilitator was in."""
        if self.running is None:
            return
        note = self._run_note
        self.view_workshop(self.running.number)
        if note is not None:
            self.focus_note(note)
        elif self._run_section:
            self.go_to_section(self._run_section)

    def projected_section(self) -> str | None:
        """The section the facilitator is in, in the atelier being run (the projector's)."""
        return self._run_section

    def projected_note(self) -> str | None:
        """The note being written in the atelier being run (the projector's current note)."""
        return self._run_note

    # ------------------------------------------------------------------ notes and sections
    def on_change(self, change: Change) -> None:
        for ed in self.sections.values():
            ed.on_change(change)
        if change.extra.get("reload"):
            self.details.reload()
            if self._participants_tab.panel is not None:
                self._participants_tab.panel.reload()

    def _note_focused(self, note_id: str) -> None:
        if self._closed:  # a closed window's editor may still be given focus: its file is closed
            return
        self.current_note = note_id
        for sid, ed in self.sections.items():
            if ed.has_note(note_id):
                self._section = sid
        if self.workshop is self.running:
            self._run_note, self._run_section = note_id, self._section
        self.details.show_note(note_id)
        if self.projector is not None:
            self.projector.schedule()

    def _focus_changed(self, _old, new) -> None:
        if new is None:
            return
        w = new
        while w is not None and not isinstance(w, SectionEditor):
            w = w.parentWidget()
        if isinstance(w, SectionEditor) and w.section.id in self.sections:
            if self._section != w.section.id:
                self._section = w.section.id
                if self.workshop is self.running:
                    self._run_section = self._section
                if self.projector is not None:
                    self.projector.schedule()
            self._watch(new)
            if isinstance(new, NoteEdit) and not getattr(new, "_revealing", False):
                new._revealing = True  # (connected once per editor)
                new.cursorPositionChanged.connect(self._reveal_timer.start)
            self._reveal_timer.start()

    def _watch(self, widget: QWidget) -> None:
        """Follow the moves and resizes of ``widget`` (the focused note's editor) to keep it in view."""
        if widget is self._watched:
            return
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self._geometry_watch)
            except RuntimeError:  # (deleted meanwhile)
                pass
        self._watched = widget
        widget.installEventFilter(self._geometry_watch)

    def _pad_end(self) -> None:
        """Room below the last section for its title to reach the top of the view."""
        pad = max(20, self.scroll.viewport().height() - 60)
        m = self._inner_layout.contentsMargins()
        if m.bottom() != pad:
            self._inner_layout.setContentsMargins(m.left(), m.top(), m.right(), pad)

    def _reveal(self) -> None:
        """Show the section gone to with its title at the top, and the focused note's cursor
        inside the view (a new note at the bottom, a note growing as it is typed, a moved one).
        Runs once the outline is laid out (at the next turn of the event loop)."""
        inner = self.scroll.widget()
        inner.layout().activate()  # (laid out now if a change is pending: geometry is final)
        self._pad_end()
        inner.layout().activate()
        sb = self.scroll.verticalScrollBar()
        if self._top_target is not None:
            title, self._top_target = self._top_target, None
            sb.setValue(title.mapTo(inner, title.rect().topLeft()).y() - 4)
        focused = QApplication.focusWidget()
        if focused is None or not inner.isAncestorOf(focused):
            return
        if isinstance(focused, NoteEdit):
            r = focused.cursorRect()
            top = focused.viewport().mapTo(inner, r.topLeft()).y()
            bottom = focused.viewport().mapTo(inner, r.bottomLeft()).y()
        else:
            top = focused.mapTo(inner, focused.rect().topLeft()).y()
            bottom = top + focused.height()
        view = self.scroll.viewport().height()
        margin = min(40, max(0, (view - (bottom - top)) // 3))
        if bottom + margin > sb.value() + view:
            sb.setValue(bottom + margin - view)
        if top - margin < sb.value():
            sb.setValue(max(0, top - margin))

    def current_section_id(self) -> str | None:
        return self._section

    def focus_note(self, note_id: str, where: str = "end") -> None:
        try:
            row = self.session.note(note_id)
        except OperationError:  # a note this file does not know (any more): nothing to show
            return
        if row.deleted:
            return
        if self.workshop is None or row.workshop != self.workshop.number:
            self.view_workshop(row.workshop)  # (the atelier run stays the same)
        ed = self.sections.get(row.section)
        if ed is not None:
            if not ed.has_note(note_id):
                ed.refresh()
            ed.focus_note(note_id, where)

    def go_to_note(self, workshop: int, note_id: str) -> None:
        """A search result: shown and focused, in its atelier, which is not run for that."""
        self.view_workshop(workshop)
        self.focus_note(note_id)

    def go_to_section(self, sid: str) -> None:
        ed = self.sections.get(sid)
        if ed is not None:
            self._section = sid
            if self.workshop is self.running:
                self._run_section = sid
            self._top_target = ed.title
            ed.focus_first()
            self._reveal_timer.start()

    def step_section(self, step: int) -> None:
        ids = list(self.sections)
        i = ids.index(self._section) if self._section in ids else 0
        i = max(0, min(len(ids) - 1, i + step))
        self.go_to_section(ids[i])

    def section_menu(self) -> None:
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Aller à la section"))
        for i, s in enumerate(self.kit.sections):
            a = menu.addAction(f"&{i + 1}. {s.title}")
            a.triggered.connect(lambda _=False, sid=s.id: self.go_to_section(sid))
        menu.popup(self.scroll.mapToGlobal(self.scroll.rect().topLeft()))
        self._menu = menu

    def enter_outline(self) -> None:
        """Into the outline from its area: the current note, else the current section."""
        ed = self.sections.get(self._section or "")
        if self.current_note and ed is not None and ed.has_note(self.current_note):
            self.focus_note(self.current_note)
        elif self._section:
            self.go_to_section(self._section)

    def leave_outline(self, step: int) -> None:
        """From a note (Ctrl+Tab / Ctrl+Shift+Tab): to the side panel's tab shown, or to the
        list of ateliers (Tab indents in a note, so it cannot leave the outline)."""
        if step > 0:
            panel = self.tabs.currentWidget()
            if panel is self.details and self.details.isEnabled():
                self.details.urls.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                (panel.get() if isinstance(panel, _LazyPanel) else panel).setFocus(Qt.FocusReason.TabFocusReason)
                if QApplication.focusWidget() is None or not self.tabs.isAncestorOf(QApplication.focusWidget()):
                    self.tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.workshop_list.setFocus(Qt.FocusReason.BacktabFocusReason)

    def focus_search(self) -> None:
        self.search.box.setFocus()
        self.search.box.selectAll()

    # ------------------------------------------------------------------ projector
    def _projector(self) -> ProjectorView:
        if self.projector is None:
            from ui.projector.view import ProjectorView

            self.projector = ProjectorView(self)
        return self.projector

    def toggle_projector(self) -> None:
        if self.projector is not None and self.projector.isVisible():
            self.projector.close()
            return
        self._projector().place()
        self.activateWindow()

    def projector_closed(self) -> None:
        pass

    def set_projection(self, key: str) -> None:
        self._projector().set_choice(key)
        self.projection_choices[key].setChecked(True)

    # ------------------------------------------------------------------ help
    def show_shortcuts(self):
        from ui.shell import helpmenu  # (loaded when first asked for)

        return helpmenu.show_shortcuts(self)

    def show_about(self):
        from ui.shell import helpmenu

        return helpmenu.show_about(self)

    # ------------------------------------------------------------------ files
    def open_other(self) -> None:
        self.openRequested.emit()  # (the shell opens the chosen file in a window of its own)

    def join_network(self, code=None):
        from ui.shell import network  # (the network's modules: only once a person joins)

        return network.join(self, code)

    def show_join_code(self):
        from ui.shell import network

        return network.show_code(self)

    def prepare_event(self) -> None:
        from ui.prepare.kit_editor import prepare  # (the editor is loaded when first opened)

        prepare(self)

    def show_start(self) -> None:
        self.startRequested.emit()
