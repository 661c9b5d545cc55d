"""Colours and fonts of the capture window, set through palettes and fonts rather than a style
sheet: a style sheet on the window makes Qt polish and paint every widget through its rule
matcher, about a quarter of the time the window takes to build and show."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QWidget

NAVY = "#0b2e6b"  # titles: section, question
GREY = "#444444"  # secondary text: a note's summary, a section's hint
FOCUS_BACKGROUND = "#e8f0fe"  # the note being edited
FOCUS_BAR = "#1a56db"  # and the bar at its left
BANNER = "#fff3cd"  # "you are looking at another atelier than the one being run"
TRANSPARENT = QColor(0, 0, 0, 0)


def text_colour(widget: QWidget, colour: str) -> None:
    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(pal)


def fill(widget: QWidget, role: QPalette.ColorRole, colour: QColor | str) -> None:
    pal = widget.palette()
    pal.setColor(role, QColor(colour))
    widget.setPalette(pal)


def font(widget: QWidget, *, bold: bool | None = None, italic: bool | None = None,
         scale: float | None = None, points: float | None = None) -> None:
    f = QFont(widget.font())
    if bold is not None:
        f.setBold(bold)
    if italic is not None:
        f.setItalic(italic)
    if scale is not None:
        f.setPointSizeF(f.pointSizeF() * scale)
    if points is not None:
        f.setPointSizeF(points)
    widget.setFont(f)
