"""The « Après l'événement » menu of the capture window: synthesis, note-taker's view, merge,
conflicts, exports. ``install(window)`` is called at the end of ``MainWindow._actions``.

Shortcuts (none taken by the capture window): Ctrl+Shift+S synthèse, Ctrl+Shift+A notes de tous
les ateliers, Ctrl+Shift+M fusionner, Ctrl+Shift+K conflits, Ctrl+E exporter.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from facilitator.store import Change


def _windows(window) -> dict[str, QWidget]:
    if not hasattr(window, "_post_event"):
        window._post_event = {}
    return window._post_event


def _present(w: QWidget) -> QWidget:
    w.show()
    w.raise_()
    w.activateWindow()
    return w


def install(window) -> None:
    m = window.menuBar().addMenu(QCoreApplication.translate("PostEvent", "Après l'é&vénement"))
    m.setObjectName("postEventMenu")
    window._act(m, QCoreApplication.translate("PostEvent", "&Synthèse et propositions…"), "Ctrl+Shift+S", lambda: show_synthesis(window), "synthesis")
    window._act(m, QCoreApplication.translate("PostEvent", "&Notes de tous les ateliers…"), "Ctrl+Shift+A", lambda: show_notetaker(window), "notetaker")
    m.addSeparator()
    window._act(m, QCoreApplication.translate("PostEvent", "&Fusionner des portables…"), "Ctrl+Shift+M", lambda: show_merge(window), "merge")
    window._act(m, QCoreApplication.translate("PostEvent", "&Conflits à résoudre…"), "Ctrl+Shift+K", lambda: show_conflicts(window), "conflicts")
    m.addSeparator()
    window._act(m, QCoreApplication.translate("PostEvent", "&Exporter…"), "Ctrl+E", lambda: show_export(window), "export")
    window.session.changed.connect(lambda change: _refresh_capture(window, change))


def _refresh_capture(window, change: Change) -> None:
    """After a merge or a conflict's resolution the capture window reads the file anew."""
    from ui.after.post_common import (
        needs_reload,  # (the after-the-event screens' module: not at start-up)
    )

    if not needs_reload(change) or getattr(window, "_closed", False):
        return
    for ed in getattr(window, "sections", {}).values():
        if ed.workshop is not None:
            ed.refresh()
    for name in ("details", "participants"):
        panel = getattr(window, name, None)
        if panel is not None and hasattr(panel, "reload"):
            panel.reload()


def show_synthesis(window, pid: str | None = None):
    from ui.after.synthesis import SynthesisEditor

    ws = _windows(window)
    ed = ws.get("synthesis")
    if ed is None:
        ed = ws["synthesis"] = SynthesisEditor(window)
    if pid:
        ed.select(pid)
    return _present(ed)


def show_notetaker(window):
    from ui.after.notetaker import NotetakerView

    ws = _windows(window)
    view = ws.get("notetaker")
    if view is None:
        view = ws["notetaker"] = NotetakerView(window)
        view.proposalCreated.connect(lambda pid: show_synthesis(window, pid))
    return _present(view)


def show_merge(window):
    from ui.after.merge_view import MergeDialog

    ws = _windows(window)
    dlg = ws.get("merge")
    if dlg is None:
        dlg = ws["merge"] = MergeDialog(window)
        dlg.conflictsRequested.connect(lambda: show_conflicts(window))
    return _present(dlg)


def show_conflicts(window):
    from ui.after.merge_view import ConflictsView

    ws = _windows(window)
    view = ws.get("conflicts")
    if view is None:
        view = ws["conflicts"] = ConflictsView(window)
    else:
        view.reload()
    return _present(view)


def show_export(window, kind: str = "restitution"):
    from ui.after.export_dialog import ExportDialog

    ws = _windows(window)
    dlg = ws.get("export")
    if dlg is None:
        dlg = ws["export"] = ExportDialog(window, kind)
    else:
        dlg.select(kind)
    return _present(dlg)
