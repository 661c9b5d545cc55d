"""Entry points of the app: ``build(event_path) -> MainWindow`` (no event loop) and ``run``."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from facilitator.store import EventFile
from ui.capture.session import Session
from ui.common import background, documents, errors, focus, laptop, settings
from ui.shell.mainwindow import MainWindow

I18N = Path(__file__).resolve().parents[1] / "i18n"
_windows: list[QWidget] = []  # keeps top-level windows alive
_translators: list[QTranslator] = []
_qt_translators: list[QTranslator] = []  # Qt's own texts (qtbase), see _load_qt_translations
_fallback_loaded = False


def language() -> str:
    lang = os.environ.get("FACILITATOR_LANG") or settings.LANGUAGE.get()
    return str(lang).split("_")[0].lower()


def _new_application(argv: list[str]) -> QApplication:
    """The QApplication; where Qt finds no screen to use (no display, or its platform plugin's
    system libraries missing), a French message and exit 1 instead of Qt's abort (exit 134).

    Qt reports that as a fatal message while the application is made: the handler, installed for
    that moment only, says it in French and ends the process before Qt aborts."""

    said: list[str] = []

    def handler(kind, _context, text):
        if kind != QtMsgType.QtFatalMsg:
            said.append(text)  # Qt's own explanation, kept for the log
            return
        from facilitator.errors import log_text
        from facilitator.i18n import tr as message  # the core's catalogue: no QApplication yet

        log = log_text("\n".join([*said, text]))
        print(message("cli.no_screen", platform=os.environ.get("QT_QPA_PLATFORM") or "xcb",
                      log=log), file=sys.stderr)
        sys.stderr.flush()
        os._exit(1)

    previous = qInstallMessageHandler(handler)
    try:
        return QApplication(argv)
    finally:
        qInstallMessageHandler(previous)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = _new_application(argv or [sys.argv[0] if sys.argv else "facilitator"])
        app.setApplicationName("facilitator")
        app.setOrganizationName("facilitator")
    focus.install(app)  # a visible focus on every control of every window
    if not _translators:
        lang = language()
        _load_qt_translations(app, lang)
        if lang != "fr":
            t = QTranslator(app)
            if t.load(str(I18N / f"facilitator_{lang}.qm")):
                app.installTranslator(t)
                _translators.append(t)
                QLocale.setDefault(QLocale(lang))
        if not _translators:
            _translators.append(QTranslator(app))  # French: the source language
            QLocale.setDefault(QLocale("fr_FR"))
    return app


def _load_qt_translations(app: QApplication, lang: str) -> None:
    """Qt's own texts (file dialogs: « Regarder dans », « Nom de fichier », « Annuler »; a line
    edit's menu…) in the interface's language, from the translations Qt ships."""

    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("qtbase_extra", str(I18N))):  # (what Qt's own catalogue lacks)
        qt = QTranslator(app)
        if qt.load(QLocale(lang), name, "_", folder):
            app.installTranslator(qt)
            _qt_translators.append(qt)


def load_fallback_font() -> None:
    """The PDFs' fonts (DejaVu Sans and Noto Emoji, exports/fonts) as the fallbacks of the
    interface's font: what a note's PDF shows, the window shows too (symbols, arrows, emoji),
    whatever the system's own fonts cover. A system's colour emoji font (Noto Color Emoji…),
    where fontconfig has one, is not vendored (about 10 MB, and the bundle has no room): the
    window draws emoji in the monochrome Noto Emoji, as the PDFs do. Registered once, after the
    first frame (a few milliseconds)."""
    global _fallback_loaded
    if _fallback_loaded:
        return
    _fallback_loaded = True

    from exports.pdf.fonts import FILES, FONT_DIR

    families: list[str] = []
    for name in FILES:
        fid = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
        families += [f for f in QFontDatabase.applicationFontFamilies(fid) if f not in families]
    app = QApplication.instance()
    if app is None or not families:
        return
    font = app.font()
    for family in {font.family(), *font.families(), "Sans Serif"}:
        subs = QFont.substitutes(family)
        QFont.insertSubstitutions(family, [f for f in families if f not in subs and f != family])


def build(event_path: str | Path | EventFile, clock: Callable[[], float] = time.monotonic) -> MainWindow:
    """Open ``event_path`` and make its capture window (not shown, no event loop).

    Also takes an ``EventFile`` already opened (and checked) by ``open_window``'s worker thread.
    """
    ensure_app()
    if isinstance(event_path, EventFile):
        ev, event_path = event_path, event_path.path
    else:
        ev = EventFile.open(event_path)
    try:
        session = Session(ev)
        window = MainWindow(session, clock)
    except BaseException:
        ev.close()
        raise
    path = Path(event_path)

    def after_first_frame() -> None:
        documents.remember(path)  # (writing the settings file: not before the window is seen)
        laptop.ensure_named(window)  # (asked once; the file gets this laptop's name)
        load_writes_in_background()
        load_fallback_font()

    _AfterFirstPaint(window, after_first_frame)
    window.openRequested.connect(lambda: choose_and_open(window))
    window.startRequested.connect(show_start_screen)
    return window


class _AfterFirstPaint(QObject):
    """Calls ``fn`` once ``window`` has painted its first frame (the turn of the event loop
    after its first paint event), so that nothing started then competes with that frame."""

    def __init__(self, window: QWidget, fn: Callable[[], None]) -> None:
        super().__init__(window)
        self.fn = fn
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.fn)
        return False


def load_writes_in_background() -> None:
    """Load what the first write needs (SQLAlchemy, ``facilitator.store.engine``) in a thread, once
    the window is shown: the window did not wait for it, and the first keystroke will not
    either (if it comes sooner, it waits for the import to end; nothing is lost)."""
    if "facilitator.store.engine" in sys.modules:
        return

    def load() -> None:
        try:
            from facilitator.store.engine import preload

            preload()
        except Exception:  # noqa: BLE001, S110 — the first write reports it, in the GUI thread
            return

    threading.Thread(target=load, name="facilitator-preload", daemon=True).start()


PROGRESS_DELAY_MS = 300  # a file that opens faster shows no progress window


def _progress(path: Path) -> QProgressDialog:  # made only if the opening is slow
    """A busy indication (no known end: SQLite's quick_check reports no progress)."""

    dlg = QProgressDialog(QCoreApplication.translate("App", "Ouverture et vérification de « {name} »…")
                          .format(name=path.name), "", 0, 0)
    dlg.setObjectName("openProgress")
    dlg.setWindowTitle("facilitator")
    dlg.setCancelButton(None)  # the check cannot be interrupted; it only reads the file
    dlg.setWindowModality(Qt.WindowModality.ApplicationModal)
    dlg.setMinimumDuration(10**9)  # shown by our own timer below, not by setValue
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    return dlg


def open_window(path: Path, then: Callable[[MainWindow], None] | None = None,
                otherwise: Callable[[], None] | None = None) -> background._Relay:
    """Open ``path`` in a worker thread (checking a big file takes a while), with a busy
    indication; then build its window on the GUI thread and call ``then(window)``; on failure,
    the French message and ``otherwise()``.

    The worker opens and checks the event file (``EventFile.open``: header, ``quick_check``, kit
    copy, migrations) and hands it over: from then on only the GUI thread uses it.
    """
    path = Path(path)
    app = ensure_app()
    progress: list[QProgressDialog] = []

    def show_progress() -> None:
        progress.append(_progress(path))
        progress[0].show()

    shower = QTimer(app)
    shower.setSingleShot(True)
    shower.timeout.connect(show_progress)
    shower.start(PROGRESS_DELAY_MS)

    def close_progress() -> None:
        shower.stop()
        shower.deleteLater()
        for dlg in progress:
            dlg.close()
            dlg.deleteLater()

    def done(ev: EventFile) -> None:
        close_progress()
        try:
            window = build(ev)
        except Exception as exc:  # noqa: BLE001 — the one error handler shows it
            failed(exc)
            return
        _windows.append(window)
        window.show()
        if then is not None:
            then(window)

    def failed(exc: BaseException) -> None:
        close_progress()
        errors.report(exc)
        if otherwise is not None:
            otherwise()

    relay = background.start(lambda: EventFile.open(path), done, failed)
    # While the worker opens the file, this thread loads the fonts (fontconfig, the font
    # database): the window measures text from its first widget on, and Qt lets the worker run
    # meanwhile (the GIL is released during the call). Both take a few milliseconds.
    QFontMetrics(app.font()).height()
    return relay


def choose_and_open(parent: QWidget | None = None, then: Callable[[MainWindow], None] | None = None) -> bool:
    """Ask for an event file and open it (``open_window``); False if the person cancelled."""

    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("App", "Ouvrir un fichier d'événement"), str(documents.documents_dir()),
        documents.event_filter())
    if not name:
        return False
    open_window(Path(name), then)
    return True


def show_start_screen() -> QWidget:
    from ui.shell.start import StartScreen

    screen = StartScreen()
    screen.openRequested.connect(lambda path: open_window(path, then=lambda _window: screen.close()))
    screen.chooseRequested.connect(lambda: choose_and_open(screen, then=lambda _window: screen.close()))
    _windows.append(screen)
    screen.show()
    QTimer.singleShot(0, load_fallback_font)
    return screen


def run(event_path: str | Path | None = None, then: Callable[[MainWindow], None] | None = None) -> int:
    """The app: ``event_path`` (else the last event opened) in its window, else the start screen.
    ``then(window)`` once that window is shown (bench/startup.py)."""
    app = ensure_app(sys.argv[:1])
    sys.excepthook = errors.excepthook
    if event_path is None:
        last = settings.LAST_EVENT.get()
        if last and Path(last).is_file():
            event_path = Path(last)
    if event_path:
        open_window(Path(event_path), then, otherwise=show_start_screen)
    else:
        show_start_screen()
    return app.exec()
