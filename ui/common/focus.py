"""A visible, high-contrast focus on every focusable control, in every window and dialog.

Styles draw the keyboard focus in their own way, often a thin dotted line, and not at all for
flat buttons or scroll areas. ``install(app)`` adds one ``FocusRing`` per window: a frame drawn
around the widget that has the focus (a dark blue ring with a white edge, readable on light and
dark backgrounds), following it as it moves, grows or scrolls, clipped to what is seen of it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRegion
from PySide6.QtWidgets import QApplication, QWidget

WIDTH = 3  # the ring's width, in pixels
COLOUR = "#1a56db"
EDGE = "#ffffff"
_rings: dict[int, FocusRing] = {}  # id of a window -> its ring
_watcher: _Watcher | None = None


class FocusRing(QWidget):
    """The ring of one window, drawn above its widgets; never takes a click or the focus."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.hide()

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        r = self.rect().adjusted(1, 1, -2, -2)
        p.setPen(QPen(QColor(EDGE), 1))
        p.drawRect(r)
        p.setPen(QPen(QColor(COLOUR), WIDTH - 1))
        p.drawRect(r.adjusted(1, 1, -1, -1))

    def follow(self) -> None:
        """Around the seen part of the focused widget (or hidden when nothing is seen of it)."""
        w = self.target
        window = self.parentWidget()
        if w is None or window is None or not w.isVisible():
            self.hide()
            return
        area = _seen(w)
        if area.isEmpty():
            self.hide()
            return
        rect = QRect(w.mapTo(window, area.topLeft()), area.size()).adjusted(-WIDTH, -WIDTH, WIDTH, WIDTH)
        rect = rect.intersected(QWidget.rect(window))
        if rect != self.geometry():
            self.setGeometry(rect)
        # only the ring's edge is drawn: the widget inside takes its own events and paints
        inner = QRect(0, 0, rect.width(), rect.height()).adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH)
        self.setMask(QRegion(QRect(0, 0, rect.width(), rect.height())).subtracted(QRegion(inner)))
        self.raise_()
        self.show()

    def ring_rect(self) -> QRect:
        """Where the ring is, in its window's coordinates (tests)."""
        return self.geometry()


def _seen(w: QWidget) -> QRect:
    """The part of ``w`` not hidden by the widgets holding it (a scroll area's viewport…), in its
    own coordinates."""
    area = w.rect()
    child = w
    parent = w.parentWidget()
    while parent is not None and not child.isWindow():
        # (QWidget's own methods: a window may name an attribute "size" or "rect")
        area = area.intersected(QRect(w.mapFrom(parent, QPoint(0, 0)), QWidget.size(parent)))
        child, parent = parent, parent.parentWidget()
    return area


class _Watcher(QObject):
    """Moves each window's ring to the widget given the focus, and after it when it moves."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._watched: list[QWidget] = []
        app.focusChanged.connect(self.focus_changed)

    def focus_changed(self, _old, new) -> None:
        for w in self._watched:
            try:
                w.removeEventFilter(self)
            except RuntimeError:
                pass
        self._watched = []
        for ring in list(_rings.values()):
            try:
                if ring.target is not new:
                    ring.target = None
                    ring.hide()
            except RuntimeError:  # its window is gone
                pass
        if new is None or isinstance(new, FocusRing):
            return
        window = new.window()
        ring = ring_of(window)
        ring.target = new
        w = new
        while w is not None:  # its moves and those of what holds it (scrolling moves a parent)
            w.installEventFilter(self)
            self._watched.append(w)
            if w.isWindow():
                break
            w = w.parentWidget()
        ring.follow()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            ring = _rings.get(id(obj.window())) if isinstance(obj, QWidget) else None
            if ring is not None:
                ring.follow()
        return False


def ring_of(window: QWidget) -> FocusRing:
    ring = _rings.get(id(window))
    try:
        if ring is not None and ring.parentWidget() is window:
            return ring
    except RuntimeError:
        pass
    key = id(window)
    ring = _rings[key] = FocusRing(window)
    window.destroyed.connect(lambda *_a: _rings.pop(key, None))
    return ring


def install(app: QApplication) -> None:
    global _watcher
    if _watcher is None:
        _watcher = _Watcher(app)
