"""The phase timer: the kit's phases, start / pause, next phase, +5 minutes.

``PhaseClock`` is plain Python with an injectable time source (``clock``: a function returning
seconds), so tests drive transitions without sleeping. ``PhaseTimer`` is its widget
(objectName ``phaseTimer``): the time left turns amber when 20 % of the phase or 2 minutes remain,
red in the last minute, and flashes "Temps écoulé" once time is up.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from facilitator.kit.model import Phase, Workshop
from facilitator.store.timer import TimerRecord, utc_now

NORMAL, AMBER, RED, OVER = "normal", "amber", "red", "over"
COLOURS = {NORMAL: ("#1b5e20", "#ffffff"), AMBER: ("#8a5a00", "#fff3cd"), RED: ("#ffffff", "#b71c1c"),
           OVER: ("#ffffff", "#b71c1c")}


def phases_for(workshop: Workshop) -> tuple[Phase, ...]:
    if workshop.phases:
        return workshop.phases
    minutes = 60
    if workshop.start and workshop.end:
        minutes = max(5, (workshop.end.hour * 60 + workshop.end.minute)
                      - (workshop.start.hour * 60 + workshop.start.minute))
    return (Phase("Atelier", minutes),)


@dataclass
class PhaseClock:
    phases: tuple[Phase, ...]
    clock: Callable[[], float] = time.monotonic
    index: int = 0
    extra: float = 0.0  # seconds added to the current phase (+5 min)
    _elapsed: float = 0.0
    _since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def phase(self) -> Phase:
        return self.phases[self.index]

    def duration(self) -> float:
        return self.phase.minutes * 60 + self.extra

    def elapsed(self) -> float:
        return self._elapsed + ((self.clock() - self._since) if self._since is not None else 0.0)

    def remaining(self) -> float:
        return self.duration() - self.elapsed()

    def start(self) -> None:
        if self._since is None:
            self._since = self.clock()

    def pause(self) -> None:
        if self._since is not None:
            self._elapsed += self.clock() - self._since
            self._since = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def next(self) -> bool:
        """Go to the next phase (keeps running if it was); False at the last phase."""
        if self.index >= len(self.phases) - 1:
            return False
        was = self.running
        self.index += 1
        self.extra, self._elapsed, self._since = 0.0, 0.0, None
        if was:
            self.start()
        return True

    def add(self, seconds: float = 300) -> None:
        self.extra += seconds

    def record(self, now: dt.datetime) -> TimerRecord:
        """Its state to store, ``now`` being the wall-clock time (UTC)."""
        started = None
        if self._since is not None:
            started = (now - dt.timedelta(seconds=self.clock() - self._since)).isoformat()
        return TimerRecord(phase=self.index, phase_title=self.phase.title, extra=float(self.extra),
                           elapsed=float(self._elapsed), started_at=started)

    def restore(self, record: TimerRecord, now: dt.datetime) -> bool:
        """Take up a stored state (``now``: the wall-clock time); False if its phase is not in
        the atelier's phases any more (neither at its place nor by its title)."""
        index = record.phase
        if not (index < len(self.phases) and self.phases[index].title == record.phase_title):
            titles = [p.title for p in self.phases]
            if record.phase_title not in titles:
                return False
            index = titles.index(record.phase_title)
        self.index, self.extra = index, record.extra
        if record.running:
            counted = record.counted(now)  # (the time the app was closed counts too)
            self._elapsed, self._since = 0.0, self.clock() - counted
        else:
            self._elapsed, self._since = record.elapsed, None
        return True

    def level(self) -> str:
        left, total = self.remaining(), self.duration()
        if left <= 0:
            return OVER
        if left <= 60:
            return RED
        if left <= 0.2 * total or left <= 120:
            return AMBER
        return NORMAL


def fmt(seconds: float) -> str:
    s = int(abs(seconds) + (0.999 if seconds > 0 else 0))
    text = f"{s // 60:02d}:{s % 60:02d}" if s < 3600 else f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return ("+" + text) if seconds < 0 else text


