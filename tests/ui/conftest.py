"""Fixtures of the app's tests: real widgets (offscreen), real event files in tmp_path."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from facilitator.demo import create_demo  # noqa: E402
from ui.common import errors, laptop  # noqa: E402


@pytest.fixture(autouse=True)
def _env(monkeypatch, tmp_path):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACILITATOR_DEVICE", "laptop-test")
    monkeypatch.delenv("FACILITATOR_LANG", raising=False)
    messages: list[str] = []
    monkeypatch.setattr(errors, "show", lambda parent, text, bug: messages.append(text))
    monkeypatch.setattr(errors, "ask", lambda parent, text, choices: messages.append(text))  # no choice
    monkeypatch.setattr(laptop, "ask", lambda parent, current, done: done(None))  # this laptop's name: the default
    return messages


@pytest.fixture
def messages(_env):
    return _env


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.facilitator"
    os.environ.setdefault("FACILITATOR_DEVICE", "laptop-template")
    create_demo(path, device="laptop-template").close()
    return path


@pytest.fixture
def demo_file(demo_template, tmp_path):
    path = tmp_path / "demo.facilitator"
    shutil.copy(demo_template, path)
    return path


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def window(qtbot, demo_file, clock):
    from ui.shell.app import build

    w = build(demo_file, clock=clock)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    yield w
    w.close()
