"""Running slow work (merge, exports) off the GUI thread.

``start(fn, on_done, on_error)`` runs ``fn()`` in a ``QThread``; the callbacks run in the GUI
thread. ``fn`` must open its own ``EventFile`` (SQLite connections belong to one thread) and must
not touch any widget. It may return the ``EventFile`` it opened (``ui.shell.app.open_window``): the
worker has finished with it when ``on_done`` runs, and from then on only the GUI thread uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot


class _Task(QThread):
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 — handed to the GUI thread's error handler
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)


class _Relay(QObject):
    """Lives in the GUI thread: the worker's signals are queued to it."""

    def __init__(self, task: _Task, on_done, on_error, owner: QObject | None) -> None:
        super().__init__()
        self.task, self.on_done, self.on_error, self.owner = task, on_done, on_error, owner
        self.finished = False

    def _gone(self) -> bool:
        """The window that asked is closed and deleted: nobody to tell."""
        return self.owner is not None and not shiboken6.isValid(self.owner)

    @Slot(object)
    def done(self, result) -> None:
        self.task.wait()  # the thread returns right after emitting: never drop a running QThread
        self.finished = True
        _running.discard(self)
        if not self._gone():
            self.on_done(result)

    @Slot(object)
    def error(self, exc) -> None:
        self.task.wait()
        self.finished = True
        _running.discard(self)
        if self._gone():
            errors_report(exc, only_bugs=True)
        elif self.on_error is not None:
            self.on_error(exc)
        else:
            errors_report(exc)


def errors_report(exc: BaseException, only_bugs: bool = False) -> None:
    from facilitator.errors import FacilitatorError
    from ui.common import errors

    if not (only_bugs and isinstance(exc, FacilitatorError)):
        errors.report(exc)


_running: set[_Relay] = set()


def start(fn: Callable[[], Any], on_done: Callable[[Any], None],
          on_error: Callable[[BaseException], None] | None = None, owner: QObject | None = None) -> _Relay:
    """Run ``fn`` in a thread; ``on_done(result)`` or ``on_error(exc)`` in the GUI thread, unless
    ``owner`` (the asking window) has been deleted meanwhile."""
    task = _Task(fn)
    relay = _Relay(task, on_done, on_error, owner)
    app = QCoreApplication.instance()
    if app is not None:
        relay.moveToThread(app.thread())
    task.succeeded.connect(relay.done, Qt.ConnectionType.QueuedConnection)
    task.failed.connect(relay.error, Qt.ConnectionType.QueuedConnection)
    _running.add(relay)
    task.start()
    return relay


def busy() -> bool:
    return bool(_running)


def wait_all(ms: int = 30000) -> None:
    """Wait for every running task (closing a window, end of a test)."""
    for relay in list(_running):
        relay.task.wait(ms)
    QCoreApplication.processEvents()
