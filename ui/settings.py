"""Preferences and window geometry (QSettings), kept in facilitator's own config folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from facilitator import config


def settings() -> QSettings:
    folder = config.config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)


def value(key: str, default=None, type_=None):
    s = settings()
    if type_ is None:
        return s.value(key, default)
    v = s.value(key, default)
    try:
        if type_ is bool:
            return v in (True, "true", "1", 1)
        return type_(v)
    except (TypeError, ValueError):
        return default


def set_value(key: str, v) -> None:
    s = settings()
    s.setValue(key, v)
    s.sync()
