"""The app around the window: errors, start screen, preferences, translations."""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from facilitator.errors import StoreError
from facilitator.store import EventFile
from tests.ui.helpers import key
from ui.common import errors, settings
from ui.shell import app


def test_user_errors_are_one_french_message(messages):
    errors.report(StoreError("le disque est plein : la dernière modification n'a pas pu être enregistrée"))
    assert messages == ["le disque est plein : la dernière modification n'a pas pu être enregistrée"]


def test_unexpected_errors_are_logged_and_the_message_gives_the_log(messages, tmp_path):
    try:
        raise ZeroDivisionError("boum")
    except ZeroDivisionError:
        errors.excepthook(*sys.exc_info())
    assert len(messages) == 1 and "Erreur interne inattendue" in messages[0] and "Traceback" not in messages[0]
    log = tmp_path / "home" / "logs" / "facilitator.log"
    assert str(log) in messages[0]
    assert "ZeroDivisionError: boum" in log.read_text("utf-8")


def test_opening_a_bad_file_shows_a_message_and_no_window(tmp_path, messages, qtbot):
    bad = tmp_path / "pas-un-evenement.facilitator"
    bad.write_text("bonjour", "utf-8")
    opened, refused = [], []
    app.open_window(bad, then=opened.append, otherwise=lambda: refused.append(True))
    qtbot.waitUntil(lambda: bool(refused))
    assert not opened
    assert messages and "n'est pas un fichier d'événement" in messages[0]


def test_opening_runs_off_the_gui_thread_with_a_busy_indication(demo_file, qtbot, monkeypatch, messages):
    real_open = EventFile.open.__func__
    threads, release = [], threading.Event()

    def slow_open(cls, path, device=None):  # a big file: the check takes a while
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real_open(cls, path, device)

    monkeypatch.setattr(EventFile, "open", classmethod(slow_open))
    opened = []
    app.open_window(demo_file, then=opened.append)

    def progress():
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QProgressDialog) and w.objectName() == "openProgress" and w.isVisible()), None)

    qtbot.waitUntil(lambda: progress() is not None)  # the GUI thread goes on: the busy window shows
    assert "demo.facilitator" in progress().labelText()
    assert threads and threads[0] is not threading.main_thread()
    release.set()
    qtbot.waitUntil(lambda: bool(opened))
    window = opened[0]
    qtbot.addWidget(window)
    assert progress() is None and window.isVisible() and not messages
    assert window.session.ev.path == demo_file
    window.sections["futurs"].add_last()  # the file opened in the worker works on the GUI thread
    assert len(window.session.ev.notes()) > 1
    window.close()


def test_a_failing_store_is_reported_not_raised(window, messages, monkeypatch):
    def full(*_a, **_k):
        raise StoreError("le disque est plein")

    monkeypatch.setattr(EventFile, "add_note", full)  # (the operation Session.run calls)
    window.sections["futurs"].add_last()
    assert messages == ["le disque est plein"]


def test_start_screen_opens_the_demo(qtbot, tmp_path):
    screen = app.show_start_screen()
    qtbot.addWidget(screen)
    demo_button = screen.findChild(QPushButton, "openDemo")
    assert demo_button.accessibleName()
    qtbot.mouseClick(demo_button, Qt.MouseButton.LeftButton)
    demo = tmp_path / "home" / "facilitator-demo-2016.facilitator"
    assert demo.exists()
    qtbot.waitUntil(lambda: not screen.isVisible())  # opened in a worker; the start screen closes
    window = app._windows[-1]
    qtbot.addWidget(window)
    assert window.session.ev.path == demo
    # remembered once the window has painted its first frame
    qtbot.waitUntil(lambda: settings.LAST_EVENT.get() == str(demo.resolve()))
    window.close()
    with EventFile.open(demo) as ev:
        assert ev.kit.event.title


def test_geometry_and_atelier_are_remembered(qtbot, demo_file, clock):
    w = app.build(demo_file, clock=clock)
    qtbot.addWidget(w)
    w.show()
    w.resize(911, 477)
    w.workshop_list.setCurrentRow(3)
    w.close()
    w2 = app.build(demo_file, clock=clock)
    qtbot.addWidget(w2)
    assert w2.size().height() == 477
    assert w2.workshop.number == w2.kit.workshops[3].number
    w2.close()


def test_projector_preferences_are_remembered(window, qtbot):
    key(Qt.Key.Key_F5, widget=window)
    window.projector.zoom(+4)
    window.projector.set_theme("dark")
    assert settings.PROJECTOR_FONT.get() == 32
    assert settings.PROJECTOR_THEME.get() == "dark"


def test_english_translation_is_available(monkeypatch, qapp):
    from PySide6.QtCore import QTranslator

    qm = app.I18N / "facilitator_en.qm"
    assert qm.exists() and (app.I18N / "facilitator_en.ts").exists()
    t = QTranslator()
    assert t.load(str(qm))
    QCoreApplication.installTranslator(t)
    try:
        assert QCoreApplication.translate("PhaseTimer", "Phase suivante") == "Next phase"
        assert QCoreApplication.translate("MainWindow", "&Annuler") == "&Undo"
    finally:
        QCoreApplication.removeTranslator(t)
    assert os.environ.get("FACILITATOR_LANG") is None


def test_the_command_line_lists_open_once_and_leaves_the_fast_path_light(capsys):
    """``facilitator --help`` goes through the command line, which then knows ``open`` (registered
    by the launcher, once however often it runs); ``facilitator`` and ``facilitator open FILE``
    never load it (tests/ui/test_startup.py runs them)."""
    import pytest

    from facilitator import cli
    from ui.shell import launcher

    for _ in range(2):
        with pytest.raises(SystemExit) as end:
            launcher.main(["--help"])
        assert end.value.code == 0
    out = capsys.readouterr().out
    assert "ouvrir un fichier d'événement dans l'application" in out
    assert sum(1 for path, *_ in cli._REGISTRY if path == ("open",)) == 1