class TimerState(QObject):
    """The clocks of every atelier (one running per atelier), ticking the views.

    With a ``session``, each atelier's clock is stored with the event whenever it changes (start,
    pause, next phase, +5 min: ``changed()``) and taken up from there when the atelier is first
    selected: a crash or a restart finds the timer where it was, still running if it was."""

    ticked = Signal()

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None,
                 session=None, wall: Callable[[], dt.datetime] = utc_now) -> None:
        super().__init__(parent)
        self.clock = clock
        self.wall = wall
        self.session = session
        self._workshop: dict[int, int] = {}  # id of a clock -> its atelier
        self._clocks: dict[int, PhaseClock] = {}
        self.current: PhaseClock | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.ticked)
        self.timer.start()

    def select(self, workshop: Workshop) -> PhaseClock:
        c = self._clocks.get(workshop.number)
        if c is None:
            c = self._clocks[workshop.number] = PhaseClock(phases_for(workshop), self.clock)
            self._workshop[id(c)] = workshop.number
            record = self.session.timer_state(workshop.number) if self.session is not None else None
            if record is not None:
                c.restore(record, self.wall())
        self.current = c
        self.ticked.emit()
        return c

    def changed(self) -> None:
        """The current clock was started, paused, moved on or extended: store it."""
        c = self.current
        if c is not None and self.session is not None:
            self.session.store_timer(self._workshop[id(c)], c.record(self.wall()))


class PhaseTimer(QFrame):
    """The timer widget of the capture window."""

    def __init__(self, state: TimerState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("phaseTimer")
        self.setAccessibleName(self.tr("Minuteur des phases"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(2)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("phaseLabel")
        self.phase_label.setAccessibleName(self.tr("Phase en cours"))
        self.phase_label.setWordWrap(True)
        self.time_label = QLabel()
        self.time_label.setObjectName("timeLeft")
        self.time_label.setAccessibleName(self.tr("Temps restant"))
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        f = QFont(self.time_label.font())
        f.setPointSizeF(f.pointSizeF() * 2.2)
        f.setBold(True)
        self.time_label.setFont(f)
        lay.addWidget(self.phase_label)
        lay.addWidget(self.time_label)
        buttons = QHBoxLayout()
        self.start_button = QPushButton()
        self.start_button.setAccessibleName(self.tr("Démarrer ou mettre en pause le minuteur"))
        self.start_button.setToolTip(self.tr("Démarrer / pause (F8)"))
        self.start_button.clicked.connect(self.toggle)
        self.next_button = QPushButton(self.tr("Phase suivante"))
        self.next_button.setAccessibleName(self.tr("Passer à la phase suivante"))
        self.next_button.setToolTip(self.tr("Phase suivante (F9)"))
        self.next_button.clicked.connect(self.next)
        self.add_button = QPushButton(self.tr("+5 min"))
        self.add_button.setAccessibleName(self.tr("Ajouter cinq minutes à la phase"))
        self.add_button.setToolTip(self.tr("Ajouter 5 minutes (F10)"))
        self.add_button.clicked.connect(self.add5)
        for b in (self.start_button, self.next_button, self.add_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self._flash = False
        self.level = NORMAL
        state.ticked.connect(self.refresh)
        self.refresh()

    @property
    def clock(self) -> PhaseClock | None:
        return self.state.current

    def toggle(self) -> None:
        if self.clock:
            self.clock.toggle()
            self.state.changed()
        self.refresh()

    def next(self) -> None:
        if self.clock and self.clock.next():
            self.state.changed()
        self.refresh()

    def add5(self) -> None:
        if self.clock:
            self.clock.add(300)
            self.state.changed()
        self.refresh()

    def text(self) -> tuple[str, str]:
        c = self.clock
        if c is None:
            return "", ""
        phase = self.tr("Phase {n}/{total} : {title}").format(n=c.index + 1, total=len(c.phases), title=c.phase.title)
        left = c.remaining()
        if left <= 0:
            return phase, self.tr("Temps écoulé {over}").format(over=fmt(left))
        return phase, fmt(left)

    def refresh(self) -> None:
        c = self.clock
        phase, left = self.text()
        self.phase_label.setText(phase)
        self.time_label.setText(left)
        self.start_button.setText(self.tr("Pause") if c and c.running else self.tr("Démarrer"))
        self.level = c.level() if c else NORMAL
        fg, bg = COLOURS[self.level]
        if self.level == OVER:
            self._flash = not self._flash if c and c.running else True
            if not self._flash:
                fg, bg = "#b71c1c", "#ffffff"
        sheet = f"#phaseTimer {{ background: {bg}; }} #phaseTimer QLabel {{ color: {fg}; }}"
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        self.time_label.setAccessibleDescription(left)
