"""The app's settings, declared once (as Picard declares its options): each one is an ``Option``
below, with its key, its type and its default, and is read and written only through it
(``RECENT.get()``, ``PROJECTOR_FONT.set(32)``). A value of the wrong type in ``ui.ini`` (edited by
hand, written by an older version) reads as the default. ``UPGRADES`` bring a ``ui.ini`` written
by an older version to ``VERSION`` the first time it is opened.

They live in ``ui.ini`` in facilitator's own config folder (``facilitator.config``), read through
``QSettings`` (INI format, the same on every system).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from facilitator import config

T = TypeVar("T")
VERSION = 2  # of the settings' layout; see UPGRADES
_upgraded: set[str] = set()  # ui.ini files brought to VERSION in this process


def settings() -> QSettings:
    folder = config.config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    path = str(folder / "ui.ini")
    s = QSettings(path, QSettings.Format.IniFormat)
    if path not in _upgraded:
        _upgraded.add(path)
        upgrade(s)
    return s


class Option(Generic[T]):
    """One setting: ``key`` (may hold ``{}`` fields, e.g. one value per event), its type's
    reading, and its default."""

    declared: ClassVar[dict[str, Option]] = {}

    def __init__(self, key: str, default: T, doc: str) -> None:
        assert key not in Option.declared, f"setting {key!r} declared twice"
        self.key, self.default, self.doc = key, default, doc
        Option.declared[key] = self

    def _key(self, fields: tuple) -> str:
        return self.key.format(*fields) if fields else self.key

    def convert(self, raw: Any) -> T:
        """``raw`` as read from the file, as this option's type; ValueError if it is not one."""
        raise NotImplementedError

    def get(self, *fields) -> T:
        raw = settings().value(self._key(fields))
        if raw is None:
            return self.default
        try:
            return self.convert(raw)
        except (TypeError, ValueError):
            return self.default

    def set(self, value: T, *fields) -> None:
        s = settings()
        if not s.contains(SETTINGS_VERSION.key):  # (a file written from now on is at VERSION)
            s.setValue(SETTINGS_VERSION.key, VERSION)
        s.setValue(self._key(fields), value)
        s.sync()

    def remove(self, *fields) -> None:
        s = settings()
        s.remove(self._key(fields))
        s.sync()


class TextOption(Option[str]):
    def __init__(self, key: str, default: str, doc: str, choices: tuple[str, ...] = ()) -> None:
        super().__init__(key, default, doc)
        self.choices = choices

    def convert(self, raw: Any) -> str:
        if not isinstance(raw, str) or (self.choices and raw not in self.choices):
            raise ValueError(raw)
        return raw


class IntOption(Option[int]):
    def __init__(self, key: str, default: int, doc: str, low: int = -2**31, high: int = 2**31 - 1) -> None:
        super().__init__(key, default, doc)
        self.low, self.high = low, high

    def convert(self, raw: Any) -> int:
        if isinstance(raw, bool):
            raise ValueError(raw)
        value = int(raw)
        if not self.low <= value <= self.high:
            raise ValueError(raw)
        return value


class ListOption(Option[list[str]]):
    """A list of texts. (QSettings writes a list of one as a plain text in an INI file, which
    reads back as a text, not a list: read here with Qt's own conversion, ``type=list``.)"""

    def convert(self, raw: Any) -> list[str]:
        if isinstance(raw, str):
            return [raw]
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise ValueError(raw)
        return list(raw)

    def get(self, *fields) -> list[str]:
        return list(super().get(*fields))

    def set(self, value: list[str], *fields) -> None:
        super().set(list(value), *fields)


class BytesOption(Option[QByteArray | None]):
    """Qt's own saved states (``saveGeometry``, ``QSplitter.saveState``)."""

    def convert(self, raw: Any) -> QByteArray:
        if not isinstance(raw, QByteArray):
            raise ValueError(raw)
        return raw


# ---------------------------------------------------------------------------------- declared
LANGUAGE = TextOption("language", "fr", "the interface's language (FACILITATOR_LANG overrides it)")
RECENT = ListOption("recent", [], "event files opened, the last first (8 at most)")
LAST_EVENT = TextOption("last_event", "", "the event file opened last: opened again at start-up")
WINDOW_GEOMETRY = BytesOption("window/geometry", None, "the capture window's place and size")
WINDOW_SPLITTER = BytesOption("window/splitter", None, "the widths of the capture window's columns")
WORKSHOP = IntOption("workshop/{}", 0, "per event (its id): the atelier being run when last closed")
PROJECTOR_FONT = IntOption("projector/font", 28, "the projector's text size, in points", low=12, high=96)
PROJECTOR_THEME = TextOption("projector/theme", "light", "the projector's theme", choices=("light", "dark"))
SETTINGS_VERSION = IntOption("settings/version", 1, "the layout of this file (see UPGRADES)")

RECENT_MAX = 8


def remember_recent(path: Path) -> None:
    """``path`` first in the recent files (and the event opened last)."""
    p = str(path.resolve())
    RECENT.set([p, *[x for x in RECENT.get() if x != p]][:RECENT_MAX])
    LAST_EVENT.set(p)


def recent_files() -> list[Path]:
    """The recent files that still exist."""
    return [Path(p) for p in RECENT.get() if Path(p).is_file()]


# ---------------------------------------------------------------------------------- upgrades
def _v2_recent_split_into_characters(s: QSettings) -> None:
    """Versions before 2 read back a list of one path as a text and iterated it: "recent" then
    held the path followed by its single characters ("/", "h", "o"…). Keep the real paths."""
    raw = s.value(RECENT.key, [], type=list)
    kept: list[str] = []
    for p in raw if isinstance(raw, list) else []:
        if isinstance(p, str) and len(p) > 3 and Path(p).is_absolute() and p not in kept:
            kept.append(p)
    if kept:
        s.setValue(RECENT.key, kept)
    else:
        s.remove(RECENT.key)


UPGRADES: dict[int, Callable[[QSettings], None]] = {2: _v2_recent_split_into_characters}


def upgrade(s: QSettings) -> None:
    """Run the upgrade steps from the file's version to ``VERSION`` (none on a new file)."""
    if not s.allKeys():
        return  # a new file (its version is written with its first setting)
    try:
        version = int(s.value(SETTINGS_VERSION.key, 1))
    except (TypeError, ValueError):
        version = 1
    if version >= VERSION:
        return
    for v in sorted(UPGRADES):
        if version < v <= VERSION:
            UPGRADES[v](s)
    s.setValue(SETTINGS_VERSION.key, VERSION)
    s.sync()
