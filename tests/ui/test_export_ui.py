"""« Exporter… »: preview, then an atomic write; errors reach the one error handler in French."""

from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from ui.after import post_event
from ui.common import background

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _drain():
    yield
    background.wait_all()


def ready(dlg, qtbot):
    qtbot.waitUntil(lambda: dlg.data is not None and not background.busy(), timeout=30000)


def test_restitution_previewed_then_saved_as_pdf(window, tmp_path, qtbot, monkeypatch, messages):
    dlg = post_event.show_export(window)
    assert dlg.objectName() == "exportDialog" and dlg.kind().key == "restitution"
    ready(dlg, qtbot)
    preview = dlg.preview.toPlainText()
    for w in window.kit.workshops:
        assert f"ATELIER {w.number}" in preview and w.title.upper() in preview.upper()
    out = tmp_path / "sortie" / "restitution"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dlg.save, LEFT)
    qtbot.waitUntil(lambda: dlg.saved is not None, timeout=30000)
    assert dlg.saved == out.with_suffix(".pdf") and "Enregistré" in dlg.status.text()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(dlg.saved.read_bytes())).pages)
    text = " ".join(text.split())
    for w in window.kit.workshops:
        assert f"ATELIER {w.number}" in text and w.title.split()[0].upper() in text.upper()
    assert sorted(os.listdir(out.parent)) == ["restitution.pdf"]  # no temporary file left
    assert messages == []


def test_text_exports_are_previewed(window, tmp_path, qtbot):
    dlg = post_event.show_export(window, "csv")
    ready(dlg, qtbot)
    assert dlg.preview.toPlainText().splitlines()[0].startswith("event_id") or "," in dlg.preview.toPlainText()
    dlg.select("proposals")
    ready(dlg, qtbot)
    first = window.session.ev.proposals()[0].title
    assert first in dlg.preview.toPlainText()
    dlg.save_to(tmp_path / "propositions.csv")
    qtbot.waitUntil(lambda: dlg.saved is not None, timeout=30000)
    assert first in (tmp_path / "propositions.csv").read_text(encoding="utf-8")


def test_export_to_a_missing_folder_shows_the_french_error(window, tmp_path, qtbot, messages):
    dlg = post_event.show_export(window, "markdown")
    ready(dlg, qtbot)
    target = tmp_path / "nulle-part" / "restitution.md"
    dlg.save_to(target)
    qtbot.waitUntil(lambda: bool(messages), timeout=30000)
    assert "n'existe pas" in messages[0] and "nulle-part" in messages[0]
    assert dlg.saved is None and "échoué" in dlg.status.text() and not target.parent.exists()
