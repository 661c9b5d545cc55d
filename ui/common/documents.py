"""Where the person's files live: the documents folder, the demo event, the recent files, and the
file dialogs' filter for event files (one place for every window that asks for one)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.common import settings


def event_filter() -> str:
    """The file dialogs' filter for event files, in the interface's language."""
    return QCoreApplication.translate("App", "Événements facilitator (*.facilitator);;Tous les fichiers (*)")


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


def remember(path: Path) -> None:
    """``path`` first in the start screen's recent files."""
    settings.remember_recent(path)
