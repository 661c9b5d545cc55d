"""Settings declared once, typed, with defaults and upgrade steps; the recent files survive
any number of openings (a list of one path was read back as a text and split into characters)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from tests.ui.helpers import key, settle
from ui.common import settings
from ui.shell import app


def _ini(tmp_path) -> Path:
    return tmp_path / "home" / "ui.ini"


def _open_and_close(qtbot, path):
    w = app.build(path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: settings.LAST_EVENT.get() == str(path.resolve()))
    w.close()


def test_recent_files_after_many_openings_are_the_files(qtbot, demo_file, tmp_path, messages):
    other = tmp_path / "autre.facilitator"
    shutil.copy(demo_file, other)
    for path in (demo_file, demo_file, other, demo_file, other):
        _open_and_close(qtbot, path)
    assert settings.RECENT.get() == [str(other.resolve()), str(demo_file.resolve())]
    text = _ini(tmp_path).read_text()
    assert "recent=" in text
    # the start screen lists them, and opening one opens it (keyboard: Alt+R, Enter)
    screen = app.show_start_screen()
    qtbot.addWidget(screen)
    qtbot.waitExposed(screen)
    recent = screen.findChild(QListWidget, "recentFiles")
    assert [recent.item(i).text() for i in range(recent.count())] == [str(other.resolve()),
                                                                        str(demo_file.resolve())]
    recent.setFocus()
    recent.setCurrentRow(1)
    key(Qt.Key.Key_Return, widget=recent)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=20000)
    window = app._windows[-1]
    qtbot.addWidget(window)
    assert window.session.ev.path == demo_file
    assert messages == []
    window.close()


def test_a_list_of_one_reads_back_as_a_list(tmp_path):
    settings.RECENT.set(["/un/seul/chemin.facilitator"])
    # a new reader of the file (another run of the app): Qt reads the INI entry anew
    settings._upgraded.clear()
    assert settings.RECENT.get() == ["/un/seul/chemin.facilitator"]
    settings.RECENT.set([])
    assert settings.RECENT.get() == []


def test_upgrade_repairs_a_recent_list_split_into_characters(tmp_path, qtbot, demo_file):
    real = str(demo_file.resolve())
    ini = _ini(tmp_path)
    ini.parent.mkdir(parents=True, exist_ok=True)
    # what a version before 2 wrote after the second opening: the path, then its characters
    chars = ", ".join(c for c in real if c not in ", ")
    ini.write_text(f"[General]\nrecent={real}, {chars}\nlast_event={real}\n", encoding="utf-8")
    settings._upgraded.clear()
    assert "/" in [p.strip() for p in ini.read_text().split("recent=")[1].split("\n")[0].split(",")]
    assert settings.RECENT.get() == [real]
    assert settings.SETTINGS_VERSION.get() == settings.VERSION
    screen = app.show_start_screen()
    qtbot.addWidget(screen)
    recent = screen.findChild(QListWidget, "recentFiles")
    assert [recent.item(i).text() for i in range(recent.count())] == [real]
    screen.close()


@pytest.mark.parametrize(("option", "raw"), [
    (settings.PROJECTOR_FONT, "énorme"), (settings.PROJECTOR_FONT, "4000"),
    (settings.PROJECTOR_THEME, "fuchsia"), (settings.WORKSHOP, "trois"),
])
def test_a_wrong_value_reads_as_the_default(tmp_path, option, raw):
    ini = _ini(tmp_path)
    ini.parent.mkdir(parents=True, exist_ok=True)
    key_ = option.key.format("e1")
    ini.write_text(f"[General]\nsettings%2Fversion={settings.VERSION}\n"
                   f"[{key_.split('/')[0]}]\n{key_.split('/')[1]}={raw}\n", encoding="utf-8")
    settings._upgraded.clear()
    assert settings.settings().value(key_) == raw
    assert option.get("e1") == option.default


def test_every_setting_is_declared_once_and_read_only_through_its_option():
    ui = Path(app.__file__).parents[1]
    for py in ui.rglob("*.py"):
        if py.name == "settings.py":
            continue
        text = py.read_text(encoding="utf-8")
        assert "QSettings" not in text and "settings.value(" not in text and "set_value(" not in text, py.name
    keys = [o.key for o in settings.Option.declared.values()]
    assert len(keys) == len(set(keys)) and "recent" in keys


def test_projector_reads_its_typed_settings(window, qtbot):
    settings.PROJECTOR_FONT.set(40)
    settings.PROJECTOR_THEME.set("dark")
    window.toggle_projector()
    settle()
    assert window.projector.font_size == 40 and window.projector.theme == "dark"
