"""The app's writers never replace the open event file (issue 14): « Exporter… » and « Enregistrer
une copie ailleurs… » pointed at the event file itself, a symbolic link or a hard link to it, say
so in French through the one error handler, and the event file keeps every note."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QFileDialog

from facilitator.store import EventFile
from ui.after import post_event
from ui.common import background
from ui.shell import rescue


@pytest.fixture(autouse=True)
def _drain():
    yield
    background.wait_all()


def _alias(path, kind):
    if kind == "same":
        return path
    alias = path.with_name(f"alias-{kind}{path.suffix}")
    if kind == "symlink":
        alias.symlink_to(path)
    else:
        os.link(path, alias)
    return alias


def _notes(path):
    with EventFile.open(path, device="reader") as ev:
        return sorted((n.id, n.text) for n in ev.notes())


@pytest.mark.parametrize("alias", ["same", "symlink", "hardlink"])
@pytest.mark.parametrize("kind", ["json", "proposals"])
def test_export_dialog_refuses_the_event_file(window, qtbot, messages, monkeypatch, kind, alias):
    path = window.session.ev.path
    before = _notes(path)
    dlg = post_event.show_export(window, kind)
    qtbot.waitUntil(lambda: dlg.data is not None and not background.busy(), timeout=30000)
    target = _alias(path, alias)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dlg.save_as()
    qtbot.waitUntil(lambda: not background.busy() and bool(messages), timeout=30000)
    assert dlg.saved is None
    assert any("est le fichier source" in m for m in messages), messages
    assert _notes(path) == before


@pytest.mark.parametrize("alias", ["symlink", "hardlink"])
def test_save_a_copy_refuses_the_event_file(window, messages, monkeypatch, alias):
    path = window.session.ev.path
    before = _notes(path)
    target = _alias(path, alias)
    monkeypatch.setattr(rescue, "choose_target", lambda parent, suggested: str(target))
    assert rescue.save_elsewhere(window) is None
    assert any("est le fichier source" in m for m in messages), messages
    assert window.session.ev.path == path
    assert _notes(path) == before
