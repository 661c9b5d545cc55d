"""Entry points of the app: ``build(event_path) -> MainWindow`` (no event loop) and ``run``."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from facilitator.store import EventFile
from ui import errors, settings
from ui.mainwindow import MainWindow
from ui.session import Session

I18N = Path(__file__).resolve().parent / "i18n"
EVENT_FILTER = "Événements facilitator (*.facilitator);;Tous les fichiers (*)"
_windows: list[QWidget] = []  # keeps top-level windows alive
_translators: list[QTranslator] = []


def language() -> str:
    lang = os.environ.get("FACILITATOR_LANG") or settings.value("language", "fr") or "fr"
    return str(lang).split("_")[0].lower()


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0] if sys.argv else "facilitator"])
        app.setApplicationName("facilitator")
        app.setOrganizationName("facilitator")
    if not _translators:
        lang = language()
        if lang != "fr":
            t = QTranslator(app)
            if t.load(str(I18N / f"facilitator_{lang}.qm")):
                app.installTranslator(t)
                _translators.append(t)
                QLocale.setDefault(QLocale(lang))
        if not _translators:
            _translators.append(QTranslator(app))  # French: the source language
    return app


def build(event_path: str | Path, clock: Callable[[], float] = time.monotonic) -> MainWindow:
    """Open ``event_path`` and make its capture window (not shown, no event loop)."""
    ensure_app()
    ev = EventFile.open(event_path)
    try:
        session = Session(ev)
        window = MainWindow(session, clock)
    except BaseException:
        ev.close()
        raise
    remember(Path(event_path))
    # What start-up built (kit, widgets, bindings) lives as long as the window: keep it out of
    # the collector's full passes, which otherwise walk it all (a 30–70 ms stall while typing).
    gc.freeze()
    return window


def remember(path: Path) -> None:
    path = path.resolve()
    recent = [p for p in (settings.value("recent", []) or []) if p != str(path)]
    if isinstance(recent, str):
        recent = [recent]
    settings.set_value("recent", [str(path), *recent][:8])
    settings.set_value("last_event", str(path))


def open_window(path: Path) -> MainWindow | None:
    try:
        window = build(path)
    except Exception as exc:  # noqa: BLE001 — the one error handler shows it
        errors.report(exc)
        return None
    _windows.append(window)
    window.show()
    return window


def choose_and_open(parent: QWidget | None = None) -> MainWindow | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("App", "Ouvrir un fichier d'événement"), str(documents_dir()),
        QCoreApplication.translate("App", "Événements facilitator (*.facilitator);;Tous les fichiers (*)"))
    return open_window(Path(name)) if name else None


def documents_dir() -> Path:
    import platformdirs

    env = os.environ.get("FACILITATOR_HOME")
    return Path(env) if env else Path(platformdirs.user_documents_dir())


def demo_path() -> Path:
    """The 2016 demo event in the user's documents folder, created the first time."""
    from facilitator.demo import create_demo

    path = documents_dir() / "facilitator-demo-2016.facilitator"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        create_demo(path).close()
    return path


def show_start_screen() -> QWidget:
    from ui.start import StartScreen

    screen = StartScreen()
    _windows.append(screen)
    screen.show()
    return screen


def run(event_path: str | Path | None = None) -> int:
    app = ensure_app(sys.argv[:1])
    sys.excepthook = errors.excepthook
    if event_path is None:
        last = settings.value("last_event")
        if last and Path(last).exists():
            event_path = Path(last)
    window = open_window(Path(event_path)) if event_path else None
    if window is None:
        show_start_screen()
    return app.exec()
